/**
 * Every security decision of the Electron main process, as plain functions: window.ts, protocol.ts
 * and main.ts only wire them to Electron, so the decisions are tested in plain Node.
 */
import type { BrowserWindowConstructorOptions, WindowOpenHandlerResponse } from 'electron';
import type { Reply } from '../schema/api';
import { dispatch } from './dispatch';
import type { Handlers } from './handlers';

export const APP_ORIGIN = 'app://byline';
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Where and how big the window opens: saved bounds, or the default size centred by the OS. */
export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

const DEFAULT_BOUNDS: WindowBounds = { width: 1280, height: 860 };

/** The main window: sandboxed, isolated, no Node in the page, no webviews, web security on. */
export function mainWindowOptions(
  preloadPath: string,
  bounds: WindowBounds = DEFAULT_BOUNDS,
): BrowserWindowConstructorOptions {
  return {
    ...(bounds.x === undefined ? {} : { x: bounds.x }),
    ...(bounds.y === undefined ? {} : { y: bounds.y }),
    width: bounds.width,
    height: bounds.height,
    minWidth: 720,
    minHeight: 480,
    title: 'Byline',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/**
 * Byline never touches the network: a request is cancelled unless it is for the app's own files,
 * local data (data:, and blob: URLs the app made, such as a CSV download) or the developer tools.
 */
export function shouldCancelRequest(url: string): boolean {
  const local = [`${APP_ORIGIN}/`, `blob:${APP_ORIGIN}/`, 'data:', 'devtools://'];
  return !local.some((prefix) => url.startsWith(prefix));
}

/** The page may only read and write the clipboard (for "New article from clipboard"). */
const ALLOWED_PERMISSIONS = new Set(['clipboard-read', 'clipboard-sanitized-write']);

/** Whether a permission the page asks for is granted (`requestingUrl` is the asking page's URL). */
export function grantsPermission(permission: string, requestingUrl: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && requestingUrl.startsWith(`${APP_ORIGIN}/`);
}

/** Whether a permission counts as granted when the page checks it, for the checking origin. */
export function hasPermission(permission: string, origin: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isTrustedOrigin(origin);
}

export function isTrustedOrigin(origin: string | null | undefined): boolean {
  return origin === APP_ORIGIN;
}

/** The part of an Electron event the guards use. */
export interface Preventable {
  preventDefault(): void;
}

/** For will-navigate, will-redirect and will-attach-webview: nothing but app:// ever loads. */
export function refuse(event: Preventable): void {
  event.preventDefault();
}

/** For setWindowOpenHandler: the app opens no windows. */
export function denyWindowOpen(): WindowOpenHandlerResponse {
  return { action: 'deny' };
}

/** What hardenWebContents needs of a WebContents. */
export interface GuardedContents {
  setWindowOpenHandler(handler: () => WindowOpenHandlerResponse): void;
  on(event: 'will-navigate', listener: (event: Preventable) => void): unknown;
  on(event: 'will-redirect', listener: (event: Preventable) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Preventable) => void): unknown;
}

/** No navigation away, no new windows, no webviews, for every web contents the app creates. */
export function hardenWebContents(contents: GuardedContents): void {
  contents.setWindowOpenHandler(denyWindowOpen);
  contents.on('will-navigate', refuse);
  contents.on('will-redirect', refuse);
  contents.on('will-attach-webview', refuse);
}

export const REFUSED_SENDER: Reply<never> = {
  ok: false,
  error: { code: 'invalid_request', message: 'Refused: not sent by Byline.' },
};

/**
 * The reply to an IPC request: dispatched only when it comes from the app's own page (`frame` is
 * the event's senderFrame, null once that frame is gone), refused unanswered otherwise.
 */
export async function ipcReply(
  frame: { origin: string } | null,
  handlers: Handlers,
  channel: string,
  request: unknown,
): Promise<Reply<unknown>> {
  return isTrustedOrigin(frame?.origin) ? dispatch(handlers, channel, request) : REFUSED_SENDER;
}
