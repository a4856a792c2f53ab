/**
 * The app as a browser benchmark uses it: a snapshot of the build, a new workspace seeded
 * straight into SQLite, the test host on it and a browser logged in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, type BenchBrowser } from './browser.ts';
import { createWorkspace, snapshotBuild, startHost, type RunningHost } from './host.ts';

export interface SeededApp<T> {
  workspacePath: string;
  /** What `seed` returned. */
  seeded: T;
  host: RunningHost;
  browser: BenchBrowser;
  /** Stops and removes everything, in the reverse order it was made. */
  close(): Promise<void>;
}

/** Everything it made is undone if a step fails, and by `close()` otherwise. */
export async function openSeededApp<T>(folderPrefix: string, seed: (workspacePath: string) => T): Promise<SeededApp<T>> {
  const undo: (() => unknown)[] = [];
  const close = async () => {
    for (const step of undo.splice(0).reverse()) await step();
  };
  try {
    const build = snapshotBuild();
    undo.push(() => build.remove());
    const folder = mkdtempSync(join(tmpdir(), folderPrefix));
    undo.push(() => rmSync(folder, { recursive: true, force: true }));
    const workspacePath = join(folder, 'workspace.sqlite');
    await createWorkspace(build.server, workspacePath);
    const seeded = seed(workspacePath);
    const host = await startHost(build.server, workspacePath);
    undo.push(() => host.stop());
    const browser = await launchBrowser(host.loginUrl);
    undo.push(() => browser.close());
    return { workspacePath, seeded, host, browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}
