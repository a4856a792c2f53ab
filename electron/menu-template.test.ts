import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { COMMANDS, type Command } from '../schema/commands';
import { menuTemplate, recentItemId } from './menu-template';

const PLATFORMS = ['darwin', 'win32', 'linux'] as const;

function build(platform: NodeJS.Platform, recent = [{ path: '/w/ferries.bylinedb', name: 'ferries' }]) {
  const sent: Command[] = [];
  const opened: string[] = [];
  const template = menuTemplate({
    platform,
    appName: 'Byline',
    recent,
    send: (command) => sent.push(command),
    openRecent: (path) => opened.push(path),
  });
  return { template, sent, opened };
}

/** Every item of the template, submenus included, in menu order. */
function items(template: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

const byId = (template: readonly MenuItemConstructorOptions[], id: string) => {
  const found = items(template).find((item) => item.id === id);
  if (!found) throw new Error(`no menu item ${id}`);
  return found;
};

/** Runs an item's click as Electron would. */
const click = (item: MenuItemConstructorOptions) =>
  (item.click as () => void)();

const topLabels = (template: readonly MenuItemConstructorOptions[]) =>
  template.map((item) => item.label?.replace('&', '') ?? item.role);

describe('menuTemplate', () => {
  it('follows macOS: an app menu with About, Settings, Hide and Quit, then File, Edit, View, Window, Help', () => {
    const { template } = build('darwin');
    expect(topLabels(template)).toEqual(['Byline', 'File', 'Edit', 'View', 'windowMenu', 'Help']);
    const appMenu = template[0]!.submenu as MenuItemConstructorOptions[];
    expect(appMenu.map((item) => item.id ?? item.role ?? item.type)).toEqual([
      'help.about',
      'separator',
      'view.settings',
      'separator',
      'services',
      'separator',
      'hide',
      'hideOthers',
      'unhide',
      'separator',
      'quit',
    ]);
    expect(byId(template, 'help.about').label).toBe('About Byline');
    expect(items(template.slice(1)).some((item) => item.role === 'quit')).toBe(false);
    expect(items(template[1]!.submenu as MenuItemConstructorOptions[]).at(-1)!.role).toBe('close');
  });

  it.each(['win32', 'linux'] as const)('follows %s: File, Edit, View, Help with mnemonics, About in Help, Quit in File', (platform) => {
    const { template } = build(platform);
    expect(template.map((item) => item.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    const file = template[0]!.submenu as MenuItemConstructorOptions[];
    expect(file.at(-1)).toMatchObject({ role: 'quit', label: platform === 'win32' ? 'E&xit' : '&Quit' });
    const help = template[3]!.submenu as MenuItemConstructorOptions[];
    expect(help.map((item) => item.id ?? item.type)).toEqual(['help.shortcuts', 'separator', 'help.about']);
    expect(byId(template, 'edit.redo').accelerator).toBe('Ctrl+Y');
  });

  it.each(PLATFORMS)('on %s, reaches every command once, each click sending its own command', (platform) => {
    const { template, sent } = build(platform);
    const commandItems = items(template).filter((item) => (COMMANDS as readonly string[]).includes(item.id ?? ''));
    expect(commandItems.map((item) => item.id).sort()).toEqual([...COMMANDS].sort());
    for (const item of commandItems) click(item);
    expect(sent).toEqual(commandItems.map((item) => item.id));
  });

  it.each(PLATFORMS)('on %s, has the File, Edit, View and Help items with their accelerators', (platform) => {
    const { template } = build(platform);
    const accelerators = Object.fromEntries(
      items(template)
        .filter((item) => item.id && item.accelerator)
        .map((item) => [item.id, item.accelerator]),
    );
    expect(accelerators).toEqual({
      'file.newWorkspace': 'CmdOrCtrl+N',
      'file.openWorkspace': 'CmdOrCtrl+O',
      'file.import': 'CmdOrCtrl+I',
      'file.export': 'CmdOrCtrl+E',
      'edit.undo': 'CmdOrCtrl+Z',
      'edit.redo': platform === 'darwin' ? 'Shift+CmdOrCtrl+Z' : 'Ctrl+Y',
      'edit.find': 'CmdOrCtrl+F',
      'edit.editText': 'E',
      'edit.replace': 'Ctrl+H',
      'view.library': 'CmdOrCtrl+1',
      'view.annotate': 'CmdOrCtrl+2',
      'view.review': 'CmdOrCtrl+3',
      'view.agreement': 'CmdOrCtrl+4',
      'view.analytics': 'CmdOrCtrl+5',
      'view.settings': 'CmdOrCtrl+,',
      'help.shortcuts': '?',
    });
    const roles = items(template).map((item) => item.role).filter(Boolean);
    expect(roles).toEqual(expect.arrayContaining(['copy', 'paste', 'cut', 'selectAll', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen', 'quit']));
  });

  it.each(PLATFORMS)('on %s, leaves the keys the renderer handles to it, so text fields keep their own undo', (platform) => {
    const { template } = build(platform);
    const unregistered = items(template)
      .filter((item) => item.registerAccelerator === false)
      .map((item) => item.id);
    expect(unregistered.sort()).toEqual(['edit.editText', 'edit.find', 'edit.redo', 'edit.replace', 'edit.undo', 'help.shortcuts']);
  });

  it('lists the recent workspaces, most recent first, each opening its file', () => {
    const recent = [
      { path: '/w/ferries.bylinedb', name: 'ferries' },
      { path: '/old/budget.sqlite', name: 'budget' },
    ];
    const { template, opened, sent } = build('linux', recent);
    const submenu = byId(template, 'file.openRecent').submenu as MenuItemConstructorOptions[];
    expect(submenu.map((item) => item.label)).toEqual(['ferries — /w/ferries.bylinedb', 'budget — /old/budget.sqlite']);
    click(byId(template, recentItemId('/old/budget.sqlite')));
    expect(opened).toEqual(['/old/budget.sqlite']);
    expect(sent).toEqual([]);
  });

  it('says there are no recent workspaces rather than showing an empty menu', () => {
    const submenu = byId(build('darwin', []).template, 'file.openRecent').submenu as MenuItemConstructorOptions[];
    expect(submenu).toEqual([{ label: 'No Recent Workspaces', enabled: false }]);
  });
});
