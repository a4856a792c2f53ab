import { v7 as uuidv7 } from 'uuid';
import { keepFittingAttributes, patchAttributes } from '../../schema/attributes';
import type { Annotation, AttributeValue, Fragment } from '../../schema/model';
import { badInput, notFound } from '../../schema/errors';
import { sliceCodePoints } from '../../schema/text';
import { documentText } from './documents';
import { appendEvent } from './events';
import { getLabel } from './labels';
import { putRelation, relationsOf } from './relations';
import type { Workspace } from './workspace';

export interface NewAnnotation {
  documentId: string;
  labelId: string;
  fragments: Fragment[];
  /** Checked against the label's attributes. */
  attributes?: Record<string, AttributeValue>;
}

export interface AnnotationPatch {
  labelId?: string;
  note?: string | null;
  attributes?: Record<string, AttributeValue | null>;
  fragments?: Fragment[];
}

interface AnnotationRow {
  id: string;
  documentId: string;
  annotatorId: string;
  labelId: string;
  quote: string;
  note: string | null;
  attributes: string;
  createdAt: string;
  updatedAt: string;
  fragments: string;
}

const SELECT = `
  SELECT a.id, a.document_id AS documentId, a.annotator_id AS annotatorId, a.label_id AS labelId,
         a.quote, a.note, a.attributes, a.created_at AS createdAt, a.updated_at AS updatedAt,
         (SELECT json_group_array(json_array(f.start, f."end"))
            FROM (SELECT start, "end" FROM fragments WHERE annotation_id = a.id ORDER BY seq) f
         ) AS fragments
  FROM annotations a`;

function fromRow(row: AnnotationRow): Annotation {
  const fragments = (JSON.parse(row.fragments) as [number, number][]).map(([start, end]) => ({
    start,
    end,
  }));
  return { ...row, attributes: JSON.parse(row.attributes) as Record<string, unknown>, fragments };
}

/** Tags a span (or several fragments) of a document. Returns the new annotation's id. */
export function createAnnotation(ws: Workspace, input: NewAnnotation): string {
  const label = spanLabel(ws, input.labelId);
  const fragments = checkFragments(ws, input.documentId, input.fragments);
  const now = new Date().toISOString();
  const id = uuidv7();
  putAnnotation(ws, id, {
    id,
    documentId: input.documentId,
    annotatorId: ws.localAnnotator.id,
    labelId: label.id,
    fragments,
    quote: quoteOf(ws, input.documentId, fragments),
    note: null,
    attributes: input.attributes ? patchAttributes(label, {}, input.attributes) : {},
    createdAt: now,
    updatedAt: now,
  });
  return id;
}

/** Changes an annotation's label, note, attribute values or fragments. */
export function updateAnnotation(ws: Workspace, id: string, patch: AnnotationPatch): void {
  const before = getAnnotation(ws, id);
  const next: Annotation = { ...before, updatedAt: new Date().toISOString() };
  if (patch.labelId !== undefined && patch.labelId !== before.labelId) {
    const label = spanLabel(ws, patch.labelId);
    next.labelId = label.id;
    next.attributes = keepFittingAttributes(label, before.attributes);
  }
  if (patch.attributes) next.attributes = patchAttributes(getLabel(ws, next.labelId), next.attributes, patch.attributes);
  if (patch.note !== undefined) next.note = patch.note?.trim() ? patch.note : null;
  if (patch.fragments) {
    next.fragments = checkFragments(ws, before.documentId, patch.fragments);
    next.quote = quoteOf(ws, before.documentId, next.fragments);
  }
  putAnnotation(ws, id, next);
}

/** Deletes an annotation and every link to or from it. */
export function deleteAnnotation(ws: Workspace, id: string): void {
  getAnnotation(ws, id);
  for (const relation of relationsOf(ws, id)) putRelation(ws, relation.id, null);
  putAnnotation(ws, id, null);
}

/** Where an imported annotation or link came from: its id in the file, and what else it said. */
export interface SourceRecord {
  externalRef: string;
  extras: Record<string, unknown>;
}

export interface PutOptions {
  /** Kept with an annotation or link that is added. */
  source?: SourceRecord;
  /** The caller knows it is not stored yet (a bulk import into a new document): no lookup. */
  absent?: boolean;
  /**
   * Write and log it even when only the time differs: an edit of the text that touched the
   * annotation may leave the same fragments over different text, and undo needs that snapshot
   * and brings it back whole.
   */
  logUnchanged?: boolean;
}

/**
 * Makes the stored annotation `id` equal `next` (null: absent), and logs what that changed. Every
 * write of an annotation goes through here, so the log always has the full before and after.
 */
export function putAnnotation(ws: Workspace, id: string, next: Annotation | null, options: PutOptions = {}): void {
  const { source } = options;
  const before = options.absent ? null : findAnnotation(ws, id);
  if (!before && !next) return;
  if (before && next && !options.logUnchanged && sameApartFromTime(before, next)) return;
  const beforeSource = before ? sourceOf(ws, 'annotations', id) : undefined;
  if (!next) {
    ws.statement('DELETE FROM annotations WHERE id = ?').run(id);
  } else {
    if (before) {
      ws.statement(
        `UPDATE annotations SET label_id = ?, quote = ?, note = ?, attributes = ?, updated_at = ?
         WHERE id = ?`,
      ).run(next.labelId, next.quote, next.note, JSON.stringify(next.attributes), next.updatedAt, id);
      ws.statement('DELETE FROM fragments WHERE annotation_id = ?').run(id);
    } else {
      ws.statement(
        `INSERT INTO annotations (id, document_id, annotator_id, label_id, quote, note, attributes,
                                  created_at, updated_at, external_ref, extras)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        next.documentId,
        next.annotatorId,
        next.labelId,
        next.quote,
        next.note,
        JSON.stringify(next.attributes),
        next.createdAt,
        next.updatedAt,
        source?.externalRef ?? null,
        JSON.stringify(source?.extras ?? {}),
      );
    }
    const insertFragment = ws.statement(
      'INSERT INTO fragments (annotation_id, seq, start, "end") VALUES (?, ?, ?, ?)',
    );
    next.fragments.forEach((f, seq) => insertFragment.run(id, seq, f.start, f.end));
  }
  appendEvent(ws, {
    documentId: (next ?? before)!.documentId,
    entity: 'annotation',
    entityId: id,
    action: !before ? 'create' : !next ? 'delete' : 'change',
    before: before ? withSource(before, beforeSource) : undefined,
    // An added annotation is logged as given; a changed one as stored, with what it kept.
    after: next ? withSource(before ? getAnnotation(ws, id) : next, source ?? beforeSource) : undefined,
  });
}

/**
 * A logged snapshot carries the source record too, so that undoing the deletion of an imported
 * annotation or link brings back all it had. (history.ts takes it apart again.)
 */
export function withSource<T>(snapshot: T, source: SourceRecord | undefined): T | (T & { source: SourceRecord }) {
  return source ? { ...snapshot, source } : snapshot;
}

/** The source record of a stored annotation or link, if it was imported. */
export function sourceOf(ws: Workspace, table: 'annotations' | 'relations', id: string): SourceRecord | undefined {
  const row = ws.statement(`SELECT external_ref AS externalRef, extras FROM ${table} WHERE id = ?`).get(id) as
    | { externalRef: string | null; extras: string }
    | undefined;
  return row?.externalRef == null
    ? undefined
    : { externalRef: row.externalRef, extras: JSON.parse(row.extras) as Record<string, unknown> };
}

/** True when two snapshots differ at most in when they were last changed. */
export function sameApartFromTime<T extends { updatedAt: string }>(before: T, next: T): boolean {
  return JSON.stringify({ ...before, updatedAt: '' }) === JSON.stringify({ ...before, ...next, updatedAt: '' });
}

export function findAnnotation(ws: Workspace, id: string): Annotation | null {
  const row = ws.statement(`${SELECT} WHERE a.id = ?`).get(id) as AnnotationRow | undefined;
  return row ? fromRow(row) : null;
}

export function getAnnotation(ws: Workspace, id: string): Annotation {
  const annotation = findAnnotation(ws, id);
  if (!annotation) throw notFound(`There is no annotation with id ${id}.`);
  return annotation;
}

/** The document's annotations in document order (by where their first fragment starts). */
export function listAnnotations(ws: Workspace, documentId: string): Annotation[] {
  const rows = ws
    .statement(
      `${SELECT} WHERE a.document_id = ?
       ORDER BY (SELECT min(start) FROM fragments WHERE annotation_id = a.id), a.id`,
    )
    .all(documentId) as AnnotationRow[];
  return rows.map(fromRow);
}

function spanLabel(ws: Workspace, labelId: string) {
  const label = getLabel(ws, labelId);
  if (label.kind !== 'span') throw badInput(`“${label.name}” is a link type, not a label for spans.`);
  return label;
}

/** The fragments' text joined by one space, as brat does. */
function quoteOf(ws: Workspace, documentId: string, fragments: Fragment[]): string {
  const { text, offsets } = documentText(ws, documentId);
  return fragments.map((f) => sliceCodePoints(text, offsets, f.start, f.end)).join(' ');
}

/** Sorts fragments and refuses any that leave the text or overlap each other. */
function checkFragments(ws: Workspace, documentId: string, fragments: Fragment[]): Fragment[] {
  const length = documentText(ws, documentId).offsets.codePointLength;
  const sorted = [...fragments].sort((a, b) => a.start - b.start);
  sorted.forEach((f, i) => {
    if (f.end > length) {
      throw badInput(
        `Fragment ${f.start}–${f.end} ends past the end of the document (${length} characters).`,
      );
    }
    const previous = sorted[i - 1];
    if (previous && f.start < previous.end) {
      throw badInput(`Fragments ${previous.start}–${previous.end} and ${f.start}–${f.end} overlap.`);
    }
  });
  return sorted;
}
