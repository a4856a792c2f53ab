import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Fragment } from '../../schema/model';
import { matchHash, textHash } from '../../schema/text';
import { applyEdits, mapFragments, type TextEdit } from '../../schema/text-edits';
import { handlersFor, valueOf } from '../testing/handlers';
import { span } from '../testing/rich-workspace';
import { workspaceWithDocument } from '../testing/workspace';
import { createAnnotation, listAnnotations, updateAnnotation } from './annotations';
import { findDocumentByMatchHash, getDocument, insertDocument } from './documents';
import { historyState, recordAction, redo, undo } from './history';
import { ingest } from './ingest';
import { queryLibrary } from './library';
import { createRelation, listRelations } from './relations';
import {
  commitTextEdit,
  editsSinceVersion,
  listVersions,
  revertToVersion,
  takeArrivedVersion,
  versionText,
} from './text-versions';
import type { Workspace } from './workspace';

const TEXT =
  'The mayor 👩‍⚖️ said the ferry contract was approved, according to people familiar with the matter.\n' +
  'Officials andnbsp denied it. The port authority , Russia , said nothing.\n' +
  'Zoë said n\u0308 is rare.';

let ws: Workspace;
let documentId: string;
let labels: ReturnType<typeof workspaceWithDocument>['labels'];

beforeEach(() => {
  ({ ws, documentId, labels } = workspaceWithDocument(TEXT));
});
afterEach(() => ws.close());

/** The code point fragment of `phrase` in `text`, looked for after the first `after`. */
function find(text: string, phrase: string, after = ''): Fragment {
  const from = after ? text.indexOf(after) : 0;
  const start = text.indexOf(phrase, from);
  if (from < 0 || start < 0) throw new Error(`“${phrase}” is not in the text`);
  const at = span(text.slice(start), phrase);
  const offset = Array.from(text.slice(0, start)).length;
  return { start: offset + at.start, end: offset + at.end };
}

/** Edits built one at a time against the text they apply to, as the editor collects them. */
class EditList {
  readonly edits: TextEdit[] = [];
  text: string;
  constructor(text: string) {
    this.text = text;
  }
  replace(phrase: string, by: string, after = ''): this {
    const { start, end } = find(this.text, phrase, after);
    return this.push({ start, end, text: by });
  }
  insertAfter(phrase: string, text: string): this {
    const { end } = find(this.text, phrase);
    return this.push({ start: end, end, text });
  }
  private push(edit: TextEdit): this {
    this.edits.push(edit);
    this.text = applyEdits(this.text, [edit]);
    return this;
  }
}

/** A colleague's layer of the article, imported as their file would be (code point offsets). */
function colleagueLayer(name: string, spans: [label: string, phrases: string[]][], links: [number, number][]): void {
  ingest(
    ws,
    {
      source: `${name}.json`,
      format: 'test',
      title: 'T',
      text: TEXT,
      outlet: null,
      author: null,
      publishedAt: null,
      url: null,
      annotator: name,
      annotations: spans.map(([label, phrases], k) => ({
        ref: `T${k}`,
        label,
        fragments: phrases.map((p) => find(TEXT, p)),
        attributes: {},
        note: null,
        extras: { from: 'brat' },
      })),
      relations: links.map(([from, to], k) => ({ ref: `R${k}`, type: 'attributed to', from: `T${from}`, to: `T${to}`, extras: {} })),
      labels: [],
    },
    { annotator: name },
  );
}

/** Tags as the local annotator does, one action each; the new annotation's id. */
function tag(label: keyof typeof labels, fragments: Fragment[]): string {
  let id = '';
  recordAction(ws, documentId, 'Tag', () => void (id = createAnnotation(ws, { documentId, labelId: labels[label], fragments })));
  return id;
}

/** Everything stored about the article: the document, every annotation and link row, every fragment. */
function stored() {
  const all = (sql: string) => ws.db.prepare(sql).all(documentId);
  return {
    document: getDocument(ws, documentId),
    annotations: listAnnotations(ws, documentId),
    relations: listRelations(ws, documentId),
    annotationRows: all('SELECT * FROM annotations WHERE document_id = ? ORDER BY id'),
    fragmentRows: all(
      'SELECT f.* FROM fragments f JOIN annotations a ON a.id = f.annotation_id WHERE a.document_id = ? ORDER BY f.annotation_id, f.seq',
    ),
    relationRows: all('SELECT * FROM relations WHERE document_id = ? ORDER BY id'),
  };
}

const quoteOf = (id: string) => listAnnotations(ws, documentId).find((a) => a.id === id)?.quote;
const idOf = (quote: string) => listAnnotations(ws, documentId).find((a) => a.quote === quote)!.id;
const searchFinds = (words: string) =>
  queryLibrary(ws, { offset: 0, limit: 10, sort: 'relevance', descending: false, search: words }).rows.map((r) => r.id);

/** Tags of two annotators, links, a note and attributes; then the edits of the first test. */
function taggedArticle() {
  const mayor = tag('Source', [find(TEXT, 'The mayor 👩‍⚖️')]);
  const claim = tag('Claim', [find(TEXT, 'the ferry contract was approved')]);
  recordAction(ws, documentId, 'Note', () =>
    updateAnnotation(ws, claim, { note: 'check the memo', attributes: { checkworthiness: 'check-worthy' } }),
  );
  const officials = tag('Source', [find(TEXT, 'Officials')]);
  recordAction(ws, documentId, 'Link', () => void createRelation(ws, { fromId: claim, toId: officials }));
  const zoe = tag('Anonymous attribution', [find(TEXT, 'Zoë'), find(TEXT, 'n\u0308 is rare')]);
  colleagueLayer(
    'Ben',
    [
      ['Anonymous attribution', ['people familiar with the matter']],
      ['Source', ['The port authority']],
      ['Claim', ['said nothing']],
    ],
    [[2, 1]],
  );
  const edits = new EditList(TEXT)
    .insertAfter('The mayor 👩‍⚖️', ',') // at the end of a span: it does not join it
    .replace('ferry', 'ferry-boat') // inside a span: resizes it
    .replace('to people', 'to insiders') // across a span's start: trims it
    .replace(' andnbsp ', ' ') // right after a span: only moves what follows
    .replace('The port authority , ', '') // all of a span: deletes it and its link
    .replace('said', 'wrote', 'Zoë'); // between two fragments of one annotation
  return { mayor, claim, officials, zoe, edits };
}

const EDITED =
  'The mayor 👩‍⚖️, said the ferry-boat contract was approved, according to insiders familiar with the matter.\n' +
  'Officials denied it. Russia , said nothing.\n' +
  'Zoë wrote n\u0308 is rare.';

describe('committing an edit of the text', () => {
  it('stores a new version and moves, resizes, trims and deletes every annotator’s annotations with the edits', () => {
    const { mayor, claim, officials, zoe, edits } = taggedArticle();
    expect(edits.text).toBe(EDITED);
    const people = idOf('people familiar with the matter');
    const port = idOf('The port authority');
    const nothing = idOf('said nothing');
    const portLink = listRelations(ws, documentId).find((r) => r.toId === port)!.id;
    const before = new Map(listAnnotations(ws, documentId).map((a) => [a.id, a]));

    const result = commitTextEdit(ws, { documentId, baseVersion: 1, edits: edits.edits });

    const document = getDocument(ws, documentId);
    expect(document).toMatchObject({ version: 2, text: EDITED, sha256: textHash(EDITED), length: Array.from(EDITED).length });
    expect(document.annotationCount).toBe(6);
    expect(document.wordCount).toBe(EDITED.match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu)!.length);
    expect(result.document).toEqual(document);

    const after = new Map(listAnnotations(ws, documentId).map((a) => [a.id, a]));
    const expected: Record<string, { fragments: Fragment[]; quote: string }> = {
      [mayor]: { fragments: [find(EDITED, 'The mayor 👩‍⚖️')], quote: 'The mayor 👩‍⚖️' },
      [claim]: { fragments: [find(EDITED, 'the ferry-boat contract was approved')], quote: 'the ferry-boat contract was approved' },
      [people]: { fragments: [find(EDITED, ' familiar with the matter')], quote: ' familiar with the matter' },
      [officials]: { fragments: [find(EDITED, 'Officials')], quote: 'Officials' },
      [nothing]: { fragments: [find(EDITED, 'said nothing')], quote: 'said nothing' },
      [zoe]: { fragments: [find(EDITED, 'Zoë'), find(EDITED, 'n\u0308 is rare')], quote: 'Zoë n\u0308 is rare' },
    };
    expect(Object.fromEntries([...after].map(([id, a]) => [id, { fragments: a.fragments, quote: a.quote }]))).toEqual(expected);
    // Whose they are, their notes and attributes stay; only the resized and trimmed ones count as changed.
    for (const [id, a] of after) {
      const { fragments: _f, quote: _q, updatedAt, ...rest } = before.get(id)!;
      expect(a).toMatchObject(rest);
      expect(a.updatedAt === updatedAt, `${a.quote} keeps its time`).toBe(id !== claim && id !== people);
    }
    expect(after.get(claim)).toMatchObject({ note: 'check the memo', attributes: { checkworthiness: 'check-worthy' } });
    expect(listRelations(ws, documentId).map((r) => [r.fromId, r.toId])).toEqual([[claim, officials]]);

    // The log has the changed ones with before and after, and the version move; not the shifted ones.
    const events = ws.db
      .prepare(
        `SELECT entity, entity_id AS id, action, before, after FROM events
         WHERE action_id = (SELECT id FROM actions WHERE kind = 'edit' ORDER BY seq DESC LIMIT 1) ORDER BY seq`,
      )
      .all() as { entity: string; id: string; action: string; before: string | null; after: string | null }[];
    expect(events.slice(0, -1).map((e) => `${e.entity} ${e.action} ${e.id}`).sort()).toEqual(
      [`annotation change ${claim}`, `annotation change ${people}`, `annotation delete ${port}`, `relation delete ${portLink}`].sort(),
    );
    expect(events.at(-1)).toMatchObject({ entity: 'document', id: documentId, action: 'change', before: '{"version":1}', after: '{"version":2}' });
    const trimmed = events.find((e) => e.id === people)!;
    expect(JSON.parse(trimmed.before!)).toMatchObject({ quote: 'people familiar with the matter', source: { externalRef: 'T0' } });
    expect(JSON.parse(trimmed.after!)).toMatchObject({ quote: ' familiar with the matter', source: { externalRef: 'T0' } });

    expect(result.changes.annotations.put.map((a) => a.id).sort()).toEqual([claim, people].sort());
    expect(result.changes.annotations.deleted).toEqual([port]);
    expect(result.changes.relations).toEqual({ put: [], deleted: [portLink] });
    expect(result.history).toEqual({ undo: 'Edited the text', redo: null });

    // Colleagues holding the old text still find the article by its hash.
    expect(findDocumentByMatchHash(ws, matchHash(TEXT))?.id).toBe(documentId);
    expect(findDocumentByMatchHash(ws, matchHash(EDITED))?.id).toBe(documentId);
    // What stays is still exactly where the edits put it.
    for (const [id, a] of after) {
      expect(a.fragments, a.quote).toEqual(mapFragments(before.get(id)!.fragments, edits.edits));
    }
  });

  it('undo brings back the text, its hash and every annotation and link exactly; redo makes the edit again', () => {
    const { edits } = taggedArticle();
    const original = stored();
    const result = commitTextEdit(ws, { documentId, baseVersion: 1, edits: edits.edits, description: 'Fixed scraping damage' });
    const edited = stored();
    expect(edited.document.text).toBe(EDITED);

    const undone = undo(ws, documentId);
    expect(stored()).toEqual(original);
    expect(undone.document).toEqual(original.document);
    expect(undone.history).toEqual({ undo: 'Tag', redo: 'Fixed scraping damage' });
    expect(undone.changes.annotations.put.map((a) => a.quote).sort()).toEqual(['The port authority', 'people familiar with the matter', 'the ferry contract was approved']);
    expect(undone.changes.relations.put).toHaveLength(1);

    const redone = redo(ws, documentId);
    expect(stored()).toEqual(edited);
    expect(redone.document).toEqual(result.document);
    expect(redone.changes).toEqual(result.changes);

    // Undo and redo are logged as actions that moved the version too.
    expect(
      ws.db.prepare("SELECT before, after FROM events WHERE entity = 'document' AND after ->> '$.version' IS NOT NULL ORDER BY seq").all(),
    ).toEqual([
      { before: '{"version":1}', after: '{"version":2}' },
      { before: '{"version":2}', after: '{"version":1}' },
      { before: '{"version":1}', after: '{"version":2}' },
    ]);
  });

  it('undoes a tag made after the edit first, then the edit', () => {
    const { edits } = taggedArticle();
    const original = stored();
    commitTextEdit(ws, { documentId, baseVersion: 1, edits: edits.edits });
    const later = tag('Claim', [find(EDITED, 'ferry-boat contract')]);
    undo(ws, documentId);
    expect(quoteOf(later)).toBeUndefined();
    undo(ws, documentId);
    expect(stored()).toEqual(original);
    redo(ws, documentId);
    redo(ws, documentId);
    expect(quoteOf(later)).toBe('ferry-boat contract');
  });

  it('undo maps back the annotations written outside the undo history after the edit (an import)', () => {
    const { edits } = taggedArticle();
    commitTextEdit(ws, { documentId, baseVersion: 1, edits: edits.edits });
    // Cy's file is of the edited text: it lands in this article, without an undo step.
    ingest(
      ws,
      {
        source: 'cy.json', format: 'test', title: 'T', text: EDITED, outlet: null, author: null, publishedAt: null, url: null,
        annotator: 'Cy',
        annotations: [
          { ref: 'T1', label: 'Claim', fragments: [find(EDITED, 'denied it')], attributes: {}, note: null, extras: {} },
          { ref: 'T2', label: 'Claim', fragments: [find(EDITED, 'ferry-boat contract')], attributes: {}, note: null, extras: {} },
          { ref: 'T3', label: 'Source', fragments: [find(EDITED, 'Russia')], attributes: {}, note: null, extras: {} },
        ],
        relations: [],
        labels: [],
      },
      { annotator: 'Cy' },
    );
    const cy = (quote: string) => idOf(quote);
    const [denied, contract, russia] = [cy('denied it'), cy('ferry-boat contract'), cy('Russia')];
    const result = undo(ws, documentId);
    expect(getDocument(ws, documentId).text).toBe(TEXT);
    // Untouched by the edits: moved back. Touched: mapped through the edits undone (“ferry-boat” back to
    // “ferry” is a replacement at the span's start, which it does not join), and logged.
    expect([quoteOf(denied), quoteOf(contract), quoteOf(russia)]).toEqual(['denied it', ' contract', 'Russia']);
    const byId = new Map(listAnnotations(ws, documentId).map((a) => [a.id, a.fragments]));
    expect([byId.get(denied), byId.get(contract), byId.get(russia)]).toEqual([
      [find(TEXT, 'denied it')],
      [find(TEXT, ' contract')],
      [find(TEXT, 'Russia')],
    ]);
    expect(result.changes.annotations.put.map((a) => a.id)).toContain(contract);
    expect(result.changes.annotations.put.map((a) => a.id)).not.toContain(denied);
  });

  it('search finds the new words and not the removed ones, after the edit, undo and redo', () => {
    const edits = new EditList(TEXT).replace(' andnbsp ', ' ').replace('ferry', 'hovercraft');
    expect(searchFinds('andnbsp')).toEqual([documentId]);
    commitTextEdit(ws, { documentId, baseVersion: 1, edits: edits.edits });
    expect([searchFinds('andnbsp'), searchFinds('ferry'), searchFinds('hovercraft')]).toEqual([[], [], [documentId]]);
    undo(ws, documentId);
    expect([searchFinds('andnbsp'), searchFinds('ferry'), searchFinds('hovercraft')]).toEqual([[documentId], [documentId], []]);
    redo(ws, documentId);
    expect([searchFinds('andnbsp'), searchFinds('hovercraft')]).toEqual([[], [documentId]]);
    // Notes stay searchable across versions.
    const claim = tag('Claim', [find(edits.text, 'hovercraft')]);
    recordAction(ws, documentId, 'Note', () => updateAnnotation(ws, claim, { note: 'zeppelin' }));
    commitTextEdit(ws, { documentId, baseVersion: 2, edits: new EditList(edits.text).replace('Officials', 'Ministers').edits });
    expect([searchFinds('zeppelin'), searchFinds('ministers')]).toEqual([[documentId], [documentId]]);
  });

  it('keeps the remembered text right when a commit is rolled back and its version number comes back with another text', () => {
    expect(() =>
      ws.transaction(() => {
        commitTextEdit(ws, { documentId, baseVersion: 1, edits: [{ start: 0, end: 3, text: 'A' }] });
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    expect(ws.db.prepare('SELECT version FROM documents').pluck().get()).toBe(1);
    // Version 2 again, with another text, written the way another part of the app might.
    const other = `B${TEXT.slice(3)}`;
    ws.db
      .prepare('INSERT INTO document_versions (document_id, version, text, sha256, length, created_at) VALUES (?, 2, ?, ?, ?, ?)')
      .run(documentId, other, textHash(other), Array.from(other).length, 't');
    ws.db.prepare('UPDATE documents SET version = 2 WHERE id = ?').run(documentId);
    expect(getDocument(ws, documentId).text).toBe(other);
  });

  it('an edit that leaves the text as it was makes no version and no undo step', () => {
    tag('Claim', [find(TEXT, 'the ferry contract')]);
    const before = stored();
    const result = commitTextEdit(ws, { documentId, baseVersion: 1, edits: new EditList(TEXT).replace('ferry contract', 'ferry contract').edits });
    expect(result.document).toBeUndefined();
    expect(result.changes.annotations).toEqual({ put: [], deleted: [] });
    expect(stored()).toEqual(before);
    expect(historyState(ws, documentId)).toEqual({ undo: 'Tag', redo: null });
    expect(listVersions(ws, documentId)).toHaveLength(1);
  });
});

describe('refused edits', () => {
  /** What a refused edit must leave as it was. */
  const untouched = () => ({
    stored: stored(),
    versions: listVersions(ws, documentId),
    events: ws.db.prepare('SELECT count(*) FROM events').pluck().get(),
    actions: ws.db.prepare('SELECT count(*) FROM actions').pluck().get(),
  });

  it('refuses an edit made on a version that is no longer current, naming both', () => {
    commitTextEdit(ws, { documentId, baseVersion: 1, edits: [{ start: 0, end: 3, text: 'A' }] });
    const before = untouched();
    expect(() => commitTextEdit(ws, { documentId, baseVersion: 1, edits: [{ start: 0, end: 1, text: 'X' }] })).toThrow(
      '“T” changed while this edit was being made: the edit was made on version 1 of its text, and the article is at version 2 now.',
    );
    expect(untouched()).toEqual(before);
  });

  it('refuses edits that reach past the text, naming the edit', () => {
    tag('Claim', [find(TEXT, 'Officials')]);
    const before = untouched();
    const length = Array.from(TEXT).length;
    const edits = [
      { start: 0, end: 0, text: 'x' },
      { start: length - 1, end: length + 5, text: '' },
    ];
    expect(() => commitTextEdit(ws, { documentId, baseVersion: 1, edits })).toThrow(
      `The edits do not fit the text of “T”: edit 2 (${length - 1}–${length + 5}) reaches past the text (${length + 1} characters).`,
    );
    expect(untouched()).toEqual(before);
  });

  it('refuses an edit that would leave the article empty or only blank', () => {
    tag('Claim', [find(TEXT, 'Officials')]);
    const before = untouched();
    const length = Array.from(TEXT).length;
    for (const text of ['', ' \n\n\t ']) {
      expect(() => commitTextEdit(ws, { documentId, baseVersion: 1, edits: [{ start: 0, end: length, text }] })).toThrow(
        'This edit would leave “T” empty; an article needs some text.',
      );
    }
    expect(untouched()).toEqual(before);
  });

  it('refuses a byte order mark at the start of the text', () => {
    const before = untouched();
    expect(() => commitTextEdit(ws, { documentId, baseVersion: 1, edits: [{ start: 0, end: 0, text: '\uFEFF' }] })).toThrow(
      'This edit would put a byte order mark at the start of “T”, which an article’s text never has.',
    );
    expect(untouched()).toEqual(before);
  });

  it('keeps CR line ends and decomposed letters as typed: the text is stored exactly', () => {
    const result = commitTextEdit(ws, { documentId, baseVersion: 1, edits: [{ start: 0, end: 0, text: 'Cafe\u0301\r\n' }] });
    expect(result.document?.version).toBe(2);
    expect(getDocument(ws, documentId).text).toBe(`Cafe\u0301\r\n${TEXT}`);
    expect(getDocument(ws, documentId).sha256).toBe(textHash(`Cafe\u0301\r\n${TEXT}`));
    // Found by the comparison form as well: the same article with composed letters and LF.
    expect(findDocumentByMatchHash(ws, matchHash(`Café\n${TEXT}`))?.id).toBe(documentId);
  });
});

describe('versions', () => {
  it('lists every version newest first, with its base, author and description, and gives back each text', () => {
    const first = new EditList(TEXT).replace(' andnbsp ', ' ');
    commitTextEdit(ws, { documentId, baseVersion: 1, edits: first.edits });
    const second = new EditList(first.text).replace('ferry', 'hovercraft');
    commitTextEdit(ws, { documentId, baseVersion: 2, edits: second.edits, description: 'Replaced “ferry” with “hovercraft” (1)' });
    const versions = listVersions(ws, documentId);
    expect(versions.map(({ createdAt: _, ...v }) => v)).toEqual([
      { version: 3, sha256: textHash(second.text), length: Array.from(second.text).length, baseVersion: 2, author: 'Tester', description: 'Replaced “ferry” with “hovercraft” (1)', current: true },
      { version: 2, sha256: textHash(first.text), length: Array.from(first.text).length, baseVersion: 1, author: 'Tester', description: 'Edited the text', current: false },
      { version: 1, sha256: textHash(TEXT), length: Array.from(TEXT).length, baseVersion: null, author: null, description: null, current: false },
    ]);
    expect(versions.map((v) => versionText(ws, documentId, v.version).text)).toEqual([second.text, first.text, TEXT]);
    expect(() => versionText(ws, documentId, 9)).toThrow('“T” has no version 9; its versions are 1, 2, 3.');

    undo(ws, documentId);
    expect(listVersions(ws, documentId).map((v) => [v.version, v.current])).toEqual([[3, false], [2, true], [1, false]]);
  });

  it('reverts to an earlier version as a new one, the annotations following the difference', () => {
    const officials = tag('Source', [find(TEXT, 'Officials')]);
    const ferry = tag('Claim', [find(TEXT, 'the ferry contract')]);
    const first = new EditList(TEXT).replace('The mayor', 'Mayor').replace('ferry', 'hovercraft');
    commitTextEdit(ws, { documentId, baseVersion: 1, edits: first.edits });
    expect([quoteOf(officials), quoteOf(ferry)]).toEqual(['Officials', 'the hovercraft contract']);

    const result = revertToVersion(ws, documentId, 1);
    expect(result.document).toMatchObject({ version: 3, text: TEXT, sha256: textHash(TEXT) });
    expect(listVersions(ws, documentId)[0]).toMatchObject({ version: 3, baseVersion: 2, description: 'Reverted to version 1', current: true });
    expect(listAnnotations(ws, documentId).find((a) => a.id === officials)?.fragments).toEqual([find(TEXT, 'Officials')]);
    expect(quoteOf(ferry)).toBe('the ferry contract');
    expect(result.history.undo).toBe('Reverted to version 1');

    expect(() => revertToVersion(ws, documentId, 3)).toThrow('Version 3 is already the current text of “T”: there is nothing to revert.');
    expect(() => revertToVersion(ws, documentId, 1)).toThrow(
      'The current text of “T” (version 3) is the same as version 1: there is nothing to revert.',
    );
    undo(ws, documentId);
    expect(getDocument(ws, documentId)).toMatchObject({ version: 2, text: first.text });
  });

  it('gives the edits from an earlier version to the current one along the chain of bases, or null off it', () => {
    const first = new EditList(TEXT).replace(' andnbsp ', ' ');
    commitTextEdit(ws, { documentId, baseVersion: 1, edits: first.edits });
    const second = new EditList(first.text).replace('ferry', 'hovercraft').insertAfter('rare.', '\nThe end.');
    commitTextEdit(ws, { documentId, baseVersion: 2, edits: second.edits });
    expect(applyEdits(TEXT, editsSinceVersion(ws, documentId, 1)!)).toBe(second.text);
    expect(editsSinceVersion(ws, documentId, 1)).toEqual([...first.edits, ...second.edits]);
    expect(editsSinceVersion(ws, documentId, 2)).toEqual(second.edits);
    expect(editsSinceVersion(ws, documentId, 3)).toEqual([]);
    expect(editsSinceVersion(ws, documentId, 7)).toBeNull();

    // Undo back to version 1 and edit again: versions 2 and 3 are on another branch now.
    undo(ws, documentId);
    undo(ws, documentId);
    commitTextEdit(ws, { documentId, baseVersion: 1, edits: [{ start: 0, end: 0, text: 'Update: ' }] });
    expect(editsSinceVersion(ws, documentId, 1)).toEqual([{ start: 0, end: 0, text: 'Update: ' }]);
    expect(editsSinceVersion(ws, documentId, 3)).toBeNull();
  });
});

describe('the documents.* channels', () => {
  it('edit, list, read and revert versions through the handler table, with validation and messages', async () => {
    const call = valueOf(handlersFor(ws));
    const edits = new EditList(TEXT).replace(' andnbsp ', ' ').edits;
    const edited = await call('documents.editText', { id: documentId, baseVersion: 1, edits });
    expect(edited.document).toMatchObject({ version: 2, text: applyEdits(TEXT, edits) });
    expect((await call('documents.versions', { id: documentId })).map((v) => v.version)).toEqual([2, 1]);
    expect(await call('documents.versionText', { id: documentId, version: 1 })).toEqual({ version: 1, text: TEXT });
    expect((await call('documents.revert', { id: documentId, version: 1 })).document).toMatchObject({ version: 3, text: TEXT });
    await expect(call('documents.editText', { id: documentId, baseVersion: 2, edits })).rejects.toThrow(
      'the edit was made on version 2 of its text, and the article is at version 3 now',
    );
    await expect(call('documents.editText', { id: documentId, baseVersion: 3, edits: [{ start: 5, end: 2, text: '' }] })).rejects.toThrow(
      /start cannot be after its end/,
    );
  });
});

describe('any edits, any annotations (property)', () => {
  it('undo brings back a span whose emoji the edits deleted and put back (found by the property below)', () => {
    documentId = insertDocument(ws, { title: 'P', text: 'a👍a', originFormat: 'text' }).id;
    const id = tag('Claim', [{ start: 0, end: 2 }]);
    const edits = [
      { start: 2, end: 3, text: '' },
      { start: 1, end: 1, text: '👍' },
      { start: 2, end: 3, text: '' },
    ];
    const before = stored();
    commitTextEdit(ws, { documentId, baseVersion: 1, edits });
    const after = stored();
    expect(after.annotations.find((a) => a.id === id)).toMatchObject({ fragments: [{ start: 0, end: 2 }], quote: 'a👍' });
    undo(ws, documentId);
    expect(stored()).toEqual(before);
    redo(ws, documentId);
    expect(stored()).toEqual(after);
  });

  const PIECES = ['a', 'b', ' ', '.', '\n', '👍', '👩‍💻', 'é', 'n\u0308'];
  const text = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 30 }).map((p) => p.join(''));

  it('every surviving annotation covers what the edits left of it; undo restores everything; redo the edit', () => {
    fc.assert(
      fc.property(
        text,
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.array(fc.constantFrom(...PIECES), { maxLength: 3 })), { minLength: 1, maxLength: 5 }),
        (raw, spans, rawEdits) => {
          const original = raw.normalize('NFC');
          const length = Array.from(original).length;
          documentId = insertDocument(ws, { title: 'P', text: original, originFormat: 'text' }).id;
          for (const [a, b, two] of spans) {
            const [start, end] = [a % length, b % length].sort((x, y) => x - y) as [number, number];
            const fragments = two && end - start >= 3
              ? [{ start, end: start + 1 }, { start: end - 1, end }]
              : [{ start, end: Math.max(end, start + 1) }];
            if (fragments.at(-1)!.end <= length) tag('Claim', fragments);
          }
          const [from, to] = listAnnotations(ws, documentId);
          if (from && to) recordAction(ws, documentId, 'Link', () => void createRelation(ws, { fromId: from.id, toId: to.id }));
          let current = original;
          const edits: TextEdit[] = [];
          for (const [a, b, pieces] of rawEdits) {
            const n = Array.from(current).length;
            const [start, end] = [a % (n + 1), b % (n + 1)].sort((x, y) => x - y) as [number, number];
            edits.push({ start, end, text: pieces.join('') });
            current = applyEdits(current, edits.slice(-1));
          }
          if (current === original || !/\S/u.test(current) || current.normalize('NFC') !== current) return;

          const before = stored();
          commitTextEdit(ws, { documentId, baseVersion: 1, edits });
          const after = stored();
          expect(after.document.text).toBe(current);
          const now = new Map(after.annotations.map((a) => [a.id, a]));
          for (const a of before.annotations) {
            const expected = mapFragments(a.fragments, edits);
            expect(now.get(a.id)?.fragments ?? null).toEqual(expected);
            if (expected) {
              const points = Array.from(current);
              expect(now.get(a.id)!.quote).toBe(expected.map((f) => points.slice(f.start, f.end).join('')).join(' '));
            }
          }
          undo(ws, documentId);
          expect(stored()).toEqual(before);
          redo(ws, documentId);
          expect(stored()).toEqual(after);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('takeArrivedVersion (a colleague’s version, from a team server)', () => {
  const colleague = '01a21710-0000-7000-8000-0000000000c0';
  const arrived = (from: string, edits: TextEdit[]) => {
    const text = applyEdits(from, edits);
    return { text, sha256: textHash(text), parentSha256: textHash(from), edits, annotatorId: colleague, description: 'Fixed a typo', createdAt: '2026-01-02T03:04:05.000Z' };
  };
  beforeEach(() => {
    ws.db.prepare(`INSERT INTO annotators (id, name, is_local, created_at) VALUES (?, 'Ana', 0, 't')`).run(colleague);
  });

  it('makes one made on the current text current, moving every annotation, outside the undo history', () => {
    const id = createAnnotation(ws, { documentId, labelId: labels.Source, fragments: [find(TEXT, 'Officials')] });
    const version = arrived(TEXT, [{ start: 0, end: 3, text: 'Our' }]);
    expect(takeArrivedVersion(ws, documentId, version)).toBe('current');
    expect(getDocument(ws, documentId).text).toBe(version.text);
    expect(listAnnotations(ws, documentId).map((a) => [a.id, a.quote])).toEqual([[id, 'Officials']]);
    expect(listVersions(ws, documentId).map((v) => [v.author, v.description, v.current, v.createdAt])).toEqual([
      ['Ana', 'Fixed a typo', true, '2026-01-02T03:04:05.000Z'],
      [null, null, false, expect.any(String)],
    ]);
    // Not an action of this person's: there is nothing for them to undo.
    expect(historyState(ws, documentId).undo).toBeNull();
    expect(takeArrivedVersion(ws, documentId, version)).toBe('known');
  });

  it('keeps one made on an older text beside the current one, as a branch; leaves out one made on a text never here', () => {
    commitTextEdit(ws, { documentId, baseVersion: 1, edits: [{ start: 0, end: 3, text: 'A' }] });
    const mine = getDocument(ws, documentId).text;
    expect(takeArrivedVersion(ws, documentId, arrived(TEXT, [{ start: 4, end: 9, text: 'mayors' }]))).toBe('branch');
    expect(getDocument(ws, documentId).text).toBe(mine);
    expect(listVersions(ws, documentId).map((v) => [v.version, v.baseVersion, v.author, v.current])).toEqual([
      [3, 1, 'Ana', false],
      [2, 1, 'Tester', true],
      [1, null, null, false],
    ]);
    expect(takeArrivedVersion(ws, documentId, arrived('Another text entirely.', [{ start: 0, end: 7, text: 'A' }]))).toBe('unrelated');
  });
});
