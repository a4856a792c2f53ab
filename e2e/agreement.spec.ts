/**
 * The agreement view (issue 6): three colleagues' brat files for one article, their agreement
 * computed in the view, every figure on screen checked against the report `byline agreement
 * --json` prints for the same workspace, the CSV download, and a click on a label or a confusion
 * cell listing the articles behind it and opening their review.
 */
import AxeBuilder from '@axe-core/playwright';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AgreementReport, PairAgreement } from '../schema/review';
import { expect, test, type BylineApp } from './support/app';
import { importFiles } from './support/library';
import { bodyCells } from './support/table';

const FIXTURE = resolve('e2e/data/review');
const FILES = ['harbor-pier.txt', 'harbor-pier_ana.ann', 'harbor-pier_ben.ann', 'harbor-pier_cy.ann'].map((f) => join(FIXTURE, f));
const TITLE = 'Harbor pier repairs delayed again 🚢';

const axe = (page: import('@playwright/test').Page) =>
  new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);

/** A figure as the view shows it (three decimals, a dash for none): the report's value, rounded. */
const figure = (value: number | null) => (value === null ? '—' : value.toFixed(3));

/** `byline agreement --json` on the workspace, run on the runner's Node (the project's Node 24). */
function cliReport(app: BylineApp, annotators: string[]): AgreementReport {
  const run = spawnSync(
    process.execPath,
    ['bin/byline.mjs', 'agreement', '--workspace', app.workspacePath, '--annotators', annotators.join(','), '--json'],
    { encoding: 'utf8', timeout: 60_000 },
  );
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as AgreementReport;
}

function pairRow(report: AgreementReport, pair: PairAgreement): string[] {
  const name = (id: string) => report.annotators.find((a) => a.id === id)!.name;
  return [
    `${name(pair.a)} vs ${name(pair.b)}`,
    String(pair.documents),
    figure(pair.spans.micro.exact.f1),
    figure(pair.spans.micro.overlap.f1),
    figure(pair.spans.macro.exact),
    figure(pair.spans.macro.overlap),
    figure(pair.tokenKappa),
    String(pair.tokens),
    figure(pair.links.f1),
  ];
}

/** Ticks exactly these annotators; then computes, unless `compute` is false. */
async function computeOver(app: BylineApp, annotators: string[], compute = true): Promise<void> {
  const { page } = app;
  const group = page.getByRole('group', { name: 'Annotators (two or more)' });
  // The annotators are listed once the view has asked for them; until then there is nothing to tick.
  for (const name of annotators) await expect(group.getByRole('checkbox', { name, exact: true })).toBeVisible();
  for (const box of await group.getByRole('checkbox').all()) {
    const name = (await box.evaluate((input) => input.parentElement?.textContent ?? '')).trim();
    if (annotators.includes(name)) await box.check();
    else await box.uncheck();
  }
  if (compute) await page.getByRole('button', { name: 'Compute agreement' }).click();
}

test('the figures on screen are those of `byline agreement`; a click lists the disagreements behind it', async ({ app }) => {
  test.slow();
  const { page } = app;
  const report = await importFiles(app, FILES);
  await expect(report.getByRole('listitem').filter({ hasText: 'Failed' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Close report' }).click();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agreement' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Agreement' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'The whole workspace' })).toBeChecked();
  await computeOver(app, ['ana', 'ben', 'cy']);

  const expected = cliReport(app, ['ana', 'ben', 'cy']);
  expect(expected.pairs).toHaveLength(3);
  await expect(page.getByRole('status').filter({ hasText: 'Krippendorff' })).toContainText(
    `1 article with annotations from ana, ben, cy. Krippendorff’s alpha (nominal, token-wise, all 3): ${figure(expected.alpha)}`,
  );
  const pairs = page.getByRole('table', { name: 'Agreement per pair' });
  expect(await bodyCells(pairs)).toEqual(expected.pairs.map((pair) => pairRow(expected, pair)));

  // The first pair in detail: per label, micro and macro; the token confusion matrix.
  const first = expected.pairs[0]!;
  const perLabel = page.getByRole('table', { name: 'Span agreement per label, ana vs ben' });
  expect(await bodyCells(perLabel)).toEqual([
    ...first.spans.perLabel.map((l) => [
      l.label,
      figure(l.exact.f1),
      figure(l.overlap.f1),
      String(l.exact.a),
      String(l.exact.b),
      String(l.exact.matched),
      String(l.overlap.matched),
    ]),
    [
      'All labels (micro)',
      figure(first.spans.micro.exact.f1),
      figure(first.spans.micro.overlap.f1),
      String(first.spans.micro.exact.a),
      String(first.spans.micro.exact.b),
      String(first.spans.micro.exact.matched),
      String(first.spans.micro.overlap.matched),
    ],
    ['Mean over labels (macro)', figure(first.spans.macro.exact), figure(first.spans.macro.overlap), ''],
  ]);
  const confusion = page.getByRole('table', { name: 'Token confusion, ana vs ben' });
  expect(await bodyCells(confusion)).toEqual(
    first.confusion.labels.map((row, i) => [row, ...first.confusion.counts[i]!.map(String)]),
  );
  // The charts are drawn (Chart.js on canvas), with a text alternative.
  await expect(page.getByRole('img', { name: /^Bar chart of F1 per label\. / })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Heatmap of token labels/ })).toBeVisible();
  expect(await page.locator('canvas').evaluateAll((canvases) => canvases.map((c) => (c as HTMLCanvasElement).width > 0))).toEqual([true, true]);

  // Another pair, chosen in the pairs table.
  await pairs.getByRole('button', { name: 'ben vs cy' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'ben vs cy' })).toBeVisible();
  const third = expected.pairs.find((p) => pairRow(expected, p)[0] === 'ben vs cy')!;
  expect((await bodyCells(page.getByRole('table', { name: 'Span agreement per label, ben vs cy' }))).slice(0, -2)).toEqual(
    third.spans.perLabel.map((l) => [
      l.label,
      figure(l.exact.f1),
      figure(l.overlap.f1),
      String(l.exact.a),
      String(l.exact.b),
      String(l.exact.matched),
      String(l.overlap.matched),
    ]),
  );
  expect((await axe(page).analyze()).violations).toEqual([]);

  // The CSV: every figure at full precision.
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export the figures as CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(lines[0]).toBe('pair,measure,label,attribute,value,precision,recall,in_a,in_b,matched,compared,documents');
  expect(lines).toContain(`"all (ana, ben, cy)",krippendorff_alpha_token,,,${expected.alpha},,,,,,,1`);
  expect(lines).toContain(`ana vs ben,token_kappa,,,${first.tokenKappa},,,,,,${first.tokens},1`);
  const source = first.spans.perLabel.find((l) => l.label === 'Source')!.exact;
  expect(lines).toContain(
    `ana vs ben,span_f1_exact,Source,,${source.f1},${source.precision},${source.recall},${source.a},${source.b},${source.matched},,1`,
  );

  // Clicking a label: the articles where its spans disagree, each opening the review there.
  await pairs.getByRole('button', { name: 'ana vs ben' }).click();
  await perLabel.getByRole('button', { name: 'Source' }).click();
  const behind = page.getByRole('region', { name: /^Disagreements: Source spans/ });
  // Every article of the workspace is looked at (the built-in sample too), one has these.
  const articles = app.query<{ n: number }>('SELECT count(*) AS n FROM documents')[0]!.n;
  expect(articles).toBe(2);
  await expect(behind.getByRole('status')).toHaveText(`1 article of ${articles}.`);
  const sourceMisses = source.a - source.matched + (source.b - source.matched);
  await expect(behind.getByRole('list', { name: 'Articles with these disagreements' }).getByRole('listitem')).toHaveText([
    `${TITLE} (${sourceMisses})`,
  ]);

  // Clicking a confusion cell: Source in ana, Content in ben (“a council memo”, three tokens).
  const cell = first.confusion.counts[first.confusion.labels.indexOf('Source')]![first.confusion.labels.indexOf('Content')]!;
  expect(cell).toBe(3);
  await confusion.getByRole('button', { name: '3 tokens: Source in ana, Content in ben' }).click();
  const cellBehind = page.getByRole('region', { name: 'Disagreements: tokens labelled Source by A and Content by B' });
  await expect(cellBehind.getByRole('status')).toHaveText(`1 article of ${articles}.`);
  await cellBehind.getByRole('link', { name: TITLE }).click();

  // The review of that pair opens at the first disagreement of the label.
  await expect(page.getByRole('heading', { level: 1, name: `Review: ${TITLE}` })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Layer A' })).toHaveValue(annotatorId(app, 'ana'));
  await expect(page.getByRole('combobox', { name: 'Layer B' })).toHaveValue(annotatorId(app, 'ben'));
  await expect(page.getByRole('listbox', { name: 'Differences' }).getByRole('option', { selected: true })).toContainText(
    'Source in A, Content in B (“a council memo”)',
  );
});

test('agreement over this article, reached from its review; fewer than two annotators cannot be computed', async ({ app }) => {
  test.slow();
  const { page } = app;
  await importFiles(app, FILES);
  await page.getByRole('button', { name: 'Close report' }).click();
  const id = app.query<{ id: string }>('SELECT id FROM documents WHERE title = ?', TITLE)[0]!.id;
  await page.goto(page.url().replace(/#.*$/, `#/review/${id}`));
  const review = page.getByRole('main', { name: `Review: ${TITLE}` });
  await review.getByRole('link', { name: 'Agreement', exact: true }).click();
  await expect(page.getByRole('radio', { name: `This article: ${TITLE}` })).toBeChecked();

  await computeOver(app, ['ana'], false);
  await expect(page.getByRole('button', { name: 'Compute agreement' })).toBeDisabled();
  await expect(page.getByText('Choose at least two annotators.')).toBeVisible();

  await computeOver(app, ['ana', 'cy']);
  const expected = cliReport(app, ['ana', 'cy']);
  await expect(page.getByRole('status').filter({ hasText: 'Krippendorff' })).toContainText(`all 2): ${figure(expected.alpha)}`);
  expect(await bodyCells(page.getByRole('table', { name: 'Agreement per pair' }))).toEqual([pairRow(expected, expected.pairs[0]!)]);
  expect((await axe(page).analyze()).violations).toEqual([]);
});

function annotatorId(app: BylineApp, name: string): string {
  const rows = app.query<{ id: string }>('SELECT id FROM annotators WHERE name = ?', name);
  expect(rows, `one annotator named ${name}`).toHaveLength(1);
  return rows[0]!.id;
}
