import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from './support/app';
import {
  backgroundOf,
  blendOverWhite,
  clickPhrase,
  codePointIndex,
  expectSelected,
  paintedByLabel,
  selectWithMouse,
  tagWithHotkey,
} from './support/article';
import { importFiles, openArticle, storedSpans, storedText } from './support/library';

interface Span {
  phrase: string;
  key: string;
  label: string;
}

interface ArticleCase {
  name: string;
  file: string;
  title: RegExp;
  /** Tagged in this order; the last two overlap. */
  spans: Span[];
  /** Words only the third span covers, and words both the third and the fourth cover. */
  overlap: { only: string; both: string };
  /** Why the case cannot run, if it cannot. */
  missing?: string;
}

const WIRE = resolve('../shared/fixtures/wire-article.txt');

const articles: ArticleCase[] = [
  {
    name: 'an article kept in the repository',
    file: resolve('e2e/data/school-board-budget.txt'),
    title: /^School board delays vote/,
    spans: [
      { phrase: "According to a person familiar with the district's finances", key: '3', label: 'Anonymous attribution' },
      { phrase: 'the board had already drafted a plan to sell the Oak Park property', key: '1', label: 'Claim' },
      { phrase: 'Superintendent Alan Mercer', key: '2', label: 'Source' },
      { phrase: 'Alan Mercer told the board', key: '1', label: 'Claim' },
    ],
    overlap: { only: 'Superintendent', both: 'Alan Mercer' },
  },
  {
    name: 'the wire article from ../shared',
    file: WIRE,
    title: /^According to those with knowledge of the situation/,
    missing: existsSync(WIRE) ? undefined : `${WIRE} is not here (no ../shared checkout)`,
    spans: [
      { phrase: 'According to those with knowledge of the situation', key: '3', label: 'Anonymous attribution' },
      { phrase: 'the U.S. will demand that Russia and Ukraine accept', key: '1', label: 'Claim' },
      { phrase: 'the United States ‘ envoy and envoy, Steve Witkoff', key: '2', label: 'Source' },
      { phrase: 'Steve Witkoff, will go to Russia’s headquarters', key: '1', label: 'Claim' },
    ],
    overlap: { only: 'envoy and envoy', both: 'Steve Witkoff' },
  },
];

for (const article of articles) {
  test(`tags every label by mouse and hotkey, overlapping too, and keeps it all after a restart: ${article.name}`, async ({
    app,
  }) => {
    test.skip(article.missing !== undefined, article.missing);
    const { page } = app;
    const report = await importFiles(app, [article.file]);
    await expect(report).toContainText('Imported “');
    await openArticle(app, article.title);

    for (const span of article.spans) {
      await tagWithHotkey(page, span.phrase, span.key);
      // The new annotation is selected and its details show at once.
      await expectSelected(page, span.label, span.phrase);
    }
    await expect(page.getByText(`${article.spans.length} annotations`)).toBeVisible();

    const expectedPaint: Record<string, string[]> = {};
    for (const span of article.spans) (expectedPaint[span.label] ??= []).push(span.phrase);
    for (const texts of Object.values(expectedPaint)) texts.sort();
    await expect.poll(() => paintedByLabel(app)).toEqual(expectedPaint);

    // Overlapping spans both stay visible: the shared words carry both colors.
    const [, , first, second] = article.spans as [Span, Span, Span, Span];
    const labelColors = Object.fromEntries(
      app.query<{ name: string; color: string }>('SELECT name, color FROM labels').map((l) => [l.name, l.color]),
    );
    await page.keyboard.press('Escape');
    const onlyFirst = await backgroundOf(page, article.overlap.only);
    expectClose(onlyFirst, blendOverWhite(labelColors[first.label]!));
    const both = await backgroundOf(page, article.overlap.both);
    expect(both, `“${article.overlap.both}” is painted by ${first.label} and ${second.label}`).not.toEqual(
      onlyFirst,
    );

    await app.restart();
    await openArticle(app, article.title);
    await expect.poll(() => paintedByLabel(app)).toEqual(expectedPaint);

    const text = storedText(app, titleLike(article));
    const expectedRows = article.spans
      .map((span) => {
        const start = codePointIndex(text, span.phrase);
        return { label: span.label, start, end: start + Array.from(span.phrase).length, quote: span.phrase };
      })
      .sort((a, b) => a.start - b.start || a.label.localeCompare(b.label));
    const rows = storedSpans(app);
    expect(rows).toEqual(expectedRows);
    for (const row of rows) {
      expect(Array.from(text).slice(row.start, row.end).join('')).toBe(row.quote);
    }
  });
}

test('stores code point offsets after emoji, ZWJ sequences, combining marks and CRLF line ends', async ({ app }) => {
  const { page } = app;
  await importFiles(app, [resolve('e2e/data/unicode-crlf.txt')]);
  await openArticle(app, /^Emoji, accents and a tricky byline/);
  const spans = [
    { phrase: 'the mayor will resign on Friday', key: '1', label: 'Claim' },
    { phrase: 'Zoë Ñúñez', key: '2', label: 'Source' },
    { phrase: '🇺🇦 confirmed the deal', key: '1', label: 'Claim' },
    { phrase: 'n̈ on some maps', key: '1', label: 'Claim' },
  ];
  for (const span of spans) {
    await tagWithHotkey(page, span.phrase, span.key);
    await expectSelected(page, span.label, span.phrase);
  }
  await expect(page.getByText('4 annotations')).toBeVisible();

  // Stored exactly as the file has it, CRLF and all: the offsets count each CR.
  const text = storedText(app, 'Emoji, accents%');
  expect(text).toBe(readFileSync('e2e/data/unicode-crlf.txt', 'utf8'));
  expect(text).toContain('\r\n');
  for (const span of spans) {
    const start = codePointIndex(text, span.phrase);
    const row = storedSpans(app).find((r) => r.quote === span.phrase);
    expect(row, span.phrase).toEqual({
      label: span.label,
      start,
      end: start + Array.from(span.phrase).length,
      quote: span.phrase,
    });
    expect(Array.from(text).slice(row!.start, row!.end).join('')).toBe(span.phrase);
  }
});

test('clicking a highlight selects it; another hotkey relabels it; Delete removes it', async ({ app }) => {
  const { page } = app;
  await openArticle(app, 'Harbor city weighs bridge toll as repair bill climbs');
  const details = page.getByRole('complementary', { name: 'Annotation' });

  await tagWithHotkey(page, 'Marisol Ferreira', '2');
  await expectSelected(page, 'Source', 'Marisol Ferreira');
  await page.keyboard.press('Escape');
  await expect(details).toContainText('Click a highlight (or press Tab) to see it here.');

  await clickPhrase(page, 'Marisol Ferreira');
  await expectSelected(page, 'Source', 'Marisol Ferreira');
  const text = storedText(app, 'Harbor city%');
  const start = codePointIndex(text, 'Marisol Ferreira');
  await expect(details).toContainText(`${start}–${start + 16}`);

  await page.keyboard.press('1');
  await expectSelected(page, 'Claim', 'Marisol Ferreira');
  await expect.poll(() => paintedByLabel(app)).toEqual({ Claim: ['Marisol Ferreira'] });
  expect(storedSpans(app)).toEqual([{ label: 'Claim', start, end: start + 16, quote: 'Marisol Ferreira' }]);

  // A reload comes back to the same article, with the change.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Harbor city weighs bridge toll as repair bill climbs' })).toBeVisible();
  await expect.poll(() => paintedByLabel(app)).toEqual({ Claim: ['Marisol Ferreira'] });
  await clickPhrase(page, 'Marisol Ferreira');
  await expectSelected(page, 'Claim', 'Marisol Ferreira');

  await page.keyboard.press('Delete');
  await expect(details).toContainText('Click a highlight (or press Tab) to see it here.');
  await expect.poll(() => paintedByLabel(app)).toEqual({});
  expect(storedSpans(app)).toEqual([]);
  const log = app.query<{ action: string }>("SELECT action FROM events WHERE entity = 'annotation' ORDER BY seq");
  expect(log.map((e) => e.action)).toEqual(['create', 'change', 'delete']);
});

test('the label bar tags the selection, and overlapping highlights are picked in turn by clicking', async ({
  app,
}) => {
  const { page } = app;
  await openArticle(app, 'Harbor city weighs bridge toll as repair bill climbs');
  const details = page.getByRole('complementary', { name: 'Annotation' });

  await selectWithMouse(page, 'two council aides, who spoke on condition of anonymity');
  await page.getByRole('toolbar', { name: 'Labels' }).getByRole('button', { name: /Anonymous attribution/ }).click();
  await expectSelected(page, 'Anonymous attribution', 'two council aides, who spoke on condition of anonymity');
  await tagWithHotkey(page, 'two council aides', '2');
  await expectSelected(page, 'Source', 'two council aides');

  // The first click picks the shortest annotation under the pointer, the next one the other.
  await page.keyboard.press('Escape');
  await clickPhrase(page, 'council aides');
  await expect(details.getByRole('blockquote')).toHaveText('two council aides');
  await clickPhrase(page, 'council aides');
  await expect(details.getByRole('blockquote')).toHaveText('two council aides, who spoke on condition of anonymity');

  // A click on text without annotations clears the selection.
  await clickPhrase(page, 'routine due diligence');
  await expect(details).toContainText('Click a highlight (or press Tab) to see it here.');
  expect(storedSpans(app).map((s) => s.label)).toEqual(['Anonymous attribution', 'Source']);
});

function expectClose(actual: number[], expected: number[], tolerance = 6): void {
  const off = actual.some((value, i) => Math.abs(value - expected[i]!) > tolerance);
  expect(off, `color ${actual} is close to ${expected}`).toBe(false);
}

function titleLike(article: ArticleCase): string {
  return `${article.title.source.replace(/^\^/, '')}%`;
}
