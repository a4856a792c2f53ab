import { seedSampleArticle } from './sample/seed';
import { Workspace } from './store/workspace';

/** Opens the workspace a host runs on; a new one starts with the built-in sample article. */
export function openAppWorkspace(path: string, userName: string): Workspace {
  const ws = Workspace.open(path, { userName });
  if (ws.created) seedSampleArticle(ws);
  return ws;
}
