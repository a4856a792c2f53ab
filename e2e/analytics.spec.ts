/**
 * The Analytics view (issue 17): a small brat corpus with a metadata table (e2e/data/analytics:
 * three articles of two outlets, seven claims) and PolNeAR's dev articles when ../shared is
 * present. Every figure on screen is checked against the report `byline stats --json` prints for
 * the same workspace; the outlet filter, a count opening its spans and a span its article, merging
 * sources, the PNG, SVG and CSV files, and axe in both themes.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AnalyticsReport, ShareRow, SourceKind } from '../schema/analytics';
import { expect, test, type BylineApp } from './support/app';
import { detailsPanel } from './support/article';
import { importFiles } from './support/library';
import { bodyCells } from './support/table';
import { chooseTheme } from './support/theme';

const FIXTURE = resolve('e2e/data/analytics');
const POLNEAR_DEV = resolve('../shared/corpora/polnear/dev');

function cliStats(app: BylineApp, ...options: string[]): AnalyticsReport {
  const run = spawnSync(process.execPath, ['bin/byline.mjs', 'stats', '--workspace', app.workspacePath, '--json', ...options], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as AnalyticsReport;
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
type Counted = Pick<ShareRow, 'counts' | 'shares'>;
const cell = ({ counts, shares }: Counted, kind: SourceKind) =>
  `${counts[kind]} (${percent(shares[kind].share)}; 95% CI ${percent(shares[kind].low)}–${percent(shares[kind].high)})`;
/** A share table's rows as the view writes them: outlet or month, anonymous, named, without a source, claims. */
const shareRows = (rows: ShareRow[], empty: string) =>
  rows.map((r) => [r.key || empty, cell(r, 'anonymous'), cell(r, 'named'), cell(r, 'unsourced'), String(r.total)]);

const figures = (page: Page) => page.getByRole('region', { name: 'Figures' });

/** Waits until the report on screen answers the filters chosen. */
async function counted(page: Page): Promise<void> {
  await expect(figures(page)).toHaveAttribute('aria-busy', 'false');
  await expect(figures(page).getByRole('status').first()).not.toContainText('Counting');
}

async function openAnalytics(app: BylineApp): Promise<void> {
  await app.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics' }).click();
  await expect(app.page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
  await counted(app.page);
}

async function expectFiguresOf(page: Page, expected: AnalyticsReport): Promise<void> {
  expect(await bodyCells(page.getByRole('table', { name: 'Sources of claims by outlet' }))).toEqual(shareRows(expected.byOutlet, '(no outlet)'));
  expect(await bodyCells(page.getByRole('table', { name: 'Sources of claims by month' }))).toEqual(shareRows(expected.byMonth, '(no date)'));
  const sources = await bodyCells(page.getByRole('table', { name: 'Most quoted sources' }));
  expect(sources.map((row) => row.slice(0, 4))).toEqual(expected.sources.map((s) => [s.name, s.kind, String(s.claims), String(s.articles)]));
}

const axe = (page: Page) => new AxeBuilder({ page }).include('main.analytics').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);

test('the figures on screen are those of `byline stats`; the outlet filter, a count opening its spans and the article at a span', async ({ app }) => {
  const { page } = app;
  const report = await importFiles(app, [FIXTURE], 'folder');
  await expect(report.getByRole('listitem').filter({ hasText: 'Imported' })).toHaveCount(3);
  await page.getByRole('button', { name: 'Close report' }).click();
  await openAnalytics(app);

  const all = cliStats(app);
  // What the fixture holds, so the CLI (and so the view) is checked against the files too.
  expect(all.totals).toMatchObject({ articles: 3, claims: 7, counts: { anonymous: 3, named: 3, unsourced: 1 } });
  expect(all.byOutlet.map((r) => [r.key, r.counts])).toEqual([
    ['harbor-post', { anonymous: 2, named: 2, unsourced: 1 }],
    ['valley-times', { anonymous: 1, named: 1, unsourced: 0 }],
  ]);
  expect(all.sources[0]).toMatchObject({ name: 'Mayor Ana Ruiz', kind: 'named', claims: 2, articles: 2 });
  await expect(figures(page).getByRole('status').first()).toHaveText(
    `7 claims in 3 articles: anonymous ${cell(all.totals, 'anonymous')}, named ${cell(all.totals, 'named')}, without a source ${cell(all.totals, 'unsourced')}.`,
  );
  await expectFiguresOf(page, all);

  // One outlet.
  await page.getByRole('combobox', { name: 'Outlet', exact: true }).selectOption('valley-times');
  await counted(page);
  await expect(figures(page).getByRole('status').first()).toContainText('2 claims in 1 article of valley-times');
  await expectFiguresOf(page, cliStats(app, '--outlet', 'valley-times'));
  await page.getByRole('combobox', { name: 'Outlet', exact: true }).selectOption('');
  await counted(page);

  // The anonymous claims of harbor-post: the count lists them, as SQLite has them.
  const outletTable = page.getByRole('table', { name: 'Sources of claims by outlet' });
  await outletTable.getByRole('row', { name: /^harbor-post/ }).getByRole('button').first().click();
  const spans = page.getByRole('region', { name: 'Anonymous claims, harbor-post' });
  await expect(spans.getByRole('status')).toHaveText('2 spans.');
  const stored = app.query<{ quote: string }>(
    `SELECT c.quote FROM annotations c JOIN labels l ON l.id = c.label_id AND l.name = 'Content'
     JOIN documents d ON d.id = c.document_id AND d.outlet = 'harbor-post'
     WHERE EXISTS (SELECT 1 FROM relations r JOIN annotations s ON s.id = r.to_id
                   WHERE r.from_id IN (SELECT e.from_id FROM relations e WHERE e.to_id = c.id)
                     AND s.quote IN ('sources', 'officials who asked not to be named'))
     ORDER BY d.published_at`,
  );
  expect(stored.map((s) => s.quote)).toEqual(['The plan was rushed', 'The contract was awarded in secret']);
  await expect(spans.getByRole('link')).toHaveText(stored.map((s) => `“${s.quote}”`));

  // A span opens its article with the span selected.
  await spans.getByRole('link', { name: '“The contract was awarded in secret”' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bridge repair starts in June' })).toBeVisible();
  await expect(detailsPanel(page).getByRole('blockquote')).toHaveText('The contract was awarded in secret');
  const [annotationId] = /span=([0-9a-f-]+)/.exec(page.url())!.slice(1);
  expect(app.query('SELECT quote FROM annotations WHERE id = ?', annotationId)).toEqual([{ quote: 'The contract was awarded in secret' }]);
});

test('merging sources counts them as one, kept in the workspace; unmerging undoes it', async ({ app }) => {
  const { page } = app;
  await importFiles(app, [FIXTURE], 'folder');
  await page.getByRole('button', { name: 'Close report' }).click();
  await openAnalytics(app);
  const table = page.getByRole('table', { name: 'Most quoted sources' });
  await table.getByRole('checkbox', { name: 'Merge “Mayor Ana Ruiz”' }).check();
  await table.getByRole('checkbox', { name: 'Merge “the ferry operator”' }).check();
  const merge = page.getByRole('form', { name: 'Merge sources' });
  await expect(merge.getByRole('combobox', { name: 'Merged name' })).toHaveValue('mayor ana ruiz');
  await merge.getByRole('button', { name: 'Merge' }).click();
  const firstRow = async () => (await bodyCells(table))[0]!.slice(0, 4);
  await expect.poll(firstRow).toEqual(['Mayor Ana Ruiz + the ferry operator (unmerge)', 'named', '3', '3']);
  expect(app.query('SELECT alias, into_key AS target FROM source_merges')).toEqual([{ alias: 'the ferry operator', target: 'mayor ana ruiz' }]);
  expect(cliStats(app).sources[0]).toMatchObject({ key: 'mayor ana ruiz', claims: 3, merged: ['the ferry operator'] });

  await table.getByRole('button', { name: 'Count “the ferry operator” on its own again' }).click();
  await expect.poll(firstRow).toEqual(['Mayor Ana Ruiz', 'named', '2', '2']);
  expect(app.query('SELECT count(*) AS n FROM source_merges')).toEqual([{ n: 0 }]);
});

test('each figure saves as PNG, SVG and CSV files with its figures', async ({ app }, testInfo) => {
  const { page } = app;
  await importFiles(app, [FIXTURE], 'folder');
  await page.getByRole('button', { name: 'Close report' }).click();
  await openAnalytics(app);
  const save = page.getByRole('group', { name: 'Save “Sources of claims by outlet”' });
  const saved = async (format: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), save.getByRole('button', { name: format }).click()]);
    const path = join(testInfo.outputDir, download.suggestedFilename());
    await download.saveAs(path);
    return { name: download.suggestedFilename(), bytes: readFileSync(path) };
  };
  const png = await saved('PNG');
  expect(png.name).toBe('analytics-sources-of-claims-by-outlet.png');
  expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  // Wider than a blank canvas's few hundred bytes: the chart was drawn.
  expect(png.bytes.length).toBeGreaterThan(2000);

  const svg = await saved('SVG');
  expect(svg.name).toBe('analytics-sources-of-claims-by-outlet.svg');
  const text = svg.bytes.toString('utf8');
  expect(text).toMatch(/^(<\?xml[^>]*>\s*)?<svg/);
  expect(text).toContain('harbor-post');
  expect(text).toContain('valley-times');
  // Each label keeps its font (svg-context.ts reads it in a way the CSP allows).
  expect(text).toMatch(/<text[^>]* font-size="\d+px"/);

  const csv = await saved('CSV');
  const lines = csv.bytes.toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  expect(lines[0]).toBe('figure,key,name,kind,count,share,share_low,share_high');
  const expected = cliStats(app).byOutlet;
  for (const row of expected) {
    for (const kind of ['anonymous', 'named', 'unsourced'] as const) {
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^outlet,${row.key},,${kind},${row.counts[kind]},`)));
    }
  }
  expect(lines).toHaveLength(1 + expected.length * 3);
});

test('the view has no axe violations in the light and the dark theme, and works from the keyboard', async ({ app }) => {
  const { page } = app;
  await importFiles(app, [FIXTURE], 'folder');
  await page.getByRole('button', { name: 'Close report' }).click();
  for (const theme of ['Light', 'Dark'] as const) {
    await chooseTheme(app, theme);
    await openAnalytics(app);
    expect((await axe(page).analyze()).violations).toEqual([]);
  }
  // From the keyboard: the first count of the outlet table opens its spans, which take the focus.
  const first = page.getByRole('table', { name: 'Sources of claims by outlet' }).getByRole('button').first();
  await first.focus();
  await page.keyboard.press('Enter');
  const spans = page.getByRole('region', { name: 'Anonymous claims, harbor-post' });
  await expect(spans.getByRole('heading')).toBeFocused();
  expect((await axe(page).analyze()).violations).toEqual([]);
});

test('PolNeAR dev: outlets from its metadata table, and the figures of `byline stats`', async ({ app }) => {
  test.skip(!existsSync(POLNEAR_DEV), `needs the PolNeAR corpus at ${POLNEAR_DEV} (../shared), which this checkout does not have`);
  test.slow();
  const { page } = app;
  await importFiles(app, [POLNEAR_DEV], 'folder');
  await page.getByRole('button', { name: 'Close report' }).click();
  await openAnalytics(app);
  const all = cliStats(app);
  expect(all.totals.claims).toBeGreaterThan(100);
  expect(all.byOutlet.length).toBeGreaterThan(1);
  expect(all.byOutlet.every((r) => r.key !== '')).toBe(true);
  await expectFiguresOf(page, all);

  const outlet = all.byOutlet[0]!.key;
  await page.getByRole('combobox', { name: 'Outlet', exact: true }).selectOption(outlet);
  await counted(page);
  const one = cliStats(app, '--outlet', outlet);
  expect(one.totals.claims).toBe(all.byOutlet[0]!.total);
  await expectFiguresOf(page, one);
});
