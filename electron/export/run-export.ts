/**
 * Runs an export: chooses the documents and layers, streams them one at a time through the
 * format's writer into a temporary file (or folder, or zip), and renames it into place at the
 * end. Used by the app (in a worker thread) and by the command line alike.
 */
import { notFound } from '../../schema/errors';
import type { Annotator } from '../../schema/model';
import { conllExport } from '../formats/conll-export';
import { csvExport } from '../formats/csv-export';
import { exchangeWriter, type ExchangeExportContext } from '../formats/exchange';
import type { ExportContext, ExportWriter } from '../formats/export-types';
import { doccanoJsonl, prodigyJsonl, spacyJsonl } from '../formats/jsonl-export';
import { w3cExport } from '../formats/w3c-export';
import { listAnnotators } from '../store/annotators';
import { listLabels } from '../store/labels';
import { exchangeReviewsOf } from '../store/review';
import type { Workspace } from '../store/workspace';
import { writeBratConfiguration, writeBratDocument, type BratEvents } from './brat-export';
import { ExportLane, formatChunk, isLaneFormat, LANE_CHUNK } from './lanes';
import { loadExportDocuments } from './load';
import { openFileOutput, openFolderOutput, openZipOutput, type OutputOptions } from './output';
import { selectDocuments, type Selection } from './selection';

export const EXPORT_FORMATS = {
  exchange: { writer: exchangeWriter, title: 'Byline exchange file', extension: '.byline.json' },
  'exchange-gz': { writer: exchangeWriter, title: 'Byline exchange file, gzipped', extension: '.byline.json.gz' },
  'spacy-jsonl': { writer: spacyJsonl, title: 'spaCy JSONL (text and character spans)', extension: '.jsonl' },
  'prodigy-jsonl': { writer: prodigyJsonl, title: 'Prodigy JSONL (tasks with tokens)', extension: '.jsonl' },
  'doccano-jsonl': { writer: doccanoJsonl, title: 'doccano JSONL', extension: '.jsonl' },
  csv: { writer: csvExport, title: 'CSV (one row per annotation)', extension: '.csv' },
  w3c: { writer: w3cExport, title: 'W3C Web Annotation (JSON-LD)', extension: '.jsonld' },
  conll: { writer: conllExport, title: 'CoNLL (IOB2)', extension: '.conll' },
  brat: { writer: null, title: 'brat standoff (a folder, or a .zip)', extension: '.zip' },
} as const satisfies Record<string, { writer: ExportWriter | null; title: string; extension: string }>;

export type ExportFormat = keyof typeof EXPORT_FORMATS;

export interface ExportRequest extends Selection {
  format: ExportFormat;
  /** The layers to export, by annotator id; null for all. */
  annotatorIds: string[] | null;
  /** A file, or for brat a folder (or a path ending in .zip). */
  path: string;
}

export interface ExportResult {
  path: string;
  documents: number;
  annotations: number;
  relations: number;
  /** Bytes written (before any compression). */
  bytes: number;
}

export interface ExportProgress {
  done: number;
  total: number;
}

export interface ExportRunOptions extends OutputOptions {
  /**
   * The bundled second lane (lane-worker.ts, built beside the command line and the jobs worker);
   * without it (the sources run in unit tests) one lane does all.
   */
  laneWorker?: string;
  onProgress?(progress: ExportProgress): void;
  /** Asked before each document (in two lanes, before each chunk of LANE_CHUNK): true stops the export, and nothing is left at `path`. */
  isCanceled?(): boolean;
}

export class ExportCanceled extends Error {
  constructor() {
    super('The export was canceled; nothing was written.');
  }
}

export async function runExport(ws: Workspace, request: ExportRequest, options: ExportRunOptions = {}): Promise<ExportResult> {
  const annotators = chosenAnnotators(ws, request.annotatorIds);
  const ids = selectDocuments(ws, request);
  const layers = request.annotatorIds && annotators.map((a) => a.id);
  const context: ExportContext & ExchangeExportContext = {
    labels: listLabels(ws),
    annotators,
    exportedAt: new Date().toISOString(),
    exportedBy: ws.localAnnotator,
    // The exchange file carries the review verdicts of the layers it exports (a review sent back).
    ...(request.format === 'exchange' || request.format === 'exchange-gz'
      ? { reviewsOf: (documentId: string) => exchangeReviewsOf(ws, documentId, layers) }
      : {}),
  };
  const result: ExportResult = { path: request.path, documents: 0, annotations: 0, relations: 0, bytes: 0 };
  const progress = () => options.onProgress?.({ done: result.documents, total: ids.length });
  // Canceling is asked before each document (or, in two lanes, before each chunk).
  const stopIfCanceled = () => {
    if (options.isCanceled?.()) throw new ExportCanceled();
  };
  const count = (chunk: { documents: number; annotations: number; relations: number }) => {
    result.documents += chunk.documents;
    result.annotations += chunk.annotations;
    result.relations += chunk.relations;
  };
  const documents = function* (chosen: readonly string[]) {
    // Read a few at a time (load.ts).
    for (const doc of loadExportDocuments(ws, chosen, layers)) {
      stopIfCanceled();
      progress();
      count({ documents: 1, annotations: doc.annotations.length, relations: doc.relations.length });
      yield doc;
    }
  };

  const format = EXPORT_FORMATS[request.format];
  if (format.writer === null) {
    const zipped = request.path.toLowerCase().endsWith('.zip');
    const out = zipped ? await openZipOutput(request.path, options) : await openFolderOutput(request.path, options);
    try {
      const names = new Set<string>();
      const events: BratEvents = new Map();
      for (const doc of documents(ids)) await writeBratDocument(out, doc, context, names, events);
      await writeBratConfiguration(out, context.labels, events);
      await out.commit();
    } catch (error) {
      await out.abort();
      throw error;
    }
  } else {
    const out = await openFileOutput(request.path, { ...options, gzip: request.format === 'exchange-gz' });
    try {
      await format.writer.begin(out.sink, context);
      if (options.laneWorker && isLaneFormat(request.format) && ids.length > LANE_CHUNK) {
        const chunks = chunksOf(ids, LANE_CHUNK);
        const inSecondLane = (k: number) => k % 2 === 1;
        const lane = new ExportLane(options.laneWorker, {
          workspacePath: ws.path,
          format: request.format,
          layers,
          context,
          chunks: chunks.filter((_, k) => inSecondLane(k)),
        });
        try {
          // Both lanes format a chunk the same way (formatChunk), each on its own thread.
          for (const [k, chunk] of chunks.entries()) {
            stopIfCanceled();
            const formatted = inSecondLane(k) ? await lane.next() : await formatChunk(ws, chunk, layers, format.writer, context);
            count(formatted);
            progress();
            await out.writeBytes(formatted.bytes);
          }
        } finally {
          await lane.close();
        }
      } else {
        for (const doc of documents(ids)) await format.writer.document(out.sink, doc, context);
      }
      await format.writer.end(out.sink, context);
      result.bytes = out.bytes;
      await out.commit();
    } catch (error) {
      await out.abort();
      throw error;
    }
  }
  progress();
  return result;
}

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

function chosenAnnotators(ws: Workspace, ids: readonly string[] | null): Annotator[] {
  const all = listAnnotators(ws);
  if (!ids) return all;
  return ids.map((id) => {
    const found = all.find((a) => a.id === id);
    if (!found) throw notFound(`There is no annotator with id ${id} in this workspace.`);
    return found;
  });
}
