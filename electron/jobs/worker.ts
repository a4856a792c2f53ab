/**
 * The import worker (a worker thread): opens its own connection to the workspace, imports the
 * units it is given, reports progress, and stops between files when asked. The main thread never
 * parses or writes an imported file, so the app stays responsive during a bulk import.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Workspace } from '../store/workspace';
import { runImport } from './run-import';
import type { ImportUnit } from './sources';
import type { FromWorker, ToWorker } from './jobs';

interface Job {
  workspacePath: string;
  units: ImportUnit[];
  annotator: string;
}

const port = parentPort!;
const job = workerData as Job;
let canceled = false;
port.on('message', (message: ToWorker) => {
  if (message.type === 'cancel') canceled = true;
});

async function main(): Promise<void> {
  const ws = Workspace.open(job.workspacePath);
  try {
    await runImport(ws, job.units, {
      annotator: job.annotator,
      isCanceled: () => canceled,
      onProgress: (progress) => port.postMessage({ type: 'progress', ...progress } satisfies FromWorker),
      onOutcome: (outcome) => port.postMessage({ type: 'outcome', outcome } satisfies FromWorker),
    });
    port.postMessage({ type: 'finished', canceled } satisfies FromWorker);
  } finally {
    ws.close();
  }
}

// Bundled as CommonJS for Electron, where there is no top-level await.
void main();
