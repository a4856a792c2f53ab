import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { exchangeJsonSchemaText, ExchangeFile, type ExchangeDocument } from '../../schema/exchange';
import { textHash } from '../../schema/text';
import { testData } from '../testing/temp';
import { exchangeDocumentOf, exchangeWriter, readExchange, readExchangeStream, type ExchangeExportContext, type ExchangeItem } from './exchange';
import type { ExportDocument, TextSink } from './export-types';

const fixture = (name: string) => testData(`exchange/${name}`);
const read = (name: string) => readFileSync(fixture(name), 'utf8');

const ANA = { id: '0190a1b2-c3d4-7001-8001-000000000001', name: 'Ana', isLocal: true };
const CLAIM = {
  id: '01a21703-b102-74fb-bc80-b099fb9705bc',
  name: 'Claim',
  color: '#e5a100',
  hotkey: '1',
  kind: 'span' as const,
  position: 1,
  attributes: [],
};

function exportDocument(id: number, text: string, phrase: string): ExportDocument {
  const start = Array.from(text.slice(0, text.indexOf(phrase))).length;
  const fragment = { start, end: start + Array.from(phrase).length };
  const at = '2025-03-01T10:00:00.000Z';
  return {
    id: `0190a1b2-c3d4-7000-8000-${String(id).padStart(12, '0')}`,
    title: `Article ${id}`,
    outlet: null,
    author: null,
    publishedAt: null,
    url: null,
    originFile: null,
    originFormat: 'text',
    version: 1,
    text,
    sha256: textHash(text),
    createdAt: at,
    status: 'in progress',
    annotations: [
      {
        id: `0190a1b2-c3d4-7000-8000-${String(id + 500).padStart(12, '0')}`,
        labelId: CLAIM.id,
        label: 'Claim',
        annotatorId: ANA.id,
        annotator: 'Ana',
        fragments: [fragment],
        quote: phrase,
        note: null,
        attributes: {},
        createdAt: at,
        updatedAt: at,
        externalRef: null,
        extras: {},
      },
    ],
    relations: [],
  };
}

async function write(documents: ExportDocument[], context: ExchangeExportContext): Promise<string> {
  const chunks: string[] = [];
  const sink: TextSink = { write: async (chunk) => void chunks.push(chunk) };
  await exchangeWriter.begin(sink, context);
  for (const doc of documents) await exchangeWriter.document(sink, doc, context);
  await exchangeWriter.end(sink, context);
  return chunks.join('');
}

const context: ExchangeExportContext = { labels: [CLAIM], annotators: [ANA], exportedAt: '2025-03-02T08:00:00.000Z', exportedBy: ANA };
/** A context as ExportContext has it today, without exportedBy. */
const withoutExporter = (annotators: ExchangeExportContext['annotators']) =>
  ({ labels: [CLAIM], annotators, exportedAt: context.exportedAt }) as unknown as ExchangeExportContext;

async function* linesOf(text: string) {
  for (const line of text.split('\n')) yield line;
}

async function collect(items: AsyncIterable<ExchangeItem>): Promise<ExchangeItem[]> {
  const all: ExchangeItem[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe('exchangeWriter', () => {
  it('writes the header on line 1, one document per line with commas between, and ]} last', async () => {
    const docs = [
      exportDocument(1, 'Officials said the bridge is safe.', 'the bridge is safe'),
      exportDocument(2, 'Line one\nline two 👩‍💻\u2028and a separator.', 'line two 👩‍💻'),
      exportDocument(3, 'Zoë said so.', 'said so'),
    ];
    const text = await write(docs, context);
    const lines = text.split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^\{"format":"byline-exchange","version":2,"offsetUnit":"codepoint","exportedAt":"2025-03-02T08:00:00.000Z","exportedBy":\{"id":"[^"]+","name":"Ana"\},"labels":\[.*\],"annotators":\[.*\],"documents":\[$/);
    expect(lines[1]!.endsWith('},')).toBe(true);
    expect(lines[2]!.endsWith('},')).toBe(true);
    expect(lines[3]!.endsWith('}')).toBe(true);
    expect(lines.slice(4)).toEqual([']}', '']);
    // Line separators inside texts are escaped, so no line reader splits a document.
    expect(lines[2]).toContain('\\u2028');
    const file = JSON.parse(text) as ExchangeFile;
    expect(file.documents.map((d) => d.text)).toEqual(docs.map((d) => d.text));
    expect(readExchange(text, 'w.byline.json')).toEqual(JSON.parse(text));
    // The names exporters also get (label, annotator) are not in the file: the ids say it.
    expect(Object.keys(file.documents[0]!.annotations[0]!)).toEqual([
      'id', 'annotatorId', 'labelId', 'fragments', 'quote', 'note', 'attributes', 'createdAt', 'updatedAt', 'externalRef', 'extras',
    ]);
    expect(Object.keys(file.documents[0]!)).toEqual([
      'id', 'title', 'outlet', 'author', 'publishedAt', 'url', 'originFile', 'originFormat', 'createdAt', 'version', 'text', 'sha256', 'status', 'annotations', 'relations',
    ]);
  });

  it('writes a file without documents as two lines of valid JSON', async () => {
    const text = await write([], context);
    expect(text.split('\n')).toEqual([expect.stringMatching(/"documents":\[$/), ']}', '']);
    expect(readExchange(text, 'empty.byline.json').documents).toEqual([]);
    expect(await collect(readExchangeStream(linesOf(text), 'empty.byline.json'))).toHaveLength(1);
  });

  it('names the exporter from the context, or else the local annotator among the layers', async () => {
    const ben = { id: '0190a1b2-c3d4-7002-8002-000000000002', name: 'Ben', isLocal: false };
    const named = await write([], { ...context, annotators: [ben], exportedBy: ANA });
    expect(readExchange(named, 'x').exportedBy).toEqual({ id: ANA.id, name: 'Ana' });
    expect(readExchange(await write([], withoutExporter([ben, ANA])), 'x').exportedBy).toEqual({ id: ANA.id, name: 'Ana' });
    await expect(write([], withoutExporter([ben]))).rejects.toThrow('no exportedBy and no local annotator');
  });

  it('keeps the fields of an ExportDocument that the file has', () => {
    const doc = exportDocument(1, 'Officials said so.', 'said');
    const { annotations, relations, ...rest } = exchangeDocumentOf(doc);
    const { annotations: _a, relations: _r, ...expected } = doc;
    expect(rest).toEqual(expected);
    expect(relations).toEqual([]);
    expect(annotations[0]).toEqual({ ...doc.annotations[0], label: undefined, annotator: undefined });
  });
});

describe('readExchange', () => {
  it('reads the sample file', () => {
    const file = readExchange(read('two-articles.byline.json'), 'two-articles.byline.json');
    expect(file.documents.map((d) => [d.title, d.annotations.length, d.relations.length])).toEqual([
      ['Emoji, accents and a tricky byline 👍', 4, 1],
      ['Bridge', 2, 1],
    ]);
    expect(file.documents[0]!.annotations.find((a) => a.fragments.length === 2)).toMatchObject({
      quote: 'Officials on condition of anonymity',
      note: 'two fragments',
    });
  });

  it.each([
    ['not-json.byline.json', /^not-json\.byline\.json is not a Byline exchange file: it is not valid JSON \(.*line 2.*\)\.$/],
    ['wrong-format.byline.json', 'wrong-format.byline.json is not a Byline exchange file: its "format" is "label-studio", where an exchange file says "byline-exchange".'],
    ['newer-version.byline.json', 'newer-version.byline.json was written by a newer Byline (exchange format version 3; this Byline reads versions up to 2). Update Byline to import it; nothing was imported.'],
    ['bad-hash.byline.json', /^bad-hash\.byline\.json: documents\.1\.sha256: does not match the text \(its SHA-256 is [0-9a-f]{64}\)$/],
    ['bad-quote.byline.json', 'bad-quote.byline.json: documents.0.annotations.1.quote: “the rumour was false” is not the text of its fragments (“the rumor was false”)'],
    ['bad-fragment.byline.json', 'bad-fragment.byline.json: documents.0.annotations.0.fragments.0: start must be before end'],
    ['cross-document-link.byline.json', 'cross-document-link.byline.json: documents.1.relations.0.toId: annotation 0190a1b2-c3d4-7066-8066-000000000066 is in documents.0, another document: a link joins two annotations of one document'],
  ])('refuses %s, naming the file and the place', (name, message) => {
    expect(() => readExchange(read(name), name)).toThrow(message);
  });

  it('names the first problem: missing fields, unknown fields, unknown labels, duplicate ids', () => {
    const good = JSON.parse(read('two-articles.byline.json')) as ExchangeFile;
    const broken = (change: (file: ExchangeFile & Record<string, unknown>) => void) => {
      const copy = structuredClone(good) as ExchangeFile & Record<string, unknown>;
      change(copy);
      return () => readExchange(JSON.stringify(copy), 'x.byline.json');
    };
    expect(broken((f) => delete (f.documents[1] as Partial<ExchangeDocument>).title)).toThrow('x.byline.json: documents.1.title: is missing');
    expect(broken((f) => (f.documents[0]!.annotations[2]!.createdAt = 'yesterday'))).toThrow(
      'x.byline.json: documents.0.annotations.2.createdAt: must be an ISO 8601 date and time',
    );
    expect(broken((f) => (f.reviews = []))).toThrow('x.byline.json: Unrecognized key: "reviews"');
    expect(broken((f) => (f.documents[1]!.annotations[0]!.labelId = f.labels[4]!.id))).toThrow(
      'x.byline.json: documents.1.annotations.0.labelId: “attributed to” is a link type, not a label for spans',
    );
    expect(broken((f) => (f.documents[1]!.annotations[1]!.id = f.documents[0]!.annotations[0]!.id))).toThrow(
      /documents\.1\.annotations\.1\.id: another annotation of the file has the id/,
    );
    expect(broken((f) => (f.documents[1]!.id = f.documents[0]!.id))).toThrow(/x\.byline\.json: documents\.1\.id: another document of the file has the id/);
    expect(broken((f) => (f.documents[1]!.text = `\uFEFF${f.documents[1]!.text}`))).toThrow(
      'x.byline.json: documents.1.text: starts with a byte order mark, which a stored text never has',
    );
    expect(broken((f) => (f.documents[0]!.annotations[0]!.fragments = [{ start: 280, end: 290 }]))).toThrow(
      'x.byline.json: documents.0.annotations.0.fragments.0: 280–290 ends past the end of the text (286 characters)',
    );
    expect(broken((f) => (f.version = 0 as 1))).toThrow('x.byline.json: version: Invalid option: expected one of 1|2');
    expect(() => readExchange('[]', 'list.json')).toThrow('list.json is not a Byline exchange file: it holds a list, not an object.');
  });
});

describe('readExchangeStream', () => {
  it('yields the header, then each document as its line is read', async () => {
    const items = await collect(readExchangeStream(linesOf(read('two-articles.byline.json')), 'two-articles.byline.json'));
    const whole = readExchange(read('two-articles.byline.json'), 'two-articles.byline.json');
    const { documents, ...header } = whole;
    expect(items).toEqual([
      { type: 'header', header },
      { type: 'document', index: 0, document: documents[0] },
      { type: 'document', index: 1, document: documents[1] },
    ]);
  });

  it('reads a gzipped file through zlib and readline', async () => {
    const lines = createInterface({ input: createReadStream(fixture('two-articles.byline.json.gz')).pipe(createGunzip()), crlfDelay: Infinity });
    const items = await collect(readExchangeStream(lines, 'two-articles.byline.json.gz'));
    expect(items.map((i) => i.type)).toEqual(['header', 'document', 'document']);
  });

  it('streams the same layout with the spaces other JSON writers put in', async () => {
    const lines = read('two-articles.byline.json').split('\n');
    const spaced = [lines[0]!.replace(/,"documents":\[$/, ', "documents": ['), ...lines.slice(1, -2), '] }', ''].join('\n');
    let consumed = 0;
    const counted = (async function* () {
      for await (const line of linesOf(spaced)) {
        consumed++;
        yield line;
      }
    })();
    const types: string[] = [];
    for await (const item of readExchangeStream(counted, 'spaced.byline.json')) types.push(`${item.type} after ${consumed} lines`);
    expect(types).toEqual(['header after 1 lines', 'document after 2 lines', 'document after 3 lines']);
  });

  it('reads a file in another layout (pretty-printed) whole', async () => {
    const pretty = JSON.stringify(JSON.parse(read('two-articles.byline.json')), null, 2);
    const items = await collect(readExchangeStream(linesOf(pretty), 'pretty.byline.json'));
    expect(items.map((i) => i.type)).toEqual(['header', 'document', 'document']);
  });

  it('refuses a newer version from line 1, before reading any document', async () => {
    let read1 = 0;
    const lines = (async function* () {
      for (const line of read('newer-version.byline.json').split('\n')) {
        read1++;
        yield line;
      }
    })();
    await expect(collect(readExchangeStream(lines, 'n.byline.json'))).rejects.toThrow('n.byline.json was written by a newer Byline');
    expect(read1).toBe(1);
  });

  it.each([
    ['bad-hash.byline.json', /^bad-hash\.byline\.json: documents\.1\.sha256: does not match the text/],
    ['bad-quote.byline.json', 'bad-quote.byline.json: documents.0.annotations.1.quote: “the rumour was false” is not the text of its fragments'],
    ['cross-document-link.byline.json', 'cross-document-link.byline.json: documents.1.relations.0.toId: annotation 0190a1b2-c3d4-7066-8066-000000000066 is in documents.0, another document'],
    ['not-json.byline.json', /^not-json\.byline\.json, line 2: documents\.0 is not valid JSON/],
    ['cut-short.byline.json', 'cut-short.byline.json ends at line 3, before its list of documents is closed: the file is cut short.'],
  ])('refuses %s when it reaches the problem', async (name, message) => {
    await expect(collect(readExchangeStream(linesOf(read(name)), name))).rejects.toThrow(message);
  });

  it('refuses a line layout with a missing or extra comma', async () => {
    const lines = read('two-articles.byline.json').split('\n');
    const noComma = [lines[0], lines[1]!.slice(0, -1), ...lines.slice(2)].join('\n');
    await expect(collect(readExchangeStream(linesOf(noComma), 'c.json'))).rejects.toThrow('c.json, line 2: a comma is missing after documents.0.');
    const extraComma = [...lines.slice(0, 2), `${lines[2]},`, ...lines.slice(3)].join('\n');
    await expect(collect(readExchangeStream(linesOf(extraComma), 'c.json'))).rejects.toThrow('c.json, line 3: the last document is followed by a comma.');
  });
});

describe('schema/exchange.schema.json', () => {
  it('is what the zod schema generates', () => {
    const shipped = readFileSync(new URL('../../schema/exchange.schema.json', import.meta.url), 'utf8');
    expect(shipped, 'schema/exchange.schema.json is stale: run `node_modules/.bin/node build/exchange-schema.ts` to regenerate it').toBe(
      exchangeJsonSchemaText(),
    );
  });

  it('describes the documents, annotations and links the file has', () => {
    const schema = JSON.parse(exchangeJsonSchemaText()) as {
      required: string[];
      $defs: Record<string, { required: string[]; additionalProperties: boolean }>;
    };
    expect(schema.required).toEqual(['format', 'version', 'offsetUnit', 'exportedAt', 'exportedBy', 'labels', 'annotators', 'documents']);
    expect(Object.keys(schema.$defs).sort()).toEqual(['Annotation', 'Annotator', 'Document', 'Fragment', 'Label', 'Relation', 'Review']);
    expect(schema.$defs.Annotation!.required).toEqual([
      'id', 'annotatorId', 'labelId', 'fragments', 'quote', 'note', 'attributes', 'createdAt', 'updatedAt', 'externalRef', 'extras',
    ]);
    expect(schema.$defs.Document!.additionalProperties).toBe(false);
  });
});
