import { v7 as uuidv7 } from 'uuid';
import type { Document, DocumentStatus, DocumentSummary } from '../../schema/model';
import { notFound } from '../../schema/errors';
import { createHash } from 'node:crypto';
import { comparisonText, OffsetMap } from '../../schema/text';
import { appendEvent } from './events';
import type { Workspace } from './workspace';

export interface NewDocument {
  title: string;
  /** The text exactly as decoded from its file, without a BOM (schema/text.ts storedText). */
  text: string;
  originFormat: string;
  originFile?: string | null;
  outlet?: string | null;
  author?: string | null;
  publishedAt?: string | null;
  url?: string | null;
}

const SUMMARY = `
  SELECT d.id, d.title, d.outlet, d.author, d.published_at AS publishedAt, d.url,
         d.origin_file AS originFile, d.origin_format AS originFormat, d.sha256, d.length,
         d.created_at AS createdAt, d.annotation_count AS annotationCount, d.word_count AS wordCount,
         coalesce((SELECT status FROM document_status s
                   WHERE s.document_id = d.id AND s.annotator_id = $annotator), 'not started') AS status
  FROM documents d`;

export function insertDocument(ws: Workspace, input: NewDocument): DocumentSummary {
  const id = uuidv7();
  const now = new Date().toISOString();
  const { sha256, matchSha256 } = versionHashes(input.text);
  const length = new OffsetMap(input.text).codePointLength;
  return ws.transaction(() => {
    ws.statement(
      `INSERT INTO documents (id, title, outlet, author, published_at, url, origin_file,
                              origin_format, version, word_count, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
    ).run(
      id,
      input.title,
      input.outlet ?? null,
      input.author ?? null,
      input.publishedAt ?? null,
      input.url ?? null,
      input.originFile ?? null,
      input.originFormat,
      wordCount(input.text),
      now,
      now,
    );
    ws.statement(
      `INSERT INTO document_versions (document_id, version, text, sha256, match_sha256, length, created_at)
       VALUES (?, 1, ?, ?, ?, ?, ?)`,
    ).run(id, input.text, sha256, matchSha256, length, now);
    const summary = getDocumentSummary(ws, id);
    appendEvent(ws, {
      documentId: id,
      entity: 'document',
      entityId: id,
      action: 'create',
      after: summary,
    });
    return summary;
  });
}

/**
 * Words as a reader counts them: the matches of `/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*\/gu`, runs of
 * letters and digits, an apostrophe between two of them joining them. Counted a character at a
 * time, ASCII without a regular expression: the regular expression took 33 ms of each commit of
 * an edit to a 600,000-character article, which counts its words again.
 */
export function wordCount(text: string): number {
  let runs = 0;
  let joins = 0;
  let inWord = false;
  // An apostrophe right after a word character: it joins if a word character follows.
  let apostropheAfterWord = false;
  for (let i = 0; i < text.length; i++) {
    let unit = text.charCodeAt(i);
    let word: boolean;
    if (unit < 0x80) {
      word = (unit >= 0x30 && unit <= 0x39) || ((unit | 0x20) >= 0x61 && (unit | 0x20) <= 0x7a);
    } else {
      let char = text[i]!;
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          char = text.slice(i, i + 2);
          unit = -1;
          i++;
        }
      }
      word = WORD_CHARACTER.test(char);
    }
    if (word) {
      if (!inWord) runs++;
      if (apostropheAfterWord) joins++;
      inWord = true;
      apostropheAfterWord = false;
    } else {
      apostropheAfterWord = inWord && (unit === 0x27 || unit === 0x2019);
      inWord = false;
    }
  }
  return runs - joins;
}

const WORD_CHARACTER = /^[\p{L}\p{N}]$/u;

/**
 * The hashes a version keeps: of its exact text (what exports and exchange files carry) and of
 * its comparison form (schema/text.ts matchHash, what finds the same article). Node's SHA-256:
 * the same digest as textHash, whose plain JavaScript takes 5 ms on 600,000 characters.
 */
export function versionHashes(text: string): { sha256: string; matchSha256: string } {
  const hash = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');
  const sha256 = hash(text);
  const comparison = comparisonText(text);
  return { sha256, matchSha256: comparison === text ? sha256 : hash(comparison) };
}

/**
 * The document that has (or ever had) a text of this comparison form's hash, if any: the same
 * article, whatever its line ends or normalization. One whose current text it is comes first.
 */
export function findDocumentByMatchHash(ws: Workspace, matchSha256: string): DocumentSummary | null {
  const row = ws
    .statement(
      `SELECT v.document_id AS id FROM document_versions v JOIN documents d ON d.id = v.document_id
       WHERE v.match_sha256 = ? ORDER BY v.version = d.version DESC, d.created_at, d.id LIMIT 1`,
    )
    .get(matchSha256) as { id: string } | undefined;
  return row ? getDocumentSummary(ws, row.id) : null;
}

export function listDocuments(ws: Workspace): DocumentSummary[] {
  return ws
    .statement(`${SUMMARY} ORDER BY d.created_at DESC, d.id DESC`)
    .all({ annotator: ws.localAnnotator.id }) as DocumentSummary[];
}

export function getDocumentSummary(ws: Workspace, id: string): DocumentSummary {
  const row = ws
    .statement(`${SUMMARY} WHERE d.id = $id`)
    .get({ id, annotator: ws.localAnnotator.id }) as DocumentSummary | undefined;
  if (!row) throw notFound(`There is no document with id ${id}.`);
  return row;
}

export function getDocument(ws: Workspace, id: string): Document {
  const summary = getDocumentSummary(ws, id);
  const { version, text } = documentText(ws, id);
  return { ...summary, version, text };
}

export interface DocumentMetadata {
  title?: string;
  outlet?: string | null;
  author?: string | null;
  publishedAt?: string | null;
  url?: string | null;
}

const METADATA_COLUMNS: Record<keyof DocumentMetadata, string> = {
  title: 'title',
  outlet: 'outlet',
  author: 'author',
  publishedAt: 'published_at',
  url: 'url',
};

/** Changes a document's title, outlet, author, date or URL (logged). */
export function updateDocumentMetadata(ws: Workspace, id: string, patch: DocumentMetadata): DocumentSummary {
  return ws.transaction(() => {
    const before = getDocumentSummary(ws, id);
    const fields = (Object.keys(patch) as (keyof DocumentMetadata)[]).filter((key) => patch[key] !== undefined);
    if (fields.length === 0) return before;
    ws.db
      .prepare(
        `UPDATE documents SET ${fields.map((f) => `${METADATA_COLUMNS[f]} = ?`).join(', ')}, updated_at = ? WHERE id = ?`,
      )
      .run(...fields.map((f) => blankToNull(patch[f])), new Date().toISOString(), id);
    const after = getDocumentSummary(ws, id);
    appendEvent(ws, { documentId: id, entity: 'document', entityId: id, action: 'change', before, after });
    return after;
  });
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** The local annotator's status for a document. */
export function documentStatus(ws: Workspace, id: string): DocumentStatus {
  const row = ws
    .statement('SELECT status FROM document_status WHERE document_id = ? AND annotator_id = ?')
    .get(id, ws.localAnnotator.id) as { status: DocumentStatus } | undefined;
  return row?.status ?? 'not started';
}

/** Sets the local annotator's status for a document (logged). */
export function setDocumentStatus(ws: Workspace, id: string, status: DocumentStatus): DocumentSummary {
  return ws.transaction(() => {
    const before = documentStatus(ws, id);
    if (before === status) return getDocumentSummary(ws, id);
    ws.statement(
      `INSERT INTO document_status (document_id, annotator_id, status, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (document_id, annotator_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`,
    ).run(id, ws.localAnnotator.id, status, new Date().toISOString());
    appendEvent(ws, {
      documentId: id,
      entity: 'document',
      entityId: id,
      action: 'change',
      before: { status: before },
      after: { status },
    });
    return getDocumentSummary(ws, id);
  });
}

/**
 * Stores another annotator's status for a document as a colleague's file or the team server says
 * it (`before`: what it was here), logged as setDocumentStatus logs it, naming whose status it is
 * when it is not the local annotator's.
 */
export function putAnnotatorStatus(
  ws: Workspace,
  documentId: string,
  annotatorId: string,
  status: DocumentStatus,
  updatedAt: string,
  before: DocumentStatus,
): void {
  ws.statement(
    `INSERT INTO document_status (document_id, annotator_id, status, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (document_id, annotator_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`,
  ).run(documentId, annotatorId, status, updatedAt);
  const whose = annotatorId === ws.localAnnotator.id ? {} : { annotatorId };
  appendEvent(ws, {
    documentId,
    entity: 'document',
    entityId: documentId,
    action: 'change',
    before: { ...whose, status: before },
    after: { ...whose, status },
  });
}

export interface CachedText {
  version: number;
  sha256: string;
  text: string;
  offsets: OffsetMap;
}

const textCache = new WeakMap<Workspace, Map<string, CachedText>>();
const TEXT_CACHE_SIZE = 8;

/**
 * The current text of a document with its offset map; recently used texts stay in memory. An entry
 * is checked by hash as well as version: a version number can come back with another text after
 * a transaction that made it was rolled back.
 */
export function documentText(ws: Workspace, id: string): CachedText {
  const row = ws.statement('SELECT version, sha256 FROM documents WHERE id = ?').get(id) as
    | { version: number; sha256: string }
    | undefined;
  if (!row) throw notFound(`There is no document with id ${id}.`);
  const hit = textCache.get(ws)?.get(id);
  if (hit && hit.version === row.version && hit.sha256 === row.sha256) {
    rememberDocumentText(ws, id, hit);
    return hit;
  }
  const { text } = ws
    .statement('SELECT text FROM document_versions WHERE document_id = ? AND version = ?')
    .get(id, row.version) as { text: string };
  const entry = { ...row, text, offsets: new OffsetMap(text) };
  rememberDocumentText(ws, id, entry);
  return entry;
}

/** Keeps a text in memory as the document's current one (most recently used last). */
export function rememberDocumentText(ws: Workspace, id: string, entry: CachedText): void {
  let cache = textCache.get(ws);
  if (!cache) textCache.set(ws, (cache = new Map()));
  cache.delete(id);
  cache.set(id, entry);
  if (cache.size > TEXT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
}
