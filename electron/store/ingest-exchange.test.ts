import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExchangeFile } from '../../schema/exchange';
import type { Fragment } from '../../schema/model';
import type { TextEdit } from '../../schema/text-edits';
import { loadExportDocument } from '../export/load';
import { selectDocuments } from '../export/selection';
import { exchangeWriter, readExchange, readExchangeStream, type ExchangeExportContext } from '../formats/exchange';
import { runImport } from '../import/run-import';
import { findImportUnits } from '../import/sources';
import { textHash } from '../../schema/text';
import { collect } from '../formats/testing-sink';
import { BRIDGE, carried, fillRichWorkspace, span, UNICODE } from '../testing/rich-workspace';
import { workspacesClosedAfterEach } from '../testing/workspace';
import { tempDir, testData } from '../testing/temp';
import { listAnnotators } from './annotators';
import { createAnnotation, deleteAnnotation, getAnnotation, listAnnotations, updateAnnotation } from './annotations';
import { getDocument, insertDocument, setDocumentStatus } from './documents';
import { recordAction, undo } from './history';
import { ingestExchange, ingestExchangeStream, type ExchangeIngestResult } from './ingest-exchange';
import { createLabel, listLabels } from './labels';
import { createRelation } from './relations';
import { exchangeReviewsOf, openReview, resolveDifference, verdictsInDocument } from './review';
import { commitTextEdit, editsSinceVersion } from './text-versions';
import { Workspace } from './workspace';

const workspace = workspacesClosedAfterEach();

/** Ana's rich workspace (testing/rich-workspace.ts) on a new file. */
function richWorkspace(): { ws: Workspace; unicodeId: string; bridgeId: string } {
  const ws = workspace('Ana');
  return { ws, ...fillRichWorkspace(ws) };
}

/** The exchange file of every article and layer, as the export engine writes it. */
async function exportExchange(ws: Workspace, layers: string[] | null = null): Promise<string> {
  const annotators = listAnnotators(ws).filter((a) => !layers || layers.includes(a.id));
  const context: ExchangeExportContext = {
    labels: listLabels(ws),
    annotators,
    exportedAt: new Date().toISOString(),
    exportedBy: ws.localAnnotator,
    reviewsOf: (documentId) => exchangeReviewsOf(ws, documentId, layers),
  };
  const documents = selectDocuments(ws, { scope: { kind: 'all' }, onlyDone: false }).map((id) => loadExportDocument(ws, id, layers));
  return collect(exchangeWriter, documents, context);
}

const TABLES = ['documents', 'document_versions', 'labels', 'annotators', 'annotations', 'fragments', 'relations', 'document_status', 'events', 'actions'];
const counts = (ws: Workspace) => Object.fromEntries(TABLES.map((t) => [t, ws.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get()]));

const nothingNew: Omit<ExchangeIngestResult, 'documents' | 'labels' | 'documentIds'> = {
  annotations: { added: 0, updated: 0 },
  relations: { added: 0, updated: 0 },
  annotators: { added: 0 },
  statuses: 0,
  reviews: { added: 0, updated: 0 },
  reanchored: 0,
  mapped: 0,
  notAnchored: [],
};

async function* linesOf(text: string) {
  for (const line of text.split('\n')) yield line;
}

describe('ingestExchange', () => {
  it('makes a new workspace identical to the exported one in every field the file carries', async () => {
    const { ws: ana } = richWorkspace();
    const text = await exportExchange(ana);
    const file = readExchange(text, 'ana.byline.json');
    expect(file.documents.map((d) => [d.annotations.length, d.relations.length])).toEqual([[4, 2], [4, 2], [0, 0]]);

    const bea = workspace('Bea');
    const result = ingestExchange(bea, file, { source: 'ana.byline.json' });
    expect(result).toEqual({
      documents: { added: 3, matched: 0 },
      annotations: { added: 8, updated: 0 },
      relations: { added: 4, updated: 0 },
      // Quote marker, contradicts, and the span label and link type Cue from the brat import.
      labels: { added: 4, matched: 4 },
      annotators: { added: 2 },
      statuses: 2,
      reviews: { added: 0, updated: 0 },
      reanchored: 0,
      mapped: 0,
      notAnchored: [],
      documentIds: file.documents.map((d) => d.id),
    });
    expect(carried(bea, bea.localAnnotator.id)).toEqual(carried(ana));
    // Ana's annotators come in as colleagues of Bea, who stays the one local annotator.
    expect(bea.db.prepare('SELECT name FROM annotators WHERE is_local = 1').pluck().all()).toEqual(['Bea']);
    // Undoing the deletion of an imported annotation still brings back its source record.
    expect(bea.db.prepare("SELECT count(*) FROM events WHERE entity = 'annotation' AND action = 'create' AND after LIKE '%\"externalRef\":\"T2\"%'").pluck().get()).toBe(1);
    // What triggers derive (search) follows: the note is found.
    expect(bea.db.prepare("SELECT count(*) FROM search WHERE search MATCH 'removed'").pluck().get()).toBe(1);
  });

  it('reads and stores the same workspace as a stream', async () => {
    const { ws: ana } = richWorkspace();
    const text = await exportExchange(ana);
    const bea = workspace('Bea');
    const result = await ingestExchangeStream(bea, readExchangeStream(linesOf(text), 'ana.byline.json'), { source: 'ana.byline.json' });
    expect(result.documents).toEqual({ added: 3, matched: 0 });
    expect(carried(bea, bea.localAnnotator.id)).toEqual(carried(ana));
    expect(bea.db.inTransaction).toBe(false);
  });

  it('changes nothing when the same file comes again, nor in the workspace that wrote it', async () => {
    const { ws: ana } = richWorkspace();
    const text = await exportExchange(ana);
    const bea = workspace('Bea');
    ingestExchange(bea, readExchange(text, 'a.byline.json'));
    const before = counts(bea);
    const again = ingestExchange(bea, readExchange(text, 'a.byline.json'));
    expect(again).toMatchObject({ ...nothingNew, documents: { added: 0, matched: 3 }, labels: { added: 0, matched: 8 } });
    expect(counts(bea)).toEqual(before);
    const streamed = await ingestExchangeStream(bea, readExchangeStream(linesOf(text), 'a.byline.json'));
    expect(streamed).toMatchObject(nothingNew);
    expect(counts(bea)).toEqual(before);

    const own = counts(ana);
    const snapshot = carried(ana);
    expect(ingestExchange(ana, readExchange(text, 'a.byline.json'))).toMatchObject(nothingNew);
    expect(counts(ana)).toEqual(own);
    expect(carried(ana)).toEqual(snapshot);
  });

  it('puts the file’s annotations on the same text under another id, and maps labels by kind and name', async () => {
    const { ws: ana, unicodeId } = richWorkspace();
    const file = readExchange(await exportExchange(ana), 'a.byline.json');
    const bea = workspace('Bea');
    const ownCopy = insertDocument(bea, { title: 'My copy', text: UNICODE, originFormat: 'html' }).id;
    const ownMarker = createLabel(bea, { name: 'quote MARKER', color: '#000000', kind: 'span', hotkey: '5', attributes: [{ key: 'direct', name: 'Direct', type: 'boolean' }] });
    createLabel(bea, { name: 'Other', color: '#111111', kind: 'span', hotkey: '6', attributes: [] });

    const result = ingestExchange(bea, file);
    expect(result.documents).toEqual({ added: 2, matched: 1 });
    expect(result.documentIds[0]).toBe(ownCopy);
    expect(bea.db.prepare('SELECT count(*) FROM documents WHERE id = ?').pluck().get(unicodeId)).toBe(0);
    const annotations = listAnnotations(bea, ownCopy);
    expect(annotations.map((a) => a.id)).toEqual(listAnnotations(ana, unicodeId).map((a) => a.id));
    expect(getDocument(bea, ownCopy).title).toBe('My copy');
    // The file's "Quote marker" is this workspace's "quote MARKER", which gains the attribute it lacked.
    const marker = annotations.find((a) => a.quote.startsWith('n̈'))!;
    expect(marker.labelId).toBe(ownMarker.id);
    expect(listLabels(bea).find((l) => l.id === ownMarker.id)!.attributes.map((d) => d.key)).toEqual(['direct', 'words']);
    expect(listLabels(bea).filter((l) => l.name.toLowerCase() === 'quote marker')).toHaveLength(1);
    // A second import finds it all.
    const before = counts(bea);
    expect(ingestExchange(bea, file)).toMatchObject(nothingNew);
    expect(counts(bea)).toEqual(before);
  });

  it('adds a label without its hotkey when another label has it', async () => {
    const { ws: ana } = richWorkspace();
    const file = readExchange(await exportExchange(ana), 'a.byline.json');
    const bea = workspace('Bea');
    createLabel(bea, { name: 'Mine', color: '#111111', kind: 'span', hotkey: '5', attributes: [] });
    ingestExchange(bea, file);
    expect(listLabels(bea).find((l) => l.name === 'Quote marker')).toMatchObject({ hotkey: null, color: '#3a7d44' });
  });

  it('replaces an annotation, link or status only with a newer version of it', async () => {
    const { ws: ana, unicodeId } = richWorkspace();
    const bea = workspace('Bea');
    ingestExchange(bea, readExchange(await exportExchange(ana), 'a.byline.json'));

    const [first, second] = listAnnotations(ana, unicodeId);
    await new Promise((resolve) => setTimeout(resolve, 5));
    updateAnnotation(ana, first!.id, { note: 'checked with the owner' });
    recordAction(ana, unicodeId, 'Delete', () => deleteAnnotation(ana, second!.id));
    setDocumentStatus(ana, unicodeId, 'in progress');
    const later = readExchange(await exportExchange(ana), 'a2.byline.json');
    const result = ingestExchange(bea, later);
    expect(result).toMatchObject({ annotations: { added: 0, updated: 1 }, relations: { added: 0, updated: 0 }, statuses: 1 });
    expect(getAnnotation(bea, first!.id)).toEqual(getAnnotation(ana, first!.id));
    // Nothing is deleted by an import: the file may hold only some layers.
    expect(getAnnotation(bea, second!.id).quote).toBe(second!.quote);
    expect(bea.db.prepare('SELECT status FROM document_status WHERE document_id = ? AND annotator_id = ?').pluck().get(unicodeId, ana.localAnnotator.id)).toBe('in progress');

    // An older file does not take back what a newer one brought.
    updateAnnotation(bea, first!.id, { note: 'Bea’s own note' });
    const snapshot = carried(bea);
    ingestExchange(bea, readExchange(await exportExchange(ana), 'a3.byline.json'));
    expect(getAnnotation(bea, first!.id).note).toBe('Bea’s own note');
    expect(carried(bea)).toEqual(snapshot);
  });

  it('re-anchors the file’s annotations on a text that differs here, and lists what cannot be placed, with why', async () => {
    const { ws: ana, bridgeId } = richWorkspace();
    const file = readExchange(await exportExchange(ana), 'ana.byline.json');
    // Bea has the Bridge article under the same id with her own corrected text: "said" became
    // "stated", "the city" "the mayor", and a line came before.
    const bea = workspace('Bea');
    const theirs = file.documents.find((d) => d.id === bridgeId)!;
    const ownText = `UPDATE: ${theirs.text.replace('said', 'stated').replace('the city', 'the mayor')}`;
    ingestExchange(bea, { ...file, documents: [{ ...theirs, text: ownText, sha256: textHash(ownText), annotations: [], relations: [] }] });

    const result = ingestExchange(bea, file, { source: 'ana.byline.json' });
    expect(result.documents).toEqual({ added: 2, matched: 1 });
    expect(result.annotations).toEqual({ added: 6, updated: 0 });
    expect(result.reanchored).toBe(2);
    const title = `Bridge (${bridgeId})`;
    const cue = theirs.annotations.find((a) => a.quote === 'said')!;
    const own = theirs.annotations.find((a) => a.quote === 'according to the city')!;
    const event = theirs.relations.find((r) => r.toId === cue.id)!;
    expect(result.notAnchored).toEqual([
      { document: title, documentId: bridgeId, kind: 'annotation', id: cue.id, quote: 'said', reason: 'its text “said” is not in this workspace\'s text of the article' },
      { document: title, documentId: bridgeId, kind: 'annotation', id: own.id, quote: 'according to the city', reason: 'its text “according to the city” is not in this workspace\'s text of the article' },
      { document: title, documentId: bridgeId, kind: 'link', id: event.id, quote: '“the bridge is safe” → “said”', reason: 'its end “said” could not be anchored' },
    ]);
    // The rest sits on Bea's text, at the same words.
    const placed = listAnnotations(bea, bridgeId);
    const text = getDocument(bea, bridgeId).text;
    expect(placed.map((a) => [a.quote, Array.from(text).slice(a.fragments[0]!.start, a.fragments[0]!.end).join('')])).toEqual([
      ['Officials', 'Officials'],
      ['the bridge is safe', 'the bridge is safe'],
    ]);
    expect(bea.db.prepare('SELECT count(*) FROM relations WHERE document_id = ?').pluck().get(bridgeId)).toBe(1);
    // The same file again: nothing new, and the same list.
    const before = counts(bea);
    const again = ingestExchange(bea, file);
    expect(again.notAnchored).toEqual(result.notAnchored);
    expect(again.annotations).toEqual({ added: 0, updated: 0 });
    expect(counts(bea)).toEqual(before);
  });

  it('tells the import what could not be anchored, in the outcome of the file', async () => {
    const { ws: ana, bridgeId } = richWorkspace();
    const text = await exportExchange(ana);
    const file = readExchange(text, 'ana.byline.json');
    const bea = workspace('Bea');
    const theirs = file.documents.find((d) => d.id === bridgeId)!;
    const ownText = theirs.text.replace('according to the city', 'the city said');
    ingestExchange(bea, { ...file, documents: [{ ...theirs, text: ownText, sha256: textHash(ownText), annotations: [], relations: [] }] });
    const path = join(tempDir(), 'ana.byline.json');
    writeFileSync(path, text);
    const [outcome] = await runImport(bea, await findImportUnits([path]), { annotator: 'Bea' });
    expect(outcome).toMatchObject({
      status: 'imported',
      notAnchored: [{ document: `Bridge (${bridgeId})`, kind: 'annotation', quote: 'according to the city', reason: expect.stringContaining('is not in this workspace') }],
    });
  });

  it('brings a review back: the verdicts and comments on the colleague’s own tags, and the reviewed layer', async () => {
    // Ana exports her layer; Bea reviews it against Ben's, and sends her reviewed layer back.
    const { ws: ana, bridgeId } = richWorkspace();
    const anaId = ana.localAnnotator.id;
    const benId = listAnnotators(ana).find((a) => a.name === 'Ben')!.id;
    const bea = workspace('Bea');
    ingestExchange(bea, readExchange(await exportExchange(ana), 'ana.byline.json'));
    const target = { documentId: bridgeId, layerA: anaId, layerB: benId };
    const session = openReview(bea, target);
    const ownClaim = session.differences.find((d) => d.kind === 'only_a')!;
    const cue = session.differences.find((d) => d.summary.includes('“said”'))!;
    resolveDifference(bea, { ...target, key: ownClaim.key, verdict: 'take_a', comment: 'yes, attributed to the city' });
    const reviewed = resolveDifference(bea, { ...target, key: cue.key, verdict: 'reject', comment: 'a cue, not a claim' }).reviewed;

    const back = await exportExchange(bea, [reviewed.id]);
    const file = readExchange(back, 'bea-review.byline.json');
    expect(file.version).toBe(2);
    expect(file.annotators.map((a) => a.name)).toEqual(['Bea (reviewed)']);
    const reviews = file.documents.find((d) => d.id === bridgeId)!.reviews!;
    expect(reviews.map((r) => [r.key, r.verdict, r.comment, r.reviewer.name, r.layerA.name, r.layerB.name, r.reviewedLayer.name])).toEqual([
      [ownClaim.key, 'take_a', 'yes, attributed to the city', 'Bea', 'Ana', 'Ben', 'Bea (reviewed)'],
      [cue.key, 'reject', 'a cue, not a claim', 'Bea', 'Ana', 'Ben', 'Bea (reviewed)'],
    ]);
    // Documents without verdicts carry no list, as version 1 wrote them.
    expect(file.documents.filter((d) => d.id !== bridgeId).map((d) => 'reviews' in d)).toEqual([false, false]);

    const result = ingestExchange(ana, file, { source: 'bea-review.byline.json' });
    expect(result.reviews).toEqual({ added: 2, updated: 0 });
    expect(result.annotations.added).toBe(1);
    const verdicts = verdictsInDocument(ana, bridgeId);
    expect(verdicts.map((v) => [v.a, v.b, v.verdict, v.comment, v.reviewer.name])).toEqual(
      expect.arrayContaining([
        [ownClaim.a, [], 'take_a', 'yes, attributed to the city', 'Bea'],
        [[], cue.b, 'reject', 'a cue, not a claim', 'Bea'],
      ]),
    );
    expect(verdicts[0]!.reviewedIds.length + verdicts[1]!.reviewedIds.length).toBe(1);
    expect(ana.db.prepare('SELECT r.name FROM annotators l JOIN annotators r ON r.id = l.reviewed_by WHERE l.name = ?').pluck().get('Bea (reviewed)')).toBe('Bea');
    // The same file again changes nothing; a later verdict replaces the earlier one.
    const before = counts(ana);
    expect(ingestExchange(ana, file).reviews).toEqual({ added: 0, updated: 0 });
    expect(counts(ana)).toEqual(before);
    await new Promise((resolve) => setTimeout(resolve, 5));
    resolveDifference(bea, { ...target, key: cue.key, verdict: 'reject', comment: 'on second thought: a cue' });
    expect(ingestExchange(ana, readExchange(await exportExchange(bea, [reviewed.id]), 'b2.byline.json')).reviews).toEqual({ added: 0, updated: 1 });
    expect(verdictsInDocument(ana, bridgeId).find((v) => v.key === cue.key)!.comment).toBe('on second thought: a cue');
    // Exporting only layers no review involves carries no verdicts.
    const unrelated = readExchange(await exportExchange(bea, [bea.localAnnotator.id]), 'x.byline.json');
    expect(unrelated.documents.some((d) => d.reviews)).toBe(false);
  });
});

describe('a file made on a text of the article that was edited here since', () => {
  const labelId = (ws: Workspace, name: string) => listLabels(ws).find((l) => l.name === name && l.kind === 'span')!.id;
  /** Tags a span as the annotate view does, as its own action. */
  const tag = (ws: Workspace, documentId: string, label: string, fragments: Fragment[]) =>
    recordAction(ws, documentId, 'Tag', () => createAnnotation(ws, { documentId, labelId: labelId(ws, label), fragments })).changes.annotations.put[0]!.id;
  /** Commits edits of the article's current text as a new version, as leaving the edit mode does. */
  const edit = (ws: Workspace, documentId: string, edits: TextEdit[]) =>
    commitTextEdit(ws, { documentId, baseVersion: getDocument(ws, documentId).version, edits });
  /** The article's annotations by id; each one's quote must be the text at its fragments. */
  const placed = (ws: Workspace, documentId: string) => {
    const text = Array.from(getDocument(ws, documentId).text);
    const annotations = listAnnotations(ws, documentId);
    for (const a of annotations) expect(a.quote, a.id).toBe(a.fragments.map((f) => text.slice(f.start, f.end).join('')).join(' '));
    return new Map(annotations.map((a) => [a.id, a]));
  };
  const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

  /**
   * Bea takes Ana's file and edits the Bridge article twice: version 2 has "stated" typed over
   * "said"; version 3 has "old " inside the claim's words and a headline, with an emoji, before
   * it all. Ana meanwhile tags more on the text she has (version 1) and sends a second file.
   */
  async function editedAfterTheFirstFile() {
    const { ws: ana, bridgeId } = richWorkspace();
    const first = await exportExchange(ana);
    const bea = workspace('Bea');
    ingestExchange(bea, readExchange(first, 'ana.byline.json'));
    const bridge = readExchange(first, 'ana.byline.json').documents.find((d) => d.id === bridgeId)!;
    const cue = bridge.annotations.find((a) => a.quote === 'said')!;
    const claim = bridge.annotations.find((a) => a.quote === 'the bridge is safe')!;
    edit(bea, bridgeId, [{ ...span(BRIDGE, 'said'), text: 'stated' }]);
    const v2 = getDocument(bea, bridgeId).text;
    edit(bea, bridgeId, [{ ...span(v2, 'bridge'), end: span(v2, 'bridge').start, text: 'old ' }, { start: 0, end: 0, text: 'UPDATE 👍\n\n' }]);
    const edited = getDocument(bea, bridgeId).text;
    expect(edited).toBe(`UPDATE 👍\n\n${BRIDGE.replace('said the bridge', 'stated the old bridge')}`);

    await tick();
    const city = tag(ana, bridgeId, 'Source', [span(BRIDGE, 'the city')]);
    const saidTheBridge = tag(ana, bridgeId, 'Claim', [span(BRIDGE, 'said the bridge')]);
    const officialsSaid = tag(ana, bridgeId, 'Source', [span(BRIDGE, 'Officials'), span(BRIDGE, 'said')]);
    const said = tag(ana, bridgeId, 'Claim', [span(BRIDGE, 'said')]);
    createRelation(ana, { fromId: saidTheBridge, toId: city });
    const toSaid = createRelation(ana, { fromId: said, toId: city });
    updateAnnotation(ana, claim.id, { note: 'checked with the city' });
    const second = await exportExchange(ana);
    return { ana, bea, bridgeId, first, second, edited, cue, claim, city, saidTheBridge, officialsSaid, said, toSaid };
  }

  it('moves the file’s annotations through the edits made here, with their quotes, and lists those whose text the edits removed', async () => {
    const s = await editedAfterTheFirstFile();
    const file = readExchange(s.second, 'ana-2.byline.json');
    const theirs = file.documents.find((d) => d.id === s.bridgeId)!;
    expect(theirs.sha256).not.toBe(getDocument(s.bea, s.bridgeId).sha256);

    const result = ingestExchange(s.bea, file, { source: 'ana-2.byline.json' });
    expect(result).toMatchObject({
      documents: { added: 0, matched: 3 },
      annotations: { added: 3, updated: 1 },
      relations: { added: 1, updated: 0 },
      reanchored: 0,
      // Everything on the Bridge article moved: the headline came before it all.
      mapped: 6,
    });
    const title = `Bridge (${s.bridgeId})`;
    const removed = 'its text was removed when the article was edited here, in version 2';
    const event = theirs.relations.find((r) => r.toId === s.cue.id)!;
    expect(result.notAnchored).toHaveLength(4);
    expect(result.notAnchored).toEqual(
      expect.arrayContaining([
        { document: title, documentId: s.bridgeId, kind: 'annotation', id: s.cue.id, quote: 'said', reason: removed },
        { document: title, documentId: s.bridgeId, kind: 'annotation', id: s.said, quote: 'said', reason: removed },
        { document: title, documentId: s.bridgeId, kind: 'link', id: event.id, quote: '“the bridge is safe” → “said”', reason: 'its end “said” could not be anchored' },
        { document: title, documentId: s.bridgeId, kind: 'link', id: s.toSaid, quote: '“said” → “the city”', reason: 'its end “said” could not be anchored' },
      ]),
    );

    const here = placed(s.bea, s.bridgeId);
    const at = (phrase: string) => span(s.edited, phrase);
    // Moved by the headline, at the same words.
    expect(here.get(s.city)).toMatchObject({ fragments: [at('the city')], quote: 'the city' });
    // "said" went, "old " came between its other words: it covers what is left, grown.
    expect(here.get(s.saidTheBridge)).toMatchObject({ fragments: [at(' the old bridge')], quote: ' the old bridge' });
    // One of two fragments went; the annotation stays on the other.
    expect(here.get(s.officialsSaid)).toMatchObject({ fragments: [at('Officials')], quote: 'Officials' });
    // Ana's later note on the claim Bea's edit resized: the note comes, the claim stays where the edit put it.
    expect(here.get(s.claim.id)).toMatchObject({ fragments: [at('the old bridge is safe')], quote: 'the old bridge is safe', note: 'checked with the city' });
    expect(here.has(s.said)).toBe(false);
    expect(s.bea.db.prepare('SELECT count(*) FROM relations WHERE from_id = ? AND to_id = ?').pluck().get(s.saidTheBridge, s.city)).toBe(1);

    // The same file again, and the first file, made before the edits too: nothing new, the same list.
    const before = counts(s.bea);
    const again = ingestExchange(s.bea, readExchange(s.second, 'ana-2.byline.json'));
    expect(again).toMatchObject({ annotations: { added: 0, updated: 0 }, relations: { added: 0, updated: 0 }, notAnchored: result.notAnchored });
    const first = ingestExchange(s.bea, readExchange(s.first, 'ana.byline.json'));
    expect(first).toMatchObject({ annotations: { added: 0, updated: 0 }, relations: { added: 0, updated: 0 } });
    expect(first.notAnchored.map((n) => [n.kind, n.id, n.reason])).toEqual([
      ['annotation', s.cue.id, removed],
      ['link', event.id, 'its end “said” could not be anchored'],
    ]);
    expect(counts(s.bea)).toEqual(before);
  });

  it('anchors a file made before the edits by quote in a workspace that has only the edited text', async () => {
    const s = await editedAfterTheFirstFile();
    // Cal got the edited article from Bea's file: he has its text, not the versions before it.
    const cal = workspace('Cal');
    ingestExchange(cal, readExchange(await exportExchange(s.bea), 'bea.byline.json'));
    expect(getDocument(cal, s.bridgeId).text).toBe(s.edited);

    const result = ingestExchange(cal, readExchange(s.second, 'ana-2.byline.json'));
    expect(result.mapped).toBe(0);
    expect(result.reanchored).toBeGreaterThan(0);
    expect(placed(cal, s.bridgeId).get(s.city)).toMatchObject({ fragments: [span(s.edited, 'the city')], quote: 'the city' });
    const reasons = new Map(result.notAnchored.map((n) => [n.id, n.reason]));
    for (const id of [s.said, s.saidTheBridge, s.officialsSaid]) expect(reasons.get(id), id).toMatch(/is not in this workspace's text of the article$/);
  });

  it('falls back to quotes for a file made on a version the current text was not edited from', async () => {
    const { ws: ana, bridgeId } = richWorkspace();
    const bea = workspace('Bea');
    ingestExchange(bea, readExchange(await exportExchange(ana), 'ana.byline.json'));
    // Version 2, tagged and sent to a colleague; then both undone, and version 3 edited from version 1.
    edit(bea, bridgeId, [{ ...span(BRIDGE, 'said'), text: 'stated' }]);
    const stated = tag(bea, bridgeId, 'Claim', [span(getDocument(bea, bridgeId).text, 'stated')]);
    const sent = await exportExchange(bea);
    undo(bea, bridgeId);
    undo(bea, bridgeId);
    expect(getDocument(bea, bridgeId)).toMatchObject({ version: 1, text: BRIDGE });
    edit(bea, bridgeId, [{ ...span(BRIDGE, 'the city'), text: 'City Hall' }]);
    expect(getDocument(bea, bridgeId).version).toBe(3);
    expect(editsSinceVersion(bea, bridgeId, 2)).toBeNull();

    const result = ingestExchange(bea, readExchange(sent, 'bea-v2.byline.json'));
    expect(result.mapped).toBe(0);
    expect(result.notAnchored.find((n) => n.id === stated)).toMatchObject({
      kind: 'annotation',
      quote: 'stated',
      reason: 'its text “stated” is not in this workspace\'s text of the article',
    });
    expect(result.notAnchored.every((n) => !n.reason.includes('edited'))).toBe(true);
    // What its quote finds is placed: Ben's source "Officials", at the same words.
    const officials = listAnnotations(bea, bridgeId).find((a) => a.quote === 'Officials')!;
    expect(officials.fragments).toEqual([span(getDocument(bea, bridgeId).text, 'Officials')]);
  });
});

describe('importing a bad exchange file', () => {
  const fixture = (name: string) => readFileSync(testData(`exchange/${name}`), 'utf8');

  it('stores the sample file', async () => {
    const bea = workspace('Bea');
    const result = await ingestExchangeStream(bea, readExchangeStream(linesOf(fixture('two-articles.byline.json')), 'two-articles.byline.json'));
    expect(result).toMatchObject({ documents: { added: 2, matched: 0 }, annotations: { added: 6 }, relations: { added: 2 }, labels: { added: 1, matched: 4 } });
    expect(bea.db.prepare('SELECT name, is_local FROM annotators ORDER BY name').all()).toEqual([
      { name: 'Ana', is_local: 0 },
      { name: 'Bea', is_local: 1 },
      { name: 'Ben', is_local: 0 },
    ]);
  });

  it.each([
    ['not-json.byline.json', /^not-json\.byline\.json, line 2: documents\.0 is not valid JSON/, /^not-json\.byline\.json is not a Byline exchange file: it is not valid JSON/],
    ['wrong-format.byline.json', 'wrong-format.byline.json is not a Byline exchange file: its "format" is "label-studio"', null],
    ['newer-version.byline.json', 'newer-version.byline.json was written by a newer Byline (exchange format version 3', null],
    ['bad-hash.byline.json', 'bad-hash.byline.json: documents.1.sha256: does not match the text', null],
    ['bad-quote.byline.json', 'bad-quote.byline.json: documents.0.annotations.1.quote: “the rumour was false” is not the text of its fragments (“the rumor was false”)', null],
    ['cross-document-link.byline.json', 'cross-document-link.byline.json: documents.1.relations.0.toId: annotation 0190a1b2-c3d4-7066-8066-000000000066 is in documents.0, another document: a link joins two annotations of one document', null],
    ['cut-short.byline.json', 'cut-short.byline.json ends at line 3, before its list of documents is closed: the file is cut short.', /^cut-short\.byline\.json is not a Byline exchange file: it is not valid JSON/],
  ])('%s: a clear message, and nothing stored', async (name, streamed, whole) => {
    const bea = workspace('Bea');
    const before = counts(bea);
    // Streamed, the first documents are stored before the problem is reached: all are rolled back.
    await expect(ingestExchangeStream(bea, readExchangeStream(linesOf(fixture(name)), name))).rejects.toThrow(streamed);
    expect(counts(bea)).toEqual(before);
    expect(bea.db.inTransaction).toBe(false);
    expect(() => ingestExchange(bea, readExchange(fixture(name), name))).toThrow(whole ?? streamed);
    expect(counts(bea)).toEqual(before);
  });

  /** The sample file with one change made to its text, as another program (or a person) might have left it. */
  const changed = (change: (text: string) => string) => {
    const text = fixture('two-articles.byline.json');
    const result = change(text);
    expect(result, 'the change applies to the sample file').not.toBe(text);
    return result;
  };
  const firstAnnotationId = () => (JSON.parse(fixture('two-articles.byline.json')) as ExchangeFile).documents[0]!.annotations[0]!.id;

  it.each([
    ['fails its schema', () => changed((t) => t.replace('"title":"Bridge",', '')), /^x\.byline\.json: documents\.1\.title: is missing$/],
    ['claims a version from the future', () => changed((t) => t.replace('"version":1,"offsetUnit"', '"version":7,"offsetUnit"')), /exchange format version 7; this Byline reads versions up to 2/],
    ['has offsets past its text', () => changed((t) => t.replace(/"fragments":\[\{"start":\d+,"end":\d+\}\]/, '"fragments":[{"start":280,"end":290}]')), /^x\.byline\.json: documents\.0\.annotations\.\d\.fragments\.0: 280–290 ends past the end of the text \(286 characters\)$/],
    ['has a hash that does not match its text', () => changed((t) => t.replace(/"sha256":"[0-9a-f]{64}"/, `"sha256":"${'0'.repeat(64)}"`)), /^x\.byline\.json: documents\.0\.sha256: does not match the text/],
    ['has duplicate ids', () => changed((t) => t.replace(/("annotations":\[\{"id":")[^"]+"(.*?)("annotations":\[\{"id":")[^"]+"/s, (_m, a: string, middle: string, b: string) => `${a}${firstAnnotationId()}"${middle}${b}${firstAnnotationId()}"`)), /^x\.byline\.json: documents\.1\.annotations\.0\.id: another annotation of the file has the id/],
    ['has a "__proto__" key in attributes', () => changed((t) => t.replace('"attributes":{}', '"attributes":{"__proto__":{"isAdmin":true}}')), /^x\.byline\.json: documents\.0\.(annotations|relations)\.\d+\.attributes\.__proto__: "__proto__" is not accepted as a key/],
    ['has a "__proto__" key in its header', () => changed((t) => t.replace('{"format"', '{"__proto__":{"isAdmin":true},"format"')), /^x\.byline\.json: __proto__: "__proto__" is not accepted as a key/],
  ])('a file that %s is refused with the reason, and nothing is imported', async (_what, make, message) => {
    const text = make();
    const bea = workspace('Bea');
    const before = counts(bea);
    await expect(ingestExchangeStream(bea, readExchangeStream(linesOf(text), 'x.byline.json'))).rejects.toThrow(message);
    expect(counts(bea)).toEqual(before);
    expect(() => ingestExchange(bea, readExchange(text, 'x.byline.json'))).toThrow(message);
    expect(counts(bea)).toEqual(before);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('rolls back only its own savepoint inside a caller’s transaction', async () => {
    const bea = workspace('Bea');
    bea.db.exec('BEGIN IMMEDIATE');
    insertDocument(bea, { title: 'Before', text: 'Kept.', originFormat: 'text' });
    await expect(ingestExchangeStream(bea, readExchangeStream(linesOf(fixture('bad-hash.byline.json')), 'x'))).rejects.toThrow('x: documents.1.sha256');
    expect(bea.db.inTransaction).toBe(true);
    bea.db.exec('COMMIT');
    expect(bea.db.prepare('SELECT title FROM documents').pluck().all()).toEqual(['Before']);
  });
});
