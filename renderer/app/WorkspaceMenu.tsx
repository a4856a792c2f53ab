import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { RecentWorkspace } from '../../schema/api';
import { call } from '../api';
import { useCommands } from './commands';

/**
 * The header's workspace menu (a menu button, as WAI-ARIA describes it): New Workspace…, Open
 * Workspace…, the recent workspaces, the keys and About. The same commands as the app's menu.
 */
export function WorkspaceMenu({ name }: { name: string | null }) {
  const commands = useCommands();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [recent, setRecent] = useState<RecentWorkspace[]>([]);
  const [focusAt, setFocusAt] = useState<'first' | 'last'>('first');
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  const items = () => [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];

  const show = (at: 'first' | 'last') => {
    setFocusAt(at);
    setOpen(true);
    void call('workspace.recent', {}).then(setRecent, () => setRecent([]));
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    // The recent list arrives after the menu opens: a person already moving in it keeps their place.
    if (menu.current?.contains(document.activeElement)) return;
    const list = items();
    (focusAt === 'first' ? list[0] : list.at(-1))?.focus();
  }, [open, focusAt, recent]);

  useEffect(() => {
    if (!open) return;
    const outside = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node) && !button.current?.contains(event.target as Node)) close(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const onMenuKey = (event: KeyboardEvent) => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    const move = (index: number) => list[(index + list.length) % list.length]?.focus();
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(list.length - 1);
    else if (event.key === 'Escape') close(true);
    else if (event.key === 'Tab') return close(false);
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  const run = (action: () => void) => () => {
    close(true);
    action();
  };
  const others = recent.filter((r) => !r.current);

  return (
    <div className="workspace-menu">
      <button
        ref={button}
        type="button"
        id={`${id}-button`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => (open ? close(false) : show('first'))}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            show(event.key === 'ArrowDown' ? 'first' : 'last');
          }
        }}
      >
        Workspace{name ? `: ${name}` : ''}
      </button>
      {open && (
        <div ref={menu} id={`${id}-menu`} role="menu" aria-labelledby={`${id}-button`} className="menu" onKeyDown={onMenuKey}>
          <button type="button" role="menuitem" tabIndex={-1} onClick={run(commands['file.newWorkspace'])}>
            New Workspace…
          </button>
          <button type="button" role="menuitem" tabIndex={-1} onClick={run(commands['file.openWorkspace'])}>
            Open Workspace…
          </button>
          {others.length > 0 && (
            <>
              <div role="separator" />
              <div role="group" aria-label="Recent workspaces">
                {others.map((workspace) => (
                  <button
                    key={workspace.path}
                    type="button"
                    role="menuitem"
                    tabIndex={-1}
                    title={workspace.path}
                    onClick={run(() => commands.openRecent(workspace.path))}
                  >
                    <span className="menu-item-name">
                      {workspace.name}
                      {workspace.missing ? ' (missing)' : ''}
                    </span>
                    <span className="menu-item-detail">{workspace.path}</span>
                  </button>
                ))}
              </div>
            </>
          )}
          <div role="separator" />
          <button type="button" role="menuitem" tabIndex={-1} onClick={run(commands['help.shortcuts'])}>
            Keyboard Shortcuts
          </button>
          <button type="button" role="menuitem" tabIndex={-1} onClick={run(commands['help.about'])}>
            About Byline
          </button>
        </div>
      )}
    </div>
  );
}
