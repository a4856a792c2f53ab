/**
 * `byline team ...`: the team server from the command line.
 *   byline team init postgres://admin@host/db          creates or updates the server's schema
 *   byline team add postgres://admin@host/db NAME [--as analyst|reviewer|admin]
 *                                                      a login role for a colleague (prints its password)
 *   byline team connect postgres://role@host/db        connects the workspace and syncs it
 *   byline team sync | status | disconnect             on the connected workspace
 * A password is taken from the address, else PGPASSWORD or ~/.pgpass, as psql does; the command
 * line never stores one.
 */
import { randomBytes } from 'node:crypto';
import { teamConnection } from '../store/team';
import { Workspace } from '../store/workspace';
import { connectTeam, disconnectTeam, syncWith, teamStatus, type SyncResult } from './sync';
import { addTeamMember, initTeamServer, parseTeamAddress, TeamServer, type TeamRole } from './team-server';

export const TEAM_USAGE = `  byline team init postgres://ADMIN@HOST/DB
  byline team add postgres://ADMIN@HOST/DB NAME [--as analyst|reviewer|admin]
  byline team connect postgres://ROLE@HOST/DB [--workspace FILE]
  byline team sync|status|disconnect [--workspace FILE]`;

interface TeamIo {
  out(line: string): void;
}

export class TeamUsageError extends Error {}

export async function teamCommand(
  args: string[],
  options: { as?: string },
  env: NodeJS.ProcessEnv,
  openWorkspace: () => Promise<Workspace>,
  io: TeamIo,
): Promise<number> {
  const [sub, url, name] = args;
  const password = env.PGPASSWORD ?? null;
  const address = (text: string | undefined) => {
    if (!text) throw new TeamUsageError(`team ${sub} needs the server’s address, postgres://role@host/database`);
    const parsed = parseTeamAddress(text);
    return { ...parsed, password: parsed.password ?? password };
  };
  if (sub === 'init' || sub === 'add') {
    const server = await TeamServer.connect(address(url));
    try {
      if (sub === 'init') {
        const { from, to } = await initTeamServer(server);
        io.out(from === to ? `${server.address.server} has the team schema, version ${to}: nothing to do.` : `${server.address.server} now has the team schema, version ${to} (it had ${from || 'none'}).`);
        return 0;
      }
      if (!name) throw new TeamUsageError('team add needs the new member’s role name');
      const role = (options.as ?? 'analyst') as TeamRole;
      if (!['analyst', 'reviewer', 'admin'].includes(role)) throw new TeamUsageError(`--as must be analyst, reviewer or admin, not “${role}”`);
      const secret = randomBytes(18).toString('base64url');
      await addTeamMember(server, name, secret, role);
      io.out(`${name} may now connect as a team ${role}, with the password ${secret}`);
      return 0;
    } finally {
      await server.close();
    }
  }
  if (!['connect', 'sync', 'status', 'disconnect'].includes(sub ?? '')) {
    throw new TeamUsageError(sub ? `there is no team command “${sub}”` : 'team needs a command: init, add, connect, sync, status or disconnect');
  }
  const ws = await openWorkspace();
  try {
    if (sub === 'connect') {
      const given = address(url);
      const result = await connectTeam(ws, given);
      io.out(`Connected to ${given.server} as ${given.role}. ${summary(result)}`);
      return 0;
    }
    const connection = teamConnection(ws);
    if (!connection) throw new TeamUsageError(`team ${sub}: the workspace is not connected to a team server (byline team connect postgres://...)`);
    if (sub === 'disconnect') {
      disconnectTeam(ws);
      io.out(`Disconnected from ${connection.server}; everything stays in the workspace.`);
      return 0;
    }
    if (sub === 'sync') {
      const server = await TeamServer.connect({ server: connection.server, role: connection.role, password });
      try {
        io.out(summary(await syncWith(ws, server)));
      } finally {
        await server.close();
      }
      return 0;
    }
    const status = teamStatus(ws);
    io.out(status.state === 'local' ? 'Not connected.' : `${status.server} as ${status.role}: ${status.state}, ${status.waiting} waiting${status.message ? ` (${status.message})` : ''}.`);
    return 0;
  } finally {
    ws.close();
  }
}

function summary({ pushed, pulled }: SyncResult): string {
  const held = pushed.held > 0 ? ` ${pushed.held} held back: ${pushed.heldReasons.join('; ')}.` : '';
  return (
    `Sent ${pushed.annotations} annotations, ${pushed.relations} links, ${pushed.articles} articles and ${pushed.labels} labels; ` +
    `received ${pulled.annotations} annotations, ${pulled.relations} links and ${pulled.articles} articles.${held}`
  );
}
