/**
 * The built test host as a child process, as the e2e suite runs it. The benchmarks talk to the
 * app only through it and the browser, never by importing its source.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface RunningHost {
  loginUrl: string;
  origin: string;
  stop(): Promise<void>;
}

export interface BuildSnapshot {
  /** The test host's entry point in the copy. */
  server: string;
  remove(): void;
}

/**
 * Copies the test host and renderer out of dist/ into a temporary folder, so that a rebuild
 * while the benchmarks run (say, by a watcher) cannot swap the app under them. A symlink to
 * node_modules lets the copy find better-sqlite3, which the bundle leaves external.
 */
export function snapshotBuild(): BuildSnapshot {
  const root = mkdtempSync(join(tmpdir(), 'byline-bench-build-'));
  cpSync('dist/host', join(root, 'dist/host'), { recursive: true });
  cpSync('dist/renderer', join(root, 'dist/renderer'), { recursive: true });
  symlinkSync(resolve('node_modules'), join(root, 'node_modules'), 'dir');
  const html = readFileSync(join(root, 'dist/renderer/index.html'), 'utf8');
  for (const [, asset] of html.matchAll(/(?:src|href)="\/([^"]+)"/g)) {
    if (!existsSync(join(root, 'dist/renderer', asset!))) {
      rmSync(root, { recursive: true, force: true });
      throw new Error(`dist/renderer/${asset} is missing: dist/ changed while it was copied. Run again.`);
    }
  }
  return { server: join(root, 'dist/host/server.mjs'), remove: () => rmSync(root, { recursive: true, force: true }) };
}

export async function startHost(server: string, workspacePath: string): Promise<RunningHost> {
  const child = spawn(process.execPath, [server, '--workspace', workspacePath], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    process.stderr.write(`[host] ${chunk.toString()}`);
  });
  const info = await new Promise<{ loginUrl: string; origin: string }>((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = /^BYLINE_HOST (.+)$/m.exec(stdout);
      if (line) resolve(JSON.parse(line[1]!) as { loginUrl: string; origin: string });
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`The test host exited (${code}): ${stderr}`)));
  });
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`[host] the test host exited on its own (${code ?? signal})\n`);
  });
  return {
    ...info,
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Has the app create and migrate a new workspace file (with its local annotator), then stops. */
export async function createWorkspace(server: string, workspacePath: string): Promise<void> {
  const host = await startHost(server, workspacePath);
  await host.stop();
}
