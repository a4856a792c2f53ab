/**
 * The workspace's side of a team connection (migration 0010): which server it syncs with, how far
 * it has pulled, what it has to send (the outbox its triggers fill), and which local article is
 * which server article.
 */
import type { Workspace } from './workspace';

export interface TeamConnection {
  server: string;
  role: string;
  /** The password as the OS keychain encrypted it, or null where it is kept elsewhere. */
  secret: Buffer | null;
  pulledSeq: number;
  connectedAt: string;
  syncedAt: string | null;
  lastError: string | null;
}

export type OutboxEntity = 'annotation' | 'relation' | 'label' | 'document' | 'annotator' | 'version' | 'status' | 'review';

export interface OutboxEntry {
  entity: OutboxEntity;
  id: string;
  change: number;
}

export function teamConnection(ws: Workspace): TeamConnection | null {
  const row = ws
    .statement(
      `SELECT server, role, secret, pulled_seq AS pulledSeq, connected_at AS connectedAt, synced_at AS syncedAt,
              last_error AS lastError FROM team_connection WHERE id = 1`,
    )
    .get() as TeamConnection | undefined;
  return row ?? null;
}

/**
 * Connects the workspace (a row in team_connection turns its outbox triggers on) and puts into the
 * outbox everything it already has to send: its own layers, and for an admin the labels and
 * articles too.
 */
export function saveTeamConnection(ws: Workspace, server: string, role: string, secret: Buffer | null, admin: boolean): void {
  ws.transaction(() => {
    ws.statement(
      `INSERT INTO team_connection (id, server, role, secret, connected_at) VALUES (1, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET server = excluded.server, role = excluded.role, secret = excluded.secret`,
    ).run(server, role, secret, new Date().toISOString());
    const own = 'SELECT id FROM team_own_layers';
    ws.db.exec(`
      INSERT OR IGNORE INTO team_outbox (entity, id) SELECT 'annotator', id FROM (${own});
      INSERT OR IGNORE INTO team_outbox (entity, id) SELECT 'annotation', id FROM annotations WHERE annotator_id IN (${own});
      INSERT OR IGNORE INTO team_outbox (entity, id) SELECT 'relation', id FROM relations WHERE annotator_id IN (${own});
      INSERT OR IGNORE INTO team_outbox (entity, id)
        SELECT 'version', document_id || ':' || version FROM document_versions WHERE annotator_id IN (${own}) AND base_version IS NOT NULL;
      INSERT OR IGNORE INTO team_outbox (entity, id)
        SELECT 'status', document_id FROM document_status WHERE annotator_id = (SELECT id FROM annotators WHERE is_local = 1);
      INSERT OR IGNORE INTO team_outbox (entity, id)
        SELECT 'review', json_array(document_id, layer_a, layer_b, key) FROM review_verdicts
        WHERE reviewer_id = (SELECT id FROM annotators WHERE is_local = 1);
    `);
    if (admin) {
      ws.db.exec(`
        INSERT OR IGNORE INTO team_outbox (entity, id) SELECT 'label', id FROM labels;
        INSERT OR IGNORE INTO team_outbox (entity, id) SELECT 'document', id FROM documents;
      `);
    }
  });
}

/** Disconnects: the workspace keeps everything it has and stops recording what to send. */
export function forgetTeamConnection(ws: Workspace): void {
  ws.transaction(() => {
    ws.db.exec('DELETE FROM team_connection; DELETE FROM team_outbox; DELETE FROM team_documents;');
  });
}

export function recordSync(ws: Workspace, outcome: { pulledSeq?: number; error: string | null }): void {
  ws.statement(
    `UPDATE team_connection SET pulled_seq = coalesce(?, pulled_seq), last_error = ?,
            synced_at = CASE WHEN ? IS NULL THEN ? ELSE synced_at END WHERE id = 1`,
  ).run(outcome.pulledSeq ?? null, outcome.error, outcome.error, new Date().toISOString());
}

export function outbox(ws: Workspace, entity: OutboxEntity): OutboxEntry[] {
  return ws.statement('SELECT entity, id, change FROM team_outbox WHERE entity = ? ORDER BY id').all(entity) as OutboxEntry[];
}

export function outboxSize(ws: Workspace, entities: readonly OutboxEntity[]): number {
  const marks = entities.map(() => '?').join(', ');
  return (ws.statement(`SELECT count(*) AS n FROM team_outbox WHERE entity IN (${marks})`).get(...entities) as { n: number }).n;
}

/** Removes what was sent, unless it changed again since it was read. */
export function sent(ws: Workspace, entries: readonly OutboxEntry[]): void {
  const remove = ws.statement('DELETE FROM team_outbox WHERE entity = ? AND id = ? AND change = ?');
  ws.transaction(() => {
    for (const e of entries) remove.run(e.entity, e.id, e.change);
  });
}

/** The ids of this workspace's own layers (its local annotator and their reviewed layer). */
export function ownLayers(ws: Workspace): string[] {
  return (ws.statement('SELECT id FROM team_own_layers').all() as { id: string }[]).map((r) => r.id);
}

/** Server article id of each local document that the server has, by local id. */
export function serverArticles(ws: Workspace): Map<string, string> {
  const rows = ws.statement('SELECT document_id AS documentId, article_id AS articleId FROM team_documents').all() as {
    documentId: string;
    articleId: string;
  }[];
  return new Map(rows.map((r) => [r.documentId, r.articleId]));
}

export function rememberServerArticle(ws: Workspace, documentId: string, articleId: string): void {
  ws.statement('INSERT OR REPLACE INTO team_documents (document_id, article_id) VALUES (?, ?)').run(documentId, articleId);
}
