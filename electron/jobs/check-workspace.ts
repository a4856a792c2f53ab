import { dailyBackupDue, findDamage } from '../store/backup';
import type { Workspace } from '../store/workspace';
import type { Jobs } from './jobs';

/**
 * What the app does after opening a workspace (opened with `integrity: 'deferred'`): the integrity
 * check and, once a day of use, a backup, both in a worker, so the main thread never waits seconds
 * for them. Until the check is done the workspace is open read-only and writes wait for it.
 */
export async function checkAfterOpening(ws: Workspace, jobs: Jobs, now = new Date()): Promise<void> {
  try {
    const outcome = await jobs.checkWorkspace(dailyBackupDue(ws.path, now), now);
    ws.settleIntegrity(outcome.damage);
    if (outcome.backupError) console.error(`[byline] the daily backup failed: ${outcome.backupError}`);
  } catch (error) {
    // The app is closing the workspace (it stopped the worker): nothing is left to check it for.
    if (!ws.db.open || jobs.stopping) return;
    // No worker (a broken bundle): a check that blocks is still better than none.
    console.error(`[byline] the workspace check could not run in a worker (${(error as Error).message}); checking here.`);
    ws.settleIntegrity(findDamage(ws.db));
  }
}
