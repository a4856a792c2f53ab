/**
 * The app's commands that the application menu (Electron) and the in-app buttons share. The
 * menu sends `{ type: 'command', command }` as a HostEvent; the renderer's command table runs
 * the same function its button runs. Items the OS does by itself (copy, zoom, full screen, quit)
 * are menu roles and not listed here.
 */
export const COMMANDS = [
  'file.newWorkspace',
  'file.openWorkspace',
  'file.import',
  'file.export',
  'file.restoreBackup',
  'edit.undo',
  'edit.redo',
  'edit.find',
  'edit.editText',
  'edit.replace',
  'view.library',
  'view.annotate',
  'view.review',
  'view.agreement',
  'view.analytics',
  'view.settings',
  'view.theme.system',
  'view.theme.light',
  'view.theme.dark',
  'help.shortcuts',
  'help.about',
] as const;

export type Command = (typeof COMMANDS)[number];

export function isCommand(value: unknown): value is Command {
  return typeof value === 'string' && (COMMANDS as readonly string[]).includes(value);
}
