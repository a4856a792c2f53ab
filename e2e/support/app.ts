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
import { findElectron } from './browser';

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
}

interface Session {
  page: Page;
  answerOpenDialog(paths: string[]): Promise<void>;
  answerSaveDialog(path: string): Promise<void>;
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
): Promise<{ app: BylineApp; finish(): Promise<void> }> {
  const folder = mkdtempSync(join(tmpdir(), 'byline-e2e-'));
  const workspacePath = join(folder, 'workspace.sqlite');
  const problems: string[] = [];
  const start = async (): Promise<Session> => {
    const session =
      testInfo.project.name === 'electron'
        ? await startElectron(workspacePath, ownProfile ? join(folder, 'user-data') : null)
        : await startHostSession(browser, workspacePath);
    session.page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    session.page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    return session;
  };

  if (testInfo.project.name === 'electron') {
    const electron = findElectron();
    test.skip('missing' in electron, 'missing' in electron ? electron.missing : '');
  }
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
  };
  return {
    app,
    async finish() {
      await session.stop();
      expect(problems, 'the page logged no errors (CSP violations and exceptions included)').toEqual([]);
    },
  };
}

export const test = base.extend<{
  app: BylineApp;
  /** A second Byline on a workspace file of its own, for a colleague's side of a hand-over. */
  colleague: BylineApp;
}>({
  app: async ({ browser }, use, testInfo) => {
    const { app, finish } = await launchApp(browser, testInfo);
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
): Promise<Session> {
  const host = await spawnHost(workspacePath);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(host.info.loginUrl);
  const answerOpenDialog = async (paths: string[]) => {
    const response = await fetch(`${host.info.origin}/__host/open-dialog`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: host.info.origin,
        cookie: `${host.info.cookieName}=${host.info.token}`,
      },
      body: JSON.stringify({ paths }),
    });
    expect(response.status, await response.text()).toBe(204);
  };
  return {
    page,
    answerOpenDialog,
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
): Promise<{ info: HostInfo; process: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['dist/host/server.mjs', '--workspace', workspacePath], {
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
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function startElectron(workspacePath: string, userDataDir: string | null): Promise<Session> {
  const electron = findElectron();
  if (!('path' in electron)) throw new Error(electron.missing);
  const app: ElectronApplication = await _electron.launch({
    executablePath: electron.path,
    args: [...(userDataDir ? [`--user-data-dir=${userDataDir}`] : []), '.', '--workspace', workspacePath],
  });
  const page = await app.firstWindow();
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
    stop: () => app.close(),
  };
}
