import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../testing/temp';
import { Workspace } from '../store/workspace';
import { checkAfterOpening } from './check-workspace';
import { Jobs } from './jobs';

/** A workspace on a new file, opened again as the app opens it: read-only until checked. */
function openedForChecking(): Workspace {
  const path = join(tempDir(), 'ws.sqlite');
  Workspace.open(path, { userName: 'Ana' }).close();
  return Workspace.open(path, { userName: 'Ana', integrity: 'deferred' });
}

describe('checkAfterOpening', () => {
  const open: Workspace[] = [];
  afterEach(() => {
    for (const ws of open.splice(0)) ws.close();
    vi.restoreAllMocks();
  });

  it('checks on this thread when no worker can run, and says so; the workspace is then writable', async () => {
    const ws = openedForChecking();
    open.push(ws);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    await checkAfterOpening(ws, new Jobs(ws.path, 'no-such-worker.mjs', () => {}));
    expect(logged.mock.calls.map((call) => String(call[0]))).toEqual([expect.stringMatching(/^\[byline\] the workspace check could not run in a worker \(.+\); checking here\.$/)]);
    await expect(ws.writable()).resolves.toBeUndefined();
    expect(ws.readOnlyReason).toBeNull();
  });

  it('does nothing more once the jobs are stopped: the app is closing the workspace', async () => {
    const ws = openedForChecking();
    open.push(ws);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const jobs = new Jobs(ws.path, 'no-such-worker.mjs', () => {});
    await jobs.stopAll();
    await checkAfterOpening(ws, jobs);
    expect(logged).not.toHaveBeenCalled();
    // Still waiting for a check that will not come: it was not run here.
    let settled = false;
    void ws.integrityChecked().then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
  });
});
