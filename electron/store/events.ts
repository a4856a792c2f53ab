import type { Workspace } from './workspace';

export interface NewEvent {
  documentId: string | null;
  entity: 'document' | 'annotation' | 'relation' | 'label';
  entityId: string;
  action: 'create' | 'change' | 'delete';
  before?: unknown;
  after?: unknown;
}

/** Appends one row to the event log. Call it inside the transaction that makes the change. */
export function appendEvent(ws: Workspace, event: NewEvent): void {
  ws.statement(
    `INSERT INTO events (at, annotator_id, document_id, entity, entity_id, action, before, after, action_id, origin)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    new Date().toISOString(),
    ws.localAnnotator.id,
    event.documentId,
    event.entity,
    event.entityId,
    event.action,
    event.before === undefined ? null : JSON.stringify(event.before),
    event.after === undefined ? null : JSON.stringify(event.after),
    ws.actionId,
    ws.actionOrigin,
  );
}
