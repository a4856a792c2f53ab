import { BrowserWindow, type Session, type WebContents } from 'electron';
import { APP_ORIGIN, APP_URL } from './protocol';

/** The main window: sandboxed, isolated, no Node in the page, nothing but app:// loads in it. */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 480,
    title: 'Byline',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_URL);
  return window;
}

/** No navigation away, no new windows, no webviews, for every web contents the app creates. */
export function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Byline never touches the network: every request that is not app:// is cancelled, and the page
 * may only read the clipboard (for "New article from clipboard").
 */
export function hardenSession(session: Session): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !details.url.startsWith(`${APP_ORIGIN}/`) && !details.url.startsWith('devtools://') });
  });
  const allowed = new Set(['clipboard-read', 'clipboard-sanitized-write']);
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(allowed.has(permission) && details.requestingUrl.startsWith(`${APP_ORIGIN}/`));
  });
  session.setPermissionCheckHandler(
    (_contents, permission, origin) => allowed.has(permission) && origin === APP_ORIGIN,
  );
}

/** True when an IPC message comes from our own page, not from anything else that got loaded. */
export function isTrustedSender(frame: Electron.WebFrameMain | null): boolean {
  return frame?.origin === APP_ORIGIN;
}
