import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/temp';
import {
  createAnnotation as createAnnotationId,
  deleteAnnotation,
  getAnnotation,
  listAnnotations,
  updateAnnotation,
  type NewAnnotation,
} from './annotations';
import { insertDocument } from './documents';
import { listLabels } from './labels';
import { Workspace } from './workspace';

const TEXT = 'Zoë said 👩‍💻 “hi”, sources said.\nSecond line.';
/** The code point offset where `part` starts in TEXT. */
const at = (part: string) => Array.from(TEXT.slice(0, TEXT.indexOf(part))).length;
let ws: Workspace;
let documentId: string;
let claim: string;
let source: string;

const createAnnotation = (ws: Workspace, input: NewAnnotation) => getAnnotation(ws, createAnnotationId(ws, input));
const setAnnotationLabel = (ws: Workspace, id: string, labelId: string) => {
  updateAnnotation(ws, id, { labelId });
  return getAnnotation(ws, id);
};

beforeEach(() => {
  ws = Workspace.open(join(tempDir(), 'ws.sqlite'), { userName: 'Tester' });
  documentId = insertDocument(ws, { title: 'T', text: TEXT, originFormat: 'text' }).id;
  [claim, source] = listLabels(ws).map((l) => l.id) as [string, string];
});
afterEach(() => ws.close());

interface EventRow {
  entity: string;
  entity_id: string;
  action: string;
  before: string | null;
  after: string | null;
  annotator_id: string;
}
const events = () =>
  ws.db.prepare("SELECT * FROM events WHERE entity = 'annotation' ORDER BY seq").all() as EventRow[];

describe('annotations', () => {
  it('stores code point fragments and quotes the text they cover', () => {
    const start = at('“');
    const created = createAnnotation(ws, {
      documentId,
      labelId: claim,
      fragments: [{ start, end: start + 4 }],
    });
    expect(created.quote).toBe('“hi”');
    expect(created.fragments).toEqual([{ start, end: start + 4 }]);
    expect(created.annotatorId).toBe(ws.localAnnotator.id);
    expect(listAnnotations(ws, documentId)).toEqual([created]);
  });

  it('keeps the fragments of a discontinuous span in order and joins their quote with a space', () => {
    const created = createAnnotation(ws, {
      documentId,
      labelId: source,
      fragments: [
        { start: at('sources'), end: at('sources') + 7 },
        { start: 0, end: 3 },
      ],
    });
    expect(created.fragments).toEqual([
      { start: 0, end: 3 },
      { start: at('sources'), end: at('sources') + 7 },
    ]);
    expect(created.quote).toBe('Zoë sources');
  });

  it('lists annotations in document order', () => {
    const later = createAnnotation(ws, { documentId, labelId: claim, fragments: [{ start: 20, end: 25 }] });
    const earlier = createAnnotation(ws, { documentId, labelId: claim, fragments: [{ start: 0, end: 3 }] });
    expect(listAnnotations(ws, documentId).map((a) => a.id)).toEqual([earlier.id, later.id]);
  });

  it('logs create, change and delete with before and after', () => {
    const created = createAnnotation(ws, { documentId, labelId: claim, fragments: [{ start: 0, end: 3 }] });
    const changed = setAnnotationLabel(ws, created.id, source);
    deleteAnnotation(ws, created.id);
    const log = events();
    expect(log.map((e) => e.action)).toEqual(['create', 'change', 'delete']);
    expect(log.every((e) => e.entity_id === created.id && e.annotator_id === ws.localAnnotator.id)).toBe(true);
    expect(JSON.parse(log[0]!.after!)).toEqual(created);
    expect(log[0]!.before).toBeNull();
    expect(JSON.parse(log[1]!.before!)).toEqual(created);
    expect(JSON.parse(log[1]!.after!)).toEqual(changed);
    expect(JSON.parse(log[2]!.before!)).toEqual(changed);
    expect(log[2]!.after).toBeNull();
    expect(() => getAnnotation(ws, created.id)).toThrow('There is no annotation');
    expect(ws.db.prepare('SELECT count(*) FROM fragments').pluck().get()).toBe(0);
  });

  it('does not log a label change that changes nothing', () => {
    const created = createAnnotation(ws, { documentId, labelId: claim, fragments: [{ start: 0, end: 3 }] });
    setAnnotationLabel(ws, created.id, claim);
    expect(events().map((e) => e.action)).toEqual(['create']);
  });

  it('keeps the event log append-only', () => {
    createAnnotation(ws, { documentId, labelId: claim, fragments: [{ start: 0, end: 3 }] });
    expect(() => ws.db.prepare("UPDATE events SET action = 'delete'").run()).toThrow('append-only');
    expect(() => ws.db.prepare('DELETE FROM events').run()).toThrow('append-only');
  });

  it('refuses fragments past the end of the text, and stores nothing', () => {
    const length = Array.from(TEXT).length;
    expect(() =>
      createAnnotation(ws, { documentId, labelId: claim, fragments: [{ start: 5, end: length + 1 }] }),
    ).toThrow(`Fragment 5–${length + 1} ends past the end of the document (${length} characters).`);
    expect(ws.db.prepare('SELECT count(*) FROM annotations').pluck().get()).toBe(0);
    expect(events()).toEqual([]);
  });

  it('refuses overlapping fragments of one annotation', () => {
    expect(() =>
      createAnnotation(ws, {
        documentId,
        labelId: claim,
        fragments: [
          { start: 0, end: 5 },
          { start: 4, end: 8 },
        ],
      }),
    ).toThrow('Fragments 0–5 and 4–8 overlap.');
  });

  it('refuses an unknown document or label', () => {
    expect(() =>
      createAnnotation(ws, {
        documentId: '01a21703-0000-7000-8000-000000000000',
        labelId: claim,
        fragments: [{ start: 0, end: 1 }],
      }),
    ).toThrow('There is no document with id 01a21703-0000-7000-8000-000000000000.');
    expect(() =>
      createAnnotation(ws, {
        documentId,
        labelId: '01a21703-0000-7000-8000-000000000000',
        fragments: [{ start: 0, end: 1 }],
      }),
    ).toThrow('There is no label with id');
  });
});
