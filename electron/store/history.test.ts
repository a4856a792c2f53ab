import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { workspaceWithDocument } from '../testing/workspace';
import { createAnnotation, deleteAnnotation, findAnnotation, listAnnotations, updateAnnotation } from './annotations';
import { deleteLabel } from './delete-label';
import { insertDocument } from './documents';
import { historyState, recordAction, redo, undo } from './history';
import { createRelation, listRelations } from './relations';
import { commitTextEdit } from './text-versions';
import { Workspace } from './workspace';

const TEXT = 'The plan will fail, a senior official said, according to Reuters.';
let ws: Workspace;
let documentId: string;
let labels: ReturnType<typeof workspaceWithDocument>['labels'];

beforeEach(() => {
  ({ ws, documentId, labels } = workspaceWithDocument(TEXT));
});
afterEach(() => ws.close());

const span = (phrase: string) => {
  const start = TEXT.indexOf(phrase);
  return [{ start, end: start + phrase.length }];
};

/** Runs a change as a person's action, returning the new annotation's id when it made one. */
function act(description: string, work: () => string | void): string {
  let id = '';
  recordAction(ws, documentId, description, () => void (id = work() ?? ''));
  return id;
}

/** What a person sees of the document: every annotation and link, sorted. */
const state = () => ({
  annotations: listAnnotations(ws, documentId).map((a) => `${a.quote}|${a.labelId}|${a.note}|${JSON.stringify(a.attributes)}`),
  relations: listRelations(ws, documentId).map((r) => `${r.fromId}->${r.toId}`),
});

describe('undo and redo', () => {
  it('undoes and redoes tags, relabels, notes, attributes and links, one action at a time', () => {
    const snapshots = [state()];
    const claim = act('Tag claim', () => createAnnotation(ws, { documentId, labelId: labels.Claim, fragments: span('The plan will fail') }));
    snapshots.push(state());
    const source = act('Tag source', () => createAnnotation(ws, { documentId, labelId: labels.Source, fragments: span('Reuters') }));
    snapshots.push(state());
    act('Link', () => void createRelation(ws, { fromId: claim, toId: source }));
    snapshots.push(state());
    act('Note', () => updateAnnotation(ws, claim, { note: 'Check the budget memo.' }));
    snapshots.push(state());
    act('Attributes', () => updateAnnotation(ws, claim, { attributes: { checkworthiness: 'check-worthy' } }));
    snapshots.push(state());
    act('Delete source', () => deleteAnnotation(ws, source));
    snapshots.push(state());
    expect(historyState(ws, documentId)).toEqual({ undo: 'Delete source', redo: null });

    for (let i = snapshots.length - 2; i >= 0; i--) {
      undo(ws, documentId);
      expect(state(), `after undoing back to step ${i}`).toEqual(snapshots[i]);
    }
    expect(historyState(ws, documentId)).toEqual({ undo: null, redo: 'Tag claim' });
    expect(() => undo(ws, documentId)).toThrow('There is nothing to undo in this document.');

    for (let i = 1; i < snapshots.length; i++) {
      redo(ws, documentId);
      expect(state(), `after redoing step ${i}`).toEqual(snapshots[i]);
    }
    expect(() => redo(ws, documentId)).toThrow('There is nothing to redo in this document.');
  });

  it('restores a deleted annotation exactly, with its id, links and timestamps', () => {
    const claim = act('Tag', () => createAnnotation(ws, { documentId, labelId: labels.Claim, fragments: span('The plan will fail') }));
    const source = act('Tag', () => createAnnotation(ws, { documentId, labelId: labels.Source, fragments: span('Reuters') }));
    act('Link', () => void createRelation(ws, { fromId: claim, toId: source }));
    const before = { annotation: findAnnotation(ws, source), relations: listRelations(ws, documentId) };
    act('Delete', () => deleteAnnotation(ws, source));
    undo(ws, documentId);
    expect({ annotation: findAnnotation(ws, source), relations: listRelations(ws, documentId) }).toEqual(before);
  });

  it('a new change discards what could be redone', () => {
    act('Tag', () => createAnnotation(ws, { documentId, labelId: labels.Claim, fragments: span('The plan will fail') }));
    undo(ws, documentId);
    expect(historyState(ws, documentId).redo).toBe('Tag');
    act('Other tag', () => createAnnotation(ws, { documentId, labelId: labels.Source, fragments: span('Reuters') }));
    expect(historyState(ws, documentId)).toEqual({ undo: 'Other tag', redo: null });
  });

  it('keeps a separate history per document, across closing and reopening the workspace', () => {
    const other = insertDocument(ws, { title: 'Other', text: 'Officials said so.', originFormat: 'text' }).id;
    act('Tag here', () => createAnnotation(ws, { documentId, labelId: labels.Claim, fragments: span('The plan will fail') }));
    recordAction(ws, other, 'Tag there', () => void createAnnotation(ws, { documentId: other, labelId: labels.Source, fragments: [{ start: 0, end: 9 }] }));
    const path = ws.path;
    ws.close();
    ws = Workspace.open(path);
    expect(historyState(ws, documentId).undo).toBe('Tag here');
    undo(ws, documentId);
    expect(listAnnotations(ws, documentId)).toEqual([]);
    expect(listAnnotations(ws, other)).toHaveLength(1);
    expect(historyState(ws, other)).toEqual({ undo: 'Tag there', redo: null });
  });

  it('an action that changes nothing leaves no history', () => {
    const claim = act('Tag', () => createAnnotation(ws, { documentId, labelId: labels.Claim, fragments: span('The plan will fail') }));
    act('Same label again', () => updateAnnotation(ws, claim, { labelId: labels.Claim }));
    expect(historyState(ws, documentId).undo).toBe('Tag');
  });

  it('logs undo and redo as actions of their own, in the append-only log', () => {
    act('Tag', () => createAnnotation(ws, { documentId, labelId: labels.Claim, fragments: span('The plan will fail') }));
    undo(ws, documentId);
    redo(ws, documentId);
    const actions = ws.db.prepare('SELECT kind, description FROM actions ORDER BY seq').all();
    expect(actions).toEqual([
      { kind: 'edit', description: 'Tag' },
      { kind: 'undo', description: 'Undo tag' },
      { kind: 'redo', description: 'Redo tag' },
    ]);
    const events = ws.db.prepare("SELECT action FROM events WHERE entity = 'annotation' ORDER BY seq").pluck().all();
    expect(events).toEqual(['create', 'delete', 'create']);
  });

  it('deleting a label ends the undo history of the documents that used it', () => {
    act('Tag', () => createAnnotation(ws, { documentId, labelId: labels.Claim, fragments: span('The plan will fail') }));
    const usage = deleteLabel(ws, labels.Claim);
    expect(usage).toEqual({ annotations: 1, relations: 0, documents: 1 });
    expect(listAnnotations(ws, documentId)).toEqual([]);
    expect(historyState(ws, documentId)).toEqual({ undo: null, redo: null });
  });
});

describe('undo and redo of an edit of the text', () => {
  it('an edit of the text is an undo step even when it moves no annotation, and its replies carry the article', () => {
    const edit = commitTextEdit(ws, { documentId, baseVersion: 1, edits: [{ start: 0, end: 3, text: 'This' }] });
    expect(edit.document).toMatchObject({ version: 2, text: `This${TEXT.slice(3)}` });
    expect(historyState(ws, documentId)).toEqual({ undo: 'Edited the text', redo: null });
    const undone = undo(ws, documentId);
    expect(undone.document).toMatchObject({ version: 1, text: TEXT });
    expect(undone.changes).toEqual({ annotations: { put: [], deleted: [] }, relations: { put: [], deleted: [] } });
    expect(redo(ws, documentId).document).toMatchObject({ version: 2 });
    // A change of annotations only carries no article.
    act('Tag', () => createAnnotation(ws, { documentId, labelId: labels.Claim, fragments: [{ start: 0, end: 4 }] }));
    expect(undo(ws, documentId).document).toBeUndefined();
  });

  it('refuses to replay an edit when the text was moved to another version outside the history, changing nothing', () => {
    commitTextEdit(ws, { documentId, baseVersion: 1, edits: [{ start: 0, end: 3, text: 'This' }] });
    commitTextEdit(ws, { documentId, baseVersion: 2, edits: [{ start: 0, end: 4, text: 'That' }] });
    // As something outside the undo history would (there is no such path in the app today).
    ws.db.prepare('UPDATE documents SET version = 1 WHERE id = ?').run(documentId);
    const events = ws.db.prepare('SELECT count(*) FROM events').pluck().get();
    expect(() => undo(ws, documentId)).toThrow(
      'The text of “T” is at version 1 now, not 3: it changed outside the undo history, so this step cannot be replayed.',
    );
    expect(ws.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(events);
    expect(historyState(ws, documentId).undo).toBe('Edited the text');
  });
});
