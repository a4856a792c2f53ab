/**
 * Imports units one by one: each file is read, parsed and stored in one transaction, so a file
 * that fails stores nothing, one bad file never stops the rest, and a cancel between files leaves
 * no half-done file behind.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { MAX_TEXT_SIZE, type ImportOutcome } from '../../schema/api';
import { BylineError } from '../../schema/errors';
import { readArticleFile } from '../formats/articles';
import { parseAnn, parseAnnotationConf } from '../formats/brat';
import { parseVisualLabels, withDisplayNames } from '../formats/brat-conf';
import { parseDataset } from '../formats/datasets';
import { readExchangeStream } from '../formats/exchange';
import { articleFromText, decodeText } from '../formats/plain-text';
import { articleDocument, type ImportedDocument, type ImportedLabel } from '../formats/types';
import { ingest } from '../store/ingest';
import { ingestExchangeStream } from '../store/ingest-exchange';
import { getDocumentSummary } from '../store/documents';
import type { Workspace } from '../store/workspace';
import { readMetadataTable, tableWarning, withMetadata, type MetadataTable } from './metadata-table';
import { unitPath, type ImportUnit } from './sources';

export interface ImportProgress {
  done: number;
  total: number;
  current: string | null;
}

export interface RunOptions {
  /** Whose annotations these are, for files that do not say. */
  annotator: string;
  onProgress?(progress: ImportProgress): void;
  /** Each file's outcome, as soon as it is known. */
  onOutcome?(outcome: ImportOutcome): void;
  /** Asked before each file: true stops the import there. */
  isCanceled?(): boolean;
}

/**
 * Files are committed in batches of about BATCH_MS: one disk sync per batch rather than per
 * file, while no other writer (the person tagging meanwhile) waits longer than that. Each file
 * is still all or nothing (a savepoint of its own); outcomes are told once their batch is
 * committed, so a report never claims what a crash could take back.
 */
const BATCH_MS = 50;

export async function runImport(ws: Workspace, units: readonly ImportUnit[], options: RunOptions): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  const read: ReadOnce = { confs: new Map(), tables: new Map() };
  const untold: ImportOutcome[] = [];
  let batchStarted = 0;
  const commit = () => {
    if (ws.db.inTransaction) ws.db.exec('COMMIT');
    for (const outcome of untold.splice(0)) options.onOutcome?.(outcome);
  };
  try {
    for (const [done, unit] of units.entries()) {
      const source = unitPath(unit);
      options.onProgress?.({ done, total: units.length, current: source });
      if (!ws.db.inTransaction) {
        ws.db.exec('BEGIN IMMEDIATE');
        batchStarted = performance.now();
      }
      const outcome: ImportOutcome = options.isCanceled?.()
        ? { status: 'canceled', source }
        : await importUnit(ws, unit, options.annotator, read);
      outcomes.push(outcome);
      untold.push(outcome);
      if (performance.now() - batchStarted >= BATCH_MS) commit();
    }
  } finally {
    commit();
  }
  options.onProgress?.({ done: units.length, total: units.length, current: null });
  return outcomes;
}

/** Imports pasted text as an article. */
export function importText(ws: Workspace, raw: string, annotator: string): ImportOutcome {
  return outcomeOf('clipboard', () => {
    const article = articleFromText(raw, 'The pasted text');
    return store(ws, 'clipboard', [articleDocument({ source: 'clipboard', format: 'clipboard', ...article })], annotator);
  });
}

/** What an import reads once, by path, however many files share it (a corpus shares one among thousands). */
interface ReadOnce {
  confs: Map<string, Promise<BratConfiguration>>;
  /** A table that cannot be used is its error, told on each article it would have covered. */
  tables: Map<string, Promise<MetadataTable | Error>>;
}

async function importUnit(ws: Workspace, unit: ImportUnit, annotator: string, read: ReadOnce): Promise<ImportOutcome> {
  const source = unitPath(unit);
  return outcomeOfAsync(source, async () => {
    switch (unit.kind) {
      case 'refused':
        throw new BylineError('bad_input', unit.reason);
      case 'article': {
        const doc = await readArticleFile(unit.path, await readLimited(unit.path));
        return store(ws, source, [await described(doc, unit.metadata, unit.path, read)], annotator);
      }
      case 'dataset':
        return store(ws, source, parseDataset(await readUtf8(unit.path), unit.path), annotator);
      case 'exchange':
        return storeExchange(ws, unit.path);
      case 'brat': {
        const parsed = await readBratPair(unit);
        const conf = unit.conf;
        if (conf && !read.confs.has(conf)) read.confs.set(conf, readBratConfiguration(conf));
        const { labels, names } = conf ? await read.confs.get(conf)! : { labels: [], names: new Map<string, string>() };
        const doc = withDisplayNames({ ...parsed, labels: [...labels, ...parsed.labels] }, names);
        return store(ws, source, [await described(doc, unit.metadata, unit.txt, read)], annotator);
      }
    }
  });
}

/** A brat .ann file and its text, read and parsed (without the annotation.conf). */
export async function readBratPair(unit: Extract<ImportUnit, { kind: 'brat' }>): Promise<ImportedDocument> {
  const documentRaw = decodeText(await readLimited(unit.txt), unit.txt);
  return parseAnn(await readUtf8(unit.ann), documentRaw, { source: unit.ann, annotator: unit.annotator });
}

/** The document with its row of the metadata table covering `article`, if any. */
async function described(doc: ImportedDocument, table: string | null | undefined, article: string, read: ReadOnce): Promise<ImportedDocument> {
  if (!table) return doc;
  if (!read.tables.has(table)) read.tables.set(table, readMetadataTable(table).catch((error: Error) => error));
  const rows = await read.tables.get(table)!;
  if (!(rows instanceof Error)) return withMetadata(doc, rows, article);
  return { ...doc, warnings: [...(doc.warnings ?? []), tableWarning(rows, article)] };
}

interface BratConfiguration {
  labels: ImportedLabel[];
  /** Display names from the visual.conf beside annotation.conf, if there is one. */
  names: Map<string, string>;
}

async function readBratConfiguration(conf: string): Promise<BratConfiguration> {
  const labels = parseAnnotationConf(await readUtf8(conf), conf);
  const visual = join(dirname(conf), 'visual.conf');
  const names = await readUtf8(visual).then(parseVisualLabels, (error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return new Map<string, string>();
    throw error;
  });
  return { labels, names };
}

/** Stores every document of one file in one transaction: all of the file, or none of it. */
function store(ws: Workspace, source: string, documents: ImportedDocument[], annotator: string): ImportOutcome {
  if (documents.length === 0) throw new BylineError('bad_input', `${source} holds no articles.`);
  const results = ws.transaction(() => documents.map((doc) => ingest(ws, doc, { annotator })));
  const added = results.filter((r) => r.newDocument).length;
  const annotations = results.reduce((n, r) => n + r.added.annotations, 0);
  const relations = results.reduce((n, r) => n + r.added.relations, 0);
  const document = results[0]!.document;
  // What could not be placed on an article's text as edited here, and what the file had that
  // was read with a difference or left out, is told, never dropped silently.
  const notAnchored = results.flatMap((r) => r.notAnchored);
  const warnings = documents.flatMap((doc) => doc.warnings ?? []);
  const told = { ...(notAnchored.length > 0 ? { notAnchored } : {}), ...(warnings.length > 0 ? { warnings } : {}) };
  if (added === 0 && annotations === 0 && relations === 0) {
    return { status: 'duplicate', source, documents: results.length, document, ...told };
  }
  return { status: 'imported', source, documents: added, annotations, relations, document, ...told };
}

/**
 * Streams an exchange file (no size limit: it is read a document at a time) into the workspace,
 * all of it or, if any line is bad, none of it.
 */
async function storeExchange(ws: Workspace, path: string): Promise<ImportOutcome> {
  // pipeline passes a damaged gzip stream's error (or the file's) on to the lines being read.
  const input = path.toLowerCase().endsWith('.gz') ? pipeline(createReadStream(path), createGunzip(), () => {}) : createReadStream(path);
  const lines = createInterface({ input, crlfDelay: Infinity });
  // runImport holds a transaction; a savepoint of the file's own lets a file without articles
  // (the outcome names one) store nothing either.
  ws.db.exec('SAVEPOINT exchange_file');
  try {
    const result = await ingestExchangeStream(ws, readExchangeStream(lines, path), { source: path });
    const [firstDocumentId] = result.documentIds;
    if (firstDocumentId === undefined) throw new BylineError('bad_input', `${path} holds no articles.`);
    ws.db.exec('RELEASE exchange_file');
    const document = getDocumentSummary(ws, firstDocumentId);
    const annotations = result.annotations.added + result.annotations.updated;
    const relations = result.relations.added + result.relations.updated;
    const verdicts = result.reviews.added + result.reviews.updated;
    // Whatever could not be re-anchored on a text that differs here is told, never dropped silently.
    const notAnchored = result.notAnchored.map(({ documentId: _, ...item }) => item);
    const told = notAnchored.length > 0 ? { notAnchored } : {};
    if (result.documents.added === 0 && annotations === 0 && relations === 0 && verdicts === 0) {
      return { status: 'duplicate', source: path, documents: result.documents.matched, document, ...told };
    }
    return { status: 'imported', source: path, documents: result.documents.added, annotations, relations, document, ...(verdicts > 0 ? { verdicts } : {}), ...told };
  } catch (error) {
    ws.db.exec('ROLLBACK TO exchange_file; RELEASE exchange_file');
    throw error;
  } finally {
    lines.close();
    input.destroy();
  }
}

async function readLimited(path: string): Promise<Uint8Array> {
  const { size } = await stat(path);
  if (size > MAX_TEXT_SIZE) {
    throw new BylineError('bad_input', `${path} is ${megabytes(size)}, over the ${megabytes(MAX_TEXT_SIZE)} limit for one file.`);
  }
  return readFile(path);
}

async function readUtf8(path: string): Promise<string> {
  const bytes = await readLimited(path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BylineError('bad_input', `${path} is not valid UTF-8 text.`);
  }
}

function outcomeOf(source: string, work: () => ImportOutcome): ImportOutcome {
  try {
    return work();
  } catch (error) {
    return failed(source, error);
  }
}

async function outcomeOfAsync(source: string, work: () => Promise<ImportOutcome>): Promise<ImportOutcome> {
  try {
    return await work();
  } catch (error) {
    return failed(source, error);
  }
}

function failed(source: string, error: unknown): ImportOutcome {
  if (error instanceof BylineError) return { status: 'failed', source, reason: error.message };
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'it does not exist' : (error as Error).message;
  return { status: 'failed', source, reason: `${source} could not be read: ${why}.` };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
}
