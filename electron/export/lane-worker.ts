/**
 * The export's second lane (lanes.ts): reads and formats its chunks through its own read-only
 * connection, at most `ahead` chunks before the main thread has written them, and waits to be
 * closed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BylineError } from '../../schema/errors';
import { Workspace } from '../store/workspace';
import { formatChunk, LANE_WRITERS, type FromLane, type LaneData, type ToLane } from './lanes';

const port = parentPort!;
const data = workerData as LaneData & { ahead: number };
let credit = data.ahead;
let wake: (() => void) | null = null;
port.on('message', (message: ToLane) => {
  if (message.type === 'more') {
    credit++;
    wake?.();
  }
});

async function run(): Promise<void> {
  const ws = Workspace.open(data.workspacePath, { readOnly: true });
  const writer = LANE_WRITERS[data.format];
  for (const ids of data.chunks) {
    while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
    credit--;
    const chunk = await formatChunk(ws, ids, data.layers, writer, data.context);
    port.postMessage({ type: 'chunk', ...chunk } satisfies FromLane, [chunk.bytes.buffer]);
  }
  ws.close();
}

run().catch((error: unknown) => {
  const known = error instanceof BylineError;
  port.postMessage({
    type: 'failed',
    code: known ? error.code : null,
    message: known ? error.message : `The export failed: ${(error as Error).message}`,
  } satisfies FromLane);
});
