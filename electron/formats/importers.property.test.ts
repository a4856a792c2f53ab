import fc from 'fast-check';
import JSZip from 'jszip';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BylineError } from '../../schema/errors';
import { storedText } from '../../schema/text';
import { runImport } from '../import/run-import';
import { findImportUnits, unitPath } from '../import/sources';
import { Workspace } from '../store/workspace';
import { applyEdits, byteEdits, trickyText } from '../testing/arbitraries';
import { tempDir, testData } from '../testing/temp';
import { readArticleFile } from './articles';
import { parseAnn, parseAnnotationConf, writeAnn } from './brat';
import { annotationBratExtras, fitsTextField } from './brat-extras';
import { parseVisualLabels } from './brat-conf';
import { parseDataset } from './datasets';
import { authorName, cleanField, isoDate, webUrl } from './metadata';
import { decodeText } from './plain-text';
import type { ImportedDocument } from './types';

/*
 * Every importer, fed random bytes, random bytes in a plausible wrapper, and damaged copies of
 * the repository's valid test files: it either gives documents that hold together, or refuses
 * with a BylineError that names the file, and never with a bare TypeError or RangeError.
 */

/** Messages of JavaScript's own errors, which tell a person nothing about their file. */
const ENGINE_ERROR = /Cannot read propert|is not a function|is not iterable|Cannot convert|Maximum call stack|Invalid array length|Cannot destructure/;
/** A run that takes longer than this has gone wrong (the whole suite stays within seconds). */
const SLOW_MS = 3000;

function expectClearRefusal(error: unknown, source: string): void {
  if (!(error instanceof BylineError)) throw new Error(`not a BylineError but ${String(error)}`, { cause: error });
  expect(error.code).toBe('bad_input');
  expect(error.message).toContain(source);
  expect(error.message).not.toMatch(ENGINE_ERROR);
}

/** Documents an importer accepted: a stored text (no BOM), fragments inside it and in order, links between its annotations. */
function expectConsistent(doc: ImportedDocument): void {
  expect(storedText(doc.text)).toBe(doc.text);
  const length = Array.from(doc.text).length;
  const refs = new Set(doc.annotations.map((a) => a.ref));
  for (const annotation of doc.annotations) {
    expect(annotation.fragments.length).toBeGreaterThan(0);
    let previousEnd = 0;
    for (const { start, end } of annotation.fragments) {
      expect(Number.isInteger(start) && Number.isInteger(end)).toBe(true);
      expect(start).toBeGreaterThanOrEqual(previousEnd);
      expect(start).toBeLessThan(end);
      expect(end).toBeLessThanOrEqual(length);
      previousEnd = end;
    }
  }
  for (const relation of doc.relations) {
    expect(refs.has(relation.from), `relation ${relation.ref} from ${relation.from}`).toBe(true);
    expect(refs.has(relation.to), `relation ${relation.ref} to ${relation.to}`).toBe(true);
  }
}

/** Runs an importer: its documents must hold together, or its refusal must be clear; either way, in time. */
async function accepted(source: string, work: () => ImportedDocument | ImportedDocument[] | Promise<ImportedDocument | ImportedDocument[]>): Promise<boolean> {
  const started = performance.now();
  let result: ImportedDocument | ImportedDocument[];
  try {
    result = await work();
  } catch (error) {
    expectClearRefusal(error, source);
    return false;
  } finally {
    expect(performance.now() - started, `${source} took too long`).toBeLessThan(SLOW_MS);
  }
  for (const doc of Array.isArray(result) ? result : [result]) expectConsistent(doc);
  return true;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const damaged = (valid: Uint8Array) => byteEdits.map((edits) => applyEdits(valid, edits));
const damagedText = (valid: string) => damaged(utf8(valid)).map((bytes) => new TextDecoder().decode(bytes));
const anyBytes = fc.uint8Array({ maxLength: 300 });
const BOMS = [[0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]].map((b) => Uint8Array.from(b));
const withBom = fc.tuple(fc.constantFrom(...BOMS), anyBytes).map(([bom, rest]) => Uint8Array.from([...bom, ...rest]));
const utf16 = trickyText().map((text) => Uint8Array.from([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]));
const repo = (name: string) => new Uint8Array(readFileSync(testData(name)));

/** Words and the characters that give a parser's grammar trouble. */
const syntax = (...extra: string[]) =>
  fc.string({ unit: fc.oneof(fc.constantFrom(...extra, ' ', '\n', '\t', ':', '-', '"', "'", '\\'), trickyText(2)), maxLength: 60 });

/** Integers as a file may hold them: small, negative, past any text, beyond exactness, or not integers. */
const offset = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: -2, max: 60 }) },
  { weight: 1, arbitrary: fc.constantFrom(2 ** 53 + 1, 1e21, -0, 0.5, Number.MAX_SAFE_INTEGER) },
  { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 3 }), fc.constant(null), fc.boolean()) },
);

describe('article importers fed random and damaged bytes', () => {
  it('plain text (.txt): decodes or refuses', async () => {
    const valid = ['formats/utf16le-bom.txt', 'formats/windows-1252-article.txt', 'unicode-crlf.txt'].map(repo);
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyBytes, withBom, utf16, trickyText().map(utf8), fc.constantFrom(...valid).chain(damaged)), async (bytes) => {
        await accepted('fuzz.txt', () => readArticleFile('fuzz.txt', bytes));
      }),
      { numRuns: 200 },
    );
  });

  it('Markdown (.md), with and without front matter', async () => {
    const frontMatter = fc
      .tuple(syntax('title', 'date', 'author', '[', ']', '{', '}', '&', '*', '!', '|', '>', '%', '@'), trickyText())
      .map(([yaml, body]) => utf8(`---\n${yaml}\n---\n${body}`));
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyBytes, frontMatter, syntax('#', '*', '_', '[', ']', '(', ')', '`', '|', '>', '<', '!').map(utf8), damaged(repo('formats/bayside-ferry-explainer.md'))), async (bytes) => {
        await accepted('fuzz.md', () => readArticleFile('fuzz.md', bytes));
      }),
      { numRuns: 120 },
    );
  });

  it('web pages (.html), with any declared character set', async () => {
    const charset = fc.constantFrom('utf-8', 'utf-16', 'utf-16be', 'iso-2022-jp', 'shift_jis', 'gb18030', 'x-user-defined', 'replacement', 'utf-7', 'bogus');
    const page = fc.tuple(charset, trickyText(), anyBytes).map(([cs, title, body]) =>
      Uint8Array.from([...utf8(`<html><head><meta charset="${cs}"><title>${title}</title></head><body><article><p>`), ...body, ...utf8('</p></article></body></html>')]),
    );
    const valid = ['formats/harbor-gazette-ferry.html', 'formats/lakeside-tribune-windows-1252.html'].map(repo);
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyBytes, page, fc.constantFrom(...valid).chain(damaged)), async (bytes) => {
        await accepted('fuzz.html', () => readArticleFile('fuzz.html', bytes));
      }),
      { numRuns: 60 },
    );
  });

  describe('Word documents (.docx)', () => {
    let valid: Uint8Array;
    beforeAll(async () => {
      valid = await docx(utf8(documentXml('<w:p><w:r><w:t>Officials said the vote would slip.</w:t></w:r></w:p>')));
    });

    it('a real archive whose document part is random or damaged', async () => {
      const part = fc.oneof(
        anyBytes,
        trickyText().map((text) => utf8(documentXml(`<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`))),
        damaged(utf8(documentXml('<w:p><w:r><w:t>Officials said</w:t><w:br/><w:tab/></w:r></w:p>'))),
      );
      await fc.assert(
        fc.asyncProperty(part, async (bytes) => {
          await accepted('fuzz.docx', async () => readArticleFile('fuzz.docx', await docx(bytes)));
        }),
        // Found by this property: mammoth's TypeError ("Cannot read properties of null (reading
        // 'tagName')") on a document part that is not XML reached the person as the reason.
        { numRuns: 40, examples: [[Uint8Array.from([0])]] },
      );
    });

    it('random bytes, and a valid archive damaged', async () => {
      const zipHeader = anyBytes.map((rest) => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...rest]));
      await fc.assert(
        fc.asyncProperty(fc.oneof(anyBytes, zipHeader, byteEdits.map((edits) => applyEdits(valid, edits))), async (bytes) => {
          await accepted('fuzz.docx', () => readArticleFile('fuzz.docx', bytes));
        }),
        { numRuns: 100 },
      );
    });
  });
});

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const documentXml = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`;

/** The smallest package mammoth reads, with `documentPart` as word/document.xml, stored uncompressed. */
async function docx(documentPart: Uint8Array): Promise<Uint8Array> {
  const zip = new JSZip();
  const date = new Date('2024-03-05T12:00:00Z');
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    { date },
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    { date },
  );
  zip.file('word/document.xml', documentPart, { date });
  return zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
}

/**
 * A document read from a .ann file: the .txt's own text, every warning about a line of the file
 * (naming the file and the line), and every annotation's text what its T line says, but for
 * whitespace and normalization where the line's own text field is kept. Written back and read
 * again, it leaves out no line and has the same spans.
 */
function expectBratDocument(doc: ImportedDocument, annText: string, docRaw: string): void {
  expect(doc.text).toBe(storedText(docRaw));
  const lines = annText.replace(/^\uFEFF/, '').split('\n');
  if (doc.warnings !== undefined) expect(doc.warnings.length).toBeGreaterThan(0);
  for (const warning of doc.warnings ?? []) {
    expect(['kept', 'left out']).toContain(warning.kind);
    expect(Number.isInteger(warning.line) && warning.line! >= 1 && warning.line! <= lines.length, warning.message).toBe(true);
    expect(warning.message.startsWith(`fuzz.ann, line ${warning.line}: `), warning.message).toBe(true);
    expect(warning.message.endsWith(warning.kind === 'left out' ? '; the line is left out.' : '.'), warning.message).toBe(true);
    expect(warning.message).not.toMatch(ENGINE_ERROR);
  }
  const points = Array.from(doc.text);
  expect(new Set(doc.annotations.map((a) => a.ref)).size).toBe(doc.annotations.length);
  for (const annotation of doc.annotations) {
    const brat = annotationBratExtras(annotation.extras);
    const order = brat.fragmentOrder ?? annotation.fragments.map((_, i) => i);
    const quote = order.map((k) => points.slice(annotation.fragments[k]!.start, annotation.fragments[k]!.end).join('')).join(' ');
    // The first line with the annotation's id is its T line (a second one is left out).
    const line = lines.find((l) => l.startsWith(`${annotation.ref}\t`))!;
    expect(line, annotation.ref).toBeDefined();
    const fields = line.replace(/\r$/, '').split('\t');
    const field = fields.length > 2 ? fields.slice(2).join('\t') : '';
    if (brat.textField !== undefined) {
      expect(fitsTextField(brat.textField, quote), `${annotation.ref}: “${brat.textField}” for “${quote}”`).toBe(true);
      expect(`${brat.textField}${brat.textTail ?? ''}`.split('\n')[0]!.replace(/\r$/, '')).toBe(field);
    } else if (field.trim() !== '') {
      expect(field, annotation.ref).toBe(`${quote.replace(/\r\n|\r|\n/g, ' ')}${brat.textTail ?? ''}`);
    }
  }
  const again = parseAnn(writeAnn(doc), doc.text, { source: 'fuzz.ann', annotator: null });
  expect(again.warnings?.filter((w) => w.kind === 'left out') ?? []).toEqual([]);
  // (With the same labels and spans; an id brat-write does not keep, such as "T0T1", is given a fresh one.)
  expect(again.annotations.map((a) => [a.label, a.fragments])).toEqual(doc.annotations.map((a) => [a.label, a.fragments]));
}

describe('brat importers fed random and damaged lines', () => {
  const id = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom('T', 'R', 'E', 'A', 'M', 'N', '#'), fc.integer({ min: 1, max: 4 })).map(([k, n]) => `${k}${n}`) },
    { weight: 1, arbitrary: fc.constantFrom('*', 'X1', 'T', '', 'T1 ') },
  );
  const token = fc.oneof(
    id,
    fc.constantFrom('Claim', 'Source', 'Arg1:T1', 'Arg2:T2', 'Claim:T1', 'Source:E1', 'Wikidata:Q1', ';', 'AnnotatorNotes'),
    offset.map(String),
    trickyText(3),
  );
  const line = fc
    .tuple(id, fc.array(token, { maxLength: 5 }), fc.option(trickyText(6)))
    .map(([lineId, data, tail]) => `${lineId}\t${data.join(' ')}${tail === null ? '' : `\t${tail}`}`);
  const ann = fc.tuple(fc.array(line, { maxLength: 8 }), fc.constantFrom('\n', '\r\n')).map(([lines, end]) => lines.join(end));
  const everyLine = readFileSync(testData('brat/every-line.ann'), 'utf8');
  const everyLineText = readFileSync(testData('brat/every-line.txt'), 'utf8');

  it('.ann against its .txt: imported consistently, each line it left out or read with a difference named with its reason', async () => {
    const against = fc.oneof(
      fc.tuple(fc.oneof(ann, fc.string({ unit: 'binary', maxLength: 80 })), trickyText()),
      fc.tuple(damagedText(everyLine), fc.oneof(fc.constant(everyLineText), damagedText(everyLineText))),
    );
    await fc.assert(
      fc.asyncProperty(against, async ([annText, docRaw]) => {
        // A damaged line costs only that line (and what needs it); the file is refused only when
        // not one of its spans fits.
        const started = performance.now();
        let doc: ReturnType<typeof parseAnn>;
        try {
          doc = parseAnn(annText, docRaw, { source: 'fuzz.ann', annotator: null });
        } catch (error) {
          expectClearRefusal(error, 'fuzz.ann');
          expect((error as Error).message).toMatch(/^fuzz\.ann: (its one span does not|none of its \d+ spans) fit the article beside it/);
          return;
        } finally {
          expect(performance.now() - started, 'fuzz.ann took too long').toBeLessThan(SLOW_MS);
        }
        expectConsistent(doc);
        expectBratDocument(doc, annText, docRaw);
      }),
      { numRuns: 5000 },
    );
  });

  it('annotation.conf and visual.conf: labels or a clear refusal', () => {
    const conf = readFileSync(testData('brat/annotation.conf'), 'utf8');
    const confLine = fc.oneof(
      fc.constantFrom('[entities]', '[relations]', '[events]', '[attributes]', '[labels]', '<PARTY>=Source|Claim', '!Group', '---'),
      syntax('<', '>', '|', ',', '!', '=', '[', ']', 'Arg1', 'Value', 'Claim', '<ENTITY>', '<PARTY>'),
    );
    fc.assert(
      fc.property(fc.oneof(fc.array(confLine, { maxLength: 12 }).map((l) => l.join('\n')), damagedText(conf)), (text) => {
        try {
          for (const label of parseAnnotationConf(text, 'annotation.conf')) {
            expect(label.name).not.toBe('');
            expect(['span', 'relation']).toContain(label.kind);
          }
        } catch (error) {
          expectClearRefusal(error, 'annotation.conf');
        }
        for (const [type, name] of parseVisualLabels(text)) expect(type !== '' && name !== '').toBe(true);
      }),
      // Found by this property: a CR inside a line, or a type of only "|", threw a TypeError; an
      // argument without a name (":") made a link type named "".
      { numRuns: 300, examples: [['[entities]\na a\ra'], ['[entities]\n||'], ['[relations]\nR\u2028Arg1:A'], ['[events]\na :']] },
    );
  });

  it('the .txt beside an .ann: decoded or refused (brat reads it without the article checks)', () => {
    fc.assert(
      fc.property(fc.oneof(anyBytes, withBom, utf16), (bytes) => {
        try {
          expect(typeof decodeText(bytes, 'fuzz.txt')).toBe('string');
        } catch (error) {
          expectClearRefusal(error, 'fuzz.txt');
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('dataset importers (doccano, Prodigy, spaCy, Label Studio) fed random records', () => {
  const text = fc.oneof({ weight: 4, arbitrary: trickyText() }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) });
  const label = fc.oneof(fc.constantFrom('Claim', 'Source', ''), fc.jsonValue({ maxDepth: 1 }));
  const loose = { requiredKeys: [] as never[] };
  const entity = fc.record({ id: fc.oneof(fc.nat(3), fc.string({ maxLength: 2 })), label, start_offset: offset, end_offset: offset }, loose);
  const span = fc.record(
    { start: offset, end: offset, label, text: fc.oneof(trickyText(4), fc.constant(null)), token_start: offset, token_end: offset, byline_id: fc.string({ maxLength: 3 }) },
    loose,
  );
  const relation = fc.record(
    { id: fc.nat(3), from_id: fc.nat(3), to_id: fc.nat(3), type: label, label, head: offset, child: offset, head_span: span, child_span: span },
    loose,
  );
  const region = fc.record(
    {
      id: fc.oneof(fc.constantFrom('r1', 'r2'), fc.nat(2)),
      type: fc.constantFrom('labels', 'relation', 'choices', 'textarea', 'rating', 'number', 'rectanglelabels', 'taxonomy'),
      value: fc.record(
        { start: offset, end: offset, text: trickyText(4), labels: fc.array(label, { maxLength: 2 }), choices: fc.array(label, { maxLength: 2 }), rating: offset, number: offset },
        loose,
      ),
      from_id: fc.constantFrom('r1', 'r2', 'r3'),
      to_id: fc.constantFrom('r1', 'r2', 'r3'),
      direction: fc.constantFrom('left', 'right', 'bi', 5),
      labels: fc.array(label, { maxLength: 2 }),
      from_name: fc.oneof(fc.constantFrom('label', 'kind', 'note'), fc.jsonValue({ maxDepth: 0 })),
    },
    loose,
  );
  const record = fc.record(
    {
      text,
      label: fc.array(fc.oneof(fc.tuple(offset, offset, label), fc.jsonValue({ maxDepth: 1 })), { maxLength: 3 }),
      labels: fc.array(fc.oneof(fc.tuple(offset, offset, label), label), { maxLength: 3 }),
      entities: fc.array(fc.oneof(entity, fc.jsonValue({ maxDepth: 0 })), { maxLength: 3 }),
      relations: fc.array(fc.oneof(relation, fc.jsonValue({ maxDepth: 0 })), { maxLength: 2 }),
      spans: fc.oneof(fc.array(fc.oneof(span, fc.jsonValue({ maxDepth: 0 })), { maxLength: 3 }), fc.jsonValue({ maxDepth: 0 })),
      meta: fc.record({ offset_unit: fc.oneof(fc.constantFrom('utf16', 'code_point', 'bytes'), fc.jsonValue({ maxDepth: 0 })), title: label }, loose),
      answer: fc.constantFrom('accept', 'reject', 'ignore', 1),
      _input_hash: fc.integer(),
      _annotator_id: fc.oneof(fc.string({ maxLength: 4 }), fc.nat()),
      data: fc.record({ text, title: label }, loose),
      annotations: fc.array(
        fc.oneof(
          fc.record({ result: fc.array(fc.oneof(region, fc.jsonValue({ maxDepth: 0 })), { maxLength: 4 }), was_cancelled: fc.boolean(), completed_by: fc.jsonValue({ maxDepth: 1 }) }, loose),
          fc.jsonValue({ maxDepth: 0 }),
        ),
        { maxLength: 2 },
      ),
    },
    loose,
  );
  const jsonl = fc.array(record, { minLength: 1, maxLength: 3 }).map((records) => records.map((r) => JSON.stringify(r)).join('\n'));
  const labelStudio = fc.array(record, { minLength: 1, maxLength: 3 }).map((records) => JSON.stringify(records, null, 2));
  const valid = ['datasets/doccano.jsonl', 'datasets/prodigy.jsonl', 'datasets/label-studio.json'].map((name) => readFileSync(testData(name), 'utf8'));

  it('JSONL and JSON: documents that hold together, or a refusal naming the file', async () => {
    const content = fc.oneof(
      { weight: 4, arbitrary: jsonl },
      { weight: 2, arbitrary: labelStudio },
      { weight: 1, arbitrary: fc.json() },
      { weight: 1, arbitrary: syntax('{', '}', '[', ']', ',', '"text"', 'null', '1e999') },
      { weight: 2, arbitrary: fc.constantFrom(...valid).chain(damagedText) },
    );
    await fc.assert(
      fc.asyncProperty(content, async (file) => {
        await accepted('fuzz.jsonl', () => parseDataset(file, 'fuzz.jsonl'));
      }),
      { numRuns: 400 },
    );
  });
});

describe('metadata cleaning fed anything', () => {
  it('gives a one-line field, an ISO date and an http(s) URL, or null, and never throws', () => {
    const value = fc.oneof(
      fc.anything({ withDate: true, withNullPrototype: true, withBoxedValues: true }),
      trickyText(),
      fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toUTCString())),
      fc.date({ noInvalidDate: false }),
      fc.constantFrom('2024-02-30', '2024', '0000-01-01', 'March 5, 2024', 'javascript:alert(1)', 'http://x', 'By https://x.example/me'),
    );
    fc.assert(
      fc.property(value, (v) => {
        const field = cleanField(v);
        if (field !== null) expect(field).toMatch(/^\S(.*\S)?$/s);
        const author = authorName(v);
        if (author !== null) expect(author).not.toBe('');
        const date = isoDate(v);
        if (date !== null) {
          expect(date).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?(T.*)?$/);
          expect(Number.isNaN(Date.parse(date.length === 4 ? `${date}-01-01` : date))).toBe(false);
        }
        const url = webUrl(v);
        if (url !== null) expect(new URL(url).protocol).toMatch(/^https?:$/);
      }),
      // Found by this property: a date in year 10000 came out as "+010000-01-01T00:00:00.000Z" or
      // "10000-01-01", which are not the ISO dates the field promises.
      { numRuns: 500, examples: [['Sat, 01 Jan 10000 00:00:00 GMT'], ['January 1, 10000'], [new Date(Date.UTC(10000, 0, 1))]] },
    );
  });
});

describe('runImport over a folder of random files', () => {
  let ws: Workspace;
  beforeAll(() => {
    ws = Workspace.open(join(tempDir(), 'ws.sqlite'), { userName: 'Me' });
  });
  afterAll(() => ws.close());

  it('reports every file as imported, already there, or failed with a reason that names it', async () => {
    const files = fc.record({
      'article.txt': fc.oneof(anyBytes, trickyText().map(utf8)),
      'article.md': fc.oneof(anyBytes, trickyText().map(utf8)),
      'page.html': anyBytes,
      'letter.docx': anyBytes,
      'brat.txt': trickyText().map(utf8),
      'brat.ann': fc.oneof(anyBytes, fc.constantFrom('T1\tClaim 0 1\t', 'T1\tClaim 0 99\tx', 'R1\tr Arg1:T1 Arg2:T1').map(utf8)),
      'annotation.conf': fc.oneof(anyBytes, fc.constant(utf8('[entities]\nClaim\n<X>\n'))),
      'data.jsonl': fc.oneof(anyBytes, fc.json().map(utf8)),
      'colleague.byline.json': fc.oneof(anyBytes, fc.json().map(utf8)),
      'colleague2.byline.json.gz': fc.oneof(anyBytes, anyBytes.map((b) => new Uint8Array(gzipSync(b)))),
    });
    await fc.assert(
      fc.asyncProperty(files, async (contents) => {
        const folder = join(tempDir(), 'import');
        mkdirSync(folder);
        for (const [name, bytes] of Object.entries(contents)) writeFileSync(join(folder, name), bytes);
        const units = await findImportUnits([folder]);
        const outcomes = await runImport(ws, units, { annotator: 'Me' });
        expect(outcomes).toHaveLength(units.length);
        outcomes.forEach((outcome, i) => {
          expect(outcome.source).toBe(unitPath(units[i]!));
          expect(['imported', 'duplicate', 'failed']).toContain(outcome.status);
          if (outcome.status !== 'failed') return;
          // A brat layer's reason may be about its .txt or annotation.conf: it names that file.
          const unit = units[i]!;
          const files = unit.kind === 'brat' ? [unit.ann, unit.txt, unit.conf] : [unit.path];
          expect(files.some((file) => file !== null && outcome.reason.startsWith(file)), outcome.reason).toBe(true);
          expect(outcome.reason).not.toMatch(ENGINE_ERROR);
          // The files exist and are readable: only a damaged gzip stream may fail "could not be read" (zlib's reason).
          if (outcome.reason.startsWith(`${outcome.source} could not be read:`)) expect(outcome.source.endsWith('.gz')).toBe(true);
        });
        expect(ws.db.inTransaction).toBe(false);
      }),
      { numRuns: 25, plugins: [fc.timeout(10_000)] },
    );
  }, 60_000);
});
