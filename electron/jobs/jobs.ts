/**
 * Long work as background jobs: each runs in a worker thread (worker.ts) with its own connection
 * to the workspace, and reports through HostEvents. Both hosts use this; each passes the path of
 * its bundled worker and where events go.
 */
import { v7 as uuidv7 } from 'uuid';
import { dirname, extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ErrorCode, HostEvent, ImportOutcome } from '../../schema/api';
import { BylineError } from '../../schema/errors';
import type { AgreementReport, AgreementRequest } from '../../schema/review';
import type { ExportRequest, ExportResult } from '../export/run-export';
import type { ImportProgress } from '../import/run-import';
import { findImportUnits, unitPath, type ImportUnit } from '../import/sources';
import type { CheckOutcome } from '../store/backup';
import type { ArticleSuggestions } from '../../schema/suggestions';
import type { TeamServiceMessage, TeamServiceOptions } from '../team/team-service';
import type { AnalyticsFilters, AnalyticsReport, MergeSources, SpansList, SpansRequest } from '../../schema/analytics';

export type JobData =
  | { kind: 'import'; workspacePath: string; units: ImportUnit[]; annotator: string }
  | { kind: 'export'; workspacePath: string; request: ExportRequest; laneWorker: string }
  | { kind: 'agreement'; workspacePath: string; request: AgreementRequest }
  | { kind: 'check'; workspacePath: string; dailyBackup: boolean; now: string }
  | { kind: 'suggest'; workspacePath: string }
  | { kind: 'analytics'; workspacePath: string }
  | ({ kind: 'team' } & TeamServiceOptions);

export type ToWorker =
  | { type: 'cancel' }
  | { type: 'suggest'; requestId: number; documentId: string }
  | { type: 'analytics'; requestId: number; question: AnalyticsQuestion }
  /** Annotations changed: the suggestion worker learns again when due, once things are quiet. */
  | { type: 'annotations-changed' }
  /** The team worker syncs now: something of this workspace's changed, or the person asked. */
  | { type: 'team-sync' };
export type FromWorker =
  | ({ type: 'progress' } & ImportProgress)
  | { type: 'outcome'; outcome: ImportOutcome }
  | { type: 'finished'; canceled: boolean }
  | { type: 'exported'; result: ExportResult }
  | { type: 'export-failed'; reason: string; canceled: boolean }
  | { type: 'agreement'; report: AgreementReport }
  | { type: 'agreement-failed'; code: ErrorCode; message: string }
  | { type: 'checked'; outcome: CheckOutcome }
  /** The answer of a worker that serves requests (suggest, analytics). */
  | { type: 'answered'; requestId: number; answer: ArticleSuggestions | AnalyticsReport | SpansList | null }
  | { type: 'answer-failed'; requestId: number; code: ErrorCode; message: string }
  | TeamServiceMessage;

/** What the analytics worker is asked. */
export type AnalyticsQuestion =
  | { kind: 'compute'; filters: AnalyticsFilters }
  | { kind: 'spans'; request: SpansRequest }
  | { kind: 'merge'; request: MergeSources }
  | { kind: 'unmerge'; key: string };

/** A worker that stays up and answers requests (suggestions, analytics), and those it has not answered yet. */
interface Server {
  worker: Worker;
  pending: Map<number, { resolve(answer: unknown): void; reject(error: Error): void }>;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export class Jobs {
  private readonly running = new Map<string, Worker>();
  private readonly workspacePath: string;
  private readonly workerFile: string;
  private readonly emit: (event: HostEvent) => void;
  /** The worker that suggests, kept running between articles (it holds the learned tagger). */
  private suggester: Server | null = null;
  /** The worker that counts analytics, kept running (it holds the facts it built). */
  private analyst: Server | null = null;
  private stopped = false;
  private nextRequest = 1;

  constructor(workspacePath: string, workerFile: string, emit: (event: HostEvent) => void) {
    this.workspacePath = workspacePath;
    this.workerFile = workerFile;
    this.emit = emit;
  }

  /** Starts importing what was chosen; returns at once with the job's id. */
  async startImport(chosen: readonly string[], annotator: string): Promise<string> {
    const units = await findImportUnits(chosen);
    const outcomes: ImportOutcome[] = [];
    let finished = false;
    const finish = (canceled: boolean, rest: ImportOutcome[] = []) => {
      if (finished) return;
      finished = true;
      this.emit({ type: 'import.finished', report: { jobId, canceled, outcomes: [...outcomes, ...rest] } });
    };
    const jobId = this.run(
      'import',
      { kind: 'import', workspacePath: this.workspacePath, units, annotator },
      units.length,
      (message) => {
        if (message.type === 'outcome') outcomes.push(message.outcome);
        else if (message.type === 'finished') finish(message.canceled);
      },
      // A worker that dies reports the files it did not get to as failed, with why.
      (reason) =>
        finish(
          false,
          units.slice(outcomes.length).map((unit): ImportOutcome => ({ status: 'failed', source: unitPath(unit), reason })),
        ),
    );
    return jobId;
  }

  /** Starts an export; returns at once with the job's id. */
  startExport(request: ExportRequest): string {
    let finished = false;
    const jobId = this.run(
      'export',
      // The export's second lane is bundled beside this worker (build/bundle.ts).
      { kind: 'export', workspacePath: this.workspacePath, request, laneWorker: join(dirname(this.workerFile), `export-lane${extname(this.workerFile)}`) },
      0,
      (message) => {
        if (message.type === 'exported' || message.type === 'export-failed') {
          finished = true;
          this.emit({
            type: 'export.finished',
            jobId,
            outcome:
              message.type === 'exported'
                ? { status: 'exported', ...message.result }
                : { status: message.canceled ? 'canceled' : 'failed', reason: message.reason },
          });
        }
      },
      (reason) => {
        if (!finished) this.emit({ type: 'export.finished', jobId, outcome: { status: 'failed', reason } });
      },
    );
    return jobId;
  }

  /**
   * Agreement over the chosen articles, computed in a worker (a corpus takes seconds) and
   * answered as the channel's reply; refusals come back as the same BylineError.
   */
  computeAgreement(request: AgreementRequest): Promise<AgreementReport> {
    return new Promise((resolve, reject) => {
      let answered = false;
      const jobId = uuidv7();
      const worker = new Worker(this.workerFile, { workerData: { kind: 'agreement', workspacePath: this.workspacePath, request } satisfies JobData });
      this.running.set(jobId, worker);
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'agreement') resolve(message.report);
        else if (message.type === 'agreement-failed') reject(new BylineError(message.code, message.message));
        else return;
        answered = true;
      });
      const died = (reason: string) => {
        if (!answered) reject(new BylineError('internal', `The agreement stopped: ${reason}`));
      };
      worker.on('error', (error) => died(error.message));
      worker.on('exit', (code) => {
        this.running.delete(jobId);
        died(`the worker exited with code ${code}.`);
      });
    });
  }

  /** The integrity check of the workspace, and the daily backup when asked (store/backup.ts), in a worker. */
  checkWorkspace(dailyBackup: boolean, now: Date): Promise<CheckOutcome> {
    return new Promise((resolve, reject) => {
      const jobId = uuidv7();
      const data: JobData = { kind: 'check', workspacePath: this.workspacePath, dailyBackup, now: now.toISOString() };
      const worker = new Worker(this.workerFile, { workerData: data });
      this.running.set(jobId, worker);
      worker.on('message', (message: FromWorker) => {
        if (message.type !== 'checked') return;
        resolve(message.outcome);
        // The worker stays up while it listens for a cancel: this job has nothing more to say.
        void worker.terminate();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        this.running.delete(jobId);
        reject(new Error(`The workspace check stopped: the worker exited with code ${code}.`));
      });
    });
  }

  /** An article's suggestions, from the suggestion worker (started on first use). */
  suggest(documentId: string): Promise<ArticleSuggestions> {
    this.suggester ??= this.serve({ kind: 'suggest', workspacePath: this.workspacePath }, 'Suggesting', 'suggester');
    return this.ask(this.suggester, { type: 'suggest', documentId }) as Promise<ArticleSuggestions>;
  }

  /** Tells the suggestion worker, if it runs, that annotations changed (it may learn from them). */
  annotationsChanged(): void {
    this.suggester?.worker.postMessage({ type: 'annotations-changed' } satisfies ToWorker);
  }

  /**
   * Sourcing analytics (electron/analytics), from the analytics worker (started on first use). It
   * writes the person's merges of sources too: they change none of the facts it keeps.
   */
  analytics(question: Extract<AnalyticsQuestion, { kind: 'compute' }>): Promise<AnalyticsReport>;
  analytics(question: Extract<AnalyticsQuestion, { kind: 'spans' }>): Promise<SpansList>;
  analytics(question: Extract<AnalyticsQuestion, { kind: 'merge' | 'unmerge' }>): Promise<null>;
  analytics(question: AnalyticsQuestion): Promise<AnalyticsReport | SpansList | null> {
    this.analyst ??= this.serve({ kind: 'analytics', workspacePath: this.workspacePath }, 'The analytics', 'analyst');
    return this.ask(this.analyst, { type: 'analytics', question }) as Promise<AnalyticsReport | SpansList | null>;
  }

  private ask(server: Server, request: DistributiveOmit<Extract<ToWorker, { requestId: number }>, 'requestId'>): Promise<unknown> {
    const requestId = this.nextRequest++;
    return new Promise((resolve, reject) => {
      server.pending.set(requestId, { resolve, reject });
      server.worker.postMessage({ ...request, requestId } satisfies ToWorker);
    });
  }

  /**
   * Starts a worker that stays up and answers requests in turn. One that stops fails what it was
   * asked (`what` stopped: why) and is no longer `kept`, so the next request starts another.
   */
  private serve(data: Extract<JobData, { kind: 'suggest' | 'analytics' }>, what: string, kept: 'suggester' | 'analyst'): Server {
    const worker = new Worker(this.workerFile, { workerData: data });
    const server: Server = { worker, pending: new Map() };
    const jobId = uuidv7();
    this.running.set(jobId, worker);
    worker.on('message', (message: FromWorker) => {
      if (message.type !== 'answered' && message.type !== 'answer-failed') return;
      const waiting = server.pending.get(message.requestId);
      server.pending.delete(message.requestId);
      if (message.type === 'answered') waiting?.resolve(message.answer);
      else waiting?.reject(new BylineError(message.code, message.message));
    });
    const stopped = (reason: string) => {
      if (this[kept] === server) this[kept] = null;
      for (const waiting of server.pending.values()) waiting.reject(new BylineError('internal', `${what} stopped: ${reason}`));
      server.pending.clear();
    };
    worker.on('error', (error) => stopped(error.message));
    worker.on('exit', (code) => {
      this.running.delete(jobId);
      stopped(`the worker exited with code ${code}.`);
    });
    return server;
  }

  cancel(jobId: string): void {
    this.running.get(jobId)?.postMessage({ type: 'cancel' } satisfies ToWorker);
  }

  /** Whether stopAll was called: a job that ends now was stopped, it did not fail. */
  get stopping(): boolean {
    return this.stopped;
  }

  /** Stops every job (when the app quits); what each committed stays. */
  async stopAll(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.running.values()].map((worker) => worker.terminate()));
  }

  private run(
    kind: 'import' | 'export',
    data: JobData,
    total: number,
    onMessage: (message: FromWorker) => void,
    onDied: (reason: string) => void,
  ): string {
    const jobId = uuidv7();
    const worker = new Worker(this.workerFile, { workerData: data });
    this.running.set(jobId, worker);
    this.emit({ type: 'job.progress', jobId, kind, done: 0, total, current: null });
    // Progress is told ten times a second at most: enough for a progress bar.
    let toldAt = 0;
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'progress') {
        const now = performance.now();
        if (now - toldAt < 100 && message.done < message.total) return;
        toldAt = now;
        this.emit({ type: 'job.progress', jobId, kind, done: message.done, total: message.total, current: message.current });
      } else onMessage(message);
    });
    worker.on('error', (error) => onDied(`The ${kind} stopped: ${error.message}`));
    worker.on('exit', (code) => {
      this.running.delete(jobId);
      if (code !== 0) onDied(`The ${kind} stopped unexpectedly (exit code ${code}).`);
    });
    return jobId;
  }
}
