/**
 * Brings down what changed on the team server since the workspace last pulled: the labels, the
 * colleagues' layers, the articles, and every annotation and link of other layers with a seq
 * above the workspace's cursor. It is read in one snapshot and stored as exchange documents
 * (store/ingest-exchange.ts), so an article the workspace has under another id is found by its
 * text, and annotations on a text corrected here are placed as an exchange file's are.
 *
 * The cursor moves only after everything read is stored; a pull cut off midway is only done again,
 * and storing it again finds everything present.
 */
import type { ExchangeAnnotation, ExchangeDocument, ExchangeLabel, ExchangeRelation, ExchangeReview } from '../../schema/exchange';
import { EXCHANGE_FORMAT, EXCHANGE_OFFSET_UNIT, EXCHANGE_VERSION } from '../../schema/exchange';
import { findAnnotation, putAnnotation } from '../store/annotations';
import type { TextEdit } from '../../schema/text-edits';
import { documentText, putAnnotatorStatus } from '../store/documents';
import type { DocumentStatus } from '../../schema/model';
import { ingestExchange } from '../store/ingest-exchange';
import { putImportedReview, removeImportedReview } from '../store/review';
import { takeArrivedVersion } from '../store/text-versions';
import { putRelation, relationsOf } from '../store/relations';
import { ownLayers, recordSync, rememberServerArticle, teamConnection } from '../store/team';
import type { Workspace } from '../store/workspace';
import type { TeamServer } from './team-server';

export interface PullResult {
  annotations: number;
  relations: number;
  articles: number;
  /** Local documents whose annotations or links changed. */
  documentIds: string[];
  pulledSeq: number;
}

/** Every table of the team schema whose rows carry a seq (schema/team-migrations). */
export const STAMPED_TABLES = ['labels', 'annotators', 'articles', 'annotations', 'relations', 'statuses', 'reviews', 'article_versions'];

/** Articles per SQLite transaction: a long pull never holds the workspace for long. */
const ARTICLES_PER_TRANSACTION = 50;

interface ArticleRow {
  id: string;
  title: string;
  outlet: string | null;
  author: string | null;
  published_at: string | null;
  url: string | null;
  origin_file: string | null;
  origin_format: string;
  created_at: string;
  version: number;
  sha256: string;
}

interface AnnotationRow {
  id: string;
  article_id: string;
  annotator_id: string;
  label_id: string;
  fragments: { start: number; end: number }[];
  quote: string;
  note: string | null;
  attributes: Record<string, string | number | boolean>;
  created_at: string;
  updated_at: string;
  external_ref: string | null;
  extras: Record<string, unknown>;
  deleted: boolean;
  /** The text the fragments count in (the article's current one, for rows from before versions travelled). */
  text_sha256: string;
}

interface RelationRow extends Omit<AnnotationRow, 'fragments' | 'quote' | 'note' | 'text_sha256'> {
  from_id: string;
  to_id: string;
}

interface ReviewRow {
  article_id: string;
  reviewer_id: string;
  layer_a: string;
  layer_b: string;
  key: string;
  /** Null: withdrawn. */
  review: ExchangeReview | null;
}

interface ArticleRows {
  annotations: AnnotationRow[];
  relations: RelationRow[];
  versions: VersionRow[];
  statuses: StatusRow[];
  reviews: ReviewRow[];
}

interface StatusRow {
  article_id: string;
  annotator_id: string;
  status: DocumentStatus;
  updated_at: string;
}

interface VersionRow {
  article_id: string;
  sha256: string;
  parent_sha256: string | null;
  text: string;
  edits: TextEdit[] | null;
  annotator_id: string;
  description: string | null;
  created_at: string;
}

export async function pull(ws: Workspace, server: TeamServer): Promise<PullResult> {
  const cursor = teamConnection(ws)?.pulledSeq ?? 0;
  const own = ownLayers(ws);
  const read = await server.transaction(async () => {
    // Not the sequence's last value: a transaction still open may have taken numbers below it.
    const [{ top } = { top: cursor }] = await server.query<{ top: string | null }>(
      `SELECT greatest(${STAMPED_TABLES.map((table) => `(SELECT max(seq) FROM byline.${table})`).join(', ')}) AS top`,
    );
    const pulledSeq = Number(top ?? cursor);
    if (pulledSeq <= cursor) return null;
    const window = [cursor, pulledSeq, own];
    const labels = await server.query<ExchangeLabel>(
      'SELECT id, name, color, hotkey, kind, position, attributes FROM byline.labels ORDER BY position, id',
    );
    const annotators = await server.query<{ id: string; name: string }>('SELECT id, name FROM byline.annotators ORDER BY id');
    const annotations = await server.query<AnnotationRow>(
      `SELECT a.id, a.article_id, a.annotator_id, a.label_id, a.fragments, a.quote, a.note, a.attributes, a.created_at,
              a.updated_at, a.external_ref, a.extras, a.deleted, coalesce(a.text_sha256, r.sha256) AS text_sha256
       FROM byline.annotations a JOIN byline.articles r ON r.id = a.article_id
       WHERE a.seq > $1 AND a.seq <= $2 AND a.annotator_id <> ALL($3::uuid[]) ORDER BY a.seq`,
      window,
    );
    const relations = await server.query<RelationRow>(
      `SELECT id, article_id, annotator_id, label_id, from_id, to_id, attributes, created_at, updated_at, external_ref, extras, deleted
       FROM byline.relations WHERE seq > $1 AND seq <= $2 AND annotator_id <> ALL($3::uuid[]) ORDER BY seq`,
      window,
    );
    const versions = await server.query<VersionRow>(
      `SELECT article_id, sha256, parent_sha256, text, edits, annotator_id, description, created_at
       FROM byline.article_versions WHERE seq > $1 AND seq <= $2 AND annotator_id <> ALL($3::uuid[]) ORDER BY seq`,
      window,
    );
    const statuses = await server.query<StatusRow>(
      `SELECT article_id, annotator_id, status, updated_at FROM byline.statuses
       WHERE seq > $1 AND seq <= $2 AND annotator_id <> ALL($3::uuid[]) ORDER BY seq`,
      window,
    );
    const reviews = await server.query<ReviewRow>(
      `SELECT article_id, reviewer_id, layer_a, layer_b, key, review FROM byline.reviews
       WHERE seq > $1 AND seq <= $2 AND reviewer_id <> ALL($3::uuid[]) ORDER BY seq`,
      window,
    );
    const touched = new Set<string>([...annotations, ...relations, ...versions, ...statuses, ...reviews].map((row) => row.article_id));
    const articles = await server.query<ArticleRow>(
      `SELECT id, title, outlet, author, published_at, url, origin_file, origin_format, created_at, version, sha256
       FROM byline.articles WHERE (seq > $1 AND seq <= $2) OR id = ANY($3::uuid[]) ORDER BY seq`,
      [cursor, pulledSeq, [...touched]],
    );
    // The texts this workspace lacks: the current one of an article new here, and those that
    // colleagues' annotations count in.
    const texts = new Map<string, string>();
    const wanted = new Map<string, { article: string; sha256: string }>();
    for (const { id, sha256 } of articles) wanted.set(`${id}:${sha256}`, { article: id, sha256 });
    for (const a of annotations) wanted.set(`${a.article_id}:${a.text_sha256}`, { article: a.article_id, sha256: a.text_sha256 });
    const missing = [...wanted.values()].filter(({ article, sha256 }) => localVersionText(ws, article, sha256) === null);
    for (let i = 0; i < missing.length; i += 500) {
      const part = missing.slice(i, i + 500);
      const rows = await server.query<{ article_id: string; sha256: string; text: string }>(
        `SELECT id AS article_id, sha256, text FROM byline.articles WHERE (id, sha256) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))
         UNION SELECT article_id, sha256, text FROM byline.article_versions WHERE (article_id, sha256) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))`,
        [part.map((m) => m.article), part.map((m) => m.sha256)],
      );
      for (const row of rows) texts.set(`${row.article_id}:${row.sha256}`, row.text);
    }
    return { pulledSeq, labels, annotators, articles, annotations, relations, versions, statuses, reviews, texts };
  }, 'ISOLATION LEVEL REPEATABLE READ READ ONLY');
  if (!read) return { annotations: 0, relations: 0, articles: 0, documentIds: [], pulledSeq: cursor };

  const byArticle = new Map<string, ArticleRows>();
  const of = (id: string) => byArticle.get(id) ?? byArticle.set(id, { annotations: [], relations: [], versions: [], statuses: [], reviews: [] }).get(id)!;
  for (const row of read.statuses) of(row.article_id).statuses.push(row);
  for (const row of read.reviews) of(row.article_id).reviews.push(row);
  for (const a of read.annotations) of(a.article_id).annotations.push(a);
  for (const r of read.relations) of(r.article_id).relations.push(r);
  for (const v of read.versions) of(v.article_id).versions.push(v);
  const textOf = (article: string, sha256: string) => localVersionText(ws, article, sha256) ?? read.texts.get(`${article}:${sha256}`)!;
  const ingest = (documents: ExchangeDocument[]) =>
    ingestExchange(
      ws,
      {
        format: EXCHANGE_FORMAT,
        version: EXCHANGE_VERSION,
        offsetUnit: EXCHANGE_OFFSET_UNIT,
        exportedAt: new Date().toISOString(),
        exportedBy: { id: ws.localAnnotator.id, name: ws.localAnnotator.name },
        labels: read.labels,
        annotators: read.annotators,
        documents,
      },
      { source: `The team server ${server.address.server}`, fromTeamServer: true },
    );
  const changed = new Set<string>();
  // At least once: colleagues and labels come down before any article of theirs does.
  for (let i = 0; i === 0 || i < read.articles.length; i += ARTICLES_PER_TRANSACTION) {
    const batch = read.articles.slice(i, i + ARTICLES_PER_TRANSACTION);
    ws.transaction(() => {
      // The articles first, as they are here or as the team has them now; then the corrections
      // of their texts; then the annotations, each group with the text it counts in.
      const local = ingest(batch.map((article) => exchangeDocument(article.id, article, textOf(article.id, article.sha256), [], []))).documentIds;
      const documents: ExchangeDocument[] = [];
      batch.forEach((article, k) => {
        const documentId = local[k]!;
        rememberServerArticle(ws, documentId, article.id);
        const rows = byArticle.get(article.id);
        if (!rows) return;
        for (const v of rows.versions) {
          takeArrivedVersion(ws, documentId, {
            text: v.text,
            sha256: v.sha256,
            parentSha256: v.parent_sha256,
            edits: v.edits,
            annotatorId: v.annotator_id,
            description: v.description,
            createdAt: v.created_at,
          });
        }
        const byText = Map.groupBy(rows.annotations, (a) => a.text_sha256);
        for (const [sha256, annotations] of byText) {
          documents.push(exchangeDocument(documentId, { ...article, sha256 }, textOf(article.id, sha256), annotations, []));
        }
        if (rows.relations.length > 0) {
          const here = documentText(ws, documentId);
          documents.push(exchangeDocument(documentId, { ...article, sha256: here.sha256 }, here.text, [], rows.relations));
        }
        changed.add(documentId);
      });
      if (documents.length > 0) ingest(documents);
      batch.forEach((article, k) => {
        const rows = byArticle.get(article.id);
        if (!rows) return;
        removeDeleted(ws, rows);
        for (const { annotator_id, status, updated_at } of rows.statuses) {
          const before = ws.statement('SELECT status FROM document_status WHERE document_id = ? AND annotator_id = ?').pluck().get(local[k], annotator_id);
          if (before !== status) putAnnotatorStatus(ws, local[k]!, annotator_id, status, updated_at, (before as DocumentStatus | undefined) ?? 'not started');
        }
        for (const row of rows.reviews) {
          if (row.review) putImportedReview(ws, local[k]!, row.review);
          else removeImportedReview(ws, local[k]!, { layerA: row.layer_a, layerB: row.layer_b, reviewerId: row.reviewer_id, key: row.key });
        }
      });
    });
  }
  recordSync(ws, { pulledSeq: read.pulledSeq, error: null });
  return {
    annotations: read.annotations.length,
    relations: read.relations.length,
    articles: read.articles.length,
    documentIds: [...changed],
    pulledSeq: read.pulledSeq,
  };
}

/** A text of the article as this workspace has it (any of its versions); null when it has none with that hash. */
function localVersionText(ws: Workspace, articleId: string, sha256: string): string | null {
  const row = ws
    .statement(
      `SELECT v.text FROM document_versions v
       WHERE v.document_id IN (SELECT document_id FROM team_documents WHERE article_id = $article UNION SELECT $article)
         AND v.sha256 = $sha256
       LIMIT 1`,
    )
    .get({ article: articleId, sha256 }) as { text: string } | undefined;
  return row?.text ?? null;
}

function exchangeDocument(
  id: string,
  article: ArticleRow,
  text: string,
  annotationRows: AnnotationRow[],
  relationRows: RelationRow[],
): ExchangeDocument {
  const annotations: ExchangeAnnotation[] = annotationRows
    .filter((a) => !a.deleted)
    .map((a) => ({
      id: a.id,
      annotatorId: a.annotator_id,
      labelId: a.label_id,
      fragments: a.fragments,
      quote: a.quote,
      note: a.note,
      attributes: a.attributes,
      createdAt: a.created_at,
      updatedAt: a.updated_at,
      externalRef: a.external_ref,
      extras: a.extras,
    }));
  const relations: ExchangeRelation[] = relationRows
    .filter((r) => !r.deleted)
    .map((r) => ({
      id: r.id,
      annotatorId: r.annotator_id,
      labelId: r.label_id,
      fromId: r.from_id,
      toId: r.to_id,
      attributes: r.attributes,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      externalRef: r.external_ref,
      extras: r.extras,
    }));
  return {
    id,
    title: article.title,
    outlet: article.outlet,
    author: article.author,
    publishedAt: article.published_at,
    url: article.url,
    originFile: article.origin_file,
    originFormat: article.origin_format,
    createdAt: article.created_at,
    version: article.version,
    text,
    sha256: article.sha256,
    status: 'not started',
    annotations,
    relations,
    reviews: [],
  };
}

/** Deletes here what the colleague deleted there: links first, then annotations with any link left. */
function removeDeleted(ws: Workspace, rows: { annotations: AnnotationRow[]; relations: RelationRow[] }): void {
  for (const r of rows.relations) if (r.deleted) putRelation(ws, r.id, null);
  for (const a of rows.annotations) {
    if (!a.deleted || !findAnnotation(ws, a.id)) continue;
    for (const relation of relationsOf(ws, a.id)) putRelation(ws, relation.id, null);
    putAnnotation(ws, a.id, null);
  }
}
