/**
 * Export (issue 5), as a person does it: the library's Export… dialog, the OS save dialog
 * answered with a real path, the report, and the files on disk; then the same choices through
 * the `byline` command line, which must write the same bytes.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type BylineApp } from './support/app';
import { expectSelected, tagWithHotkey } from './support/article';
import { goToLibrary, importFiles, openArticle } from './support/library';

const SAMPLE = 'Harbor city weighs bridge toll as repair bill climbs';
const UNICODE = 'Emoji, accents and a tricky byline 👍';
const BRIDGE = 'Bridge';
/** Two articles: Ana's layer on the Unicode one (a discontinuous span, a link), Ben's on "Bridge". */
const TWO_ARTICLES = resolve('e2e/data/exchange/two-articles.byline.json');

const CSV_HEADER = [
  'document_id',
  'title',
  'outlet',
  'published',
  'annotation_id',
  'label',
  'start_code_point',
  'end_code_point',
  'fragments',
  'quote',
  'note',
  'attributes',
  'annotator',
  'links',
] as const;

// ---------------------------------------------------------------------------------------------
// Seeding the workspace through the UI

/**
 * The built-in sample article with two of my own tags and a link (made in the annotate view),
 * plus Ana's and Ben's layers imported from an exchange file: three articles, three layers.
 */
async function seedThreeLayers(app: BylineApp): Promise<void> {
  const { page } = app;
  await openArticle(app, SAMPLE);
  await tagWithHotkey(page, 'Marisol Ferreira', '2');
  await expectSelected(page, 'Source', 'Marisol Ferreira');
  await tagWithHotkey(page, 'We are patching a structure', '1');
  await expectSelected(page, 'Claim', 'We are patching a structure');
  await page.keyboard.press('l');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Links' })).toContainText('attributed to “Marisol Ferreira”');

  const report = await importFiles(app, [TWO_ARTICLES]);
  await expect(report).toContainText('Imported');
  await page.getByRole('button', { name: 'Close report' }).click();
  await expect(page.getByRole('table', { name: 'Articles' }).getByRole('link')).toHaveCount(3);
}

// ---------------------------------------------------------------------------------------------
// Exporting through the dialog

type FormatTitle =
  | 'Byline exchange file (.byline.json): everything, for colleagues'
  | 'Prodigy JSONL: tasks with tokens'
  | 'CSV, one row per annotation';

/** Opens the library's Export dialog (closing an earlier report first). */
async function openExportDialog(app: BylineApp): Promise<Locator> {
  const { page } = app;
  await goToLibrary(app);
  const earlier = page.getByRole('region', { name: /^Export (finished|failed|canceled)$/ });
  if (await earlier.isVisible()) await earlier.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/**
 * Exports through the dialog: the format, whatever `choose` sets (articles, layers), then
 * Export…, the save dialog answering `path`. Returns the report that appears.
 */
async function exportThroughDialog(
  app: BylineApp,
  format: FormatTitle,
  path: string,
  choose: (dialog: Locator) => Promise<void> = async () => {},
): Promise<Locator> {
  const dialog = await openExportDialog(app);
  await dialog.getByRole('combobox', { name: 'Format' }).selectOption({ label: format });
  await choose(dialog);
  await app.answerSaveDialog(path);
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog).toBeHidden();
  const report = app.page.getByRole('region', { name: /^Export (finished|failed|canceled)$/ });
  await expect(report).toBeVisible({ timeout: 30_000 });
  return report;
}

/** Waits for "Export finished" and checks its sentence. */
async function expectFinished(report: Locator, counts: { articles: number; annotations: number; links: number }, path: string) {
  await expect(report).toHaveAccessibleName('Export finished');
  await expect(report.getByRole('status')).toHaveText(
    `Exported ${counts.articles} ${counts.articles === 1 ? 'article' : 'articles'}, ${counts.annotations} annotations and ${counts.links} links to ${path}.`,
  );
}

/** Unchecks these layers in "Whose annotations" (the others stay checked). */
function withoutLayers(...names: Array<'Me (you)' | 'Ana' | 'Ben'>) {
  return async (dialog: Locator) => {
    const layers = dialog.getByRole('group', { name: 'Whose annotations' });
    await expect(layers.getByRole('checkbox')).toHaveCount(3);
    for (const name of names) await layers.getByRole('checkbox', { name, exact: true }).uncheck();
  };
}

// ---------------------------------------------------------------------------------------------
// The `byline` command line

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `byline` as `npx byline` does: bin/byline.mjs on the runner's Node, which is the project's
 * Node 24 (never /usr/bin/node, which is older).
 */
function byline(...args: string[]): CliRun {
  expect(Number(process.versions.node.split('.')[0]), `the runner's Node (${process.execPath})`).toBeGreaterThanOrEqual(24);
  const run = spawnSync(process.execPath, ['bin/byline.mjs', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function expectSuccess(run: CliRun): void {
  expect(run.stderr, 'byline wrote nothing on stderr').toBe('');
  expect(run.status).toBe(0);
}

// ---------------------------------------------------------------------------------------------
// Reading what was written

interface ProdigySpan {
  start: number;
  end: number;
  text: string;
  label: string;
  token_start?: number;
  token_end?: number;
  byline_id: string;
  annotator: string;
}

interface ProdigyLine {
  text: string;
  spans: ProdigySpan[];
  tokens: { text: string; start: number; end: number; id: number }[];
  relations: {
    head: number;
    child: number;
    head_span: { byline_id: string };
    child_span: { byline_id: string };
    label: string;
    annotator: string;
  }[];
  _annotator_id?: string;
  meta: { id: string; title: string; offset_unit: string; annotators: string[] };
}

type CsvRow = Record<(typeof CSV_HEADER)[number], string>;

/** `text` from code point `start` to code point `end`, as every export counts offsets. */
const codePoints = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join('');

function readProdigy(path: string): ProdigyLine[] {
  const content = readFileSync(path, 'utf8');
  expect(content.endsWith('\n'), 'the JSONL file ends with a line end').toBe(true);
  return content
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as ProdigyLine);
}

function readCsv(path: string): { header: string[]; rows: CsvRow[] } {
  const bytes = readFileSync(path);
  expect([...bytes.subarray(0, 3)], 'the CSV starts with a UTF-8 byte order mark').toEqual([0xef, 0xbb, 0xbf]);
  const content = bytes.subarray(3).toString('utf8');
  expect(content.endsWith('\r\n'), 'CRLF line ends').toBe(true);
  expect(content.replace(/\r\n/g, ''), 'no bare LF or CR line ends').not.toMatch(/[\r\n]/);
  const [header, ...records] = parse(content, { relax_column_count: false }) as string[][];
  return {
    header: header!,
    rows: records.map((cells) => Object.fromEntries(CSV_HEADER.map((column, i) => [column, cells[i]!])) as CsvRow),
  };
}

/** The workspace's annotations, with texts, fragments and layer, by id. */
function storedAnnotations(app: BylineApp) {
  const rows = app.query<{ id: string; document_id: string; label: string; annotator: string; quote: string; fragments: string }>(
    `SELECT a.id, a.document_id, l.name AS label, p.name AS annotator, a.quote,
            (SELECT json_group_array(json_array(start, "end")) FROM (SELECT start, "end" FROM fragments WHERE annotation_id = a.id ORDER BY seq)) AS fragments
     FROM annotations a JOIN labels l ON l.id = a.label_id JOIN annotators p ON p.id = a.annotator_id`,
  );
  return new Map(rows.map((r) => [r.id, { ...r, fragments: JSON.parse(r.fragments) as [number, number][] }]));
}

function storedTexts(app: BylineApp): Map<string, string> {
  const rows = app.query<{ id: string; text: string }>(
    'SELECT d.id, v.text FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.version = d.version',
  );
  return new Map(rows.map((r) => [r.id, r.text]));
}

/**
 * Every span of a Prodigy export is the text at its code point offsets, sits on its tokens, and
 * together with the others of its annotation is exactly that annotation's fragments.
 */
function expectProdigyMatchesWorkspace(app: BylineApp, lines: ProdigyLine[]): void {
  const stored = storedAnnotations(app);
  const texts = storedTexts(app);
  for (const line of lines) {
    expect(line.meta.offset_unit).toBe('code_point');
    expect(line.text).toBe(texts.get(line.meta.id));
    for (const token of line.tokens) expect(codePoints(line.text, token.start, token.end)).toBe(token.text);
    for (const span of line.spans) {
      expect(codePoints(line.text, span.start, span.end), `span ${span.byline_id}`).toBe(span.text);
      if (span.token_start !== undefined) {
        expect(line.tokens[span.token_start]!.start).toBe(span.start);
        expect(line.tokens[span.token_end!]!.end).toBe(span.end);
      }
      const annotation = stored.get(span.byline_id);
      expect(annotation, `span ${span.byline_id} is an annotation of the workspace`).toBeDefined();
      expect([annotation!.document_id, annotation!.label, annotation!.annotator]).toEqual([line.meta.id, span.label, span.annotator]);
    }
    const byAnnotation = Map.groupBy(line.spans, (s) => s.byline_id);
    for (const [id, spans] of byAnnotation) {
      const annotation = stored.get(id)!;
      expect(spans.map((s) => [s.start, s.end])).toEqual(annotation.fragments);
      expect(spans.map((s) => s.text).join(' ')).toBe(annotation.quote);
    }
  }
}

/** Every CSV row is an annotation of the workspace whose quote is the text at its offsets. */
function expectCsvMatchesWorkspace(app: BylineApp, rows: CsvRow[]): void {
  const stored = storedAnnotations(app);
  const texts = storedTexts(app);
  for (const row of rows) {
    const annotation = stored.get(row.annotation_id);
    expect(annotation, `row ${row.annotation_id} is an annotation of the workspace`).toBeDefined();
    const text = texts.get(row.document_id)!;
    const fragments = row.fragments
      ? row.fragments.split(';').map((f) => f.split('-').map(Number) as [number, number])
      : [[Number(row.start_code_point), Number(row.end_code_point)] as [number, number]];
    expect(fragments).toEqual(annotation!.fragments);
    expect([Number(row.start_code_point), Number(row.end_code_point)]).toEqual([fragments[0]![0], fragments.at(-1)![1]]);
    expect(fragments.map(([start, end]) => codePoints(text, start, end)).join(' '), `row ${row.annotation_id}`).toBe(row.quote);
    expect([row.label, row.annotator, row.document_id]).toEqual([annotation!.label, annotation!.annotator, annotation!.document_id]);
  }
}

function tempFolder(): string {
  return mkdtempSync(join(tmpdir(), 'byline-export-e2e-'));
}

// ---------------------------------------------------------------------------------------------

test('exports Prodigy JSONL, CSV and the exchange file from the dialog; `byline export` writes the same bytes', async ({ app }) => {
  test.slow(); // several exports from the dialog, each made again by starting the command line
  await seedThreeLayers(app);
  const folder = tempFolder();
  const all = { articles: 3, annotations: 8, links: 3 };
  expect(app.query('SELECT count(*) AS n FROM annotations')).toEqual([{ n: all.annotations }]);

  // Prodigy JSONL.
  const jsonl = join(folder, 'all.jsonl');
  await expectFinished(await exportThroughDialog(app, 'Prodigy JSONL: tasks with tokens', jsonl), all, jsonl);
  const lines = readProdigy(jsonl);
  expect(lines.map((l) => l.meta.title).sort()).toEqual([BRIDGE, UNICODE, SAMPLE].sort());
  expect(lines.flatMap((l) => l.spans.map((s) => s.byline_id))).toHaveLength(all.annotations + 1); // one annotation has two fragments
  expectProdigyMatchesWorkspace(app, lines);
  // Emoji, a ZWJ sequence, a combining mark and a flag, counted in code points.
  const unicode = lines.find((l) => l.meta.title === UNICODE)!;
  expect(unicode.spans.map((s) => [s.label, s.text])).toEqual([
    ['Source', 'The café owner 👩‍💻'],
    ['Claim', 'the rumor was false'],
    ['Quote marker', 'n̈ on some maps) 🇺🇦'],
    ['Anonymous attribution', 'Officials'],
    ['Anonymous attribution', 'on condition of anonymity'],
  ]);
  expect(unicode.spans.find((s) => s.label === 'Quote marker')).toMatchObject({ start: 147, end: 166 });
  // Ana's link: the claim (head) is attributed to the café owner (child).
  expect(unicode.relations.map((r) => [r.label, r.annotator, r.head_span.byline_id, r.child_span.byline_id])).toEqual([
    ['attributed to', 'Ana', unicode.spans[1]!.byline_id, unicode.spans[0]!.byline_id],
  ]);
  const sample = lines.find((l) => l.meta.title === SAMPLE)!;
  expect(sample._annotator_id).toBe('Me');
  expect(sample.spans.map((s) => [s.label, s.text])).toEqual([
    ['Source', 'Marisol Ferreira'],
    ['Claim', 'We are patching a structure'],
  ]);
  expect(sample.relations.map((r) => [r.label, r.head_span.byline_id, r.child_span.byline_id])).toEqual([
    ['attributed to', sample.spans[1]!.byline_id, sample.spans[0]!.byline_id],
  ]);

  // CSV, one row per annotation.
  const csv = join(folder, 'all.csv');
  await expectFinished(await exportThroughDialog(app, 'CSV, one row per annotation', csv), all, csv);
  const { header, rows } = readCsv(csv);
  expect(header).toEqual([...CSV_HEADER]);
  expect(rows).toHaveLength(all.annotations);
  expectCsvMatchesWorkspace(app, rows);
  const anonymous = rows.find((r) => r.label === 'Anonymous attribution')!;
  expect([anonymous.fragments, anonymous.quote, anonymous.annotator]).toEqual(['202-211;222-247', 'Officials on condition of anonymity', 'Ana']);
  const bridgeClaim = rows.find((r) => r.title === BRIDGE && r.label === 'Claim')!;
  const bridgeSource = rows.find((r) => r.title === BRIDGE && r.label === 'Source')!;
  expect(bridgeClaim.links).toBe(`attributed to → ${bridgeSource.annotation_id} “Officials”`);
  expect(bridgeSource.links).toBe(`attributed to ← ${bridgeClaim.annotation_id} “the bridge is safe”`);

  // The exchange file (the dialog's default format).
  const exchange = join(folder, 'all.byline.json');
  await expectFinished(
    await exportThroughDialog(app, 'Byline exchange file (.byline.json): everything, for colleagues', exchange),
    all,
    exchange,
  );

  // The command line, on the same workspace (the app still has it open), writes the same bytes.
  for (const [format, appFile] of [
    ['prodigy-jsonl', jsonl],
    ['csv', csv],
  ] as const) {
    const out = join(folder, `cli-${format}`);
    const run = byline('export', '--format', format, '--out', out, '--workspace', app.workspacePath);
    expectSuccess(run);
    expect(run.stdout).toBe(`Exported 3 articles, 8 annotations and 3 links to ${out}.\n`);
    expect(readFileSync(out).equals(readFileSync(appFile)), `byline export --format ${format} is byte-identical to the app's`).toBe(true);
  }
  const cliExchange = join(folder, 'cli.byline.json');
  expectSuccess(byline('export', '--format', 'exchange', '--out', cliExchange, '--workspace', app.workspacePath));
  const withoutTime = (path: string) => ({ ...(JSON.parse(readFileSync(path, 'utf8')) as object), exportedAt: null });
  expect(withoutTime(cliExchange)).toEqual(withoutTime(exchange));

  // Nothing else was left in the folder (no temporary files).
  expect(readdirSync(folder).sort()).toEqual(['all.byline.json', 'all.csv', 'all.jsonl', 'cli-csv', 'cli-prodigy-jsonl', 'cli.byline.json']);
});

test('a large export from the dialog (two lanes in the export worker) holds every article in order, as `byline export` writes it', async ({ app }) => {
  test.slow(); // imports 150 articles, then exports them from the dialog and from the command line
  const articles = tempFolder();
  for (let k = 0; k < 150; k++) {
    const text = `Officials said the port would reopen in week ${k}${k % 7 === 0 ? ' 👩‍💻' : ''}.\n`;
    writeFileSync(join(articles, `article-${String(k).padStart(3, '0')}.txt`), text);
    writeFileSync(join(articles, `article-${String(k).padStart(3, '0')}.ann`), 'T1\tSource 0 9\tOfficials\nT2\tClaim 15 36\tthe port would reopen\n');
  }
  await importFiles(app, [articles], 'folder');
  const [stored] = app.query(
    'SELECT (SELECT count(*) FROM documents) AS articles, (SELECT count(*) FROM annotations) AS annotations, (SELECT count(*) FROM relations) AS links',
  ) as [{ articles: number; annotations: number; links: number }];
  expect(stored.articles).toBeGreaterThanOrEqual(150);
  expect(stored.annotations).toBeGreaterThanOrEqual(300);

  const folder = tempFolder();
  const jsonl = join(folder, 'all.jsonl');
  await expectFinished(await exportThroughDialog(app, 'Prodigy JSONL: tasks with tokens', jsonl), stored, jsonl);
  const lines = readProdigy(jsonl);
  expect(lines).toHaveLength(stored.articles);
  expectProdigyMatchesWorkspace(app, lines);
  const week = (line: ProdigyLine) => Number(/week (\d+)/.exec(line.text)?.[1] ?? -1);
  const weeks = lines.map(week).filter((k) => k >= 0);
  expect(weeks).toHaveLength(150);
  expect(new Set(weeks).size).toBe(150);
  expect(lines.filter((l) => week(l) >= 0).every((l) => l.spans.map((s) => s.text).join('|') === 'Officials|the port would reopen')).toBe(true);

  const out = join(folder, 'cli.jsonl');
  expectSuccess(byline('export', '--format', 'prodigy-jsonl', '--out', out, '--workspace', app.workspacePath));
  expect(readFileSync(out).equals(readFileSync(jsonl)), 'byline export is byte-identical to the app’s').toBe(true);
  expect(readdirSync(folder).sort()).toEqual(['all.jsonl', 'cli.jsonl']);
});

test('exports one annotator’s layer, a collection and a search, as `byline export` does with the same choice', async ({ app }) => {
  test.slow(); // several exports from the dialog, each made again by starting the command line
  const { page } = app;
  await seedThreeLayers(app);
  const folder = tempFolder();
  const table = page.getByRole('table', { name: 'Articles' });

  // Ben's layer only: his two annotations and his link, on all three articles.
  const ben = join(folder, 'ben.jsonl');
  await expectFinished(await exportThroughDialog(app, 'Prodigy JSONL: tasks with tokens', ben, withoutLayers('Me (you)', 'Ana')), { articles: 3, annotations: 2, links: 1 }, ben);
  const benLines = readProdigy(ben);
  expectProdigyMatchesWorkspace(app, benLines);
  expect(benLines.flatMap((l) => l.spans.map((s) => [s.annotator, s.label, s.text]))).toEqual([
    ['Ben', 'Source', 'Officials'],
    ['Ben', 'Claim', 'the bridge is safe'],
  ]);
  expect(benLines.flatMap((l) => l.relations.map((r) => r.annotator))).toEqual(['Ben']);
  const cliBen = join(folder, 'cli-ben.jsonl');
  expectSuccess(byline('export', '--format', 'prodigy-jsonl', '--annotator', 'Ben', '--out', cliBen, '--workspace', app.workspacePath));
  expect(readFileSync(cliBen).equals(readFileSync(ben)), 'the CLI’s Ben layer is byte-identical').toBe(true);

  // Mine and Ana's, as CSV.
  const two = join(folder, 'me-and-ana.csv');
  await expectFinished(await exportThroughDialog(app, 'CSV, one row per annotation', two, withoutLayers('Ben')), { articles: 3, annotations: 6, links: 2 }, two);
  const { rows: twoRows } = readCsv(two);
  expectCsvMatchesWorkspace(app, twoRows);
  expect([...new Set(twoRows.map((r) => r.annotator))].sort()).toEqual(['Ana', 'Me']);
  const cliTwo = join(folder, 'cli-me-and-ana.csv');
  expectSuccess(byline('export', '--format', 'csv', '--annotator', 'Me', '--annotator', 'Ana', '--out', cliTwo, '--workspace', app.workspacePath));
  expect(readFileSync(cliTwo).equals(readFileSync(two)), 'the CLI’s Me + Ana layers are byte-identical').toBe(true);

  // A collection: "Bridge" alone.
  await table.getByRole('checkbox', { name: `Select “${BRIDGE}”` }).check();
  const tools = page.getByRole('group', { name: 'Collections' });
  await tools.getByRole('textbox', { name: 'or a new collection' }).fill('Batch A');
  await tools.getByRole('button', { name: 'Create and add' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Batch A' })).toHaveText('Added 1 article to “Batch A” (1 in all).');
  const batch = join(folder, 'batch-a.csv');
  const report = await exportThroughDialog(app, 'CSV, one row per annotation', batch, async (dialog) => {
    await dialog.getByRole('radio', { name: 'A collection' }).check();
    await expect(dialog.getByRole('combobox', { name: 'Collection' })).toHaveValue(/.+/);
    await dialog.getByRole('combobox', { name: 'Collection' }).selectOption({ label: 'Batch A (1)' });
  });
  await expectFinished(report, { articles: 1, annotations: 2, links: 1 }, batch);
  const { rows: batchRows } = readCsv(batch);
  expect(batchRows.map((r) => [r.title, r.label, r.quote])).toEqual([
    [BRIDGE, 'Source', 'Officials'],
    [BRIDGE, 'Claim', 'the bridge is safe'],
  ]);
  const cliBatch = join(folder, 'cli-batch-a.csv');
  expectSuccess(byline('export', '--format', 'csv', '--collection', 'Batch A', '--out', cliBatch, '--workspace', app.workspacePath));
  expect(readFileSync(cliBatch).equals(readFileSync(batch)), 'the CLI’s collection export is byte-identical').toBe(true);

  // A search: the articles found for “café”.
  await page.getByRole('searchbox', { name: 'Search titles, texts and notes' }).fill('café');
  await expect(table.getByRole('link')).toHaveText([UNICODE]);
  const found = join(folder, 'cafe.jsonl');
  await expectFinished(
    await exportThroughDialog(app, 'Prodigy JSONL: tasks with tokens', found, (dialog) =>
      dialog.getByRole('radio', { name: 'The articles found for “café”' }).check(),
    ),
    { articles: 1, annotations: 4, links: 1 },
    found,
  );
  expect(readProdigy(found).map((l) => l.meta.title)).toEqual([UNICODE]);
  const cliFound = join(folder, 'cli-cafe.jsonl');
  expectSuccess(byline('export', '--format', 'prodigy-jsonl', '--search', 'café', '--out', cliFound, '--workspace', app.workspacePath));
  expect(readFileSync(cliFound).equals(readFileSync(found)), 'the CLI’s search export is byte-identical').toBe(true);
});

test('`byline export` refuses an unknown format (exit 2) and an unknown annotator (exit 1), writing nothing', async ({ app }) => {
  // The app made and seeded the workspace; the command line reads it.
  await expect(app.page.getByRole('table', { name: 'Articles' }).getByRole('link', { name: SAMPLE })).toBeVisible();
  const folder = tempFolder();
  const out = join(folder, 'out.txt');

  const badFormat = byline('export', '--format', 'xml', '--out', out, '--workspace', app.workspacePath);
  expect(badFormat.status).toBe(2);
  expect(badFormat.stdout).toBe('');
  const [first, ...usage] = badFormat.stderr.split('\n');
  expect(first).toBe(
    'byline: there is no format “xml” (the formats: exchange, exchange-gz, spacy-jsonl, prodigy-jsonl, doccano-jsonl, csv, w3c, conll, brat).',
  );
  expect(usage[0]).toBe('Usage:');

  const badAnnotator = byline('export', '--format', 'csv', '--annotator', 'Zed', '--out', out, '--workspace', app.workspacePath);
  expect(badAnnotator.status).toBe(1);
  expect(badAnnotator.stdout).toBe('');
  expect(badAnnotator.stderr).toBe('byline: there is no annotator named “Zed” (there are: Me).\n');

  expect(readdirSync(folder)).toEqual([]);
});

test('an export into a folder that does not exist fails with the path named, and creates nothing', async ({ app }) => {
  await seedThreeLayers(app);
  const folder = tempFolder();
  const missing = join(folder, 'no-such-folder');
  const target = join(missing, 'out.csv');

  const report = await exportThroughDialog(app, 'CSV, one row per annotation', target);
  await expect(report).toHaveAccessibleName('Export failed');
  await expect(report.getByRole('alert')).toContainText(target);
  await expect(report.getByRole('alert')).toContainText('does not exist');
  expect(existsSync(missing)).toBe(false);
  expect(readdirSync(folder)).toEqual([]);

  // The failure is dismissed, and the next export (to a real folder) works.
  await report.getByRole('button', { name: 'Close' }).click();
  await expect(report).toBeHidden();
  const good = join(folder, 'out.csv');
  await expectFinished(await exportThroughDialog(app, 'CSV, one row per annotation', good), { articles: 3, annotations: 8, links: 3 }, good);
});

test('the export dialog has no axe violations and works from the keyboard alone', async ({ app }) => {
  const { page } = app;
  await seedThreeLayers(app);
  const folder = tempFolder();

  // Open it from the keyboard: the focus goes inside, to its first control.
  const exportButton = page.getByRole('button', { name: 'Export…' });
  await exportButton.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog).toBeVisible();
  const format = dialog.getByRole('combobox', { name: 'Format' });
  await expect(format).toBeFocused();
  const axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  expect((await axe.analyze()).violations).toEqual([]);

  // Escape closes it, and the focus is back on the button that opened it.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(exportButton).toBeFocused();

  // An export chosen with keys only: CSV, Ana's layer only.
  await page.keyboard.press('Enter');
  await expect(format).toBeFocused();
  await page.keyboard.type('CSV'); // a select's type-ahead
  await expect(format).toHaveValue('csv');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('radio', { name: 'All articles' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('checkbox', { name: 'Only articles marked done' })).toBeFocused();
  const layers = dialog.getByRole('group', { name: 'Whose annotations' });
  for (const name of ['Me (you)', 'Ana', 'Ben']) {
    await page.keyboard.press('Tab');
    await expect(layers.getByRole('checkbox', { name })).toBeFocused();
    if (name !== 'Ana') {
      await page.keyboard.press('Space');
      await expect(layers.getByRole('checkbox', { name })).not.toBeChecked();
    }
  }
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Export…' })).toBeFocused();
  const path = join(folder, 'ana.csv');
  await app.answerSaveDialog(path);
  await page.keyboard.press('Enter');
  const report = page.getByRole('region', { name: /^Export (finished|failed|canceled)$/ });
  await expectFinished(report, { articles: 3, annotations: 4, links: 1 }, path);
  const { rows } = readCsv(path);
  expect(rows.map((r) => r.annotator)).toEqual(['Ana', 'Ana', 'Ana', 'Ana']);
});
