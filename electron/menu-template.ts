/**
 * The application menu as data, for one platform: menu.ts hands it to Electron. Items that are the
 * app's own commands carry the command as their id and send it to the renderer, which runs the
 * same function as the matching button. What the OS does by itself (copy, zoom, full screen,
 * quit) is a role. Pure: `import type` only, so it is tested in plain Node.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { Command } from '../schema/commands';

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** The recent workspaces, most recent first. */
  recent: readonly { path: string; name: string }[];
  send(command: Command): void;
  openRecent(path: string): void;
}

/** The id of an Open Recent item: unique, and how the electron e2e project finds it. */
export const recentItemId = (path: string) => `file.openRecent:${path}`;

export function menuTemplate({ platform, appName, recent, send, openRecent }: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const command = (id: Command, label: string, extra: MenuItemConstructorOptions = {}): MenuItemConstructorOptions => ({
    id,
    label,
    click: () => send(id),
    ...extra,
  });
  /**
   * Keys the renderer handles itself (undo, redo, find, E, ?): the menu shows them, but registering
   * them would take them from text fields, whose own undo and typing must keep working.
   */
  const shownOnly = (accelerator: string): MenuItemConstructorOptions => ({ accelerator, registerAccelerator: false });
  const separator: MenuItemConstructorOptions = { type: 'separator' };

  const about = command('help.about', `About ${appName}`);
  const settings = command('view.settings', mac ? 'Settings…' : 'Settings', { accelerator: 'CmdOrCtrl+,' });

  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      about,
      separator,
      settings,
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };

  const openRecentMenu: MenuItemConstructorOptions = {
    id: 'file.openRecent',
    label: 'Open Recent',
    submenu:
      recent.length === 0
        ? [{ label: 'No Recent Workspaces', enabled: false }]
        : recent.map(({ path, name }) => ({
            id: recentItemId(path),
            label: `${name} — ${path}`,
            click: () => openRecent(path),
          })),
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: mac ? 'File' : '&File',
    submenu: [
      command('file.newWorkspace', 'New Workspace…', { accelerator: 'CmdOrCtrl+N' }),
      command('file.openWorkspace', 'Open Workspace…', { accelerator: 'CmdOrCtrl+O' }),
      openRecentMenu,
      separator,
      command('file.import', 'Import…', { accelerator: 'CmdOrCtrl+I' }),
      command('file.export', 'Export…', { accelerator: 'CmdOrCtrl+E' }),
      separator,
      command('file.restoreBackup', 'Restore from Backup…'),
      separator,
      mac ? { role: 'close' } : { role: 'quit', label: platform === 'win32' ? 'E&xit' : '&Quit' },
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: mac ? 'Edit' : '&Edit',
    submenu: [
      command('edit.undo', 'Undo', shownOnly('CmdOrCtrl+Z')),
      command('edit.redo', 'Redo', shownOnly(mac ? 'Shift+CmdOrCtrl+Z' : 'Ctrl+Y')),
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      separator,
      command('edit.find', 'Find', shownOnly('CmdOrCtrl+F')),
      separator,
      // In an article: its text becomes editable (E again, or Esc, saves it).
      command('edit.editText', 'Edit Text', shownOnly('E')),
      command('edit.replace', 'Find and Replace…', shownOnly('Ctrl+H')),
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: mac ? 'View' : '&View',
    submenu: [
      command('view.library', 'Library', { accelerator: 'CmdOrCtrl+1' }),
      command('view.annotate', 'Annotate', { accelerator: 'CmdOrCtrl+2' }),
      command('view.review', 'Review', { accelerator: 'CmdOrCtrl+3' }),
      command('view.agreement', 'Agreement', { accelerator: 'CmdOrCtrl+4' }),
      command('view.analytics', 'Analytics', { accelerator: 'CmdOrCtrl+5' }),
      ...(mac ? [] : [settings]),
      separator,
      {
        label: 'Theme',
        submenu: [
          command('view.theme.system', 'Follow the System'),
          command('view.theme.light', 'Light'),
          command('view.theme.dark', 'Dark'),
        ],
      },
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };

  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    label: mac ? 'Help' : '&Help',
    submenu: [command('help.shortcuts', 'Keyboard Shortcuts', shownOnly('?')), ...(mac ? [] : [separator, about])],
  };

  return mac
    ? [appMenu, fileMenu, editMenu, viewMenu, { role: 'windowMenu' }, helpMenu]
    : [fileMenu, editMenu, viewMenu, helpMenu];
}
