import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExchangeFile } from '../../schema/exchange';
import { loadExportDocument } from '../export/load';
import { selectDocuments } from '../export/selection';
import { exchangeWriter, readExchange, readExchangeStream } from '../formats/exchange';
import { collect } from '../formats/testing-sink';
import { carried, fillRichWorkspace, UNICODE } from '../testing/rich-workspace';
import { workspacesClosedAfterEach } from '../testing/workspace';
import { testData } from '../testing/temp';
import { listAnnotators } from './annotators';
import { deleteAnnotation, getAnnotation, listAnnotations, updateAnnotation } from './annotations';
import { getDocument, insertDocument, setDocumentStatus } from './documents';
import { recordAction } from './history';
import { ingestExchange, ingestExchangeStream, type ExchangeIngestResult } from './ingest-exchange';
import { createLabel, listLabels } from './labels';
import { Workspace } from './workspace';

const workspace = workspacesClosedAfterEach();

/** Ana's rich workspace (testing/rich-workspace.ts) on a new file. */
function richWorkspace(): { ws: Workspace; unicodeId: string; bridgeId: string } {
  const ws = workspace('Ana');
  return { ws, ...fillRichWorkspace(ws) };
}

/** The exchange file of every article and layer, as the export engine writes it. */
async function exportExchange(ws: Workspace): Promise<string> {
  const context = { labels: listLabels(ws), annotators: listAnnotators(ws), exportedAt: new Date().toISOString(), exportedBy: ws.localAnnotator };
  const documents = selectDocuments(ws, { scope: { kind: 'all' }, onlyDone: false }).map((id) => loadExportDocument(ws, id, null));
  return collect(exchangeWriter, documents, context);
}

const TABLES = ['documents', 'document_versions', 'labels', 'annotators', 'annotations', 'fragments', 'relations', 'document_status', 'events', 'actions'];
const counts = (ws: Workspace) => Object.fromEntries(TABLES.map((t) => [t, ws.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get()]));

const nothingNew: Omit<ExchangeIngestResult, 'documents' | 'labels' | 'firstDocumentId'> = {
  annotations: { added: 0, updated: 0 },
  relations: { added: 0, updated: 0 },
  annotators: { added: 0 },
  statuses: 0,
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
      firstDocumentId: file.documents[0]!.id,
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
    expect(result.firstDocumentId).toBe(ownCopy);
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

  it('refuses a file whose article has another text here, and stores nothing of it', async () => {
    const { ws: ana } = richWorkspace();
    const file = readExchange(await exportExchange(ana), 'a.byline.json');
    const bea = workspace('Bea');
    ingestExchange(bea, file);
    const before = counts(bea);
    const changed = structuredClone(file) as ExchangeFile;
    const bridge = changed.documents[1]!;
    bridge.text = `${bridge.text} Corrected.`;
    bridge.sha256 = (await import('../../schema/text')).textHash(bridge.text);
    changed.documents.push({ ...changed.documents[2]!, id: '0190a1b2-c3d4-7fff-8fff-000000000fff', text: 'New.', sha256: (await import('../../schema/text')).textHash('New.') });
    expect(() => ingestExchange(bea, readExchange(JSON.stringify(changed), 'b.byline.json'), { source: 'b.byline.json' })).toThrow(
      `b.byline.json: documents.1: this workspace has the article “Bridge” (${bridge.id}) with another text than the file's, so the annotations the file has for it cannot be placed.`,
    );
    expect(counts(bea)).toEqual(before);
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
    ['newer-version.byline.json', 'newer-version.byline.json was written by a newer Byline (exchange format version 2', null],
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
