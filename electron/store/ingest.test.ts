import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportedDocument } from '../formats/types';
import { tempDir } from '../testing/temp';
import { deleteAnnotation, listAnnotations } from './annotations';
import { getDocument } from './documents';
import { recordAction, undo } from './history';
import { ingest } from './ingest';
import { listLabels } from './labels';
import { listRelations } from './relations';
import { commitTextEdit } from './text-versions';
import { Workspace } from './workspace';

const TEXT = 'Officials said the bridge is safe, according to the city.';
const span = (phrase: string) => {
  const start = Array.from(TEXT.slice(0, TEXT.indexOf(phrase))).length;
  return [{ start, end: start + Array.from(phrase).length }];
};

function bratLike(annotator: string | null): ImportedDocument {
  return {
    source: '/corpus/bridge_ana.ann',
    format: 'brat',
    title: 'Bridge',
    text: TEXT,
    outlet: 'City Paper',
    author: null,
    publishedAt: '2016-03-11',
    url: null,
    annotator,
    annotations: [
      { ref: 'T1', label: 'Source', fragments: span('Officials'), attributes: {}, note: 'unnamed', extras: {} },
      { ref: 'T2', label: 'Cue', fragments: span('said'), attributes: {}, note: null, extras: {} },
      { ref: 'T3', label: 'Content', fragments: span('the bridge is safe'), attributes: { confidence: 'high' }, note: null, extras: { brat: { normalizations: ['N1'] } } },
      { ref: 'T4', label: 'Attribution', fragments: span('said'), attributes: {}, note: null, extras: {} },
    ],
    relations: [
      { ref: 'E1', type: 'Content', from: 'T4', to: 'T3', extras: {} },
      { ref: 'E1', type: 'Cue', from: 'T4', to: 'T2', extras: {} },
      { ref: 'E1', type: 'Source', from: 'T4', to: 'T1', extras: {} },
    ],
    labels: [
      { name: 'Content', kind: 'span', attributes: [{ key: 'confidence', name: 'Confidence', type: 'choice', options: ['high', 'low'] }] },
    ],
  };
}

let ws: Workspace;
beforeEach(() => {
  ws = Workspace.open(join(tempDir(), 'ws.sqlite'), { userName: 'Me' });
});
afterEach(() => ws.close());

const count = (table: string) => ws.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

describe('ingest', () => {
  it('stores the article, its annotator, new labels and the annotations and links', () => {
    const result = ingest(ws, bratLike('ana'), { annotator: 'Me' });
    expect(result).toMatchObject({ newDocument: true, added: { annotations: 4, relations: 3 } });
    expect(result.document).toMatchObject({ title: 'Bridge', outlet: 'City Paper', publishedAt: '2016-03-11', originFormat: 'brat' });
    const annotations = listAnnotations(ws, result.document.id);
    expect(annotations.map((a) => a.quote)).toEqual(['Officials', 'said', 'said', 'the bridge is safe']);
    const ana = ws.db.prepare("SELECT id, is_local FROM annotators WHERE name = 'ana'").get() as { id: string; is_local: number };
    expect(ana.is_local).toBe(0);
    expect(new Set(annotations.map((a) => a.annotatorId))).toEqual(new Set([ana.id]));
    // The role "Source" is a link type beside the span label "Source".
    const labels = listLabels(ws).map((l) => `${l.kind}:${l.name}`);
    expect(labels).toEqual(expect.arrayContaining(['span:Source', 'relation:Source', 'span:Cue', 'relation:Cue', 'span:Attribution']));
    expect(listLabels(ws).find((l) => l.name === 'Content' && l.kind === 'span')?.attributes).toEqual([
      { key: 'confidence', name: 'Confidence', type: 'choice', options: ['high', 'low'] },
    ]);
    const relations = listRelations(ws, result.document.id);
    expect(relations).toHaveLength(3);
    expect(ws.db.prepare("SELECT external_ref, extras FROM annotations WHERE external_ref = 'T3'").get()).toEqual({
      external_ref: 'T3',
      extras: '{"brat":{"normalizations":["N1"]}}',
    });
    expect(ws.db.prepare('SELECT DISTINCT external_ref FROM relations').pluck().all()).toEqual(['E1']);
  });

  it('changes nothing when the same file comes again', () => {
    ingest(ws, bratLike('ana'), { annotator: 'Me' });
    const events = count('events');
    const again = ingest(ws, bratLike('ana'), { annotator: 'Me' });
    expect(again).toMatchObject({ newDocument: false, added: { annotations: 0, relations: 0 } });
    expect(count('annotations')).toBe(4);
    expect(count('events')).toBe(events);
  });

  it('adds a second annotator’s layer to the same article', () => {
    const first = ingest(ws, bratLike('ana'), { annotator: 'Me' });
    const second = ingest(ws, bratLike('ben'), { annotator: 'Me' });
    expect(second.document.id).toBe(first.document.id);
    expect(second.added).toEqual({ annotations: 4, relations: 3 });
    expect(count('documents')).toBe(1);
    expect(count('annotators')).toBe(3);
  });

  it('puts annotations from a file that names no one under the annotator chosen for the import', () => {
    const result = ingest(ws, bratLike(null), { annotator: 'Me' });
    expect(new Set(listAnnotations(ws, result.document.id).map((a) => a.annotatorId))).toEqual(new Set([ws.localAnnotator.id]));
  });

  it('stores nothing of a file whose links name annotations it does not have', () => {
    const broken = bratLike('ana');
    broken.relations.push({ ref: 'R9', type: 'Origin', from: 'T1', to: 'T99', extras: {} });
    expect(() => ingest(ws, broken, { annotator: 'Me' })).toThrow(
      '/corpus/bridge_ana.ann: R9 links T1 and T99, but one of them is not in the file.',
    );
    expect(count('documents')).toBe(0);
    expect(count('annotations')).toBe(0);
    expect(count('labels')).toBe(4);
  });

  it('undoing the deletion of an imported annotation brings back its source record', () => {
    const { document } = ingest(ws, bratLike('ana'), { annotator: 'Me' });
    const content = listAnnotations(ws, document.id).find((a) => a.quote === 'the bridge is safe')!;
    recordAction(ws, document.id, 'Delete', () => deleteAnnotation(ws, content.id));
    expect(count('relations')).toBe(2);
    undo(ws, document.id);
    expect(ws.db.prepare('SELECT external_ref, extras FROM annotations WHERE id = ?').get(content.id)).toEqual({
      external_ref: 'T3',
      extras: '{"brat":{"normalizations":["N1"]}}',
    });
    expect(ws.db.prepare("SELECT count(*) FROM relations WHERE external_ref = 'E1'").pluck().get()).toBe(3);
  });
});

describe('ingest of a file made on an earlier text of the article', () => {
  /** The code point fragment of a phrase in a text. */
  const at = (text: string, phrase: string) => {
    const start = Array.from(text.slice(0, text.indexOf(phrase))).length;
    return { start, end: start + Array.from(phrase).length };
  };
  /** A dataset line's article (JSONL): `annotator`'s spans on `text` by phrase, each linked to the first. */
  function layer(text: string, annotator: string, phrases: string[]): ImportedDocument {
    return {
      source: `/data/${annotator}.jsonl`, format: 'jsonl', title: 'Bridge', text, outlet: null, author: null, publishedAt: null, url: null,
      annotator,
      annotations: phrases.map((phrase, i) => ({ ref: `${i}`, label: 'Claim', fragments: [at(text, phrase)], attributes: {}, note: null, extras: {} })),
      relations: phrases.slice(1).map((_p, i) => ({ ref: `r${i}`, type: 'attributed to', from: `${i + 1}`, to: '0', extras: {} })),
      labels: [],
    };
  }
  const edit = (documentId: string, baseVersion: number, phrase: string, by: string) =>
    commitTextEdit(ws, { documentId, baseVersion, edits: [{ ...at(getDocument(ws, documentId).text, phrase), text: by }] });
  const placed = (documentId: string, annotator: string) => {
    const id = ws.db.prepare('SELECT id FROM annotators WHERE name = ?').pluck().get(annotator);
    return listAnnotations(ws, documentId).filter((a) => a.annotatorId === id).map((a) => ({ quote: a.quote, fragments: a.fragments }));
  };

  it('moves its annotations through the edits of every version since, and a second import adds nothing', () => {
    const { document } = ingest(ws, bratLike('ana'), { annotator: 'Me' });
    edit(document.id, 1, '', 'Update: ');
    edit(document.id, 2, 'bridge', 'new bridge');
    const current = getDocument(ws, document.id).text;
    expect(current).toBe('Update: Officials said the new bridge is safe, according to the city.');

    const phrases = ['Officials', 'the bridge is safe', 'according to the city'];
    const result = ingest(ws, layer(TEXT, 'ben', phrases), { annotator: 'Me' });
    expect(result).toMatchObject({ newDocument: false, added: { annotations: 3, relations: 2 }, notAnchored: [] });
    expect(placed(document.id, 'ben')).toEqual(
      ['Officials', 'the new bridge is safe', 'according to the city'].map((quote) => ({ quote, fragments: [at(current, quote)] })),
    );
    const events = count('events');
    expect(ingest(ws, layer(TEXT, 'ben', phrases), { annotator: 'Me' })).toMatchObject({ added: { annotations: 0, relations: 0 }, notAnchored: [] });
    expect(count('events')).toBe(events);
  });

  it('anchors by quote a file made on a version the current text was not edited from, listing what is not found', () => {
    const { document } = ingest(ws, bratLike('ana'), { annotator: 'Me' });
    edit(document.id, 1, 'said', 'stated');
    const stated = getDocument(ws, document.id).text;
    undo(ws, document.id);
    edit(document.id, 1, '', 'Update: ');
    const current = getDocument(ws, document.id).text;
    expect(getDocument(ws, document.id).version).toBe(3);

    const result = ingest(ws, layer(stated, 'ben', ['Officials', 'stated', 'the bridge is safe']), { annotator: 'Me' });
    expect(result.document.id).toBe(document.id);
    expect(result.added).toEqual({ annotations: 2, relations: 1 });
    expect(result.notAnchored).toEqual([
      { document: `Bridge (${document.id})`, kind: 'annotation', id: expect.any(String), quote: 'stated', reason: 'its text “stated” is not in this workspace\'s text of the article' },
      { document: `Bridge (${document.id})`, kind: 'link', id: expect.any(String), quote: '“stated” → “Officials”', reason: 'its end “stated” could not be anchored' },
    ]);
    expect(placed(document.id, 'ben')).toEqual(['Officials', 'the bridge is safe'].map((quote) => ({ quote, fragments: [at(current, quote)] })));
  });
});

