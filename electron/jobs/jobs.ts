/**
 * Bulk imports as background jobs: each runs in a worker thread (worker.ts) with its own
 * connection to the workspace, and reports through HostEvents. Both hosts use this; each passes
 * the path of its bundled worker and where events go.
 */
import { v7 as uuidv7 } from 'uuid';
import { Worker } from 'node:worker_threads';
import type { HostEvent, ImportOutcome } from '../../schema/api';
import { findImportUnits, unitPath } from './sources';
import type { ImportProgress } from './run-import';

export type ToWorker = { type: 'cancel' };
export type FromWorker =
  | ({ type: 'progress' } & ImportProgress)
  | { type: 'outcome'; outcome: ImportOutcome }
  | { type: 'finished'; canceled: boolean };

export class ImportJobs {
  private readonly running = new Map<string, Worker>();
  private readonly workspacePath: string;
  private readonly workerFile: string;
  private readonly emit: (event: HostEvent) => void;

  constructor(workspacePath: string, workerFile: string, emit: (event: HostEvent) => void) {
    this.workspacePath = workspacePath;
    this.workerFile = workerFile;
    this.emit = emit;
  }

  /** Starts importing what was chosen; returns at once with the job's id. */
  async start(chosen: readonly string[], annotator: string): Promise<string> {
    const jobId = uuidv7();
    const units = await findImportUnits(chosen);
    const worker = new Worker(this.workerFile, { workerData: { workspacePath: this.workspacePath, units, annotator } });
    this.running.set(jobId, worker);
    let finished = false;
    const outcomes: ImportOutcome[] = [];
    this.emit({ type: 'import.progress', jobId, done: 0, total: units.length, current: null });
    // Progress is told ten times a second at most: enough for a progress bar.
    let toldAt = 0;
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'progress') {
        const now = performance.now();
        if (now - toldAt < 100 && message.current !== null) return;
        toldAt = now;
        this.emit({ type: 'import.progress', jobId, done: message.done, total: message.total, current: message.current });
      } else if (message.type === 'outcome') {
        outcomes.push(message.outcome);
      } else {
        finished = true;
        this.emit({ type: 'import.finished', report: { jobId, canceled: message.canceled, outcomes } });
      }
    });
    // A worker that dies reports the files it did not get to as failed, with why.
    const fail = (reason: string) => {
      if (finished) return;
      finished = true;
      const rest = units.slice(outcomes.length).map((unit): ImportOutcome => ({ status: 'failed', source: unitPath(unit), reason }));
      this.emit({ type: 'import.finished', report: { jobId, canceled: false, outcomes: [...outcomes, ...rest] } });
    };
    worker.on('error', (error) => fail(`The import stopped: ${error.message}`));
    worker.on('exit', (code) => {
      this.running.delete(jobId);
      if (code !== 0) fail(`The import stopped unexpectedly (exit code ${code}).`);
    });
    return jobId;
  }

  cancel(jobId: string): void {
    this.running.get(jobId)?.postMessage({ type: 'cancel' } satisfies ToWorker);
  }

  /** Stops every job (when the app quits); what each committed stays. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.running.values()].map((worker) => worker.terminate()));
  }
}
