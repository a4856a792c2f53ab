import { existsSync, readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { resolve } from 'node:path';
import { expect, test } from './support/app';
import { paintedByLabel } from './support/article';
import { goToLibrary, importFiles, storedText } from './support/library';

const MIXED = resolve('e2e/data/mixed-import');
const QUIRKS = resolve('e2e/data/brat-quirks');
const WITH_TABLE = resolve('e2e/data/metadata-table');
const POLNEAR = resolve('../shared/corpora/polnear');

/** Records, in the page, whether an import progress bar was ever on screen. */
async function watchForProgress(page: import('@playwright/test').Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const status = document.querySelector('section[aria-labelledby="import-progress-title"] [role="status"]');
      if (status?.textContent && seen.at(-1) !== status.textContent) seen.push(status.textContent);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
}

test('imports a folder of mixed files with progress and a report; search finds them and opens a hit', async ({ app }) => {
  const { page } = app;
  await goToLibrary(app);
  const progress = await watchForProgress(page);
  const report = await importFiles(app, [MIXED], 'folder');

  expect((await progress()).some((line) => / of 5 files/.test(line))).toBe(true);
  const line = (file: string) => report.getByRole('listitem').filter({ hasText: resolve(MIXED, file) });
  await expect(line('brat/river-dredging_ana.ann')).toContainText(
    'Imported “River dredging plan stalls over cost”, 8 annotations, 6 links:',
  );
  await expect(line('articles/library-hours.md')).toContainText('Imported “Library extends weekend hours”:');
  await expect(line('datasets/transit.jsonl')).toContainText('Imported “Bus fares hold”, 2 annotations:');
  await expect(line('bad/ferry-schedule.ann')).toContainText('Failed:');
  await expect(line('bad/ferry-schedule.ann')).toContainText(resolve(MIXED, 'bad/ferry-schedule.ann'));
  await expect(line('articles/not-an-article.txt')).toContainText('is not a text file: it looks like a PNG image');
  // Files Byline does not read are passed over in a folder, not reported as failures.
  await expect(report).not.toContainText('scan.pdf');
  await expect(page.getByRole('region', { name: 'Import finished' }).getByRole('status')).toHaveText(
    '3 imported, 0 already in the library, 2 failed; no warnings.',
  );

  const titles = app.query<{ title: string }>('SELECT title FROM documents ORDER BY title').map((r) => r.title);
  expect(titles).toEqual([
    'Bus fares hold',
    'Harbor city weighs bridge toll as repair bill climbs',
    'Library extends weekend hours',
    'River dredging plan stalls over cost',
  ]);
  expect(
    app.query(
      `SELECT l.name AS role, count(*) AS n FROM relations r JOIN labels l ON l.id = r.label_id GROUP BY l.name ORDER BY l.name`,
    ),
  ).toEqual([
    { role: 'Content', n: 2 },
    { role: 'Cue', n: 2 },
    { role: 'Source', n: 2 },
  ]);
  expect(app.query("SELECT a.name FROM annotators a WHERE a.is_local = 0")).toEqual([{ name: 'ana' }]);

  // The same folder again changes nothing.
  const again = await importFiles(app, [MIXED], 'folder');
  await expect(again.getByRole('listitem').filter({ hasText: 'river-dredging_ana.ann' })).toContainText('Already in the library');
  expect(app.query('SELECT count(*) AS n FROM annotations')).toEqual([{ n: 10 }]);

  // Search, and open a hit: the article opens where the words are.
  await page.getByRole('button', { name: 'Close report' }).click();
  await page.getByRole('searchbox', { name: 'Search titles, texts and notes' }).fill('silt');
  const table = page.getByRole('table', { name: 'Articles' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText('engineers had warned that silt was building up', { ignoreCase: true });
  await expect(table.getByRole('row').nth(1).locator('mark')).toHaveText('silt');
  await table.getByRole('link', { name: 'River dredging plan stalls over cost' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'River dredging plan stalls over cost' })).toBeVisible();
  await expect.poll(() => flashed(page)).toEqual(['silt']);
  await expect.poll(() => paintedByLabel(app)).toMatchObject({ Source: ['a commission spokesperson', 'two people who have seen the survey'] });

  // A note is searchable too.
  await goToLibrary(app);
  await page.getByRole('searchbox', { name: 'Search titles, texts and notes' }).fill('survey readers');
  await expect(table.getByRole('row').nth(1)).toContainText('River dredging plan stalls over cost');
});

test('imports brat files with real-world quirks: spans kept as their offsets say, each difference reported, texts stored exactly', async ({ app }) => {
  const { page } = app;
  const report = await importFiles(app, [QUIRKS], 'folder');
  const region = page.getByRole('region', { name: 'Import finished' });
  await expect(region.getByRole('status')).toHaveText(
    '6 imported, 0 already in the library, 0 failed; 9 warnings in 4 files (6 lines kept with a difference, 3 lines left out).',
  );
  await expect(region).not.toContainText('Failed:');

  const mismatch = report.getByRole('listitem').filter({ hasText: resolve(QUIRKS, 'mismatch.ann') }).first();
  const warnings = mismatch.getByRole('list', { name: 'Warnings (4)' }).getByRole('listitem');
  await expect(warnings.filter({ hasText: /^Left out:/ })).toHaveCount(3);
  await expect(warnings.filter({ hasText: /^Kept, with a difference:/ })).toHaveCount(1);
  await expect(warnings.filter({ hasText: 'July' })).toContainText('Left out:');
  await expect(report.getByRole('listitem').filter({ hasText: resolve(QUIRKS, 'decomposed.ann') }).first()).toContainText(
    'Kept, with a difference:',
  );
  const axe = new AxeBuilder({ page }).include('.import-report').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  expect((await axe.analyze()).violations).toEqual([]);

  // The texts are the files' own: decomposed accents stay decomposed, CRLF stays CRLF, only the BOM goes.
  const decomposed = storedText(app, 'Jos%');
  expect(decomposed).toBe(readFileSync(resolve(QUIRKS, 'decomposed.txt'), 'utf8'));
  expect(decomposed).not.toBe(decomposed.normalize('NFC'));
  expect(storedText(app, 'Bridge reopens%')).toBe(readFileSync(resolve(QUIRKS, 'crlf.txt'), 'utf8'));
  expect(storedText(app, 'School board%')).toBe(readFileSync(resolve(QUIRKS, 'bom.txt'), 'utf8').replace(/^\uFEFF/, ''));

  // Every stored span quotes the stored text at its offsets; the broken lines are not there.
  const spans = app.query<{ quote: string; text: string; start: number; end: number }>(
    `SELECT a.quote, v.text, f.start, f."end" AS "end" FROM annotations a JOIN fragments f ON f.annotation_id = a.id
     JOIN documents d ON d.id = a.document_id JOIN document_versions v ON v.document_id = d.id AND v.version = d.version`,
  );
  expect(spans.filter((s) => Array.from(s.text).slice(s.start, s.end).join('') !== s.quote)).toEqual([]);
  expect(app.query("SELECT count(*) AS n FROM annotations WHERE quote LIKE '%July%' OR quote LIKE '%And more%'")).toEqual([{ n: 0 }]);
});

test('a metadata table beside the files gives their articles outlet and date, for layers chosen as files and for a folder', async ({ app }) => {
  const { page } = app;
  const layers = ['text/river-dredging.txt', 'attributions/river-dredging_ana.ann', 'attributions/river-dredging_ben.ann'].map((f) => resolve(WITH_TABLE, f));
  const first = await importFiles(app, layers);
  await expect(first.getByRole('listitem')).toHaveCount(2);
  await expect(first.getByRole('listitem').filter({ hasText: 'Imported' })).toHaveCount(2);
  const row = (title: string) => page.getByRole('table', { name: 'Articles' }).getByRole('row').filter({ hasText: title });
  await page.getByRole('button', { name: 'Close report' }).click();
  await expect(row('River dredging starts in spring')).toContainText('harbor-post');
  expect(
    app.query(
      `SELECT d.title, d.outlet, d.author, d.published_at AS publishedAt, group_concat(DISTINCT an.name) AS layers
       FROM documents d JOIN annotations a ON a.document_id = d.id JOIN annotators an ON an.id = a.annotator_id GROUP BY d.id`,
    ),
  ).toEqual([{ title: 'River dredging starts in spring', outlet: 'harbor-post', author: 'Dana Reyes', publishedAt: '2024-03-05', layers: 'ana,ben' }]);

  // The folder: the others get theirs; a date the table gives wrongly is a warning naming the table's line.
  const second = await importFiles(app, [WITH_TABLE], 'folder');
  await expect(second.getByRole('listitem').filter({ hasText: resolve(WITH_TABLE, 'text/library-hours.txt') })).toContainText(
    `${resolve(WITH_TABLE, 'metadata.tsv')} line 3: the date “March 5, 2024” of library-hours is not an ISO 8601 date`,
  );
  await page.getByRole('button', { name: 'Close report' }).click();
  await expect(row('Library opens on Sundays')).toContainText('city-paper');
  await expect(row('Ferry fares to rise')).toContainText('valley-times');
  const fromTable = `SELECT title, outlet, published_at AS publishedAt FROM documents WHERE origin_file LIKE ? || '%' ORDER BY title`;
  expect(app.query(fromTable, WITH_TABLE)).toEqual([
    { title: 'Ferry fares to rise', outlet: 'valley-times', publishedAt: '2024-04-01T09:30:00Z' },
    { title: 'Library opens on Sundays', outlet: 'city-paper', publishedAt: null },
    { title: 'River dredging starts in spring', outlet: 'harbor-post', publishedAt: '2024-03-05' },
  ]);
});

test('a bulk import can be canceled: what was committed stays, nothing is half-done', async ({ app }) => {
  test.skip(!existsSync(POLNEAR), `${POLNEAR} is not here (no ../shared checkout)`);
  const { page } = app;
  await goToLibrary(app);
  await app.answerOpenDialog([POLNEAR]);
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByRole('dialog', { name: 'Import' }).getByRole('button', { name: 'Choose a folder…' }).click();
  const status = page.getByRole('region', { name: 'Importing' }).getByRole('status');
  await expect(status).toHaveText(/^[1-9]\d* of \d+ files/);
  await page.getByRole('button', { name: 'Cancel import' }).click();
  const report = page.getByRole('region', { name: 'Import canceled' });
  await expect(report).toBeVisible({ timeout: 30_000 });
  await expect(report.getByRole('status')).toContainText('not imported (canceled)');

  // Every .ann reported imported is there in full; none reported canceled left anything.
  await report.getByText(/^All \d+ files$/).click();
  const items = await report.getByRole('listitem').allTextContents();
  const imported = items.filter((t) => t.startsWith('Imported')).length;
  const canceled = items.filter((t) => t.startsWith('Not imported (canceled)')).length;
  expect(imported).toBeGreaterThan(0);
  expect(canceled).toBeGreaterThan(0);
  const layers = app.query<{ n: number }>(
    "SELECT count(DISTINCT a.document_id || a.annotator_id) AS n FROM annotations a JOIN annotators p ON p.id = a.annotator_id WHERE p.is_local = 0",
  )[0]!.n;
  expect(layers).toBe(imported);
});

test('imports all of PolNeAR: every span’s quote is the article’s text at its offsets', async ({ app }) => {
  test.skip(!existsSync(POLNEAR), `${POLNEAR} is not here (no ../shared checkout)`);
  await importFiles(app, [POLNEAR], 'folder');
  await expect(app.page.getByRole('region', { name: 'Import finished' }).getByRole('status')).toHaveText(
    /^\d+ imported, 0 already in the library, 0 failed; no warnings\.$/,
  );
  const counts = app.query<{ documents: number; annotators: number }>(
    "SELECT (SELECT count(*) FROM documents WHERE origin_format = 'brat') AS documents, (SELECT count(*) FROM annotators WHERE is_local = 0) AS annotators",
  )[0]!;
  expect(counts.documents).toBe(88);
  expect(counts.annotators).toBeGreaterThan(5);
  const mismatches = app.query(
    `SELECT a.external_ref, a.quote, v.text, (SELECT json_group_array(json_array(start, "end")) FROM fragments WHERE annotation_id = a.id) AS fragments
     FROM annotations a JOIN documents d ON d.id = a.document_id JOIN document_versions v ON v.document_id = d.id AND v.version = d.version`,
  ).filter((row) => {
    const { quote, text, fragments } = row as { quote: string; text: string; fragments: string };
    const points = Array.from(text);
    const expected = (JSON.parse(fragments) as [number, number][]).map(([s, e]) => points.slice(s, e).join('')).join(' ');
    return expected !== quote;
  });
  expect(mismatches).toEqual([]);
});

/** The text of the search hit flashed in the article. */
function flashed(page: import('@playwright/test').Page): Promise<string[]> {
  return page.evaluate(() => {
    const flash = CSS.highlights.get('bl-flash');
    return flash
      ? Array.from(flash as Iterable<AbstractRange>, (r) => {
          const range = document.createRange();
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          return range.toString();
        })
      : [];
  });
}
