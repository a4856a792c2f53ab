/**
 * The open workspace of a running app, with its background jobs and handler table, and the one
 * way to switch to another file (File > New/Open Workspace, Open Recent, Restore from Backup).
 * Both hosts build one of these; nothing here imports 'electron'.
 */
import { channelNames, type HostEvent } from '../schema/api';
import { createHandlers, type Handlers, type HostServices } from './handlers';
import { checkAfterOpening } from './jobs/check-workspace';
import { Jobs } from './jobs/jobs';
import { openAppWorkspace } from './open-app-workspace';
import { teamConnection } from './store/team';
import type { Workspace } from './store/workspace';
import type { Credentials } from './team/credentials';
import { TeamSyncRunner } from './team/team-sync-runner';

export interface AppSessionOptions {
  /** The bundled worker for imports, exports and agreement (electron/jobs/worker.ts). */
  workerFile: string;
  /** Where HostEvents go: IPC in Electron, Server-Sent Events in the test host. */
  emit(event: HostEvent): void;
  /** The local annotator's name for a workspace created now. */
  userName: string;
  /** The OS dialogs and other host-specific services, less what the session provides itself. */
  services: Omit<HostServices, 'jobs' | 'session' | 'team'>;
}

interface Opened {
  ws: Workspace;
  jobs: Jobs;
  team: TeamSyncRunner;
  table: Handlers;
}

export class AppSession {
  private readonly options: AppSessionOptions;
  private current: Opened;
  /** Kept here and not sent with the event: the renderer may not be listening yet (a first launch). */
  private readonly requestedImports: string[] = [];
  /**
   * The handler table the host registers once: every channel calls into whichever workspace is
   * open at the time of the call.
   */
  readonly handlers: Handlers;

  constructor(path: string, options: AppSessionOptions) {
    this.options = options;
    this.current = this.openAt(path);
    this.handlers = Object.fromEntries(
      channelNames.map((channel) => [
        channel,
        (request: unknown) => (this.current.table[channel] as (request: unknown) => unknown)(request),
      ]),
    ) as Handlers;
  }

  get workspace(): Workspace {
    return this.current.ws;
  }

  /**
   * Closes the open workspace and opens the one at `path` (created with the sample article when
   * new). `prepare` runs in between, while no connection is open: restoring a backup copies files
   * there. If anything fails, the workspace that was open is opened again and the error thrown.
   */
  async switchTo(path: string, prepare?: () => void | Promise<void>): Promise<void> {
    const previous = this.current.ws.path;
    await this.shutDown();
    try {
      await prepare?.();
      this.current = this.openAt(path);
    } catch (error) {
      this.current = this.openAt(previous);
      throw error;
    }
  }

  /**
   * Opens a workspace the OS handed over (a file given to a second launch, or opened from the
   * Finder) and tells the renderer to start over on it. A failure leaves the open one open.
   */
  async openRequested(path: string): Promise<void> {
    await this.switchTo(path);
    this.options.services.recents.addRecent(path);
    this.options.emit({ type: 'workspace.switched', path });
  }

  /** Queues files the OS asked Byline to import; the renderer takes them (imports.takeRequested) and runs the import. */
  requestImports(paths: readonly string[]): void {
    if (paths.length === 0) return;
    this.requestedImports.push(...paths);
    this.options.emit({ type: 'imports.requested' });
  }

  takeRequestedImports(): string[] {
    return this.requestedImports.splice(0);
  }

  async close(): Promise<void> {
    await this.shutDown();
  }

  private async shutDown(): Promise<void> {
    this.current.team.stop();
    await this.current.jobs.stopAll();
    this.current.ws.close();
  }

  private openAt(path: string): Opened {
    const ws = openAppWorkspace(path, this.options.userName);
    const jobs = new Jobs(path, this.options.workerFile, (event) => this.options.emit(event));
    const team = new TeamSyncRunner(path, this.options.workerFile, (event) => this.options.emit(event));
    const table = createHandlers(ws, { ...this.options.services, jobs, team, session: this });
    void checkAfterOpening(ws, jobs).then(() => resumeTeamSync(ws, team, this.options.services.credentials));
    return { ws, jobs, team, table };
  }
}

/** A workspace connected to a team syncs again once it is open and writable, if its password is known. */
function resumeTeamSync(ws: Workspace, team: TeamSyncRunner, credentials: Credentials): void {
  if (!ws.db.open) return; // another workspace was opened meanwhile
  const connection = ws.readOnlyReason === null ? teamConnection(ws) : null;
  if (!connection) return;
  const password = credentials.open(connection.server, connection.secret);
  if (password !== null) void team.start(password);
}
