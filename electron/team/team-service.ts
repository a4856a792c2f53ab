/**
 * The background sync of a connected workspace, run in its own worker (jobs/worker.ts, kind
 * 'team') with its own connection to the workspace, so that a long first sync never holds up
 * tagging. It syncs when it starts, when this workspace changed something of its own (the main
 * process tells it), when the server announces a colleague's change (LISTEN/NOTIFY), and after an
 * outage, retrying with a growing pause while the server cannot be reached.
 */
import type { TeamStatus } from '../../schema/team';
import { recordSync, saveTeamConnection, teamConnection } from '../store/team';
import { Workspace } from '../store/workspace';
import { syncWith, teamStatus } from './sync';
import { TeamError, TeamServer, type TeamAddress } from './team-server';

/** The server announces every committed change on this channel (schema/team-migrations). */
export const CHANGES_CHANNEL = 'byline_changes';
const FIRST_RETRY_MS = 1000;
const LAST_RETRY_MS = 30_000;

export type TeamServiceMessage =
  | { type: 'team-status'; status: TeamStatus }
  | { type: 'team-changed'; documentIds: string[] }
  | { type: 'team-connected' }
  | { type: 'team-connect-failed'; message: string };

export interface TeamServiceOptions {
  workspacePath: string;
  password: string | null;
  /** Connect first (Settings > Team): the address, and what the OS keychain made of the password. */
  connect?: { address: TeamAddress; secret: Buffer | null };
}

export class TeamService {
  private readonly ws: Workspace;
  private readonly options: TeamServiceOptions;
  private readonly tell: (message: TeamServiceMessage) => void;
  /** For every reconnection: the one given to connect with, else the one the host found. */
  private readonly password: string | null;
  private server: TeamServer | null = null;
  private syncing = false;
  private again = false;
  private offline = false;
  private retryMs = FIRST_RETRY_MS;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(options: TeamServiceOptions, tell: (message: TeamServiceMessage) => void) {
    this.options = options;
    this.tell = tell;
    this.password = options.connect?.address.password ?? options.password;
    this.ws = Workspace.open(options.workspacePath);
  }

  async start(): Promise<void> {
    const { connect } = this.options;
    if (connect) {
      try {
        this.server = await this.open(connect.address);
        const rights = await this.server.rights();
        await this.server.checkSchema();
        saveTeamConnection(this.ws, connect.address.server, connect.address.role, connect.secret, rights.admin);
        this.tell({ type: 'team-connected' });
      } catch (error) {
        await this.server?.close();
        this.tell({ type: 'team-connect-failed', message: error instanceof Error ? error.message : String(error) });
        this.stop();
        return;
      }
    }
    this.request();
  }

  /** Syncs as soon as the sync under way (if any) is done. */
  request(): void {
    if (this.stopped) return;
    clearTimeout(this.retry);
    if (this.syncing) {
      this.again = true;
      return;
    }
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    void this.server?.close();
    this.server = null;
    this.ws.close();
  }

  private async run(): Promise<void> {
    this.syncing = true;
    this.report('syncing');
    try {
      const connection = teamConnection(this.ws);
      if (!connection) return;
      this.server ??= await this.open({ server: connection.server, role: connection.role, password: this.password });
      const { pulled } = await syncWith(this.ws, this.server);
      this.offline = false;
      this.retryMs = FIRST_RETRY_MS;
      if (pulled.documentIds.length > 0) this.tell({ type: 'team-changed', documentIds: pulled.documentIds });
    } catch (error) {
      if (this.stopped) return;
      const offline = error instanceof TeamError && error.problem === 'offline';
      this.offline = offline;
      // syncWith records its own failures; one before it (connecting) is recorded here.
      recordSync(this.ws, { error: error instanceof Error ? error.message : String(error) });
      await this.server?.close();
      this.server = null;
      // A wrong password or a refusal stays until the person acts; an outage passes.
      if (offline) this.retryLater();
    } finally {
      this.syncing = false;
      if (!this.stopped) {
        this.report(null);
        if (this.again) {
          this.again = false;
          this.request();
        }
      }
    }
  }

  private retryLater(): void {
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.request(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, LAST_RETRY_MS);
  }

  /** Connects and listens for colleagues' changes; a connection that drops is an outage. */
  private async open(address: TeamAddress): Promise<TeamServer> {
    const server = await TeamServer.connect(address);
    server.client.on('notification', () => this.request());
    const dropped = () => {
      if (this.server !== server || this.stopped) return;
      this.server = null;
      this.offline = true;
      this.report(null);
      this.retryLater();
    };
    server.client.on('end', dropped);
    server.client.on('error', dropped);
    await server.query(`LISTEN ${CHANGES_CHANNEL}`);
    return server;
  }

  private report(state: 'syncing' | null): void {
    if (this.stopped) return;
    const status = teamStatus(this.ws, { offline: this.offline });
    this.tell({ type: 'team-status', status: state && status.state !== 'local' ? { ...status, state } : status });
  }
}
