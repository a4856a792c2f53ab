import { dialog, type BrowserWindow } from 'electron';
import type { HostServices } from './handlers';

/** The OS dialogs behind HostServices. */
export function electronHostServices(window: () => BrowserWindow | null): HostServices {
  return {
    async chooseFilesToImport() {
      const options: Electron.OpenDialogOptions = {
        title: 'Import articles',
        properties: ['openFile', 'multiSelections'],
        filters: [{ name: 'Plain-text articles', extensions: ['txt', 'text'] }],
      };
      const parent = window();
      const result = parent
        ? await dialog.showOpenDialog(parent, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : result.filePaths;
    },
  };
}

export function showFatalError(title: string, message: string): void {
  dialog.showErrorBox(title, message);
}
