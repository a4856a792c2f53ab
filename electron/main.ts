import { app, ipcMain, screen, session, type BrowserWindow } from 'electron';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { channelNames, EVENT_CHANNEL, type HostEvent } from '../schema/api';
import { APP_STATE_FILE, AppStateFile } from './app-state';
import { chooseExportTarget, chooseImportSources, chooseWorkspaceFile, showError, showFatalError } from './dialogs';
import { kindOfPath, parseLaunchArgs, type LaunchRequest } from './launch-args';
import { keychainCredentials } from './keychain';
import { installAppMenu } from './menu';
import { restoredBounds } from './window-bounds';
import { hardenWebContents, ipcReply } from './hardening';
import { AppSession } from './app-session';
import { registerAppScheme, serveRenderer } from './protocol';
import { createMainWindow, hardenSession } from './window';
import { resolveWorkspacePath } from './workspace-path';

let mainWindow: BrowserWindow | null = null;
/** Runs what a launch asks for once the app has started; until then, macOS open-file requests wait here. */
let fulfil: ((request: LaunchRequest) => void) | null = null;
const openedBeforeStart: string[] = [];

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // A second launch (a file double-clicked, `byline file.txt`) hands its command line to this one.
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
    fulfil?.(parseLaunchArgs(argv, { cwd: workingDirectory, defaultApp: process.defaultApp === true, kindOf: kindOfPath }));
  });
  // macOS hands files opened from the Finder or the Dock here, before `ready` on a first launch.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (fulfil) fulfil(launchRequestFor(path));
    else openedBeforeStart.push(path);
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.whenReady().then(start, (error: unknown) => {
    showFatalError('Byline could not start', String(error));
    app.exit(1);
  });
}

function start(): void {
  const launch = parseLaunchArgs(process.argv, { cwd: process.cwd(), defaultApp: process.defaultApp === true, kindOf: kindOfPath });
  const path = launch.workspace ?? resolveWorkspacePath([], process.env, app.getPath('userData'));
  const state = new AppStateFile(join(app.getPath('userData'), APP_STATE_FILE));
  const emit = (event: HostEvent) => mainWindow?.webContents.send(EVENT_CHANNEL, event);
  let appSession: AppSession;
  try {
    appSession = new AppSession(path, {
      workerFile: join(__dirname, 'jobs-worker.cjs'),
      emit,
      userName: localUserName(),
      services: {
        chooseImportSources: (what) => chooseImportSources(mainWindow, what),
        chooseExportTarget: (title, extension) => chooseExportTarget(mainWindow, title, extension),
        chooseWorkspaceFile: (mode) => chooseWorkspaceFile(mainWindow, mode),
        recents: state,
        hostName: 'Electron',
        credentials: keychainCredentials(),
      },
    });
  } catch (error) {
    showFatalError('Byline cannot open the workspace', (error as Error).message);
    app.exit(1);
    return;
  }

  hardenSession(session.defaultSession);
  serveRenderer(join(__dirname, '..', 'renderer'));
  const { handlers } = appSession;
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, request: unknown) => ipcReply(event.senderFrame, handlers, channel, request));
  }

  state.addRecent(path);
  state.onRecentChange(() => {
    const latest = state.recent()[0];
    if (latest) app.addRecentDocument(latest);
  });
  installAppMenu(state, {
    send: (command) => emit({ type: 'command', command }),
    openRecent: (recent) =>
      void (async () => {
        try {
          await handlers['workspace.openRecent']({ path: recent });
          emit({ type: 'workspace.switched', path: recent });
        } catch (error) {
          await showError(mainWindow, 'Byline cannot open this workspace', (error as Error).message);
        }
      })(),
  });

  const saved = state.current.window;
  const bounds = restoredBounds(saved, screen.getAllDisplays().map((display) => display.workArea));
  mainWindow = createMainWindow(join(__dirname, 'preload.cjs'), bounds);
  if (bounds && saved?.maximized) mainWindow.maximize();
  rememberWindowPlace(mainWindow, state);
  mainWindow.on('closed', () => (mainWindow = null));

  fulfil = (request) => void fulfilLaunch(appSession, request);
  fulfil({ ...launch, workspace: null });
  for (const opened of openedBeforeStart.splice(0)) fulfil(launchRequestFor(opened));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void appSession.close());
}

/** Opens the workspace a launch names and queues its imports for the renderer; tells the person what could not be done. */
async function fulfilLaunch(appSession: AppSession, request: LaunchRequest): Promise<void> {
  if (request.missing.length > 0) {
    await showError(mainWindow, 'Byline cannot open what it was given', request.missing.map((p) => `${p}: there is no such file or folder.`).join('\n'));
  }
  if (request.workspace && request.workspace !== appSession.workspace.path) {
    try {
      await appSession.openRequested(request.workspace);
    } catch (error) {
      await showError(mainWindow, 'Byline cannot open this workspace', (error as Error).message);
    }
  }
  appSession.requestImports(request.imports);
}

function launchRequestFor(path: string): LaunchRequest {
  const kind = kindOfPath(path);
  return {
    workspace: kind === 'workspace' ? path : null,
    imports: kind === 'importable' ? [path] : [],
    missing: kind === 'missing' ? [path] : [],
  };
}

/** Saves the window's place when it stops moving or resizing, and as it closes. */
function rememberWindowPlace(window: BrowserWindow, state: AppStateFile): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(timer);
    if (window.isDestroyed()) return;
    state.saveWindow({ ...window.getNormalBounds(), maximized: window.isMaximized() });
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('maximize', later);
  window.on('unmaximize', later);
  window.on('close', save);
}

function localUserName(): string {
  try {
    return userInfo().username || 'Me';
  } catch {
    return 'Me';
  }
}
