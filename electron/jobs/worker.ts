/**
 * The worker thread for long work (bulk import, export, agreement, the workspace's integrity check
 * and daily backup, suggestions, analytics, the team sync): opens its own connection to the
 * workspace, does the job, reports progress, and stops when asked. The main thread never parses,
 * writes or streams a corpus, so the app stays responsive.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BylineError } from '../../schema/errors';
import { ExportCanceled, runExport } from '../export/run-export';
import { runImport } from '../import/run-import';
import { writeKeepingFacts } from '../analytics/facts';
import { analyticsSpans, computeAnalytics } from '../analytics/figures';
import { mergeSources, unmergeSource } from '../analytics/source-merges';
import { computeAgreement } from '../review/agreement';
import { checkAndBackUp } from '../store/backup';
import { Workspace } from '../store/workspace';
import { SuggestionService } from '../suggest/suggestion-service';
import { TeamService } from '../team/team-service';
import type { AnalyticsQuestion, FromWorker, JobData, ToWorker } from './jobs';

const port = parentPort!;
const job = workerData as JobData;
let canceled = false;
port.on('message', (message: ToWorker) => {
  if (message.type === 'cancel') canceled = true;
});

/** How long the suggestion worker waits without a request before it learns (when due). */
const LEARN_WHEN_IDLE_MS = 3000;

/**
 * Answers each article's suggestions in turn; learns, when due, once no request has come for a
 * while (learning takes seconds of a core, which the app's own work should not meet).
 */
function serveSuggestions(workspacePath: string): void {
  const service = new SuggestionService(Workspace.open(workspacePath));
  const queue: Extract<ToWorker, { type: 'suggest' }>[] = [];
  let scheduled = false;
  let learning: ReturnType<typeof setTimeout> | undefined;
  const learn = () => {
    try {
      service.learnIfDue();
    } catch (error) {
      // Suggesting goes on with the model it has (or the rules); a read-only workspace cannot keep a new one.
      console.error(`Byline could not learn from the workspace for suggestions: ${(error as Error).message}`);
    }
  };
  const work = () => {
    scheduled = false;
    const request = queue.shift();
    if (!request) {
      learning = setTimeout(learn, LEARN_WHEN_IDLE_MS);
      return;
    }
    answer(request.requestId, 'Suggesting', () => service.suggest(request.documentId));
    schedule();
  };
  const schedule = () => {
    clearTimeout(learning);
    if (scheduled) return;
    scheduled = true;
    setImmediate(work);
  };
  port.on('message', (message: ToWorker) => {
    if (message.type === 'annotations-changed' && !scheduled) {
      clearTimeout(learning);
      learning = setTimeout(learn, LEARN_WHEN_IDLE_MS);
    }
    if (message.type !== 'suggest') return;
    queue.push(message);
    schedule();
  });
}
const tell = (message: FromWorker) => port.postMessage(message);

/** Answers analytics questions in turn, over facts it keeps while the workspace stays the same (analytics/facts.ts). */
function serveAnalytics(workspacePath: string): void {
  let ws = Workspace.open(workspacePath, { readOnly: true });
  let writable = false;
  /** Writes the person's merges; the first opens the connection for writing (the app has checked the workspace by then), with the facts kept. */
  const writeMerges = (write: (writer: Workspace) => void) => {
    const writer = writable ? ws : Workspace.open(workspacePath);
    try {
      writeKeepingFacts(ws, writer, () => write(writer));
    } finally {
      if (writer !== ws) {
        ws.close();
        ws = writer;
        writable = true;
      }
    }
  };
  const answerOf = (question: AnalyticsQuestion) => {
    switch (question.kind) {
      case 'compute':
        return computeAnalytics(ws, question.filters);
      case 'spans':
        return analyticsSpans(ws, question.request);
      case 'merge':
        writeMerges((writer) => mergeSources(writer, question.request));
        return null;
      case 'unmerge':
        writeMerges((writer) => unmergeSource(writer, question.key));
        return null;
    }
  };
  port.on('message', (message: ToWorker) => {
    if (message.type !== 'analytics') return;
    answer(message.requestId, 'The analytics', () => answerOf(message.question));
  });
}

/** Tells a request its answer, or why there is none: a BylineError as it is, anything else as "`what` failed". */
function answer(requestId: number, what: string, work: () => Extract<FromWorker, { type: 'answered' }>['answer']): void {
  try {
    tell({ type: 'answered', requestId, answer: work() });
  } catch (error) {
    const known = error instanceof BylineError;
    tell({
      type: 'answer-failed',
      requestId,
      code: known ? error.code : 'internal',
      message: known ? error.message : `${what} failed: ${(error as Error).message}`,
    });
  }
}

async function main(): Promise<void> {
  if (job.kind === 'check') {
    tell({ type: 'checked', outcome: checkAndBackUp(job.workspacePath, job.dailyBackup, new Date(job.now)) });
    return;
  }
  if (job.kind === 'suggest') {
    serveSuggestions(job.workspacePath);
    return;
  }
  if (job.kind === 'analytics') {
    serveAnalytics(job.workspacePath);
    return;
  }
  if (job.kind === 'team') {
    // A secret crosses the thread as a Uint8Array.
    const connect = job.connect && { ...job.connect, secret: job.connect.secret && Buffer.from(job.connect.secret) };
    const service = new TeamService({ ...job, connect }, tell);
    port.on('message', (message: ToWorker) => {
      if (message.type === 'team-sync') service.request();
    });
    await service.start();
    return;
  }
  // Imports run only once the app has checked the workspace; exports and agreement only read.
  const ws = Workspace.open(job.workspacePath, job.kind === 'import' ? {} : { readOnly: true });
  try {
    if (job.kind === 'import') {
      await runImport(ws, job.units, {
        annotator: job.annotator,
        isCanceled: () => canceled,
        onProgress: (progress) => tell({ type: 'progress', ...progress }),
        onOutcome: (outcome) => tell({ type: 'outcome', outcome }),
      });
      tell({ type: 'finished', canceled });
    } else if (job.kind === 'agreement') {
      try {
        tell({ type: 'agreement', report: computeAgreement(ws, job.request) });
      } catch (error) {
        const known = error instanceof BylineError;
        tell({
          type: 'agreement-failed',
          code: known ? error.code : 'internal',
          message: known ? error.message : `The agreement failed: ${(error as Error).message}`,
        });
      }
    } else {
      try {
        const result = await runExport(ws, job.request, {
          laneWorker: job.laneWorker,
          isCanceled: () => canceled,
          onProgress: ({ done, total }) => tell({ type: 'progress', done, total, current: null }),
        });
        tell({ type: 'exported', result });
      } catch (error) {
        const reason =
          error instanceof ExportCanceled || error instanceof BylineError ? error.message : `The export failed: ${(error as Error).message}`;
        tell({ type: 'export-failed', reason, canceled: error instanceof ExportCanceled });
      }
    }
  } finally {
    ws.close();
  }
}

// Bundled as CommonJS for Electron, where there is no top-level await.
void main();
