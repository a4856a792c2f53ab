import { app, ipcMain, session, type BrowserWindow } from 'electron';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { channelNames, EVENT_CHANNEL, type HostEvent } from '../schema/api';
import { chooseExportTarget, chooseImportSources, showFatalError } from './dialogs';
import { Jobs } from './jobs/jobs';
import { dispatch } from './dispatch';
import { createHandlers } from './handlers';
import { openAppWorkspace } from './open-app-workspace';
import { registerAppScheme, serveRenderer } from './protocol';
import type { Workspace } from './store/workspace';
import { createMainWindow, hardenSession, hardenWebContents, isTrustedSender } from './window';
import { resolveWorkspacePath } from './workspace-path';

let mainWindow: BrowserWindow | null = null;

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.whenReady().then(start, (error: unknown) => {
    showFatalError('Byline could not start', String(error));
    app.exit(1);
  });
}

function start(): void {
  const path = resolveWorkspacePath(process.argv, process.env, app.getPath('userData'));
  let ws: Workspace;
  try {
    ws = openAppWorkspace(path, localUserName());
  } catch (error) {
    showFatalError('Byline cannot open the workspace', (error as Error).message);
    app.exit(1);
    return;
  }

  hardenSession(session.defaultSession);
  serveRenderer(join(__dirname, '..', 'renderer'));
  const jobs = new Jobs(path, join(__dirname, 'jobs-worker.cjs'), (event: HostEvent) =>
    mainWindow?.webContents.send(EVENT_CHANNEL, event),
  );
  const handlers = createHandlers(ws, {
    chooseImportSources: (what) => chooseImportSources(mainWindow, what),
    chooseExportTarget: (title, extension) => chooseExportTarget(mainWindow, title, extension),
    jobs,
  });
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, request: unknown) =>
      isTrustedSender(event.senderFrame)
        ? dispatch(handlers, channel, request)
        : { ok: false, error: { code: 'invalid_request', message: 'Refused: not sent by Byline.' } },
    );
  }

  mainWindow = createMainWindow(join(__dirname, 'preload.cjs'));
  mainWindow.on('closed', () => (mainWindow = null));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    void jobs.stopAll();
    ws.close();
  });
}

function localUserName(): string {
  try {
    return userInfo().username || 'Me';
  } catch {
    return 'Me';
  }
}
