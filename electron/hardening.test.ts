import type { WindowOpenHandlerResponse } from 'electron';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Handlers } from './handlers';
import {
  APP_URL,
  grantsPermission,
  hardenWebContents,
  hasPermission,
  ipcReply,
  isTrustedOrigin,
  mainWindowOptions,
  refuse,
  shouldCancelRequest,
} from './hardening';
import { openAppWorkspace } from './open-app-workspace';
import type { Workspace } from './store/workspace';
import { handlersFor } from './testing/handlers';
import { tempDir } from './testing/temp';

describe('mainWindowOptions', () => {
  it('isolates and sandboxes the page, with no Node, no webviews and web security on', () => {
    const options = mainWindowOptions('/app/dist/electron/preload.cjs');
    expect(options.webPreferences).toEqual({
      preload: '/app/dist/electron/preload.cjs',
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
    });
    // Shown on ready-to-show, so the window never flashes empty.
    expect(options.show).toBe(false);
  });

  it('opens at the default size where the OS puts it, or at saved bounds', () => {
    const fresh = mainWindowOptions('/p.cjs');
    expect([fresh.width, fresh.height]).toEqual([1280, 860]);
    expect(fresh).not.toHaveProperty('x');
    expect(fresh).not.toHaveProperty('y');

    expect(mainWindowOptions('/p.cjs', { x: 40, y: 30, width: 900, height: 700 })).toMatchObject({
      x: 40,
      y: 30,
      width: 900,
      height: 700,
      minWidth: 720,
      minHeight: 480,
    });
    const sizeOnly = mainWindowOptions('/p.cjs', { width: 1000, height: 800 });
    expect([sizeOnly.width, sizeOnly.height]).toEqual([1000, 800]);
    expect(sizeOnly).not.toHaveProperty('x');
  });
});

describe('shouldCancelRequest', () => {
  it("lets through the app's own files, local data and the developer tools", () => {
    for (const url of [
      APP_URL,
      'app://byline/assets/index-1.js',
      'data:image/png;base64,iVBORw0KGgo=',
      'blob:app://byline/6f1c7a2e-2b1e-4f7b-9a51-3f0d1b0c9e11',
      'devtools://devtools/bundled/devtools_app.html',
    ]) {
      expect(shouldCancelRequest(url), url).toBe(false);
    }
  });

  it('cancels everything else: the network, files, and look-alike origins', () => {
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:5173/index.html',
      'ws://127.0.0.1:9222/',
      'file:///etc/passwd',
      'app://evil/index.html',
      'app://byline.evil.example/index.html',
      'app://bylinex/index.html',
      'blob:https://example.com/6f1c7a2e-2b1e-4f7b-9a51-3f0d1b0c9e11',
    ]) {
      expect(shouldCancelRequest(url), url).toBe(true);
    }
  });
});

describe('permissions', () => {
  it('grants only the clipboard, and only to the app', () => {
    expect(grantsPermission('clipboard-read', APP_URL)).toBe(true);
    expect(grantsPermission('clipboard-sanitized-write', APP_URL)).toBe(true);
    expect(grantsPermission('clipboard-read', 'https://example.com/')).toBe(false);
    expect(grantsPermission('clipboard-read', 'app://evil/index.html')).toBe(false);
    for (const permission of ['geolocation', 'media', 'notifications', 'openExternal', 'fullscreen']) {
      expect(grantsPermission(permission, APP_URL), permission).toBe(false);
    }
  });

  it('answers permission checks the same way, by origin', () => {
    expect(hasPermission('clipboard-read', 'app://byline')).toBe(true);
    expect(hasPermission('clipboard-read', 'http://127.0.0.1:5173')).toBe(false);
    expect(hasPermission('geolocation', 'app://byline')).toBe(false);
  });
});

describe('hardenWebContents', () => {
  // WebContents is an EventEmitter with a window-open handler; this is that much of it.
  const contents = () => {
    const emitter = new EventEmitter();
    let openHandler: (() => WindowOpenHandlerResponse) | null = null;
    const guarded = Object.assign(emitter, {
      setWindowOpenHandler: (handler: () => WindowOpenHandlerResponse) => (openHandler = handler),
    });
    hardenWebContents(guarded);
    return { emitter, openWindow: () => openHandler?.() };
  };

  it('prevents will-navigate, will-redirect and will-attach-webview', () => {
    const { emitter } = contents();
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      emitter.emit(name, { preventDefault: () => (prevented = true) }, 'https://example.com/');
      expect(prevented, name).toBe(true);
    }
  });

  it('denies every window.open', () => {
    expect(contents().openWindow()).toEqual({ action: 'deny' });
  });

  it('refuse prevents the event it is given', () => {
    let prevented = 0;
    refuse({ preventDefault: () => (prevented += 1) });
    expect(prevented).toBe(1);
  });
});

describe('IPC sender check', () => {
  let ws: Workspace;
  let handlers: Handlers;
  beforeEach(() => {
    ws = openAppWorkspace(join(tempDir(), 'ws.sqlite'), 'Tester');
    handlers = handlersFor(ws);
  });
  afterEach(() => ws.close());

  it('accepts only the app:// origin', () => {
    expect(isTrustedOrigin('app://byline')).toBe(true);
    for (const origin of [null, undefined, 'null', 'file://', 'http://127.0.0.1:5173', 'app://evil', 'app://byline.evil']) {
      expect(isTrustedOrigin(origin), String(origin)).toBe(false);
    }
  });

  it("answers a request from the app's own page", async () => {
    const reply = await ipcReply({ origin: 'app://byline' }, handlers, 'collections.create', { name: 'Batch A' });
    expect(reply).toMatchObject({ ok: true, value: { name: 'Batch A' } });
    expect(ws.db.prepare('SELECT name FROM collections').pluck().all()).toEqual(['Batch A']);
  });

  it('refuses any other sender without running the handler', async () => {
    const senders = [null, { origin: 'null' }, { origin: 'file://' }, { origin: 'http://127.0.0.1:41234' }, { origin: 'app://evil' }];
    for (const frame of senders) {
      expect(await ipcReply(frame, handlers, 'collections.create', { name: 'Evil' }), JSON.stringify(frame)).toEqual({
        ok: false,
        error: { code: 'invalid_request', message: 'Refused: not sent by Byline.' },
      });
    }
    expect(ws.db.prepare('SELECT count(*) FROM collections').pluck().get()).toBe(0);
  });

  it('still validates what the app sends', async () => {
    const reply = await ipcReply({ origin: 'app://byline' }, handlers, 'collections.create', { name: 7 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });
});
