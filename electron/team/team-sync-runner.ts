/**
 * The main process's side of the team sync: starts the team worker (team-service.ts) for the open
 * workspace, passes on what it reports as HostEvents, and tells it when this workspace changed.
 */
import { Worker } from 'node:worker_threads';
import type { HostEvent } from '../../schema/api';
import type { TeamStatus } from '../../schema/team';
import type { FromWorker, JobData, ToWorker } from '../jobs/jobs';
import { TeamError, type TeamAddress } from './team-server';

export class TeamSyncRunner {
  private worker: Worker | null = null;
  private last: TeamStatus | null = null;
  private readonly workspacePath: string;
  private readonly workerFile: string;
  private readonly emit: (event: HostEvent) => void;

  constructor(workspacePath: string, workerFile: string, emit: (event: HostEvent) => void) {
    this.workspacePath = workspacePath;
    this.workerFile = workerFile;
    this.emit = emit;
  }

  get running(): boolean {
    return this.worker !== null;
  }

  /** The state the worker last reported; null while none runs or before its first report. */
  get status(): TeamStatus | null {
    return this.worker ? this.last : null;
  }

  /**
   * Starts syncing with the password given (or taken from the keychain); with `connect`, connects
   * first and resolves once the server accepted the role, or rejects with why it did not.
   */
  start(password: string | null, connect?: { address: TeamAddress; secret: Buffer | null }): Promise<void> {
    this.stop();
    const data: JobData = { kind: 'team', workspacePath: this.workspacePath, password, ...(connect ? { connect } : {}) };
    const worker = new Worker(this.workerFile, { workerData: data });
    this.worker = worker;
    return new Promise((resolve, reject) => {
      if (!connect) resolve();
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'team-connected') resolve();
        else if (message.type === 'team-connect-failed') reject(new TeamError('failed', message.message));
        else if (message.type === 'team-status') {
          this.last = message.status;
          this.emit({ type: 'team.status', status: message.status });
        } else if (message.type === 'team-changed') this.emit({ type: 'team.changed', documentIds: message.documentIds });
      });
      worker.on('error', (error) => reject(new TeamError('failed', `The team sync stopped: ${error.message}`)));
      worker.on('exit', () => {
        if (this.worker === worker) this.worker = null;
        reject(new TeamError('failed', 'The team sync stopped before it connected.'));
      });
    });
  }

  /** Something of this workspace's changed: it goes up now. */
  sync(): void {
    this.worker?.postMessage({ type: 'team-sync' } satisfies ToWorker);
  }

  stop(): void {
    void this.worker?.terminate();
    this.worker = null;
    this.last = null;
  }
}
