import { describe, expect, it } from 'vitest';
import { OffsetMap, sliceCodePoints, textHash } from '../../schema/text';
import { parseDataset } from './datasets';
import { CONTEXT, DOC_1, DOC_2, JONAS, MARIA, TEXT_1, TEXT_2 } from './export-fixtures';
import type { ExportDocument } from './export-types';
import { doccanoJsonl, prodigyJsonl, spacyJsonl } from './jsonl-export';
import { collect, collectWrites } from './testing-sink';
import type { ImportedDocument } from './types';

const lines = (output: string) => {
  expect(output.endsWith('\n')).toBe(true);
  return output.slice(0, -1).split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
};

const id = (n: number) => `01900000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

describe('the fixture', () => {
  it('has spans where UTF-16 and code point offsets differ', () => {
    const map = new OffsetMap(TEXT_1);
    // After 👩‍💻 (two astral code points), 👍 (one) and 🇺🇦 (two); n̈ is one grapheme of two code points.
    expect(DOC_1.annotations[0]!.fragments).toEqual([{ start: 10, end: 19 }]);
    expect(map.toUtf16(10)).toBe(12);
    expect(map.toUtf16(140)).toBe(145);
    expect(sliceCodePoints(TEXT_1, map, 140, 151)).toBe('Sp\u0131n\u0308al Tap');
    expect(TEXT_1.normalize('NFC')).toBe(TEXT_1);
  });
});

describe('prodigyJsonl', () => {
  it('writes one Prodigy task per line: spans in code points, tokens, relations and meta', async () => {
    const { text, writes } = await collectWrites(prodigyJsonl, [DOC_1, DOC_2], CONTEXT);
    expect(writes).toBe(2);
    const [first, second] = lines(text);
    expect(Object.keys(first!)).toEqual(['text', 'spans', 'tokens', 'relations', 'answer', '_annotator_id', 'meta']);
    expect(first!['text']).toBe(TEXT_1);
    expect(first!['spans']).toEqual([
      { start: 10, end: 19, text: 'Ana Núñez', label: 'Source', token_start: 2, token_end: 3, byline_id: id(1), annotator: 'Maria Keller', attributes: { kind: 'person' } },
      {
        start: 25,
        end: 47,
        text: 'the budget “will pass”',
        label: 'Claim',
        token_start: 5,
        token_end: 10,
        byline_id: id(2),
        annotator: 'Maria Keller',
        note: '=SUM(A1:A9) is not a claim, check the tape',
        attributes: { check_worthiness: 'check-worthy' },
      },
      {
        start: 51,
        end: 97,
        text: 'Officials in Kyiv 🇺🇦 who asked not to be named',
        label: 'Anonymous attribution',
        token_start: 13,
        token_end: 22,
        byline_id: id(3),
        annotator: 'Maria Keller',
        attributes: { justification_given: false, number_of_sources: 2 },
      },
      { start: 98, end: 111, text: 'said the vote', label: 'Claim', token_start: 23, token_end: 25, byline_id: id(9), annotator: 'Maria Keller' },
      { start: 103, end: 122, text: 'the vote would slip', label: 'Claim', token_start: 24, token_end: 27, byline_id: id(4), annotator: 'Maria Keller' },
      {
        start: 124,
        end: 151,
        text: 'A spokesman for Spın̈al Tap',
        label: 'Source',
        token_start: 29,
        token_end: 33,
        byline_id: id(5),
        annotator: 'Maria Keller',
        note: 'The band’s spokesman, "name" not given',
      },
      { start: 140, end: 151, text: 'Spın̈al Tap', label: 'Source', token_start: 32, token_end: 33, byline_id: id(6), annotator: 'Maria Keller', attributes: { kind: 'organization' } },
      // The discontinuous claim: one span per fragment, one byline_id.
      { start: 157, end: 171, text: 'the band would', label: 'Claim', token_start: 35, token_end: 37, byline_id: id(7), annotator: 'Maria Keller' },
      { start: 180, end: 187, text: 'comment', label: 'Claim', token_start: 41, token_end: 41, byline_id: id(7), annotator: 'Maria Keller' },
    ]);
    const tokens = (first!['tokens'] as Array<{ text: string; start: number; end: number; id: number; ws: boolean }>).map((t, i) => {
      expect(t.id).toBe(i);
      return `${t.text}@${t.start}-${t.end}${t.ws ? ' ' : ''}`;
    });
    expect(tokens.join('|')).toBe(
      [
        'Mayor@0-5 |👩‍💻@6-9 |Ana@10-13 |Núñez@14-19 |said@20-24 |the@25-28 |budget@29-35 |“@36-37|will@37-41 |pass@42-46|”@46-47 |👍@48-49|.@49-50 ',
        'Officials@51-60 |in@61-63 |Kyiv@64-68 |🇺🇦@69-71 |who@72-75 |asked@76-81 |not@82-85 |to@86-88 |be@89-91 |named@92-97 |said@98-102 |the@103-106 |vote@107-111 |would@112-117 |slip@118-122|.@122-123 ',
        'A@124-125 |spokesman@126-135 |for@136-139 |Spın̈al@140-147 |Tap@148-151 |said@152-156 |the@157-160 |band@161-165 |would@166-171 |“@172-173|never@173-178|”@178-179 |comment@180-187|.@187-188',
      ].join('|'),
    );
    expect(first!['relations']).toEqual([
      {
        head: 10,
        child: 3,
        head_span: { start: 25, end: 47, token_start: 5, token_end: 10, label: 'Claim', byline_id: id(2) },
        child_span: { start: 10, end: 19, token_start: 2, token_end: 3, label: 'Source', byline_id: id(1) },
        label: 'attributed to',
        byline_id: id(0x11),
        annotator: 'Maria Keller',
      },
      {
        head: 27,
        child: 22,
        head_span: { start: 103, end: 122, token_start: 24, token_end: 27, label: 'Claim', byline_id: id(4) },
        child_span: { start: 51, end: 97, token_start: 13, token_end: 22, label: 'Anonymous attribution', byline_id: id(3) },
        label: 'attributed to',
        byline_id: id(0x12),
        annotator: 'Maria Keller',
      },
      {
        // From the discontinuous claim's first fragment.
        head: 37,
        child: 33,
        head_span: { start: 157, end: 171, token_start: 35, token_end: 37, label: 'Claim', byline_id: id(7) },
        child_span: { start: 124, end: 151, token_start: 29, token_end: 33, label: 'Source', byline_id: id(5) },
        label: 'attributed to',
        byline_id: id(0x13),
        annotator: 'Maria Keller',
      },
    ]);
    expect(first!['answer']).toBe('accept');
    expect(first!['_annotator_id']).toBe('Maria Keller');
    expect(first!['meta']).toEqual({
      id: DOC_1.id,
      title: 'Budget “will pass”, mayor says',
      outlet: 'The Daily Example',
      author: 'Kim Doe',
      published: '2024-05-01',
      url: 'https://news.example/budget',
      sha256: textHash(TEXT_1),
      version: 1,
      annotators: ['Maria Keller'],
      offset_unit: 'code_point',
      discontinuous:
        'spaCy and Prodigy have no discontinuous spans: an annotation of several fragments is one span per fragment; spans with the same byline_id are one annotation, and its relations use its first fragment',
    });

    // Two annotators: no _annotator_id. A span that starts inside a token has no token_start/token_end.
    expect(Object.keys(second!)).toEqual(['text', 'spans', 'tokens', 'relations', 'answer', 'meta']);
    expect(second!['spans']).toEqual([
      { start: 1, end: 18, text: 'ouncil 👍 approves', label: 'Claim', byline_id: id(0x21), annotator: 'Jonas Berg' },
      { start: 25, end: 40, text: 'It opens in May', label: 'Claim', token_start: 5, token_end: 8, byline_id: id(0x22), annotator: 'Maria Keller' },
      { start: 42, end: 49, text: 'an aide', label: 'Source', token_start: 10, token_end: 11, byline_id: id(0x23), annotator: 'Maria Keller' },
    ]);
    expect((second!['meta'] as Record<string, unknown>)['annotators']).toEqual(['Jonas Berg', 'Maria Keller']);
    expect((second!['meta'] as Record<string, unknown>)['offset_unit']).toBe('code_point');
  });

  it('gives a span that starts or ends inside a token its last touched token as the relation end', async () => {
    const doc: ExportDocument = {
      ...DOC_2,
      relations: [{ ...DOC_2.relations[0]!, id: id(0x99), fromId: id(0x21), toId: id(0x23) }],
    };
    const [line] = lines(await collect(prodigyJsonl, [doc], CONTEXT));
    expect(line!['relations']).toEqual([
      {
        head: 2,
        child: 11,
        head_span: { start: 1, end: 18, label: 'Claim', byline_id: id(0x21) },
        child_span: { start: 42, end: 49, token_start: 10, token_end: 11, label: 'Source', byline_id: id(0x23) },
        label: 'attributed to',
        byline_id: id(0x99),
        annotator: 'Maria Keller',
      },
    ]);
  });
});

describe('spacyJsonl', () => {
  it('writes the Prodigy lines without tokens: spans in code points, relations by their spans', async () => {
    const [spacy, prodigy] = await Promise.all([spacyJsonl, prodigyJsonl].map(async (w) => lines(await collect(w, [DOC_1, DOC_2], CONTEXT))));
    expect(Object.keys(spacy![0]!)).toEqual(['text', 'spans', 'relations', 'answer', '_annotator_id', 'meta']);
    const withoutTokens = ({ token_start: _s, token_end: _e, ...rest }: Record<string, unknown>) => rest;
    spacy!.forEach((line, i) => {
      const task = prodigy![i]!;
      expect(line['text']).toBe(task['text']);
      expect(line['meta']).toEqual(task['meta']);
      expect(line['spans']).toEqual((task['spans'] as Record<string, unknown>[]).map(withoutTokens));
      expect(line['relations']).toEqual(
        (task['relations'] as Record<string, Record<string, unknown>>[]).map(({ head: _h, child: _c, ...r }) => ({
          ...r,
          head_span: withoutTokens(r['head_span']!),
          child_span: withoutTokens(r['child_span']!),
        })),
      );
    });
    expect((spacy![0]!['relations'] as unknown[]).length).toBeGreaterThan(0);
  });
});

describe('doccanoJsonl', () => {
  it('writes one record per line with ids numbered through the file, one entity per fragment', async () => {
    const [first, second] = lines(await collect(doccanoJsonl, [DOC_1, DOC_2], CONTEXT));
    expect(Object.keys(first!)).toEqual(['id', 'text', 'entities', 'relations', 'meta']);
    expect(first!['id']).toBe(1);
    expect(first!['text']).toBe(TEXT_1);
    expect(first!['entities']).toEqual([
      { id: 1, label: 'Source', start_offset: 10, end_offset: 19 },
      { id: 2, label: 'Claim', start_offset: 25, end_offset: 47 },
      { id: 3, label: 'Anonymous attribution', start_offset: 51, end_offset: 97 },
      { id: 4, label: 'Claim', start_offset: 98, end_offset: 111 },
      { id: 5, label: 'Claim', start_offset: 103, end_offset: 122 },
      { id: 6, label: 'Source', start_offset: 124, end_offset: 151 },
      { id: 7, label: 'Source', start_offset: 140, end_offset: 151 },
      { id: 8, label: 'Claim', start_offset: 157, end_offset: 171 },
      { id: 9, label: 'Claim', start_offset: 180, end_offset: 187 },
    ]);
    expect(first!['relations']).toEqual([
      { id: 1, from_id: 2, to_id: 1, type: 'attributed to' },
      { id: 2, from_id: 5, to_id: 3, type: 'attributed to' },
      { id: 3, from_id: 8, to_id: 6, type: 'attributed to' },
    ]);
    const meta = first!['meta'] as Record<string, unknown>;
    expect(meta['offset_unit']).toBe('code_point');
    expect(meta['annotators']).toEqual(['Maria Keller']);
    expect(meta['annotations']).toEqual([
      { id: id(1), entity_ids: [1], label: 'Source', annotator: 'Maria Keller', attributes: { kind: 'person' } },
      {
        id: id(2),
        entity_ids: [2],
        label: 'Claim',
        annotator: 'Maria Keller',
        note: '=SUM(A1:A9) is not a claim, check the tape',
        attributes: { check_worthiness: 'check-worthy' },
      },
      { id: id(3), entity_ids: [3], label: 'Anonymous attribution', annotator: 'Maria Keller', attributes: { justification_given: false, number_of_sources: 2 } },
      { id: id(9), entity_ids: [4], label: 'Claim', annotator: 'Maria Keller' },
      { id: id(4), entity_ids: [5], label: 'Claim', annotator: 'Maria Keller' },
      { id: id(5), entity_ids: [6], label: 'Source', annotator: 'Maria Keller', note: 'The band’s spokesman, "name" not given' },
      { id: id(6), entity_ids: [7], label: 'Source', annotator: 'Maria Keller', attributes: { kind: 'organization' } },
      { id: id(7), entity_ids: [8, 9], label: 'Claim', annotator: 'Maria Keller' },
    ]);
    expect(meta['links']).toEqual([
      { id: id(0x11), relation_id: 1, annotator: 'Maria Keller' },
      { id: id(0x12), relation_id: 2, annotator: 'Maria Keller' },
      { id: id(0x13), relation_id: 3, annotator: 'Maria Keller' },
    ]);
    expect(meta['discontinuous']).toMatch(/^doccano has no discontinuous spans: an annotation of several fragments is one entity per fragment/);

    expect(second!['id']).toBe(2);
    expect(second!['entities']).toEqual([
      { id: 10, label: 'Claim', start_offset: 1, end_offset: 18 },
      { id: 11, label: 'Claim', start_offset: 25, end_offset: 40 },
      { id: 12, label: 'Source', start_offset: 42, end_offset: 49 },
    ]);
    expect(second!['relations']).toEqual([{ id: 4, from_id: 11, to_id: 12, type: 'attributed to' }]);
  });

  it('numbers each file from 1 again', async () => {
    await collect(doccanoJsonl, [DOC_1], CONTEXT);
    const [line] = lines(await collect(doccanoJsonl, [DOC_2], CONTEXT));
    expect(line!['id']).toBe(1);
    expect((line!['entities'] as Array<{ id: number }>).map((e) => e.id)).toEqual([1, 2, 3]);
  });
});

/** What survives a round trip: each annotation's label and fragments, each link's type and ends. */
function shape(doc: ImportedDocument) {
  const byRef = new Map(doc.annotations.map((a) => [a.ref, a]));
  const where = (ref: string) => {
    const a = byRef.get(ref)!;
    return `${a.label} ${a.fragments.map((f) => `${f.start}-${f.end}`).join(',')}`;
  };
  return {
    text: doc.text,
    meta: [doc.title, doc.outlet, doc.author, doc.publishedAt, doc.url],
    annotations: doc.annotations.map((a) => `${a.label} ${a.fragments.map((f) => `${f.start}-${f.end}`).join(',')}`),
    relations: doc.relations.map((r) => `${where(r.from)} ${r.type} ${where(r.to)}`),
  };
}

const ROUND_TRIP_1 = {
  text: TEXT_1,
  meta: ['Budget “will pass”, mayor says', 'The Daily Example', 'Kim Doe', '2024-05-01', 'https://news.example/budget'],
  annotations: [
    'Source 10-19',
    'Claim 25-47',
    'Anonymous attribution 51-97',
    'Claim 98-111',
    'Claim 103-122',
    'Source 124-151',
    'Source 140-151',
    // The discontinuous claim is two spans in the file, and one annotation again when read back.
    'Claim 157-171,180-187',
  ],
  relations: [
    'Claim 25-47 attributed to Source 10-19',
    'Claim 103-122 attributed to Anonymous attribution 51-97',
    'Claim 157-171,180-187 attributed to Source 124-151',
  ],
};
// Two layers in one record: a document for each.
const ROUND_TRIP_2 = [
  { text: TEXT_2, meta: ['Council approves park', null, null, null, null], annotations: ['Claim 1-18'], relations: [] },
  {
    text: TEXT_2,
    meta: ['Council approves park', null, null, null, null],
    annotations: ['Claim 25-40', 'Source 42-49'],
    relations: ['Claim 25-40 attributed to Source 42-49'],
  },
];

describe('reading a JSONL export back (parseDataset)', () => {
  it('Prodigy: the same text, spans, labels and links, and the annotator when there is one', async () => {
    const docs = parseDataset(await collect(prodigyJsonl, [DOC_1, DOC_2], CONTEXT), 'export.jsonl');
    expect(docs.map((d) => d.format)).toEqual(['prodigy', 'prodigy', 'prodigy']);
    expect(docs.map(shape)).toEqual([ROUND_TRIP_1, ...ROUND_TRIP_2]);
    expect(docs.map((d) => d.annotator)).toEqual([MARIA.name, JONAS.name, MARIA.name]);
    expect(docs.map((d) => textHash(d.text))).toEqual([DOC_1.sha256, DOC_2.sha256, DOC_2.sha256]);
    // Notes and attributes come back as fields, and leave the extras.
    const budget = docs[0]!.annotations[1]!;
    expect(budget).toMatchObject({ note: '=SUM(A1:A9) is not a claim, check the tape', attributes: { check_worthiness: 'check-worthy' } });
    expect(budget.extras).toEqual({ prodigy: { token_start: 5, token_end: 10 } });
    expect(docs[0]!.labels.find((l) => l.name === 'Anonymous attribution')!.attributes.map((a) => [a.key, a.type])).toEqual([
      ['justification_given', 'boolean'],
      ['number_of_sources', 'number'],
    ]);
  });

  it('spaCy: the same, with no tokens to keep', async () => {
    const docs = parseDataset(await collect(spacyJsonl, [DOC_1, DOC_2], CONTEXT), 'export.jsonl');
    expect(docs.map(shape)).toEqual([ROUND_TRIP_1, ...ROUND_TRIP_2]);
    expect(docs.map((d) => d.annotator)).toEqual([MARIA.name, JONAS.name, MARIA.name]);
    expect(docs[0]!.annotations[1]!.extras).toEqual({});
  });

  it('doccano: the same, though its relation records (`entities`) would otherwise be read as UTF-16', async () => {
    const content = await collect(doccanoJsonl, [DOC_1, DOC_2], CONTEXT);
    const docs = parseDataset(content, 'export.jsonl');
    expect(docs.map((d) => d.format)).toEqual(['doccano', 'doccano', 'doccano']);
    expect(docs.map(shape)).toEqual([ROUND_TRIP_1, ...ROUND_TRIP_2]);
    expect(docs.map((d) => d.annotator)).toEqual([MARIA.name, JONAS.name, MARIA.name]);
    // The stated unit wins over the option too.
    expect(parseDataset(content, 'export.jsonl', { doccanoOffsets: 'utf-16' }).map(shape)).toEqual([ROUND_TRIP_1, ...ROUND_TRIP_2]);
    // Without the statement the same file would be misread: proof that the test can fail.
    const unstated = content.replaceAll('"offset_unit":"code_point"', '"offset_unit":null');
    expect(() => parseDataset(unstated, 'export.jsonl')).toThrow('export.jsonl, line 1: entity 1 (“Source”) at 10–19 cuts a character');
  });

  it('keeps a record in one layer when a link joins two annotators’ spans', async () => {
    const crossing = { ...DOC_2, relations: [{ ...DOC_2.relations[0]!, fromId: DOC_2.annotations[0]!.id }] };
    const docs = parseDataset(await collect(spacyJsonl, [crossing], CONTEXT), 'export.jsonl');
    expect(docs.map((d) => [d.annotator, d.annotations.length, d.relations.length])).toEqual([[null, 3, 1]]);
  });

  it('reads records of other tools as they are', () => {
    const [doc] = parseDataset('{"text": "Ana said so.", "spans": [{"start": 0, "end": 3, "label": "Source", "id": "s7"}]}\n', 'other.jsonl');
    expect(doc).toMatchObject({ annotator: null, annotations: [{ note: null, attributes: {}, extras: { prodigy: { id: 's7' } } }] });
  });
});
