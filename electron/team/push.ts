/**
 * Sends what the workspace's outbox lists to the team server, in one server transaction: the
 * connected role's layers (annotators), their annotations and links, and for an admin the labels
 * and articles. What is sent is the workspace's current state of each item (a deleted one is
 * marked deleted on the server), so sending twice changes nothing: a push cut off before its
 * outbox was cleared is only sent again.
 *
 * An annotation is held back (it stays in the outbox) while the server lacks its article or its
 * label: an analyst's own article, or a label they added, is not the team's until an admin adds it.
 */
import { exchangeReviewsOf } from '../store/review';
import { outbox, rememberServerArticle, sent, serverArticles, type OutboxEntry } from '../store/team';
import type { Workspace } from '../store/workspace';
import type { TeamServer } from './team-server';

export interface PushResult {
  annotations: number;
  relations: number;
  articles: number;
  labels: number;
  /** Annotations and links held back, and why (the first reasons). */
  held: number;
  heldReasons: string[];
}

const BATCH = 2000;

/** What the parts of a push share: where from, where to, which articles the server has, and how to hold one back. */
interface Pushing {
  ws: Workspace;
  server: TeamServer;
  articleMap: Map<string, string>;
  hold(reason: string): void;
}

export async function push(ws: Workspace, server: TeamServer, rights: { reviewer: boolean; admin: boolean }): Promise<PushResult> {
  const result: PushResult = { annotations: 0, relations: 0, articles: 0, labels: 0, held: 0, heldReasons: [] };
  const done: OutboxEntry[] = [];
  const hold = (reason: string) => {
    result.held++;
    if (result.heldReasons.length < 5 && !result.heldReasons.includes(reason)) result.heldReasons.push(reason);
  };
  const labelEntries = outbox(ws, 'label');
  const documentEntries = outbox(ws, 'document');
  const annotatorEntries = outbox(ws, 'annotator');
  const annotationEntries = outbox(ws, 'annotation');
  const relationEntries = outbox(ws, 'relation');
  const versionEntries = outbox(ws, 'version');
  const statusEntries = outbox(ws, 'status');
  const reviewEntries = outbox(ws, 'review');
  const entries = [labelEntries, documentEntries, annotatorEntries, annotationEntries, relationEntries, versionEntries, statusEntries, reviewEntries];
  if (entries.every((list) => list.length === 0)) return result;
  const articleMap = serverArticles(ws);
  const pushing: Pushing = { ws, server, articleMap, hold };
  await server.transaction(async () => {
    // A reviewed layer is the team's only from a reviewer: an analyst's stays here.
    const keptHere = new Set(
      rights.reviewer ? [] : (ws.statement('SELECT id FROM team_own_layers WHERE id IN (SELECT id FROM annotators WHERE reviewed_by IS NOT NULL)').pluck().all() as string[]),
    );
    const layers = annotatorEntries.filter((e) => !keptHere.has(e.id));
    await pushAnnotators(ws, server, layers);
    done.push(...layers);
    // Only an admin changes the team's labels and articles; an analyst's stay theirs.
    if (rights.admin) {
      result.labels = await pushLabels(ws, server, labelEntries);
      result.articles = await pushArticles(ws, server, documentEntries, articleMap);
    }
    done.push(...labelEntries, ...documentEntries);
    done.push(...(await pushVersions(pushing, versionEntries)));

    const serverLabels = new Set((await server.query<{ id: string }>('SELECT id FROM byline.labels')).map((r) => r.id));
    const heldBack = new Set<string>();
    const annotations: Record<string, unknown>[] = [];
    const deletedAnnotations: string[] = [];
    for (const e of annotationEntries) {
      const row = annotationRow(ws, e.id);
      if (!row) {
        deletedAnnotations.push(e.id);
        done.push(e);
        continue;
      }
      const articleId = articleMap.get(row.document_id);
      if (keptHere.has(row.annotator_id)) hold('a reviewed layer goes to the team only from a team reviewer');
      else if (!articleId) hold(`“${row.title}” is not on the team server`);
      else if (!serverLabels.has(row.label_id)) hold(`the label “${row.label_name}” is not in the team’s labels`);
      if (keptHere.has(row.annotator_id) || !articleId || !serverLabels.has(row.label_id)) {
        heldBack.add(e.id);
        continue;
      }
      annotations.push({ ...annotationRecord(row), article_id: articleId, text_sha256: row.text_sha256 });
      done.push(e);
    }
    result.annotations = await upsertAnnotations(server, annotations);
    const relations: Record<string, unknown>[] = [];
    const deletedRelations: string[] = [];
    for (const e of relationEntries) {
      const row = relationRow(ws, e.id);
      if (!row) {
        deletedRelations.push(e.id);
        done.push(e);
        continue;
      }
      const articleId = articleMap.get(row.document_id);
      const endsThere = !heldBack.has(row.from_id) && !heldBack.has(row.to_id);
      if (keptHere.has(row.annotator_id) || !articleId || !serverLabels.has(row.label_id) || !endsThere) {
        hold(`a link in “${row.title}” waits for its annotations`);
        continue;
      }
      relations.push({ ...row, article_id: articleId, attributes: JSON.parse(row.attributes), extras: JSON.parse(row.extras) });
      done.push(e);
    }
    result.relations = await upsertRelations(server, relations);
    done.push(...(await pushStatuses(ws, server, statusEntries, articleMap)));
    if (rights.reviewer) done.push(...(await pushReviews(pushing, reviewEntries)));
    else if (reviewEntries.length > 0) hold('verdicts go to the team only from a team reviewer');
    // Links first: a deleted annotation's links were deleted with it.
    await markDeleted(server, 'relations', deletedRelations);
    await markDeleted(server, 'annotations', deletedAnnotations);
    result.relations += deletedRelations.length;
    result.annotations += deletedAnnotations.length;
  });
  sent(ws, done);
  return result;
}

async function pushLabels(ws: Workspace, server: TeamServer, entries: OutboxEntry[]): Promise<number> {
  const rows = entries
    .map((e) => ws.statement('SELECT id, name, color, hotkey, kind, position, attributes FROM labels WHERE id = ?').get(e.id) as Record<string, unknown> | undefined)
    .filter((r) => r !== undefined)
    .map((r) => ({ ...r, attributes: JSON.parse(r.attributes as string) }));
  for (const chunk of chunks(rows)) {
    await server.query(
      `INSERT INTO byline.labels (id, name, color, hotkey, kind, position, attributes)
       SELECT id, name, color, hotkey, kind, position, attributes
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, name text, color text, hotkey text, kind text, position integer, attributes jsonb)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, color = excluded.color, hotkey = excluded.hotkey,
         position = excluded.position, attributes = excluded.attributes
       WHERE (labels.name, labels.color, labels.hotkey, labels.position, labels.attributes)
         IS DISTINCT FROM (excluded.name, excluded.color, excluded.hotkey, excluded.position, excluded.attributes)`,
      [JSON.stringify(chunk)],
    );
  }
  return rows.length;
}

async function pushArticles(ws: Workspace, server: TeamServer, entries: OutboxEntry[], articleMap: Map<string, string>): Promise<number> {
  const select = ws.statement(
    `SELECT d.id, d.title, d.outlet, d.author, d.published_at, d.url, d.origin_file, d.origin_format, d.created_at,
            d.version, v.text, v.sha256
     FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.version = d.version WHERE d.id = ?`,
  );
  let count = 0;
  let batch: Record<string, unknown>[] = [];
  let size = 0;
  const flush = async () => {
    if (!batch.length) return;
    await server.query(
      `INSERT INTO byline.articles (id, title, outlet, author, published_at, url, origin_file, origin_format, created_at, version, text, sha256)
       SELECT id, title, outlet, author, published_at, url, origin_file, origin_format, created_at, version, text, sha256
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, title text, outlet text, author text, published_at text, url text,
         origin_file text, origin_format text, created_at text, version integer, text text, sha256 text)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, outlet = excluded.outlet, author = excluded.author,
         published_at = excluded.published_at, url = excluded.url
       WHERE (articles.title, articles.outlet, articles.author, articles.published_at, articles.url)
         IS DISTINCT FROM (excluded.title, excluded.outlet, excluded.author, excluded.published_at, excluded.url)`,
      [JSON.stringify(batch)],
    );
    // Its first text is a version too: a colleague's annotations made on it can be placed on a later one.
    await server.query(
      `INSERT INTO byline.article_versions (article_id, sha256, parent_sha256, text, edits, annotator_id, description, created_at)
       SELECT id, sha256, NULL, text, NULL, $2, 'The text the team first had', created_at FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, sha256 text, text text, created_at text)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(batch), ws.localAnnotator.id],
    );
    batch = [];
    size = 0;
  };
  for (const e of entries) {
    const row = select.get(e.id) as (Record<string, unknown> & { id: string; text: string }) | undefined;
    if (!row) continue;
    const articleId = articleMap.get(row.id) ?? row.id;
    batch.push({ ...row, id: articleId });
    size += row.text.length;
    if (!articleMap.has(row.id)) {
      rememberServerArticle(ws, row.id, articleId);
      articleMap.set(row.id, articleId);
    }
    count++;
    if (batch.length >= BATCH || size > 8_000_000) await flush();
  }
  await flush();
  return count;
}

/**
 * The workspace's own corrections of texts, each made current on the server if it was made on the
 * team's current text (else it stays there as a branch: see schema/team-migrations/0002).
 */
async function pushVersions({ ws, server, articleMap, hold }: Pushing, entries: OutboxEntry[]): Promise<OutboxEntry[]> {
  const sent: OutboxEntry[] = [];
  const select = ws.statement(
    `SELECT v.document_id, d.title, v.text, v.sha256, p.sha256 AS parent_sha256, v.edits, v.annotator_id, v.description, v.created_at
     FROM document_versions v JOIN documents d ON d.id = v.document_id
     LEFT JOIN document_versions p ON p.document_id = v.document_id AND p.version = v.base_version
     WHERE v.document_id = ? AND v.version = ?`,
  );
  // In the order they were made: each one's parent goes first.
  const ordered = entries
    .map((e) => ({ e, at: e.id.lastIndexOf(':') }))
    .map(({ e, at }) => ({ e, documentId: e.id.slice(0, at), version: Number(e.id.slice(at + 1)) }))
    .sort((a, b) => a.documentId.localeCompare(b.documentId) || a.version - b.version);
  for (const { e, documentId, version } of ordered) {
    const row = select.get(documentId, version) as
      | { document_id: string; title: string; text: string; sha256: string; parent_sha256: string | null; edits: string | null; annotator_id: string; description: string | null; created_at: string }
      | undefined;
    if (!row) continue;
    const articleId = articleMap.get(documentId);
    if (!articleId) {
      hold(`“${row.title}” is not on the team server`);
      continue;
    }
    await server.query(
      `INSERT INTO byline.article_versions (article_id, sha256, parent_sha256, text, edits, annotator_id, description, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
      [articleId, row.sha256, row.parent_sha256, row.text, row.edits, row.annotator_id, row.description, row.created_at],
    );
    if (row.parent_sha256) await server.query('SELECT byline.advance_article($1, $2, $3)', [articleId, row.parent_sha256, row.sha256]);
    sent.push(e);
  }
  return sent;
}

/** The local annotator's status of each article the team has (one of an article only here waits for it). */
async function pushStatuses(ws: Workspace, server: TeamServer, entries: OutboxEntry[], articleMap: Map<string, string>): Promise<OutboxEntry[]> {
  const select = ws.statement('SELECT status, updated_at FROM document_status WHERE document_id = ? AND annotator_id = ?');
  const rows: Record<string, unknown>[] = [];
  const sent: OutboxEntry[] = [];
  for (const e of entries) {
    const articleId = articleMap.get(e.id);
    const row = select.get(e.id, ws.localAnnotator.id) as { status: string; updated_at: string } | undefined;
    if (!articleId || !row) continue;
    rows.push({ article_id: articleId, annotator_id: ws.localAnnotator.id, ...row });
    sent.push(e);
  }
  for (const chunk of chunks(rows)) {
    await server.query(
      `INSERT INTO byline.statuses (article_id, annotator_id, status, updated_at)
       SELECT article_id, annotator_id, status, updated_at FROM jsonb_to_recordset($1::jsonb) AS r(article_id uuid, annotator_id uuid, status text, updated_at text)
       ON CONFLICT (article_id, annotator_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at
       WHERE (statuses.status, statuses.updated_at) IS DISTINCT FROM (excluded.status, excluded.updated_at)`,
      [JSON.stringify(chunk)],
    );
  }
  return sent;
}

/** The local reviewer's verdicts, as the exchange file carries them; a withdrawn one as withdrawn. */
async function pushReviews({ ws, server, articleMap, hold }: Pushing, entries: OutboxEntry[]): Promise<OutboxEntry[]> {
  const sent: OutboxEntry[] = [];
  const byDocument = Map.groupBy(entries, (e) => (JSON.parse(e.id) as string[])[0]!);
  for (const [documentId, list] of byDocument) {
    const articleId = articleMap.get(documentId);
    if (!articleId) {
      hold('a verdict waits for its article to be the team’s');
      continue;
    }
    const reviews = new Map(
      exchangeReviewsOf(ws, documentId, null)
        .filter((r) => r.reviewer.id === ws.localAnnotator.id)
        .map((r) => [JSON.stringify([documentId, r.layerA.id, r.layerB.id, r.key]), r]),
    );
    for (const e of list) {
      const [, layerA, layerB, key] = JSON.parse(e.id) as [string, string, string, string];
      await server.query(
        `INSERT INTO byline.reviews (article_id, reviewer_id, layer_a, layer_b, key, review) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (article_id, reviewer_id, layer_a, layer_b, key) DO UPDATE SET review = excluded.review
         WHERE reviews.review IS DISTINCT FROM excluded.review`,
        [articleId, ws.localAnnotator.id, layerA, layerB, key, JSON.stringify(reviews.get(e.id) ?? null)],
      );
      sent.push(e);
    }
  }
  return sent;
}

async function pushAnnotators(ws: Workspace, server: TeamServer, entries: OutboxEntry[]): Promise<void> {
  // A reviewed layer names its reviewer, so the reviewer's own layer goes first.
  const rows = entries
    .map((e) => ws.statement('SELECT id, name, reviewed_by FROM annotators WHERE id = ?').get(e.id) as { id: string; name: string; reviewed_by: string | null } | undefined)
    .filter((r) => r !== undefined)
    .sort((a, b) => Number(a.reviewed_by !== null) - Number(b.reviewed_by !== null));
  for (const row of rows) {
    await server.query(
      `INSERT INTO byline.annotators (id, name, reviewed_by) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, reviewed_by = excluded.reviewed_by
       WHERE (annotators.name, annotators.reviewed_by) IS DISTINCT FROM (excluded.name, excluded.reviewed_by)`,
      [row.id, row.name, row.reviewed_by],
    );
  }
}

interface AnnotationRow {
  id: string;
  document_id: string;
  title: string;
  annotator_id: string;
  label_id: string;
  label_name: string;
  quote: string;
  note: string | null;
  attributes: string;
  created_at: string;
  updated_at: string;
  external_ref: string | null;
  extras: string;
  fragments: string;
  /** The text its fragments count in: the article's current one here. */
  text_sha256: string;
}

function annotationRow(ws: Workspace, id: string): AnnotationRow | undefined {
  return ws
    .statement(
      `SELECT a.id, a.document_id, d.title, a.annotator_id, a.label_id, l.name AS label_name, a.quote, a.note, a.attributes,
              a.created_at, a.updated_at, a.external_ref, a.extras, d.sha256 AS text_sha256,
              (SELECT json_group_array(json_object('start', start, 'end', "end"))
               FROM (SELECT start, "end" FROM fragments WHERE annotation_id = a.id ORDER BY seq)) AS fragments
       FROM annotations a JOIN documents d ON d.id = a.document_id JOIN labels l ON l.id = a.label_id WHERE a.id = ?`,
    )
    .get(id) as AnnotationRow | undefined;
}

function annotationRecord(row: AnnotationRow): Record<string, unknown> {
  return {
    id: row.id,
    annotator_id: row.annotator_id,
    label_id: row.label_id,
    fragments: JSON.parse(row.fragments),
    quote: row.quote,
    note: row.note,
    attributes: JSON.parse(row.attributes),
    created_at: row.created_at,
    updated_at: row.updated_at,
    external_ref: row.external_ref,
    extras: JSON.parse(row.extras),
  };
}

interface RelationRow {
  id: string;
  document_id: string;
  title: string;
  annotator_id: string;
  label_id: string;
  from_id: string;
  to_id: string;
  attributes: string;
  created_at: string;
  updated_at: string;
  external_ref: string | null;
  extras: string;
}

function relationRow(ws: Workspace, id: string): RelationRow | undefined {
  return ws
    .statement(
      `SELECT r.id, r.document_id, d.title, r.annotator_id, r.label_id, r.from_id, r.to_id, r.attributes, r.created_at,
              r.updated_at, r.external_ref, r.extras
       FROM relations r JOIN documents d ON d.id = r.document_id WHERE r.id = ?`,
    )
    .get(id) as RelationRow | undefined;
}

// The workspace's state of its own layer is the layer's state (it has no other writer), so it
// replaces the server's whenever they differ: an undo here brings back an older version.
async function upsertAnnotations(server: TeamServer, rows: Record<string, unknown>[]): Promise<number> {
  for (const chunk of chunks(rows)) {
    await server.query(
      `INSERT INTO byline.annotations (id, article_id, annotator_id, label_id, fragments, quote, note, attributes,
                                       created_at, updated_at, external_ref, extras, text_sha256)
       SELECT id, article_id, annotator_id, label_id, fragments, quote, note, attributes, created_at, updated_at, external_ref, extras, text_sha256
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, article_id uuid, annotator_id uuid, label_id uuid, fragments jsonb,
         quote text, note text, attributes jsonb, created_at text, updated_at text, external_ref text, extras jsonb, text_sha256 text)
       ON CONFLICT (id) DO UPDATE SET label_id = excluded.label_id, fragments = excluded.fragments, quote = excluded.quote,
         note = excluded.note, attributes = excluded.attributes, updated_at = excluded.updated_at,
         external_ref = excluded.external_ref, extras = excluded.extras, text_sha256 = excluded.text_sha256, deleted = false
       WHERE (annotations.label_id, annotations.fragments, annotations.quote, annotations.note, annotations.attributes,
              annotations.updated_at, annotations.text_sha256, annotations.deleted)
         IS DISTINCT FROM (excluded.label_id, excluded.fragments, excluded.quote, excluded.note, excluded.attributes,
              excluded.updated_at, excluded.text_sha256, false)`,
      [JSON.stringify(chunk)],
    );
  }
  return rows.length;
}

async function upsertRelations(server: TeamServer, rows: Record<string, unknown>[]): Promise<number> {
  for (const chunk of chunks(rows)) {
    await server.query(
      `INSERT INTO byline.relations (id, article_id, annotator_id, label_id, from_id, to_id, attributes, created_at,
                                     updated_at, external_ref, extras)
       SELECT id, article_id, annotator_id, label_id, from_id, to_id, attributes, created_at, updated_at, external_ref, extras
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, article_id uuid, annotator_id uuid, label_id uuid, from_id uuid,
         to_id uuid, attributes jsonb, created_at text, updated_at text, external_ref text, extras jsonb)
       ON CONFLICT (id) DO UPDATE SET label_id = excluded.label_id, attributes = excluded.attributes,
         updated_at = excluded.updated_at, external_ref = excluded.external_ref, extras = excluded.extras, deleted = false
       WHERE (relations.label_id, relations.attributes, relations.updated_at, relations.deleted)
         IS DISTINCT FROM (excluded.label_id, excluded.attributes, excluded.updated_at, false)`,
      [JSON.stringify(chunk)],
    );
  }
  return rows.length;
}

async function markDeleted(server: TeamServer, table: 'annotations' | 'relations', ids: string[]): Promise<void> {
  const at = new Date().toISOString();
  for (const chunk of chunks(ids)) {
    await server.query(`UPDATE byline.${table} SET deleted = true, updated_at = $2 WHERE id = ANY($1::uuid[]) AND NOT deleted`, [chunk, at]);
  }
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}
