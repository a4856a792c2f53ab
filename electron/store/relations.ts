import { v7 as uuidv7 } from 'uuid';
import type { Relation } from '../../schema/model';
import { badInput, notFound } from '../../schema/errors';
import { findAnnotation, sameApartFromTime, sourceOf, withSource, type PutOptions } from './annotations';
import { appendEvent } from './events';
import { getLabel, listLabels } from './labels';
import type { Workspace } from './workspace';

export interface NewRelation {
  fromId: string;
  toId: string;
  /** The link type; the first one in the label schema when left out. */
  labelId?: string;
}

interface RelationRow extends Omit<Relation, 'attributes'> {
  attributes: string;
}

const SELECT = `
  SELECT id, document_id AS documentId, annotator_id AS annotatorId, label_id AS labelId,
         from_id AS fromId, to_id AS toId, attributes, created_at AS createdAt, updated_at AS updatedAt
  FROM relations`;

const fromRow = (row: RelationRow): Relation => ({
  ...row,
  attributes: JSON.parse(row.attributes) as Record<string, unknown>,
});

/** Links one annotation to another of the same document. Returns the new link's id. */
export function createRelation(ws: Workspace, input: NewRelation): string {
  const from = findAnnotation(ws, input.fromId);
  const to = findAnnotation(ws, input.toId);
  if (!from) throw notFound(`There is no annotation with id ${input.fromId} to link from.`);
  if (!to) throw notFound(`There is no annotation with id ${input.toId} to link to.`);
  if (from.id === to.id) throw badInput(`An annotation cannot be linked to itself (“${from.quote}”).`);
  if (from.documentId !== to.documentId) {
    throw badInput(
      `“${from.quote}” and “${to.quote}” are in different documents: a link joins two annotations of one article.`,
    );
  }
  const label = relationLabel(ws, input.labelId);
  const existing = ws
    .statement('SELECT id FROM relations WHERE from_id = ? AND to_id = ? AND label_id = ?')
    .get(from.id, to.id, label.id);
  if (existing) throw badInput(`“${from.quote}” is already ${label.name} “${to.quote}”.`);
  const now = new Date().toISOString();
  const id = uuidv7();
  putRelation(ws, id, {
    id,
    documentId: from.documentId,
    annotatorId: ws.localAnnotator.id,
    labelId: label.id,
    fromId: from.id,
    toId: to.id,
    attributes: {},
    createdAt: now,
    updatedAt: now,
  });
  return id;
}

export function setRelationType(ws: Workspace, id: string, labelId: string): void {
  const before = getRelation(ws, id);
  const label = relationLabel(ws, labelId);
  putRelation(ws, id, { ...before, labelId: label.id, attributes: {}, updatedAt: new Date().toISOString() });
}

export function deleteRelation(ws: Workspace, id: string): void {
  getRelation(ws, id);
  putRelation(ws, id, null);
}

/** Makes the stored link `id` equal `next` (null: absent), and logs what that changed. */
export function putRelation(ws: Workspace, id: string, next: Relation | null, options: PutOptions = {}): void {
  const { source } = options;
  const before = options.absent ? null : findRelation(ws, id);
  if (!before && !next) return;
  if (before && next && sameApartFromTime(before, next)) return;
  const beforeSource = before ? sourceOf(ws, 'relations', id) : undefined;
  if (!next) {
    ws.statement('DELETE FROM relations WHERE id = ?').run(id);
  } else if (before) {
    ws.statement('UPDATE relations SET label_id = ?, attributes = ?, updated_at = ? WHERE id = ?').run(
      next.labelId,
      JSON.stringify(next.attributes),
      next.updatedAt,
      id,
    );
  } else {
    ws.statement(
      `INSERT INTO relations (id, document_id, annotator_id, label_id, from_id, to_id, attributes,
                              created_at, updated_at, external_ref, extras)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      next.documentId,
      next.annotatorId,
      next.labelId,
      next.fromId,
      next.toId,
      JSON.stringify(next.attributes),
      next.createdAt,
      next.updatedAt,
      source?.externalRef ?? null,
      JSON.stringify(source?.extras ?? {}),
    );
  }
  appendEvent(ws, {
    documentId: (next ?? before)!.documentId,
    entity: 'relation',
    entityId: id,
    action: !before ? 'create' : !next ? 'delete' : 'change',
    before: before ? withSource(before, beforeSource) : undefined,
    after: next ? withSource(before ? getRelation(ws, id) : next, source ?? beforeSource) : undefined,
  });
}

export function findRelation(ws: Workspace, id: string): Relation | null {
  const row = ws.statement(`${SELECT} WHERE id = ?`).get(id) as RelationRow | undefined;
  return row ? fromRow(row) : null;
}

export function getRelation(ws: Workspace, id: string): Relation {
  const relation = findRelation(ws, id);
  if (!relation) throw notFound(`There is no link with id ${id}.`);
  return relation;
}

export function listRelations(ws: Workspace, documentId: string): Relation[] {
  return (ws.statement(`${SELECT} WHERE document_id = ? ORDER BY created_at, id`).all(documentId) as RelationRow[]).map(
    fromRow,
  );
}

/** Every link to or from an annotation. */
export function relationsOf(ws: Workspace, annotationId: string): Relation[] {
  return (
    ws.statement(`${SELECT} WHERE from_id = ? OR to_id = ? ORDER BY created_at, id`).all(annotationId, annotationId) as RelationRow[]
  ).map(fromRow);
}

function relationLabel(ws: Workspace, labelId: string | undefined) {
  const label = labelId ? getLabel(ws, labelId) : listLabels(ws).find((l) => l.kind === 'relation');
  if (!label) throw badInput('The label schema has no link type: add one in Settings first.');
  if (label.kind !== 'relation') throw badInput(`“${label.name}” is a label for spans, not a link type.`);
  return label;
}
