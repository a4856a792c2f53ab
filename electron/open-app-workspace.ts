import { seedSampleArticle } from './sample/seed';
import { Workspace } from './store/workspace';

/**
 * Opens the workspace a host runs on; a new one starts with the built-in sample article. Its
 * integrity check runs in a worker after (jobs/check-workspace.ts).
 */
export function openAppWorkspace(path: string, userName: string): Workspace {
  const ws = Workspace.open(path, { userName, integrity: 'deferred' });
  if (ws.created) seedSampleArticle(ws);
  return ws;
}
