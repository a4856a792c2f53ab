import { dialog, type BrowserWindow } from 'electron';

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

export function showFatalError(title: string, message: string): void {
  dialog.showErrorBox(title, message);
}
