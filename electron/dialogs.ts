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

export function showFatalError(title: string, message: string): void {
  dialog.showErrorBox(title, message);
}
