/**
 * Exports in two lanes. Reading the documents from SQLite and formatting them is all the work of
 * a large export, on one core: the one-file formats whose output for a document depends on that
 * document alone (LANE_WRITERS) split it with a worker thread (lane-worker.ts). The documents go
 * in chunks; the worker reads and formats every other chunk through its own read-only connection
 * and hands over each chunk's bytes, and the export writes the chunks in document order, so the
 * file is the same as one lane's. The worker runs at most AHEAD chunks ahead of the writing,
 * which keeps memory flat.
 */
import { Worker } from 'node:worker_threads';
import type { ErrorCode } from '../../schema/api';
import { BylineError } from '../../schema/errors';
import { conllExport } from '../formats/conll-export';
import { csvExport } from '../formats/csv-export';
import type { ExportContext, ExportWriter, TextSink } from '../formats/export-types';
import { prodigyJsonl, spacyJsonl } from '../formats/jsonl-export';
import type { Workspace } from '../store/workspace';
import { loadExportDocuments } from './load';

export const LANE_WRITERS = {
  'spacy-jsonl': spacyJsonl,
  'prodigy-jsonl': prodigyJsonl,
  csv: csvExport,
  conll: conllExport,
} as const satisfies Record<string, ExportWriter>;

export type LaneFormat = keyof typeof LANE_WRITERS;

export const isLaneFormat = (format: string): format is LaneFormat => Object.hasOwn(LANE_WRITERS, format);

/** Documents per chunk: small enough to keep a chunk of Prodigy tasks to a few megabytes. */
export const LANE_CHUNK = 64;
/** Chunks the worker may have formatted and not yet had written. */
const AHEAD = 2;

export interface LaneData {
  workspacePath: string;
  format: LaneFormat;
  layers: string[] | null;
  context: ExportContext;
  /** The worker's chunks of document ids, in the order they are written. */
  chunks: string[][];
}

export interface FormattedChunk {
  bytes: Uint8Array<ArrayBuffer>;
  documents: number;
  annotations: number;
  relations: number;
}

export type FromLane = ({ type: 'chunk' } & FormattedChunk) | { type: 'failed'; code: ErrorCode | null; message: string };
export type ToLane = { type: 'more' };

/** Reads and formats one chunk of documents, as the file has them. */
export async function formatChunk(
  ws: Workspace,
  ids: readonly string[],
  layers: readonly string[] | null,
  writer: ExportWriter,
  context: ExportContext,
): Promise<FormattedChunk> {
  const bytes = new Utf8Bytes();
  const sink: TextSink = { write: async (text) => bytes.add(text) };
  const chunk = { documents: 0, annotations: 0, relations: 0 };
  for (const doc of loadExportDocuments(ws, ids, layers)) {
    chunk.documents++;
    chunk.annotations += doc.annotations.length;
    chunk.relations += doc.relations.length;
    await writer.document(sink, doc, context);
  }
  return { ...chunk, bytes: bytes.take() };
}

/**
 * UTF-8 of the texts added, each encoded as it comes into one growing buffer: joining a chunk's
 * texts first and encoding the whole would copy every character once more.
 */
class Utf8Bytes {
  private static readonly encoder = new TextEncoder();
  private buffer = new Uint8Array(1 << 20);
  private length = 0;

  add(text: string): void {
    // UTF-8 has at most three bytes for each UTF-16 unit.
    const needed = this.length + text.length * 3;
    if (needed > this.buffer.length) {
      const grown = new Uint8Array(Math.max(needed, this.buffer.length * 2));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.length += Utf8Bytes.encoder.encodeInto(text, this.buffer.subarray(this.length)).written;
  }

  /** The bytes, in a buffer of their own (which can be handed to the other thread). */
  take(): Uint8Array<ArrayBuffer> {
    return this.buffer.slice(0, this.length);
  }
}

/** The main thread's end of the worker: its chunks, in order. */
export class ExportLane {
  private readonly worker: Worker;
  private readonly ready: FormattedChunk[] = [];
  private waiting: { resolve(chunk: FormattedChunk): void; reject(error: Error): void } | null = null;
  private failure: Error | null = null;

  constructor(file: string, data: LaneData) {
    this.worker = new Worker(file, { workerData: { ...data, ahead: AHEAD } });
    this.worker.on('message', (message: FromLane) => {
      if (message.type === 'chunk') {
        const { type: _, ...chunk } = message;
        if (this.waiting) this.take().resolve(chunk);
        else this.ready.push(chunk);
      } else {
        this.fail(message.code ? new BylineError(message.code, message.message) : new Error(message.message));
      }
    });
    this.worker.on('error', (error) => this.fail(new Error(`The export's second lane failed: ${error.message}`)));
    // The worker waits to be closed: an exit before that is a failure whatever its code.
    this.worker.on('exit', (code) => this.fail(new Error(`The export's second lane stopped (exit code ${code}).`)));
  }

  /** The worker's next chunk, once it is formatted. */
  async next(): Promise<FormattedChunk> {
    const chunk = this.ready.shift() ?? (await this.arrival());
    this.worker.postMessage({ type: 'more' } satisfies ToLane);
    return chunk;
  }

  async close(): Promise<void> {
    this.failure ??= new Error('The export is over.');
    await this.worker.terminate();
  }

  private arrival(): Promise<FormattedChunk> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  private take() {
    const waiting = this.waiting!;
    this.waiting = null;
    return waiting;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    if (this.waiting) this.take().reject(this.failure);
  }
}
