/**
 * Exact text in, exact text out, on a brat corpus of the repository's own (e2e/data/brat-quirks)
 * with the quirks real corpora have: a text field over several lines of the .ann, fields that
 * differ from the article only in whitespace or normalization, decomposed accents, CRLF, a byte
 * order mark, and real breakage. Imported into a real workspace and exported as brat, spaCy
 * JSONL and the exchange file, every text comes back byte for byte and every T line with its
 * offsets.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportOutcome } from '../../schema/api';
import { warningsOf } from '../../schema/import-warnings';
import { textHash } from '../../schema/text';
import { readExchange } from '../formats/exchange';
import { runImport } from '../import/run-import';
import { findImportUnits } from '../import/sources';
import { workspacesClosedAfterEach } from '../testing/workspace';
import { tempDir, testData } from '../testing/temp';
import { runExport, type ExportFormat } from './run-export';

const CORPUS = testData('brat-quirks');
const ARTICLES = ['bom', 'crlf', 'decomposed', 'mismatch', 'multiline', 'whitespace'];
const workspace = workspacesClosedAfterEach();

/** The .txt as Byline must store it: the file's text, only its BOM gone. */
const storedOf = (article: string) => readFileSync(join(CORPUS, `${article}.txt`), 'utf8').replace(/^\uFEFF/, '');
/** brat counted the BOM: offsets in bom.ann are one more than in the stored text. */
const shiftOf = (article: string) => (article === 'bom' ? 1 : 0);

interface TLine {
  id: string;
  label: string;
  start: number;
  end: number;
  /** The text field, continuation lines and all. */
  field: string;
}

/** T lines of a .ann file, a field's continuation lines (lines that start with no brat id) joined to it. */
function tLines(ann: string): TLine[] {
  const out: TLine[] = [];
  let last: TLine | null = null;
  for (const line of ann.split('\n')) {
    const m = /^(T\d+)\t(\S+) (\d+) (\d+)\t(.*)$/.exec(line);
    if (m) {
      last = { id: m[1]!, label: m[2]!, start: Number(m[3]), end: Number(m[4]), field: m[5]! };
      out.push(last);
    } else if (/^([TREAMN#]\d+|\*)\t/.test(line)) last = null;
    else if (last) last.field += `\n${line}`;
  }
  // The file's final newline is no continuation.
  for (const t of out) t.field = t.field.replace(/\n$/, '');
  return out;
}

/** The T lines the import keeps: all but those it must leave out (the real breakage of mismatch.ann). */
const LEFT_OUT: Record<string, string[]> = { mismatch: ['T3', 'T7'] };
const keptLines = (article: string) =>
  tLines(readFileSync(join(CORPUS, `${article}.ann`), 'utf8')).filter((t) => !(LEFT_OUT[article] ?? []).includes(t.id));

async function importCorpus() {
  const ws = workspace('Ana');
  const outcomes = await runImport(ws, await findImportUnits([CORPUS]), { annotator: 'Ana' });
  return { ws, outcomes };
}

async function exported(ws: ReturnType<typeof workspace>, format: ExportFormat, name: string): Promise<string> {
  const path = join(tempDir(), name);
  await runExport(ws, { format, path, scope: { kind: 'all' }, annotatorIds: null, onlyDone: false });
  return path;
}

const outcomeOf = (outcomes: ImportOutcome[], article: string) => outcomes.find((o) => o.source.endsWith(`/${article}.ann`))!;

describe('a brat corpus with the quirks of real ones', () => {
  it('imports every file, with the differences as warnings apart from failures, and only the broken lines left out', async () => {
    const { ws, outcomes } = await importCorpus();
    expect(outcomes.map((o) => o.status)).toEqual(ARTICLES.map(() => 'imported'));
    const warnings = (article: string) => warningsOf(outcomeOf(outcomes, article)).map((w) => [w.kind, w.line]);
    expect(warnings('bom')).toEqual([]);
    expect(warnings('crlf')).toEqual([['kept', 8]]);
    expect(warnings('decomposed')).toEqual([['kept', 6]]);
    expect(warnings('whitespace')).toEqual([
      ['kept', 3],
      ['kept', 6],
      ['kept', 8],
    ]);
    expect(warnings('mismatch')).toEqual([
      ['left out', 3],
      ['kept', 5],
      ['left out', 8],
      ['left out', 9],
    ]);
    for (const outcome of outcomes) {
      for (const w of warningsOf(outcome)) expect(w.message).toContain(`${outcome.source}, line ${w.line}`);
    }
    // What is stored: every text exactly, every kept T line at its offsets (less the BOM brat counted).
    for (const article of ARTICLES) {
      const text = storedOf(article);
      const row = ws.db.prepare('SELECT d.id, v.sha256 FROM documents d JOIN document_versions v ON v.document_id = d.id WHERE v.text = ?').get(text) as
        | { id: string; sha256: string }
        | undefined;
      expect(row, article).toBeDefined();
      expect(row!.sha256).toBe(textHash(text));
      const stored = ws.db
        .prepare(
          `SELECT a.external_ref AS ref, l.name AS label, f.start, f."end" FROM annotations a JOIN labels l ON l.id = a.label_id
           JOIN fragments f ON f.annotation_id = a.id WHERE a.document_id = ? ORDER BY f.start, a.external_ref`,
        )
        .all(row!.id) as Array<{ ref: string; label: string; start: number; end: number }>;
      const expected = keptLines(article).map((t) => ({ ref: t.id, label: t.label, start: t.start - shiftOf(article), end: t.end - shiftOf(article) }));
      expect(stored, article).toEqual(expected.sort((a, b) => a.start - b.start || a.ref.localeCompare(b.ref)));
    }
    expect(ws.db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(ARTICLES.length);
  });

  it('exports brat with every .txt byte for byte and every kept T line as it was, continuation lines included', async () => {
    const { ws } = await importCorpus();
    const out = await exported(ws, 'brat', 'brat-again');
    const files = readdirSync(out);
    const baseOfText = new Map(files.filter((f) => f.endsWith('.txt')).map((f) => [readFileSync(join(out, f), 'utf8'), f.slice(0, -4)]));
    for (const article of ARTICLES) {
      const base = baseOfText.get(storedOf(article));
      expect(base, `${article}.txt was not exported byte for byte`).toBeDefined();
      if (article !== 'bom') expect(readFileSync(join(out, `${base}.txt`))).toEqual(readFileSync(join(CORPUS, `${article}.txt`)));
      // The export orders T lines by offset; the ids and lines are what must survive.
      const byId = (a: TLine, b: TLine) => a.id.localeCompare(b.id, 'en', { numeric: true });
      const again = tLines(readFileSync(join(out, `${base}.ann`), 'utf8')).sort(byId);
      const expected = keptLines(article).map((t) => ({ ...t, start: t.start - shiftOf(article), end: t.end - shiftOf(article) }));
      expect(again, article).toEqual(expected.sort(byId));
    }
    // The same corpus from the export: the same texts and annotations, in a workspace of its own.
    const second = workspace('Ben');
    const outcomes = await runImport(second, await findImportUnits([out]), { annotator: 'Ana' });
    expect(outcomes.filter((o) => o.status === 'failed')).toEqual([]);
    const count = (w: typeof ws) => w.db.prepare('SELECT count(*) FROM annotations').pluck().get();
    expect(count(second)).toBe(count(ws));
    const texts = (w: typeof ws) => w.db.prepare('SELECT text FROM document_versions ORDER BY text').pluck().all();
    expect(texts(second)).toEqual(texts(ws));
  });

  it('exports spaCy JSONL and the exchange file with the exact texts and the same offsets', async () => {
    const { ws } = await importCorpus();
    const jsonl = readFileSync(await exported(ws, 'spacy-jsonl', 'corpus.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as {
      text: string;
      spans: Array<{ start: number; end: number; label: string }>;
    });
    const exchange = readExchange(readFileSync(await exported(ws, 'exchange', 'corpus.byline.json'), 'utf8'), 'corpus.byline.json');
    for (const article of ARTICLES) {
      const text = storedOf(article);
      const expected = keptLines(article)
        .map((t) => ({ start: t.start - shiftOf(article), end: t.end - shiftOf(article), label: t.label }))
        .sort((a, b) => a.start - b.start || a.end - b.end || a.label.localeCompare(b.label));
      const record = jsonl.find((r) => r.text === text);
      expect(record, `${article}: no spaCy record with its exact text`).toBeDefined();
      const spans = record!.spans.map(({ start, end, label }) => ({ start, end, label }));
      expect(spans.sort((a, b) => a.start - b.start || a.end - b.end || a.label.localeCompare(b.label)), article).toEqual(expected);

      const doc = exchange.documents.find((d) => d.text === text);
      expect(doc, `${article}: no exchange document with its exact text`).toBeDefined();
      expect(doc!.sha256).toBe(textHash(text));
      const labelName = new Map(exchange.labels.map((l) => [l.id, l.name]));
      const fragments = doc!.annotations
        .map((a) => ({ start: a.fragments[0]!.start, end: a.fragments.at(-1)!.end, label: labelName.get(a.labelId)! }))
        .sort((a, b) => a.start - b.start || a.end - b.end || a.label.localeCompare(b.label));
      expect(fragments, article).toEqual(expected);
    }
  });
});
