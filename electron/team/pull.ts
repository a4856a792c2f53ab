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
import type { ExchangeAnnotation, ExchangeDocument, ExchangeFile, ExchangeLabel, ExchangeRelation } from '../../schema/exchange';
import { EXCHANGE_FORMAT, EXCHANGE_OFFSET_UNIT, EXCHANGE_VERSION } from '../../schema/exchange';
import { findAnnotation, putAnnotation } from '../store/annotations';
import { ingestExchange } from '../store/ingest-exchange';
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

/** Articles per SQLite transaction: a long pull never holds the workspace for long. */
const ARTICLES_PER_TRANSACTION = 200;

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
}

interface RelationRow extends Omit<AnnotationRow, 'fragments' | 'quote' | 'note'> {
  from_id: string;
  to_id: string;
}

export async function pull(ws: Workspace, server: TeamServer): Promise<PullResult> {
  const cursor = teamConnection(ws)?.pulledSeq ?? 0;
  const own = ownLayers(ws);
  const read = await server.transaction(async () => {
    const [{ top } = { top: cursor }] = await server.query<{ top: string | null }>(
      `SELECT greatest((SELECT max(seq) FROM byline.labels), (SELECT max(seq) FROM byline.annotators),
                       (SELECT max(seq) FROM byline.articles), (SELECT max(seq) FROM byline.annotations),
                       (SELECT max(seq) FROM byline.relations)) AS top`,
    );
    const pulledSeq = Number(top ?? cursor);
    if (pulledSeq <= cursor) return null;
    const labels = await server.query<ExchangeLabel>(
      'SELECT id, name, color, hotkey, kind, position, attributes FROM byline.labels ORDER BY position, id',
    );
    const annotators = await server.query<{ id: string; name: string }>('SELECT id, name FROM byline.annotators ORDER BY id');
    const annotations = await server.query<AnnotationRow>(
      `SELECT id, article_id, annotator_id, label_id, fragments, quote, note, attributes, created_at, updated_at,
              external_ref, extras, deleted
       FROM byline.annotations WHERE seq > $1 AND seq <= $2 AND annotator_id <> ALL($3::uuid[]) ORDER BY seq`,
      [cursor, pulledSeq, own],
    );
    const relations = await server.query<RelationRow>(
      `SELECT id, article_id, annotator_id, label_id, from_id, to_id, attributes, created_at, updated_at, external_ref, extras, deleted
       FROM byline.relations WHERE seq > $1 AND seq <= $2 AND annotator_id <> ALL($3::uuid[]) ORDER BY seq`,
      [cursor, pulledSeq, own],
    );
    const touched = new Set<string>([...annotations.map((a) => a.article_id), ...relations.map((r) => r.article_id)]);
    const articles = await server.query<ArticleRow>(
      `SELECT id, title, outlet, author, published_at, url, origin_file, origin_format, created_at, version, sha256
       FROM byline.articles WHERE (seq > $1 AND seq <= $2) OR id = ANY($3::uuid[]) ORDER BY seq`,
      [cursor, pulledSeq, [...touched]],
    );
    const texts = new Map<string, string>();
    const missing = articles.filter((a) => localText(ws, a) === null).map((a) => a.id);
    for (let i = 0; i < missing.length; i += 500) {
      const rows = await server.query<{ id: string; text: string }>('SELECT id, text FROM byline.articles WHERE id = ANY($1::uuid[])', [
        missing.slice(i, i + 500),
      ]);
      for (const row of rows) texts.set(row.id, row.text);
    }
    return { pulledSeq, labels, annotators, articles, annotations, relations, texts };
  }, 'ISOLATION LEVEL REPEATABLE READ READ ONLY');
  if (!read) return { annotations: 0, relations: 0, articles: 0, documentIds: [], pulledSeq: cursor };

  const byArticle = new Map<string, { annotations: AnnotationRow[]; relations: RelationRow[] }>();
  const of = (id: string) => byArticle.get(id) ?? byArticle.set(id, { annotations: [], relations: [] }).get(id)!;
  for (const a of read.annotations) of(a.article_id).annotations.push(a);
  for (const r of read.relations) of(r.article_id).relations.push(r);
  const changed = new Set<string>();
  // At least once: colleagues and labels come down before any article of theirs does.
  for (let i = 0; i === 0 || i < read.articles.length; i += ARTICLES_PER_TRANSACTION) {
    const batch = read.articles.slice(i, i + ARTICLES_PER_TRANSACTION);
    ws.transaction(() => {
      const documents = batch.map((article) => exchangeDocument(article, localText(ws, article) ?? read.texts.get(article.id)!, byArticle.get(article.id)));
      const file: ExchangeFile = {
        format: EXCHANGE_FORMAT,
        version: EXCHANGE_VERSION,
        offsetUnit: EXCHANGE_OFFSET_UNIT,
        exportedAt: new Date().toISOString(),
        exportedBy: { id: ws.localAnnotator.id, name: ws.localAnnotator.name },
        labels: read.labels,
        annotators: read.annotators,
        documents,
      };
      const result = ingestExchange(ws, file, { source: `The team server ${server.address.server}`, fromTeamServer: true });
      batch.forEach((article, k) => {
        const documentId = result.documentIds[k]!;
        rememberServerArticle(ws, documentId, article.id);
        const rows = byArticle.get(article.id);
        if (rows) {
          removeDeleted(ws, rows);
          changed.add(documentId);
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

/** The article's text as this workspace has it, when it is the server's text; else null. */
function localText(ws: Workspace, article: ArticleRow): string | null {
  const local = [...serverArticlesOf(ws, article.id), article.id];
  for (const documentId of local) {
    const row = ws
      .statement(
        `SELECT v.text FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.version = d.version
         WHERE d.id = ? AND d.sha256 = ?`,
      )
      .get(documentId, article.sha256) as { text: string } | undefined;
    if (row) return row.text;
  }
  return null;
}

function serverArticlesOf(ws: Workspace, articleId: string): string[] {
  return (ws.statement('SELECT document_id AS id FROM team_documents WHERE article_id = ?').all(articleId) as { id: string }[]).map((r) => r.id);
}

function exchangeDocument(
  article: ArticleRow,
  text: string,
  rows: { annotations: AnnotationRow[]; relations: RelationRow[] } | undefined,
): ExchangeDocument {
  const annotations: ExchangeAnnotation[] = (rows?.annotations ?? [])
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
  const relations: ExchangeRelation[] = (rows?.relations ?? [])
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
    id: article.id,
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
