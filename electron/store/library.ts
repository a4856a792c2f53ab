/**
 * The library as pages of a sorted, filtered (and possibly searched) list, so that a workspace of
 * 100,000 articles shows as fast as one of ten.
 */
import type { DocumentStatus, LibraryPage, LibraryRow } from '../../schema/model';
import type { Workspace } from './workspace';

export type LibrarySort = 'relevance' | 'title' | 'outlet' | 'published' | 'words' | 'annotations' | 'status' | 'added';

export interface LibraryQuery {
  offset: number;
  limit: number;
  sort: LibrarySort;
  descending: boolean;
  /** Words to find in titles, texts and notes (all of them; the last one may be a prefix). */
  search?: string | null;
  outlet?: string | null;
  /** Published on or after / on or before, as YYYY-MM-DD. */
  from?: string | null;
  to?: string | null;
  status?: DocumentStatus | null;
  label?: { id: string; present: boolean } | null;
  collectionId?: string | null;
}

const ORDER: Record<Exclude<LibrarySort, 'relevance'>, string> = {
  title: 'd.title COLLATE NOCASE',
  outlet: 'd.outlet IS NULL, d.outlet COLLATE NOCASE',
  published: 'd.published_at IS NULL, d.published_at',
  words: 'd.word_count',
  annotations: 'd.annotation_count',
  status: 'status',
  added: 'd.created_at',
};

/** The most search hits counted (and listed); a search that finds more says so. */
export const SEARCH_COUNT_LIMIT = 10_000;

export function queryLibrary(ws: Workspace, query: LibraryQuery): LibraryPage {
  const where: string[] = [];
  const params: Record<string, unknown> = { annotator: ws.localAnnotator.id };
  const match = query.search ? ftsQuery(query.search) : null;
  if (query.search && !match) return { total: 0, more: false, rows: [] };
  if (match) {
    where.push('search MATCH $match');
    params.match = match;
  }
  if (query.outlet) {
    where.push('d.outlet = $outlet COLLATE NOCASE');
    params.outlet = query.outlet;
  }
  if (query.from) {
    where.push('substr(d.published_at, 1, 10) >= $from');
    params.from = query.from;
  }
  if (query.to) {
    where.push('substr(d.published_at, 1, 10) <= $to');
    params.to = query.to;
  }
  if (query.status) {
    where.push("coalesce(s.status, 'not started') = $status");
    params.status = query.status;
  }
  if (query.label) {
    where.push(
      `${query.label.present ? '' : 'NOT '}EXISTS (SELECT 1 FROM annotations a WHERE a.document_id = d.id AND a.label_id = $label)`,
    );
    params.label = query.label.id;
  }
  if (query.collectionId) {
    where.push('d.id IN (SELECT document_id FROM collection_documents WHERE collection_id = $collection)');
    params.collection = query.collectionId;
  }
  // A search drives the query from the full-text index (CROSS JOIN keeps that order).
  const from = `
    FROM ${match ? 'search CROSS JOIN documents d ON d.rowid = search.rowid' : 'documents d'}
    LEFT JOIN document_status s ON s.document_id = d.id AND s.annotator_id = $annotator
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  const direction = query.descending ? 'DESC' : 'ASC';
  const order =
    query.sort === 'relevance' || !(query.sort in ORDER)
      ? match
        ? 'search.rank'
        : `d.created_at ${direction}`
      : ORDER[query.sort as keyof typeof ORDER]
          .split(', ')
          .map((term) => (term.endsWith(' IS NULL') ? term : `${term} ${direction}`))
          .join(', ');
  // Counting every hit of a common word in 100,000 articles would cost more than the search:
  // past SEARCH_COUNT_LIMIT the count stops, and the library says "more than".
  const counted = (
    ws.db
      .prepare(match ? `SELECT count(*) AS n FROM (SELECT 1 ${from} LIMIT ${SEARCH_COUNT_LIMIT + 1})` : `SELECT count(*) AS n ${from}`)
      .get(params) as { n: number }
  ).n;
  const total = Math.min(counted, match ? SEARCH_COUNT_LIMIT : counted);
  const columns = `d.id, d.title, d.outlet, d.author, d.published_at AS publishedAt, d.url,
    d.origin_file AS originFile, d.origin_format AS originFormat, d.sha256, d.length,
    d.created_at AS createdAt, d.annotation_count AS annotationCount, d.word_count AS wordCount,
    coalesce(s.status, 'not started') AS status`;
  const page = { ...params, limit: query.limit, offset: query.offset };
  // Only a search by relevance with no other filter: rank in the index alone, then fetch the
  // page's documents (joining every hit first costs more than the search itself).
  const rankedOnly = match && where.length === 1 && (query.sort === 'relevance' || !(query.sort in ORDER));
  const rows = (
    rankedOnly
      ? ws.db
          .prepare(
            `WITH hits AS (
               SELECT rowid, rank, snippet(search, -1, char(2), char(3), '…', 16) AS snippet
               FROM search WHERE search MATCH $match ORDER BY rank LIMIT $limit OFFSET $offset)
             SELECT ${columns}, hits.snippet FROM hits
             JOIN documents d ON d.rowid = hits.rowid
             LEFT JOIN document_status s ON s.document_id = d.id AND s.annotator_id = $annotator
             ORDER BY hits.rank, d.id`,
          )
          .all(page)
      : ws.db
          .prepare(
            `SELECT ${columns}, ${match ? "snippet(search, -1, char(2), char(3), '…', 16)" : 'NULL'} AS snippet
             ${from} ORDER BY ${order}, d.id LIMIT $limit OFFSET $offset`,
          )
          .all(page)
  ) as Omit<LibraryRow, 'labelCounts'>[];
  return { total, more: counted > total, rows: withLabelCounts(ws, rows) };
}

/** The outlets the library has, for its filter. */
export function libraryOutlets(ws: Workspace): string[] {
  return ws
    .statement("SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL AND outlet <> '' ORDER BY outlet COLLATE NOCASE")
    .pluck()
    .all() as string[];
}

function withLabelCounts(ws: Workspace, rows: Omit<LibraryRow, 'labelCounts'>[]): LibraryRow[] {
  if (rows.length === 0) return [];
  const counts = ws.db
    .prepare(
      `SELECT document_id AS documentId, label_id AS labelId, count(*) AS n FROM annotations
       WHERE document_id IN (${rows.map(() => '?').join(',')}) GROUP BY document_id, label_id`,
    )
    .all(...rows.map((r) => r.id)) as { documentId: string; labelId: string; n: number }[];
  const byDocument = new Map<string, Record<string, number>>();
  for (const { documentId, labelId, n } of counts) {
    const forDocument = byDocument.get(documentId) ?? {};
    forDocument[labelId] = n;
    byDocument.set(documentId, forDocument);
  }
  return rows.map((row) => ({ ...row, labelCounts: byDocument.get(row.id) ?? {} }));
}

/**
 * An FTS5 query that finds documents holding every word typed, the last one also as the start
 * of a word (so results come while typing). Words are quoted: nothing typed is FTS syntax.
 */
export function ftsQuery(typed: string): string | null {
  const words = typed.match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}
