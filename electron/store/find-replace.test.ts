import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../dispatch';
import { handlersFor, valueOf, type Caller } from '../testing/handlers';
import { workspaceWithDocument } from '../testing/workspace';
import type { ReplaceRule } from '../../schema/find-replace';
import { OffsetMap, sliceCodePoints } from '../../schema/text';
import { createAnnotation, getAnnotation, listAnnotations } from './annotations';
import { addToCollection, createCollection } from './collections';
import { documentText, insertDocument } from './documents';
import { historyState } from './history';
import { commitTextEdit } from './text-versions';
import type { Workspace } from './workspace';

// Sentences from a syndicated wire article, with what scraping left in them.
const TEXT = [
  'Russia andnbsp still saw issues that needed to be resolved.',
  'The biggest attack was launched by  , Russia , against  , Ukraine, killing 12.',
  'The plant would then fall under U.S.   control, the the people said.',
].join('\n\n');

let ws: Workspace;
let documentId: string;
let labels: ReturnType<typeof workspaceWithDocument>['labels'];
let value: Caller;

beforeEach(() => {
  ({ ws, documentId, labels } = workspaceWithDocument(TEXT));
  value = valueOf(handlersFor(ws));
});
afterEach(() => ws.close());

const at = (phrase: string, text = TEXT) => {
  const start = [...text.slice(0, text.indexOf(phrase))].length;
  return [{ start, end: start + [...phrase].length }];
};
const tag = (labelId: string, phrase: string) => createAnnotation(ws, { documentId, labelId, fragments: at(phrase) });
const currentText = (id = documentId) => documentText(ws, id).text;
/** An annotation's text in the article as it is now, from its stored fragments. */
const covered = (annotationId: string) => {
  const text = currentText();
  const offsets = new OffsetMap(text);
  return getAnnotation(ws, annotationId)
    .fragments.map((f) => sliceCodePoints(text, offsets, f.start, f.end))
    .join(' ');
};
const commas: ReplaceRule = { kind: 'text', find: ' , Russia , ', replace: ' Russia ', matchCase: true, wholeWord: false };
const document = { kind: 'document', id: '' } as const;
const thisDocument = () => ({ ...document, id: documentId });

describe('text.preview', () => {
  it('lists each change with its context and what it does to annotations, and counts those that only move', async () => {
    const sentence = tag(labels.Claim, 'The biggest attack was launched by  , Russia , against  , Ukraine, killing 12.');
    const russia = tag(labels.Source, 'Russia , against');
    tag(labels.Source, 'U.S.'); // after the change: moves
    tag(labels.Claim, 'Russia andnbsp still'); // before it: stays
    const preview = await value('text.preview', { rule: commas, scope: thisDocument() });
    expect(preview).toMatchObject({ total: 1, truncated: false });
    const [doc] = preview.documents;
    expect(doc).toMatchObject({ documentId, title: 'T', version: 1, moved: 1 });
    expect(doc!.changes).toHaveLength(1);
    expect(doc!.changes[0]).toMatchObject({
      before: ' , Russia , ',
      after: ' Russia ',
      context: { before: 'The biggest attack was launched by ', after: 'against  , Ukraine, killing 12.' },
    });
    expect(doc!.changes[0]!.effects.map((e) => [e.annotationId, e.effect])).toEqual([
      [sentence, 'resized'],
      [russia, 'resized'],
    ]);
    // A preview changes nothing.
    expect(currentText()).toBe(TEXT);
  });

  it('replies with an empty preview when nothing matches', async () => {
    const rule: ReplaceRule = { kind: 'text', find: 'Kremlin', replace: 'Moscow', matchCase: false, wholeWord: true };
    expect(await value('text.preview', { rule, scope: thisDocument() })).toEqual({ documents: [], total: 0, truncated: false });
  });

  it('refuses an invalid regular expression with the pattern and the reason, even in an empty collection', async () => {
    const empty = createCollection(ws, 'Nothing yet');
    const reply = await dispatch(handlersFor(ws), 'text.preview', {
      rule: { kind: 'regex', pattern: 'Russia (', replace: '', matchCase: true },
      scope: { kind: 'collection', id: empty.id },
    });
    expect(reply).toEqual({
      ok: false,
      error: { code: 'bad_input', message: 'The regular expression “Russia (” is not valid: unterminated group.' },
    });
  });

  it('lists at most 2,000 changes, and says there were more', async () => {
    const many = insertDocument(ws, { title: 'Many', text: 'x '.repeat(2500), originFormat: 'text' }).id;
    const rule: ReplaceRule = { kind: 'text', find: 'x', replace: 'y', matchCase: true, wholeWord: true };
    const preview = await value('text.preview', { rule, scope: { kind: 'document', id: many } });
    expect(preview.total).toBe(2500);
    expect(preview.truncated).toBe(true);
    expect(preview.documents[0]!.changes).toHaveLength(2000);
  });
});

describe('text.suggestFixes', () => {
  it('lists the fixes that apply, with their counts and up to three examples', async () => {
    const suggestions = await value('text.suggestFixes', { scope: thisDocument() });
    expect(suggestions.map((s) => [s.fix, s.count])).toEqual([
      ['nbsp-artifact', 1],
      ['space-before-punctuation', 3],
      ['double-spaces', 3],
      ['doubled-words', 1],
    ]);
    const punctuation = suggestions.find((s) => s.fix === 'space-before-punctuation')!;
    expect(punctuation.examples).toHaveLength(3);
    expect(suggestions[0]!.examples).toEqual(['Russia andnbsp still saw issues that needed to be']);
    expect(suggestions[0]!.name).toMatch(/andnbsp/);
  });
});

describe('text.replace', () => {
  it('makes the chosen changes as a new version; the tags keep their words, and Undo names the change', async () => {
    const sentence = tag(labels.Claim, 'The biggest attack was launched by  , Russia , against  , Ukraine, killing 12.');
    const russia = tag(labels.Source, 'Russia');
    const later = tag(labels.Source, 'U.S.');
    const preview = await value('text.preview', { rule: commas, scope: thisDocument() });
    const outcome = await value('text.replace', {
      rule: commas,
      selected: [{ documentId, version: preview.documents[0]!.version, starts: preview.documents[0]!.changes.map((c) => c.start) }],
    });
    expect(outcome).toEqual({ documents: 1, replacements: 1, annotationsDeleted: 0, skipped: [] });
    expect(currentText()).toBe(TEXT.replace(' , Russia , ', ' Russia '));
    expect(documentText(ws, documentId).version).toBe(2);
    expect(covered(russia)).toBe('Russia');
    expect(getAnnotation(ws, russia).quote).toBe('Russia');
    expect(covered(later)).toBe('U.S.');
    expect(covered(sentence)).toBe('The biggest attack was launched by  Russia against  , Ukraine, killing 12.');
    expect(getAnnotation(ws, sentence).quote).toBe(covered(sentence));
    expect(historyState(ws, documentId).undo).toBe('Replaced “ , Russia , ” with “ Russia ” (1)');
  });

  it('makes only the changes left checked', async () => {
    const rule: ReplaceRule = { kind: 'fix', fix: 'space-before-punctuation' };
    const preview = await value('text.preview', { rule, scope: thisDocument() });
    const [first, , third] = preview.documents[0]!.changes;
    const outcome = await value('text.replace', { rule, selected: [{ documentId, version: 1, starts: [first!.start, third!.start] }] });
    expect(outcome.replacements).toBe(2);
    expect(currentText()).toContain('launched by, Russia , against, Ukraine');
    expect(historyState(ws, documentId).undo).toBe('Removed the space before punctuation (2)');
  });

  it('counts the annotations whose whole text a change removed', async () => {
    const doubled = tag(labels.Claim, 'the the');
    const second = createAnnotation(ws, { documentId, labelId: labels.Source, fragments: at(' the people').map((f) => ({ start: f.start + 1, end: f.start + 4 })) });
    const rule: ReplaceRule = { kind: 'fix', fix: 'doubled-words' };
    const preview = await value('text.preview', { rule, scope: thisDocument() });
    expect(preview.documents[0]!.changes[0]!.effects.map((e) => [e.annotationId, e.effect])).toEqual([
      [doubled, 'trimmed'],
      [second, 'deleted'],
    ]);
    const outcome = await value('text.replace', { rule, selected: [{ documentId, version: 1, starts: [preview.documents[0]!.changes[0]!.start] }] });
    expect(outcome.annotationsDeleted).toBe(1);
    expect(listAnnotations(ws, documentId).map((a) => a.id)).toEqual([doubled]);
    expect(covered(doubled)).toBe('the');
  });

  it('leaves an article whose text changed after the preview alone, and says why', async () => {
    const preview = await value('text.preview', { rule: commas, scope: thisDocument() });
    commitTextEdit(ws, { documentId, baseVersion: 1, edits: [{ start: 0, end: 0, text: 'Update: ' }] });
    const outcome = await value('text.replace', {
      rule: commas,
      selected: [{ documentId, version: preview.documents[0]!.version, starts: [preview.documents[0]!.changes[0]!.start] }],
    });
    expect(outcome).toEqual({
      documents: 0,
      replacements: 0,
      annotationsDeleted: 0,
      skipped: [{ documentId, title: 'T', reason: 'Its text changed after the preview (version 1 then, 2 now): preview again.' }],
    });
    expect(currentText()).toBe(`Update: ${TEXT}`);
  });

  it('leaves out an article that is not in the workspace, saying so, and still replaces in the others', async () => {
    const missing = '0190a3c4-0000-7000-8000-000000000000';
    const outcome = await value('text.replace', {
      rule: commas,
      selected: [
        { documentId: missing, version: 1, starts: [0] },
        { documentId, version: 1, starts: [TEXT.indexOf(' , Russia , ')] },
      ],
    });
    expect(outcome).toEqual({
      documents: 1,
      replacements: 1,
      annotationsDeleted: 0,
      skipped: [{ documentId: missing, title: missing, reason: `There is no document with id ${missing}.` }],
    });
  });

  it('refuses to leave an article empty, naming it, and replaces nothing there', async () => {
    const rule: ReplaceRule = { kind: 'regex', pattern: '[\\s\\S]+', replace: ' ', matchCase: true };
    const outcome = await value('text.replace', { rule, selected: [{ documentId, version: 1, starts: [0] }] });
    expect(outcome.documents).toBe(0);
    expect(outcome.skipped[0]!.reason).toBe('This edit would leave “T” empty; an article needs some text.');
    expect(currentText()).toBe(TEXT);
  });

  it('replaces across every article of a collection, one version each, and no other article', async () => {
    const second = insertDocument(ws, { title: 'Second', text: 'Talks in , Russia , ended andnbsp early.', originFormat: 'text' }).id;
    const outside = insertDocument(ws, { title: 'Outside', text: 'Not in it: , Russia , here.', originFormat: 'text' }).id;
    const batch = createCollection(ws, 'Batch A');
    addToCollection(ws, batch.id, [documentId, second]);
    const secondRussia = createAnnotation(ws, { documentId: second, labelId: labels.Source, fragments: at('Russia', 'Talks in , Russia , ended andnbsp early.') });
    const scope = { kind: 'collection', id: batch.id } as const;
    const preview = await value('text.preview', { rule: commas, scope });
    expect(preview.documents.map((d) => d.title)).toEqual(['Second', 'T']);
    const outcome = await value('text.replace', {
      rule: commas,
      selected: preview.documents.map((d) => ({ documentId: d.documentId, version: d.version, starts: d.changes.map((c) => c.start) })),
    });
    expect(outcome).toMatchObject({ documents: 2, replacements: 2, skipped: [] });
    expect(currentText(second)).toBe('Talks in Russia ended andnbsp early.');
    expect(getAnnotation(ws, secondRussia).quote).toBe('Russia');
    expect(currentText(outside)).toBe('Not in it: , Russia , here.');
    expect((await value('text.suggestFixes', { scope })).find((s) => s.fix === 'nbsp-artifact')?.count).toBe(2);
  });
});
