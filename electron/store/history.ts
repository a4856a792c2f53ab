/**
 * Actions and undo. Every change a person makes to a document's annotations and links runs as one
 * action; the events it writes carry the action's id. Undo replays an action's events backwards
 * (restoring each `before`), redo forwards (restoring each `after`), each as an action of its own,
 * so the log stays append-only and the history survives switching documents and restarts.
 * An action that edited the text holds a document event moving its version; replaying it moves the
 * version and the annotations the action did not log itself (text-versions.ts).
 */
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { Annotation, ChangeResult, Changes, HistoryState, Relation } from '../../schema/model';
import { badInput } from '../../schema/errors';
import { putAnnotation, type SourceRecord } from './annotations';
import { getDocument } from './documents';
import { putRelation } from './relations';
import { replayTextVersion } from './text-versions';
import type { Workspace } from './workspace';

type ActionKind = 'edit' | 'undo' | 'redo';

/** The event of an action that moved its document to another text version (text-versions.ts). */
const VERSION_EVENT_OF_ACTION = `SELECT 1 FROM events WHERE action_id = ? AND entity = 'document' AND after ->> '$.version' IS NOT NULL`;

/**
 * Runs `work` as one action on a document, in one transaction, and says what it changed. The
 * description names the action in Undo and Redo; a function is asked after the work is done.
 */
export function recordAction(
  ws: Workspace,
  documentId: string,
  description: string | (() => string),
  work: () => void,
  kind: ActionKind = 'edit',
): ChangeResult {
  return ws.transaction(() => {
    const id = uuidv7();
    ws.statement(
      `INSERT INTO actions (id, document_id, annotator_id, kind, description, at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(id, documentId, ws.localAnnotator.id, kind, '', new Date().toISOString());
    ws.actionId = id;
    try {
      work();
    } finally {
      ws.actionId = null;
    }
    ws.statement('UPDATE actions SET description = ? WHERE id = ?').run(
      typeof description === 'function' ? description() : description,
      id,
    );
    const changes = changesOf(ws, id);
    const textMoved = ws.statement(VERSION_EVENT_OF_ACTION).get(id) !== undefined;
    if (changes === null && !textMoved) {
      // Nothing changed: leave no trace, and keep what could be redone.
      ws.statement('DELETE FROM actions WHERE id = ?').run(id);
    } else if (kind === 'edit') {
      ws.statement(
        `UPDATE actions SET state = 'discarded'
         WHERE document_id = ? AND annotator_id = ? AND kind = 'edit' AND state = 'undone'`,
      ).run(documentId, ws.localAnnotator.id);
    }
    const result: ChangeResult = { changes: changes ?? noChanges(), history: historyState(ws, documentId) };
    if (textMoved) result.document = getDocument(ws, documentId);
    return result;
  });
}

export function undo(ws: Workspace, documentId: string): ChangeResult {
  const target = nextAction(ws, documentId, 'done');
  if (!target) throw badInput('There is nothing to undo in this document.');
  return replay(ws, documentId, target, 'undo');
}

export function redo(ws: Workspace, documentId: string): ChangeResult {
  const target = nextAction(ws, documentId, 'undone');
  if (!target) throw badInput('There is nothing to redo in this document.');
  return replay(ws, documentId, target, 'redo');
}

export function historyState(ws: Workspace, documentId: string): HistoryState {
  return {
    undo: nextAction(ws, documentId, 'done')?.description ?? null,
    redo: nextAction(ws, documentId, 'undone')?.description ?? null,
  };
}

/** Makes every edit of these documents final: used when a change outside them breaks their history. */
export function discardHistory(ws: Workspace, documentIds: readonly string[]): void {
  const discard = ws.statement(
    "UPDATE actions SET state = 'discarded' WHERE document_id = ? AND kind = 'edit' AND state <> 'discarded'",
  );
  for (const id of documentIds) discard.run(id);
}

interface ActionRow {
  id: string;
  description: string;
}

/** The edit Undo would take back ('done', newest first) or Redo would bring back ('undone', oldest first). */
function nextAction(ws: Workspace, documentId: string, state: 'done' | 'undone'): ActionRow | undefined {
  return ws
    .statement(
      `SELECT id, description FROM actions
       WHERE document_id = ? AND annotator_id = ? AND kind = 'edit' AND state = ?
       ORDER BY seq ${state === 'done' ? 'DESC' : 'ASC'} LIMIT 1`,
    )
    .get(documentId, ws.localAnnotator.id, state) as ActionRow | undefined;
}

/** A snapshot as the log has it (see withSource in annotations.ts). */
type Logged = { source?: SourceRecord } & Record<string, unknown>;

interface EventRow {
  entity: 'annotation' | 'relation' | 'document';
  entity_id: string;
  before: string | null;
  after: string | null;
}

function replay(ws: Workspace, documentId: string, target: ActionRow, kind: 'undo' | 'redo'): ChangeResult {
  const events = ws
    .statement(
      `SELECT entity, entity_id, before, after FROM events
       WHERE action_id = ? AND (entity IN ('annotation', 'relation') OR (entity = 'document' AND after ->> '$.version' IS NOT NULL))
       ORDER BY seq ${kind === 'undo' ? 'DESC' : 'ASC'}`,
    )
    .all(target.id) as EventRow[];
  // Annotations an edit of the text logged come back from their snapshots; it moves the rest.
  const logged = new Set(events.filter((e) => e.entity === 'annotation').map((e) => e.entity_id));
  const description = `${kind === 'undo' ? 'Undo' : 'Redo'} ${lowerFirst(target.description)}`;
  try {
    return recordAction(
      ws,
      documentId,
      description,
      () => {
        for (const event of events) {
          if (event.entity === 'document') {
            const before = (JSON.parse(event.before!) as { version: number }).version;
            const after = (JSON.parse(event.after!) as { version: number }).version;
            if (kind === 'undo') replayTextVersion(ws, documentId, after, before, logged);
            else replayTextVersion(ws, documentId, before, after, logged);
            continue;
          }
          const snapshot = kind === 'undo' ? event.before : event.after;
          const { source, ...value } = snapshot === null ? { source: undefined } : (JSON.parse(snapshot) as Logged);
          const next = snapshot === null ? null : value;
          // The snapshot comes back whole, its time too, even where nothing else differs.
          if (event.entity === 'annotation') putAnnotation(ws, event.entity_id, next as Annotation | null, { source, logUnchanged: true });
          else putRelation(ws, event.entity_id, next as Relation | null, { source });
        }
        ws.statement('UPDATE actions SET state = ? WHERE id = ?').run(kind === 'undo' ? 'undone' : 'done', target.id);
      },
      kind,
    );
  } catch (error) {
    if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_CONSTRAINT_FOREIGNKEY')) {
      throw badInput(`Cannot ${kind} “${target.description}”: a label or annotation it needs no longer exists.`);
    }
    throw error;
  }
}

/** What an action's events changed, the last event of each entity winning; null if none. */
function changesOf(ws: Workspace, actionId: string): Changes | null {
  const rows = ws
    .statement(
      `SELECT entity, entity_id, after FROM events
       WHERE action_id = ? AND entity IN ('annotation', 'relation') ORDER BY seq`,
    )
    .all(actionId) as Omit<EventRow, 'before'>[];
  if (rows.length === 0) return null;
  const latest = new Map<string, Omit<EventRow, 'before'>>();
  for (const row of rows) latest.set(`${row.entity}:${row.entity_id}`, row);
  const changes = noChanges();
  for (const row of latest.values()) {
    const bucket = row.entity === 'annotation' ? changes.annotations : changes.relations;
    if (row.after === null) bucket.deleted.push(row.entity_id);
    else {
      const { source: _, ...value } = JSON.parse(row.after) as Logged;
      (bucket.put as unknown[]).push(value);
    }
  }
  return changes;
}

function noChanges(): Changes {
  return { annotations: { put: [], deleted: [] }, relations: { put: [], deleted: [] } };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
