/**
 * A workspace that holds one of everything an export or exchange file can carry, for the tests of
 * the exchange import and the export engine; and `carried`, its rows in the columns such a file keeps.
 */
import { readFileSync } from 'node:fs';
import type { AttributeValue, Fragment } from '../../schema/model';
import { storedText } from '../../schema/text';
import type { ImportedDocument } from '../formats/types';
import { createAnnotation, updateAnnotation } from '../store/annotations';
import { insertDocument, setDocumentStatus, updateDocumentMetadata } from '../store/documents';
import { recordAction } from '../store/history';
import { ingest } from '../store/ingest';
import { createLabel, listLabels } from '../store/labels';
import { createRelation, getRelation, putRelation } from '../store/relations';
import type { Workspace } from '../store/workspace';
import { testData } from './temp';

export const UNICODE = storedText(readFileSync(testData('unicode-crlf.txt'), 'utf8'));
export const BRIDGE = 'Officials said the bridge is safe, according to the city.';

/** The code point fragment of the first occurrence of a phrase. */
export function span(text: string, phrase: string): Fragment {
  const start = Array.from(text.slice(0, text.indexOf(phrase))).length;
  return { start, end: start + Array.from(phrase).length };
}

const labelId = (ws: Workspace, name: string, kind = 'span') => listLabels(ws).find((l) => l.name === name && l.kind === kind)!.id;

/**
 * Fills a new workspace (of Ana) with everything the file carries: texts with emoji, ZWJ sequences and combining
 * marks (kept exactly as its CRLF file has them), metadata, a custom label and link type with attributes,
 * a discontinuous annotation with a note and attributes, links, an imported layer of another
 * annotator with externalRef and extras, and document statuses.
 */
export function fillRichWorkspace(ws: Workspace): { unicodeId: string; bridgeId: string } {
  const unicodeId = insertDocument(ws, { title: 'Emoji, accents and a tricky byline 👍', text: UNICODE, originFormat: 'text', originFile: '/in/unicode-crlf.txt' }).id;
  updateDocumentMetadata(ws, unicodeId, { outlet: 'The Gazette', author: 'Zoë Ñúñez', publishedAt: '2024-05-01', url: 'https://example.org/u' });
  createLabel(ws, {
    name: 'Quote marker',
    color: '#3a7d44',
    kind: 'span',
    hotkey: '5',
    attributes: [
      { key: 'direct', name: 'Direct', type: 'boolean' },
      { key: 'words', name: 'Words', type: 'number' },
    ],
  });
  createLabel(ws, {
    name: 'contradicts',
    color: '#a33b3b',
    kind: 'relation',
    hotkey: null,
    attributes: [{ key: 'strength', name: 'Strength', type: 'choice', options: ['weak', 'strong'] }],
  });
  const tag = (documentId: string, label: string, fragments: Fragment[], patch: { note?: string; attributes?: Record<string, AttributeValue> } = {}) =>
    recordAction(ws, documentId, 'Tag', () => {
      const id = createAnnotation(ws, { documentId, labelId: labelId(ws, label), fragments });
      if (patch.note || patch.attributes) updateAnnotation(ws, id, patch);
    }).changes.annotations.put[0]!.id;
  const claim = tag(unicodeId, 'Claim', [span(UNICODE, 'the rumor was false')], { attributes: { checkworthiness: 'check-worthy' } });
  const owner = tag(unicodeId, 'Source', [span(UNICODE, 'The café owner 👩‍💻')], { attributes: { kind: 'person' } });
  tag(unicodeId, 'Anonymous attribution', [span(UNICODE, 'Officials'), span(UNICODE, 'on condition of anonymity')], {
    note: 'unnamed officials, twice removed',
    attributes: { descriptor: 'officials', justification: true, sources: 2 },
  });
  const zoe = tag(unicodeId, 'Quote marker', [span(UNICODE, 'n̈ on some maps) 🇺🇦')], { attributes: { direct: false, words: 4 } });
  createRelation(ws, { fromId: claim, toId: owner });
  const contradicts = createRelation(ws, { fromId: zoe, toId: claim, labelId: labelId(ws, 'contradicts', 'relation') });
  putRelation(ws, contradicts, { ...getRelation(ws, contradicts), attributes: { strength: 'strong' } });
  setDocumentStatus(ws, unicodeId, 'done');

  // Ben's layer, imported from brat: externalRef and extras on annotations and links.
  const bratDoc: ImportedDocument = {
    source: '/corpus/bridge_ben.ann',
    format: 'brat',
    title: 'Bridge',
    text: BRIDGE,
    outlet: 'City Paper',
    author: null,
    publishedAt: '2016-03-11',
    url: null,
    annotator: 'Ben',
    annotations: [
      { ref: 'T1', label: 'Source', fragments: [span(BRIDGE, 'Officials')], attributes: {}, note: 'unnamed', extras: {} },
      { ref: 'T2', label: 'Cue', fragments: [span(BRIDGE, 'said')], attributes: {}, note: null, extras: { brat: { normalizations: [{ id: 'N1', type: 'Reference', db: 'Wikidata', dbId: 'Q1', text: 'said' }] } } },
      { ref: 'T3', label: 'Claim', fragments: [span(BRIDGE, 'the bridge is safe')], attributes: {}, note: null, extras: {} },
    ],
    relations: [
      { ref: 'E1', type: 'Cue', from: 'T3', to: 'T2', extras: { brat: { event: 'E1', role: 'Cue' } } },
      { ref: 'R1', type: 'attributed to', from: 'T3', to: 'T1', extras: {} },
    ],
    labels: [{ name: 'Cue', kind: 'span', attributes: [{ key: 'tense', name: 'Tense', type: 'choice', options: ['past', 'present'] }] }],
  };
  const bridgeId = ingest(ws, bratDoc, { annotator: 'Ana' }).document.id;
  // Ana's own tag in Ben's article: two layers in one document.
  tag(bridgeId, 'Claim', [span(BRIDGE, 'according to the city')]);
  setDocumentStatus(ws, bridgeId, 'in progress');
  insertDocument(ws, { title: 'Empty of tags — ünïcödé', text: 'Nothing tagged here yet.\n', originFormat: 'markdown' });
  return { unicodeId, bridgeId };
}

/** Every row of every table the file carries, in the columns it carries. */
export function carried(ws: Workspace, exceptAnnotator?: string) {
  const all = (sql: string, ...params: unknown[]) => ws.db.prepare(sql).all(...params);
  return {
    documents: all(`SELECT id, title, outlet, author, published_at, url, origin_file, origin_format, version, created_at,
                           sha256, length, word_count, annotation_count FROM documents ORDER BY id`),
    document_versions: all('SELECT * FROM document_versions ORDER BY document_id, version'),
    labels: all('SELECT * FROM labels ORDER BY id'),
    annotators: all('SELECT id, name FROM annotators WHERE id IS NOT ? ORDER BY id', exceptAnnotator ?? null),
    annotations: all('SELECT * FROM annotations ORDER BY id'),
    fragments: all('SELECT * FROM fragments ORDER BY annotation_id, seq'),
    relations: all('SELECT * FROM relations ORDER BY id'),
    document_status: all('SELECT document_id, annotator_id, status FROM document_status ORDER BY document_id, annotator_id'),
  };
}

