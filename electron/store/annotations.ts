import { v7 as uuidv7 } from 'uuid';
import type { Annotation, Fragment } from '../../schema/model';
import { badInput, notFound } from '../../schema/errors';
import { sliceCodePoints } from '../../schema/text';
import { documentText } from './documents';
import { appendEvent } from './events';
import { getLabel } from './labels';
import type { Workspace } from './workspace';

export interface NewAnnotation {
  documentId: string;
  labelId: string;
  fragments: Fragment[];
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

export function createAnnotation(ws: Workspace, input: NewAnnotation): Annotation {
  const label = getLabel(ws, input.labelId);
  if (label.kind !== 'span') throw badInput(`Label “${label.name}” is for links, not for spans.`);
  const { text, offsets } = documentText(ws, input.documentId);
  const fragments = checkFragments(input.fragments, offsets.codePointLength);
  const quote = fragments.map((f) => sliceCodePoints(text, offsets, f.start, f.end)).join(' ');
  const id = uuidv7();
  const now = new Date().toISOString();
  return ws.transaction(() => {
    ws.statement(
      `INSERT INTO annotations (id, document_id, annotator_id, label_id, quote, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, input.documentId, ws.localAnnotator.id, label.id, quote, now, now);
    const insertFragment = ws.statement(
      'INSERT INTO fragments (annotation_id, seq, start, "end") VALUES (?, ?, ?, ?)',
    );
    fragments.forEach((f, seq) => insertFragment.run(id, seq, f.start, f.end));
    const annotation = getAnnotation(ws, id);
    appendEvent(ws, {
      documentId: input.documentId,
      entity: 'annotation',
      entityId: id,
      action: 'create',
      after: annotation,
    });
    return annotation;
  });
}

export function setAnnotationLabel(ws: Workspace, id: string, labelId: string): Annotation {
  const label = getLabel(ws, labelId);
  if (label.kind !== 'span') throw badInput(`Label “${label.name}” is for links, not for spans.`);
  return ws.transaction(() => {
    const before = getAnnotation(ws, id);
    if (before.labelId === labelId) return before;
    ws.statement('UPDATE annotations SET label_id = ?, updated_at = ? WHERE id = ?').run(
      labelId,
      new Date().toISOString(),
      id,
    );
    const after = getAnnotation(ws, id);
    appendEvent(ws, {
      documentId: after.documentId,
      entity: 'annotation',
      entityId: id,
      action: 'change',
      before,
      after,
    });
    return after;
  });
}

export function deleteAnnotation(ws: Workspace, id: string): void {
  ws.transaction(() => {
    const before = getAnnotation(ws, id);
    ws.statement('DELETE FROM annotations WHERE id = ?').run(id);
    appendEvent(ws, {
      documentId: before.documentId,
      entity: 'annotation',
      entityId: id,
      action: 'delete',
      before,
    });
  });
}

export function getAnnotation(ws: Workspace, id: string): Annotation {
  const row = ws.statement(`${SELECT} WHERE a.id = ?`).get(id) as AnnotationRow | undefined;
  if (!row) throw notFound(`There is no annotation with id ${id}.`);
  return fromRow(row);
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

/** Sorts fragments and refuses any that leave the text or overlap each other. */
function checkFragments(fragments: Fragment[], length: number): Fragment[] {
  const sorted = [...fragments].sort((a, b) => a.start - b.start);
  sorted.forEach((f, i) => {
    if (f.end > length) {
      throw badInput(
        `Fragment ${f.start}–${f.end} ends past the end of the document (${length} characters).`,
      );
    }
    const previous = sorted[i - 1];
    if (previous && f.start < previous.end) {
      throw badInput(
        `Fragments ${previous.start}–${previous.end} and ${f.start}–${f.end} overlap.`,
      );
    }
  });
  return sorted;
}
