import { describe, expect, it } from 'vitest';
import { OffsetMap, sliceCodePoints } from '../../schema/text';
import { CONTEXT, DOC_1, DOC_2 } from './export-fixtures';
import type { ExportAnnotation, ExportDocument } from './export-types';
import { collectWrites } from './testing-sink';
import { OFFSET_STATEMENT, w3cExport } from './w3c-export';

const id = (n: number) => `01900000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
const urn = (n: number) => `urn:uuid:${id(n)}`;
const UUID_URN = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface Selector {
  type: string;
  exact?: string;
  prefix?: string;
  suffix?: string;
  start?: number;
  end?: number;
}
interface Target {
  source: { id: string };
  selector: Selector[];
}
interface Item {
  id: string;
  motivation: string;
  target: Target | Target[] | string[];
  body: Array<Record<string, unknown>>;
}

async function exported(docs: ExportDocument[]) {
  const { text, writes } = await collectWrites(w3cExport, docs, CONTEXT);
  const collection = JSON.parse(text) as Record<string, unknown> & { first: { items: Item[] } & Record<string, unknown> };
  return { text, writes, collection, items: collection.first.items };
}

const targetsOf = (item: Item) => (Array.isArray(item.target) ? item.target : [item.target]) as Target[];

describe('w3cExport', () => {
  it('writes one AnnotationCollection, streamed: header, one item per line, footer with the total', async () => {
    const { text, writes, collection, items } = await exported([DOC_1, DOC_2]);
    expect(writes).toBe(4); // header, one chunk per document, footer
    expect(collection['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(collection['type']).toBe('AnnotationCollection');
    expect(collection['id']).toMatch(UUID_URN);
    expect(collection['schema:description']).toBe(OFFSET_STATEMENT);
    expect(collection['generated']).toBe(CONTEXT.exportedAt);
    expect(collection['total']).toBe(15);
    expect(collection.first['type']).toBe('AnnotationPage');
    expect(collection.first['startIndex']).toBe(0);
    expect(collection.first['id']).toMatch(UUID_URN);
    expect(items.map((i) => i.id)).toEqual([
      ...[1, 2, 3, 9, 4, 5, 6, 7, 0x11, 0x12, 0x13].map(urn),
      ...[0x21, 0x22, 0x23, 0x24].map(urn),
    ]);
    // One item per line, so the file diffs and greps well.
    const lines = text.split('\n');
    expect(lines).toHaveLength(2 + 15 + 3);
    expect(lines[1]!.endsWith('"items":[')).toBe(true);
    expect(lines.slice(2, 17).every((line, i) => line.startsWith('{"id":"urn:uuid:') && line.endsWith(i < 14 ? '},' : '}'))).toBe(true);
    expect(lines.slice(17)).toEqual([']},', '"total":15}', '']);
  });

  it('writes a span annotation: tagging and commenting bodies, attributes as schema:PropertyValue, both selectors', async () => {
    const { items } = await exported([DOC_1]);
    const source = { id: `urn:sha256:${DOC_1.sha256}`, type: 'Text', format: 'text/plain', 'schema:sameAs': 'https://news.example/budget' };
    expect(items[1]).toEqual({
      id: urn(2),
      type: 'Annotation',
      motivation: 'commenting',
      creator: { id: urn(0xa1), type: 'Person', name: 'Maria Keller' },
      created: '2024-05-02T10:00:00.000Z',
      modified: '2024-05-03T09:30:00.000Z',
      body: [
        { type: 'TextualBody', purpose: 'tagging', value: 'Claim' },
        { type: 'TextualBody', purpose: 'commenting', value: '=SUM(A1:A9) is not a claim, check the tape', format: 'text/plain' },
        { type: 'schema:PropertyValue', 'schema:propertyID': 'check_worthiness', 'schema:value': 'check-worthy' },
      ],
      target: {
        source,
        selector: [
          {
            type: 'TextQuoteSelector',
            exact: 'the budget “will pass”',
            prefix: 'Mayor 👩‍💻 Ana Núñez said ',
            suffix: ' 👍. Officials in Kyiv 🇺🇦 who ask',
          },
          { type: 'TextPositionSelector', start: 25, end: 47 },
        ],
      },
    });
    expect(items[0]!.motivation).toBe('tagging');
    expect(items[0]!.body).toEqual([
      { type: 'TextualBody', purpose: 'tagging', value: 'Source' },
      { type: 'schema:PropertyValue', 'schema:propertyID': 'kind', 'schema:value': 'person' },
    ]);
    expect(items[2]!.body.slice(1)).toEqual([
      { type: 'schema:PropertyValue', 'schema:propertyID': 'justification_given', 'schema:value': false },
      { type: 'schema:PropertyValue', 'schema:propertyID': 'number_of_sources', 'schema:value': 2 },
    ]);
  });

  it('gives a discontinuous annotation one target per fragment, and links as linking annotations', async () => {
    const { items } = await exported([DOC_1, DOC_2]);
    const never = items.find((i) => i.id === urn(7))!;
    expect(targetsOf(never).map((t) => t.selector)).toEqual([
      [
        { type: 'TextQuoteSelector', exact: 'the band would', prefix: ' spokesman for Spın̈al Tap said ', suffix: ' “never” comment.' },
        { type: 'TextPositionSelector', start: 157, end: 171 },
      ],
      [
        { type: 'TextQuoteSelector', exact: 'comment', prefix: 'Tap said the band would “never” ', suffix: '.' },
        { type: 'TextPositionSelector', start: 180, end: 187 },
      ],
    ]);
    expect(items.find((i) => i.id === urn(0x13))).toEqual({
      id: urn(0x13),
      type: 'Annotation',
      motivation: 'linking',
      creator: { id: urn(0xa1), type: 'Person', name: 'Maria Keller' },
      created: '2024-05-02T10:00:00.000Z',
      modified: '2024-05-02T10:00:00.000Z',
      body: [{ type: 'TextualBody', purpose: 'tagging', value: 'attributed to' }],
      target: [urn(7), urn(5)],
    });
    // A document without a URL has no sameAs; the first span starts inside a word, so its prefix is one letter.
    const council = targetsOf(items.find((i) => i.id === urn(0x21))!)[0]!;
    expect(council.source).toEqual({ id: `urn:sha256:${DOC_2.sha256}`, type: 'Text', format: 'text/plain' });
    expect(council.selector[0]).toEqual({ type: 'TextQuoteSelector', exact: 'ouncil 👍 approves', prefix: 'C', suffix: ' park.\nIt opens in May, an aide ' });
  });

  it('has selectors that find the annotated span: the quote with its prefix and suffix, and the positions in code points', async () => {
    const { items } = await exported([DOC_1, DOC_2]);
    const texts = new Map([DOC_1, DOC_2].map((d) => [`urn:sha256:${d.sha256}`, d.text]));
    const fragments = new Map([DOC_1, DOC_2].flatMap((d) => d.annotations.map((a): [string, ExportAnnotation['fragments']] => [`urn:uuid:${a.id}`, a.fragments])));
    let checked = 0;
    for (const item of items) {
      if (item.motivation === 'linking') continue;
      const targets = targetsOf(item);
      expect(targets.map((t) => t.selector[1])).toEqual(fragments.get(item.id)!.map((f) => ({ type: 'TextPositionSelector', ...f })));
      for (const target of targets) {
        const text = texts.get(target.source.id)!;
        const map = new OffsetMap(text);
        const [quote, position] = target.selector;
        expect(quote!.type).toBe('TextQuoteSelector');
        // The position selector slices (by code points) to exactly the quote.
        expect(sliceCodePoints(text, map, position!.start!, position!.end!)).toBe(quote!.exact);
        // The quote with its context is found in the text, and one of the places is the position's.
        const needle = `${quote!.prefix ?? ''}${quote!.exact}${quote!.suffix ?? ''}`;
        const starts: number[] = [];
        for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
          starts.push(map.toCodePoint(at) + Array.from(quote!.prefix ?? '').length);
        }
        expect(starts).toEqual([position!.start]);
        expect(Array.from(quote!.prefix ?? '').length).toBe(Math.min(32, position!.start!));
        expect(Array.from(quote!.suffix ?? '').length).toBe(Math.min(32, map.codePointLength - position!.end!));
        checked++;
      }
    }
    expect(checked).toBe(12);
  });

  it('is a valid, empty collection for no documents', async () => {
    const { collection, items } = await exported([]);
    expect(collection['total']).toBe(0);
    expect(items).toEqual([]);
  });
});
