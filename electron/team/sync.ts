/**
 * One sync of a connected workspace with its team server: send the outbox, then bring down what
 * colleagues changed. Either half may be cut off (the server stops, the app is killed) and is
 * then only done again: the outbox is cleared only of what the server committed, and the pull
 * cursor moves only once what it read is stored.
 */
import type { TeamStatus } from '../../schema/team';
import { forgetTeamConnection, outboxSize, recordSync, saveTeamConnection, teamConnection } from '../store/team';
import type { Workspace } from '../store/workspace';
import { pull, type PullResult } from './pull';
import { push, type PushResult } from './push';
import { TeamError, TeamServer, type TeamAddress } from './team-server';

export interface SyncResult {
  pushed: PushResult;
  pulled: PullResult;
}

export async function syncWith(ws: Workspace, server: TeamServer): Promise<SyncResult> {
  try {
    const rights = await server.rights();
    await server.checkSchema();
    const pushed = await push(ws, server, rights);
    const pulled = await pull(ws, server);
    recordSync(ws, { error: null });
    return { pushed, pulled };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (teamConnection(ws)) recordSync(ws, { error: message });
    throw error;
  }
}

/**
 * Connects the workspace to the server as the address's role, and syncs once. The password is
 * not kept in the workspace: `secret`, when given, is what the OS keychain made of it.
 */
export async function connectTeam(ws: Workspace, address: TeamAddress, secret: Buffer | null = null): Promise<SyncResult> {
  const current = teamConnection(ws);
  if (current && current.server !== address.server) {
    throw new TeamError('failed', `This workspace syncs with ${current.server}; disconnect it first (\`byline team disconnect\`).`);
  }
  const server = await TeamServer.connect(address);
  try {
    const rights = await server.rights();
    await server.checkSchema();
    saveTeamConnection(ws, address.server, address.role, secret, rights.admin);
    return await syncWith(ws, server);
  } finally {
    await server.close();
  }
}

export function disconnectTeam(ws: Workspace): void {
  forgetTeamConnection(ws);
}

/** What the top bar says about the team connection. */
export function teamStatus(ws: Workspace, state: { offline?: boolean } = {}): TeamStatus {
  const connection = teamConnection(ws);
  if (!connection) return { state: 'local' };
  const waiting = outboxSize(ws, ['annotation', 'relation']);
  const base = { server: connection.server, role: connection.role, waiting, syncedAt: connection.syncedAt };
  if (state.offline) return { ...base, state: 'offline', message: connection.lastError };
  if (connection.lastError) return { ...base, state: 'error', message: connection.lastError };
  return { ...base, state: waiting > 0 ? 'waiting' : 'synced', message: null };
}
