import { BrowserWindow, type Session } from 'electron';
import {
  APP_URL,
  grantsPermission,
  hasPermission,
  mainWindowOptions,
  shouldCancelRequest,
  type WindowBounds,
} from './hardening';

/** The main window (options in mainWindowOptions), showing app:// once it has painted. */
export function createMainWindow(preloadPath: string, bounds?: WindowBounds): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath, bounds));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_URL);
  return window;
}

/** Cancels every request that would leave the app, and grants only the permissions it needs. */
export function hardenSession(session: Session): void {
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: shouldCancelRequest(details.url) }));
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(grantsPermission(permission, details.requestingUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, origin) => hasPermission(permission, origin));
}
