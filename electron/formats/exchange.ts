/**
 * The Byline exchange file on disk (schema/exchange.ts has its shape): written as a stream, read
 * whole or as a stream. The layout is valid JSON and one document per line:
 *
 *   {"format":"byline-exchange","version":2,"offsetUnit":"codepoint","exportedAt":…,"exportedBy":…,"labels":[…],"annotators":[…],"documents":[
 *   {…document 1…},
 *   {…document 2…}
 *   ]}
 *
 * Line 1 is the header up to and including `"documents":[`; each document is one line, followed
 * by a comma unless it is the last; the last line is `]}`. A reader streams it a line at a time
 * and never holds more than one document. Compression (.byline.json.gz) is the caller's: it pipes
 * the text through zlib.
 */
import type { z } from 'zod';
import { badInput } from '../../schema/errors';
import {
  EXCHANGE_FORMAT,
  EXCHANGE_OFFSET_UNIT,
  EXCHANGE_VERSION,
  ExchangeDocument,
  ExchangeFile,
  ExchangeHeader,
  ExchangeReferences,
  type ExchangeAnnotation,
  type ExchangeRelation,
  type ExchangeReview,
} from '../../schema/exchange';
import type { Annotator } from '../../schema/model';
import type { ExportContext, ExportDocument, ExportWriter, TextSink } from './export-types';

/**
 * The exporting workspace's local annotator: the one whose document status the file carries.
 * ExportContext does not name it yet; until it does, it is the local annotator among the layers.
 */
export type ExchangeExportContext = ExportContext & {
  exportedBy?: Annotator;
  /** The review verdicts to carry for a document (store/review.ts exchangeReviewsOf); none when left out. */
  reviewsOf?: (documentId: string) => ExchangeReview[];
};

/** Documents written so far, per output being written. */
const written = new WeakMap<TextSink, number>();

export const exchangeWriter: ExportWriter = {
  async begin(out, context) {
    const header: ExchangeHeader = {
      format: EXCHANGE_FORMAT,
      version: EXCHANGE_VERSION,
      offsetUnit: EXCHANGE_OFFSET_UNIT,
      exportedAt: context.exportedAt,
      exportedBy: annotatorOf(exporterOf(context)),
      labels: context.labels.map(({ id, name, color, hotkey, kind, position, attributes }) => ({
        id,
        name,
        color,
        hotkey,
        kind,
        position,
        attributes,
      })),
      annotators: context.annotators.map(annotatorOf),
    };
    written.set(out, 0);
    // The header's closing brace gives way to the documents' array, which stays open.
    await out.write(`${oneLine(header).slice(0, -1)},"documents":[`);
  },

  async document(out, doc, context: ExchangeExportContext) {
    const count = written.get(out);
    if (count === undefined) throw new Error('exchangeWriter.document was called before begin.');
    written.set(out, count + 1);
    await out.write(`${count === 0 ? '\n' : ',\n'}${oneLine(exchangeDocumentOf(doc, context.reviewsOf?.(doc.id)))}`);
  },

  async end(out) {
    written.delete(out);
    await out.write('\n]}\n');
  },
};

function exporterOf(context: ExchangeExportContext): Annotator {
  const exporter = context.exportedBy ?? context.annotators.find((a) => a.isLocal);
  if (!exporter) {
    throw new Error('An exchange file names who wrote it: the export context has no exportedBy and no local annotator.');
  }
  return exporter;
}

const annotatorOf = ({ id, name }: Pick<Annotator, 'id' | 'name'>) => ({ id, name });

/**
 * A document as the file has it: ids instead of the names exporters also get, in the file's key
 * order; `reviews` only when there are some (a document without is as version 1 wrote it).
 */
export function exchangeDocumentOf(doc: ExportDocument, reviews: ExchangeReview[] = []): ExchangeDocument {
  return {
    id: doc.id,
    title: doc.title,
    outlet: doc.outlet,
    author: doc.author,
    publishedAt: doc.publishedAt,
    url: doc.url,
    originFile: doc.originFile,
    originFormat: doc.originFormat,
    createdAt: doc.createdAt,
    version: doc.version,
    text: doc.text,
    sha256: doc.sha256,
    status: doc.status,
    annotations: doc.annotations.map(
      (a): ExchangeAnnotation => ({
        id: a.id,
        annotatorId: a.annotatorId,
        labelId: a.labelId,
        fragments: a.fragments.map(({ start, end }) => ({ start, end })),
        quote: a.quote,
        note: a.note,
        attributes: a.attributes,
        createdAt: a.createdAt,
        updatedAt: a.updatedAt,
        externalRef: a.externalRef,
        extras: a.extras,
      }),
    ),
    relations: doc.relations.map(
      (r): ExchangeRelation => ({
        id: r.id,
        annotatorId: r.annotatorId,
        labelId: r.labelId,
        fromId: r.fromId,
        toId: r.toId,
        attributes: r.attributes,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
        externalRef: r.externalRef,
        extras: r.extras,
      }),
    ),
    ...(reviews.length > 0 ? { reviews } : {}),
  };
}

/**
 * JSON on one line. JSON.stringify already escapes CR and LF inside strings; U+0085, U+2028 and
 * U+2029 are escaped too, since some line readers (Python's splitlines, some editors) end lines there.
 */
function oneLine(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Reads a whole exchange file, checks every rule of schema/exchange.ts, and returns it. Anything
 * wrong is refused with the file's name, where (a path such as documents.3.annotations.12.quote)
 * and why.
 */
export function readExchange(content: string, source: string): ExchangeFile {
  let value: unknown;
  try {
    value = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw badInput(`${source} is not a Byline exchange file: it is not valid JSON (${(error as Error).message}).`);
  }
  checkFormatAndVersion(value, source);
  refuseProtoKeys(value, source, '');
  return parse(ExchangeFile, value, source, '');
}

export type ExchangeItem =
  | { type: 'header'; header: ExchangeHeader }
  | { type: 'document'; index: number; document: ExchangeDocument };

/** Line 1 of the streamable layout ends here (spaces allowed, as other JSON writers put them). */
const HEADER_END = /,\s*"documents"\s*:\s*\[$/;

/**
 * Reads an exchange file line by line (lines without their line ends, as node:readline gives
 * them): the header first, then each document as soon as its line is read and checked. A file
 * not in the line layout (pretty-printed, say) is read whole instead. A problem anywhere is
 * thrown when its line is reached, so a caller that stores as it reads must do so in one
 * transaction (store/ingest-exchange.ts ingestExchangeStream does).
 */
export async function* readExchangeStream(lines: AsyncIterable<string>, source: string): AsyncGenerator<ExchangeItem> {
  const iterator = lines[Symbol.asyncIterator]();
  let lineNumber = 0;
  const nextLine = async (): Promise<string | null> => {
    const next = await iterator.next();
    if (next.done) return null;
    lineNumber++;
    return next.value;
  };

  try {
    const first = await nextLine();
    if (first === null) throw badInput(`${source} is empty: it is not a Byline exchange file.`);
    const headerLine = first.replace(/^\uFEFF/, '').trimEnd();
    if (!headerLine.startsWith('{') || !HEADER_END.test(headerLine)) {
      const all = [first];
      for (let line = await nextLine(); line !== null; line = await nextLine()) all.push(line);
      const file = readExchange(all.join('\n'), source);
      const { documents, ...header } = file;
      yield { type: 'header', header };
      for (const [index, document] of documents.entries()) yield { type: 'document', index, document };
      return;
    }

    let value: unknown;
    try {
      value = JSON.parse(`${headerLine}]}`);
    } catch (error) {
      throw badInput(`${source}, line 1: the header is not valid JSON (${(error as Error).message}).`);
    }
    checkFormatAndVersion(value, source);
    refuseProtoKeys(value, source, '');
    const { documents: _, ...headerValue } = value as Record<string, unknown>;
    const header = parse(ExchangeHeader, headerValue, source, '');
    yield { type: 'header', header };

    const references = new ExchangeReferences(header);
    let index = 0;
    let commaBefore = false;
    for (;;) {
      const raw = await nextLine();
      if (raw === null) {
        throw badInput(`${source} ends at line ${lineNumber}, before its list of documents is closed: the file is cut short.`);
      }
      const line = raw.trim();
      if (line === '') continue;
      if (line.startsWith(']')) {
        if (!/^\]\s*\}$/.test(line)) throw badInput(`${source}, line ${lineNumber}: the file should end with ]} here.`);
        if (commaBefore) throw badInput(`${source}, line ${lineNumber - 1}: the last document is followed by a comma.`);
        break;
      }
      if (index > 0 && !commaBefore) {
        throw badInput(`${source}, line ${lineNumber - 1}: a comma is missing after documents.${index - 1}.`);
      }
      commaBefore = line.endsWith(',');
      let documentValue: unknown;
      try {
        documentValue = JSON.parse(commaBefore ? line.slice(0, -1) : line);
      } catch (error) {
        throw badInput(`${source}, line ${lineNumber}: documents.${index} is not valid JSON (${(error as Error).message}).`);
      }
      refuseProtoKeys(documentValue, source, `documents.${index}`);
      const document = parse(ExchangeDocument, documentValue, source, `documents.${index}`);
      const problem = references.check(document, index)[0];
      if (problem) throw badInput(`${source}: ${joinPath(`documents.${index}`, problem.path)}: ${problem.message}`);
      yield { type: 'document', index, document };
      index++;
    }
    for (let line = await nextLine(); line !== null; line = await nextLine()) {
      if (line.trim() !== '') throw badInput(`${source}, line ${lineNumber}: there is more after the closing ]}.`);
    }
  } finally {
    // A reader that stops early (a problem, or the caller's) lets the lines' source go too.
    await iterator.return?.();
  }
}

/** Refuses what is not an exchange file, or one of a newer version, before looking further. */
function checkFormatAndVersion(value: unknown, source: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const what = Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`;
    throw badInput(`${source} is not a Byline exchange file: it holds ${what}, not an object.`);
  }
  const { format, version } = value as { format?: unknown; version?: unknown };
  if (format !== EXCHANGE_FORMAT) {
    throw badInput(
      `${source} is not a Byline exchange file: its "format" is ${format === undefined ? 'missing' : JSON.stringify(format)}` +
        `, where an exchange file says "${EXCHANGE_FORMAT}".`,
    );
  }
  if (typeof version === 'number' && version > EXCHANGE_VERSION) {
    throw badInput(
      `${source} was written by a newer Byline (exchange format version ${version}; this Byline reads versions up ` +
        `to ${EXCHANGE_VERSION}). Update Byline to import it; nothing was imported.`,
    );
  }
}

/**
 * JSON.parse keeps a "__proto__" key as an own property; copied into a plain object, it would set
 * that object's prototype instead. No field of the file has that name, so a file with one is
 * refused wherever it is (zod alone refuses it only where keys are fixed, not in attributes).
 */
function refuseProtoKeys(value: unknown, source: string, prefix: string): void {
  const path: (string | number)[] = [];
  const visit = (node: unknown): boolean => {
    if (typeof node !== 'object' || node === null) return false;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        if (visit(node[i])) return true;
        path.pop();
      }
      return false;
    }
    if (Object.prototype.hasOwnProperty.call(node, '__proto__')) {
      path.push('__proto__');
      return true;
    }
    for (const key in node) {
      path.push(key);
      if (visit((node as Record<string, unknown>)[key])) return true;
      path.pop();
    }
    return false;
  };
  if (visit(value)) {
    throw badInput(`${source}: ${joinPath(prefix, path)}: "__proto__" is not accepted as a key (it could change how the file is read).`);
  }
}

function parse<T extends z.ZodType>(schema: T, value: unknown, source: string, prefix: string): z.infer<T> {
  const result = schema.safeParse(value, {
    error: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'is missing' : undefined),
  });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = joinPath(prefix, issue.path);
  throw badInput(`${source}: ${where ? `${where}: ` : ''}${issue.message}`);
}

function joinPath(prefix: string, path: readonly PropertyKey[]): string {
  return [prefix, ...path.map(String)].filter((part) => part !== '').join('.');
}
