/**
 * The `app` fixture: Byline running on a fresh workspace file, in whichever host the project
 * names. `chromium` drives real Chromium against the test host; `electron` drives the real app
 * where an Electron binary exists. Specs use only the page, the file dialog and the database.
 */
import { _electron, test as base, expect, type ElectronApplication, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_ORIGIN } from '../../electron/hardening';
import type { Command } from '../../schema/commands';
import { findElectron } from './browser';

/** The Settings choice to show suggestions, as renderer/annotate/useSuggestions.ts keeps it. */
const SUGGESTIONS_SETTING = 'byline.suggestions';

export interface BylineApp {
  page: Page;
  workspacePath: string;
  /** Makes the next "open files" dialog return these paths. */
  answerOpenDialog(paths: string[]): Promise<void>;
  /** Makes the next "save" dialog (where an export goes) return this path. */
  answerSaveDialog(path: string): Promise<void>;
  /** Quits and starts Byline again on the same workspace, at the library. */
  restart(): Promise<void>;
  /** Runs a query on the workspace file, through its own read-only connection. */
  query<T>(sql: string, ...params: unknown[]): T[];
  /** The requests the app made outside its own origin (each aborted), forgotten once returned. */
  takeOutsideRequests(): string[];
  /** Runs a command as its application menu item does (electron: clicks the real item by id). */
  sendCommand(command: Command): Promise<void>;
  /** Tells the test host where files about to be dropped are on disk (electron knows it from the files). */
  answerDrop(paths: string[]): Promise<void>;
  /**
   * Signals the process that holds the workspace (the test host, or Electron's main process):
   * SIGSTOP freezes it (the page still paints; nothing it is sent gets stored), SIGKILL crashes it.
   */
  signalHost(signal: 'SIGSTOP' | 'SIGKILL'): void;
  /** Console errors matching this are the test's own doing (a crash it caused), not the app's. */
  expectConsoleErrors(pattern: RegExp): void;
}

interface Session {
  page: Page;
  answerOpenDialog(paths: string[]): Promise<void>;
  answerSaveDialog(path: string): Promise<void>;
  sendCommand(command: Command): Promise<void>;
  answerDrop(paths: string[]): Promise<void>;
  /** The process that holds the workspace. */
  hostPid: number;
  stop(): Promise<void>;
}

/**
 * Byline on a fresh workspace file of its own. `finish` stops it and checks that its page logged
 * no errors. The `app` and `colleague` fixtures are two of these. A second Electron app needs a
 * user-data folder of its own (`ownProfile`), or the single-instance lock would quit it.
 */
async function launchApp(
  browser: import('@playwright/test').Browser,
  testInfo: import('@playwright/test').TestInfo,
  ownProfile = false,
  prepareWorkspace: WorkspacePreparation | null = null,
  suggestions = false,
): Promise<{ app: BylineApp; finish(): Promise<void> }> {
  const folder = mkdtempSync(join(tmpdir(), 'byline-e2e-'));
  const workspacePath = join(folder, 'workspace.sqlite');
  const problems: string[] = [];
  const expected: RegExp[] = [];
  const outside: string[] = [];
  const start = async (): Promise<Session> => {
    const session =
      testInfo.project.name === 'electron'
        ? await startElectron(workspacePath, ownProfile ? join(folder, 'user-data') : null, outside, suggestions)
        : await startHostSession(browser, workspacePath, outside, suggestions);
    session.page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    session.page.on('console', (message) => {
      if (message.type() === 'error' && !expected.some((p) => p.test(message.text()))) problems.push(`console error: ${message.text()}`);
    });
    return session;
  };

  if (testInfo.project.name === 'electron') {
    const electron = findElectron();
    test.skip('missing' in electron, 'missing' in electron ? electron.missing : '');
  }
  prepareWorkspace?.write(workspacePath);
  let session = await start();
  const app: BylineApp = {
    get page() {
      return session.page;
    },
    workspacePath,
    answerOpenDialog: (paths) => session.answerOpenDialog(paths),
    answerSaveDialog: (path) => session.answerSaveDialog(path),
    async restart() {
      await session.stop();
      session = await start();
    },
    query<T>(sql: string, ...params: unknown[]) {
      const db = new Database(workspacePath, { readonly: true, fileMustExist: true });
      try {
        return db.prepare(sql).all(...params) as T[];
      } finally {
        db.close();
      }
    },
    takeOutsideRequests: () => outside.splice(0),
    sendCommand: (command) => session.sendCommand(command),
    answerDrop: (paths) => session.answerDrop(paths),
    signalHost: (signal) => void process.kill(session.hostPid, signal),
    expectConsoleErrors: (pattern) => void expected.push(pattern),
  };
  return {
    app,
    async finish() {
      await session.stop();
      expect(outside, 'the app made no request outside its own origin (Byline works offline)').toEqual([]);
      expect(problems, 'the page logged no errors (CSP violations and exceptions included)').toEqual([]);
    },
  };
}

/** An object, not a bare function: Playwright would take a function for a fixture. */
export interface WorkspacePreparation {
  write(workspacePath: string): void;
}

export const test = base.extend<{
  app: BylineApp;
  /** A second Byline on a workspace file of its own, for a colleague's side of a hand-over. */
  colleague: BylineApp;
  /** Writes the file the `app` starts on (`test.use`), instead of a fresh workspace. */
  prepareWorkspace: WorkspacePreparation | null;
  /**
   * Whether the app starts with suggestions shown (its Settings choice). Off, unless a spec says:
   * the specs of other features meet only their own annotations on Tab and click.
   */
  suggestions: boolean;
}>({
  prepareWorkspace: [null, { option: true }],
  suggestions: [false, { option: true }],
  app: async ({ browser, prepareWorkspace, suggestions }, use, testInfo) => {
    const { app, finish } = await launchApp(browser, testInfo, false, prepareWorkspace, suggestions);
    await use(app);
    await finish();
  },
  colleague: async ({ browser }, use, testInfo) => {
    const { app, finish } = await launchApp(browser, testInfo, true);
    await use(app);
    await finish();
  },
});

export { expect };

async function startHostSession(
  browser: import('@playwright/test').Browser,
  workspacePath: string,
  outside: string[],
  suggestions: boolean,
): Promise<Session> {
  const host = await spawnHost(workspacePath);
  const context = await browser.newContext();
  await guardOffline(context, host.info.origin, outside);
  // Each session is a fresh browser profile: the Settings choice is made before the first page.
  await context.addInitScript(
    ([key, on]) => {
      try {
        if (localStorage.getItem(key) === null) localStorage.setItem(key, on);
      } catch {
        // A page without storage (the error page of an aborted request) has no settings to make.
      }
    },
    [SUGGESTIONS_SETTING, suggestions ? 'on' : 'off'] as const,
  );
  const page = await context.newPage();
  await page.goto(host.info.loginUrl);
  /** The test's side of the OS: answers a dialog, says where dropped files are, or clicks a menu item. */
  const tellHost = async (endpoint: string, body: object) => {
    const response = await fetch(`${host.info.origin}/__host/${endpoint}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: host.info.origin,
        cookie: `${host.info.cookieName}=${host.info.token}`,
      },
      body: JSON.stringify(body),
    });
    expect(response.status, await response.text()).toBe(204);
  };
  const answerOpenDialog = (paths: string[]) => tellHost('open-dialog', { paths });
  return {
    page,
    answerOpenDialog,
    sendCommand: (command) => tellHost('command', { command }),
    answerDrop: (paths) => tellHost('drop', { paths }),
    hostPid: host.process.pid!,
    // The host answers every OS dialog from one queue: a save dialog takes the first path.
    answerSaveDialog: (path) => answerOpenDialog([path]),
    async stop() {
      await context.close();
      await host.stop();
    },
  };
}

interface HostInfo {
  loginUrl: string;
  origin: string;
  token: string;
  cookieName: string;
}

/** Starts dist/host/server.mjs on a workspace and waits for the line that says where it listens. */
export async function spawnHost(
  workspacePath: string,
  /** The host's build: dist/host/server.mjs, or a snapshot of it (e2e/bench/host.ts's snapshotBuild). */
  server = 'dist/host/server.mjs',
): Promise<{ info: HostInfo; process: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [server, '--workspace', workspacePath], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const info = await new Promise<HostInfo>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = /^BYLINE_HOST (.+)$/m.exec(stdout);
      if (line) resolve(JSON.parse(line[1]!) as HostInfo);
    });
    child.once('exit', (code) => reject(new Error(`The test host exited (${code}): ${stderr}`)));
  });
  return {
    info,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Aborts every request of `context` that is not for `origin` (data: and blob: URLs are local too)
 * and records its URL in `outside`, for `finish` to fail the test with.
 */
async function guardOffline(
  context: import('@playwright/test').BrowserContext,
  origin: string,
  outside: string[],
): Promise<void> {
  const local = (url: URL) => url.href.startsWith(`${origin}/`) || url.protocol === 'data:' || url.protocol === 'blob:';
  await context.route(
    (url) => !local(url),
    (route) => {
      outside.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
}

async function startElectron(
  workspacePath: string,
  userDataDir: string | null,
  outside: string[],
  suggestions: boolean,
): Promise<Session> {
  const electron = findElectron();
  if (!('path' in electron)) throw new Error(electron.missing);
  const app: ElectronApplication = await _electron.launch({
    executablePath: electron.path,
    args: [...(userDataDir ? [`--user-data-dir=${userDataDir}`] : []), '.', '--workspace', workspacePath],
  });
  // The app cancels outside requests itself (hardenSession); this makes any attempt fail the test.
  await guardOffline(app.context(), APP_ORIGIN, outside);
  const page = await app.firstWindow();
  await page.evaluate(([key, on]) => localStorage.setItem(key, on), [SUGGESTIONS_SETTING, suggestions ? 'on' : 'off'] as const);
  await page.reload();
  return {
    page,
    async answerOpenDialog(paths) {
      await app.evaluate(({ dialog }, filePaths) => {
        dialog.showOpenDialog = (() => Promise.resolve({ canceled: false, filePaths })) as never;
      }, paths);
    },
    async answerSaveDialog(path) {
      await app.evaluate(({ dialog }, filePath) => {
        dialog.showSaveDialog = (() => Promise.resolve({ canceled: false, filePath })) as never;
      }, path);
    },
    async sendCommand(command) {
      await app.evaluate(({ Menu }, id) => {
        const item = Menu.getApplicationMenu()?.getMenuItemById(id);
        if (!item) throw new Error(`The application menu has no item ${id}.`);
        item.click();
      }, command);
    },
    // A file set on an <input> carries its real path, which the preload reads with webUtils.
    answerDrop: async () => {},
    hostPid: app.process().pid!,
    stop: () => app.close(),
  };
}
