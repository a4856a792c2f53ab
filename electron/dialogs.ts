import { dialog, type BrowserWindow } from 'electron';
import { WORKSPACE_EXTENSIONS } from './about';

/** The OS dialog that chooses what to import: several files, or one folder. */
export async function chooseImportSources(
  parent: BrowserWindow | null,
  what: 'files' | 'folder',
): Promise<string[] | null> {
  const options: Electron.OpenDialogOptions =
    what === 'folder'
      ? { title: 'Import a folder', properties: ['openDirectory'] }
      : {
          title: 'Import files',
          properties: ['openFile', 'multiSelections'],
          filters: [
            {
              name: 'Articles, annotations and datasets',
              extensions: ['txt', 'text', 'md', 'markdown', 'html', 'htm', 'docx', 'ann', 'jsonl', 'json'],
            },
          ],
        };
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : result.filePaths;
}

/** The OS save dialog for an export. */
export async function chooseExportTarget(
  parent: BrowserWindow | null,
  title: string,
  extension: string,
): Promise<string | null> {
  const options: Electron.SaveDialogOptions = {
    title: `Export: ${title}`,
    defaultPath: `byline-export${extension}`,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

/** The OS dialog for File > New Workspace (where to create it) or Open Workspace (which file). */
export async function chooseWorkspaceFile(parent: BrowserWindow | null, mode: 'new' | 'open'): Promise<string | null> {
  const filters = [
    { name: 'Byline workspaces', extensions: WORKSPACE_EXTENSIONS.map((extension) => extension.slice(1)) },
    { name: 'All files', extensions: ['*'] },
  ];
  if (mode === 'new') {
    const options: Electron.SaveDialogOptions = {
      title: 'New Workspace',
      buttonLabel: 'Create',
      defaultPath: `Untitled${WORKSPACE_EXTENSIONS[0]}`,
      filters,
      properties: ['createDirectory'],
    };
    const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  }
  const options: Electron.OpenDialogOptions = { title: 'Open Workspace', filters, properties: ['openFile'] };
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** A message box for what went wrong outside the page (a file given to Byline by the OS, a menu item). */
export async function showError(parent: BrowserWindow | null, message: string, detail: string): Promise<void> {
  const options: Electron.MessageBoxOptions = { type: 'error', message, detail, buttons: ['OK'] };
  if (parent) await dialog.showMessageBox(parent, options);
  else await dialog.showMessageBox(options);
}

export function showFatalError(title: string, message: string): void {
  dialog.showErrorBox(title, message);
}
