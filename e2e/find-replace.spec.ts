/**
 * Find and replace (issue 8), as an analyst cleans scraped copy: tags on the damaged sentences,
 * the suggested fix for `andnbsp` and a typed replacement of " , Russia , " in the dialog, then
 * the tags on screen and in the workspace, and an export whose offsets slice out their words.
 * Across a collection too.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type BylineApp } from './support/app';
import { expectSelected, paintedByLabel, tagWithHotkey } from './support/article';
import { goToLibrary, importFiles, openArticle, storedSpans, storedText } from './support/library';

const WIRE = resolve('../shared/fixtures/wire-article.txt');
const SMALL = resolve('e2e/data/wire-artifacts.txt');
const FOLLOWUP = resolve('e2e/data/wire-artifacts-followup.txt');
const SCHOOL = resolve('e2e/data/school-board-budget.txt');

const ANDNBSP_SENTENCE = 'Russia andnbsp still saw issues that needed to be resolved';
const FIXED_SENTENCE = 'Russia still saw issues that needed to be resolved';
/** Where " , Russia , " stands in both articles: with the no-break spaces the scraper left. */
const COMMAS = '\u00a0, Russia\u00a0, against';

const articles = [
  { name: 'a small article with the same artifacts (e2e/data)', file: SMALL, title: /^Witkoff to meet Putin/, missing: undefined },
  {
    name: 'the wire article from ../shared',
    file: WIRE,
    title: /^According to those with knowledge of the situation/,
    missing: existsSync(WIRE) ? undefined : `${WIRE} is not here (no ../shared checkout)`,
  },
];

/** Which occurrence of `word` on screen is the one inside `phrase` (the article's text is on screen whole). */
function occurrenceIn(text: string, phrase: string, word: string): number {
  const at = text.indexOf(phrase);
  expect(at, `“${phrase}” is in the article`).toBeGreaterThanOrEqual(0);
  return text.slice(0, at + phrase.indexOf(word)).split(word).length - 1;
}

const codePointSlice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join('');

async function openFindReplace(page: Page): Promise<Locator> {
  await page.keyboard.press('Control+h');
  const dialog = page.getByRole('dialog', { name: 'Find and replace in this article' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Find' })).toBeFocused();
  return dialog;
}

/** Exports every article as spaCy JSONL through the library's Export dialog; returns its lines. */
async function exportSpacy(app: BylineApp): Promise<{ text: string; spans: { start: number; end: number; label: string }[] }[]> {
  const { page } = app;
  await goToLibrary(app);
  const path = join(mkdtempSync(join(tmpdir(), 'byline-find-replace-')), 'after-edit.jsonl');
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('combobox', { name: 'Format' }).selectOption({ label: 'spaCy JSONL: text and character spans' });
  await app.answerSaveDialog(path);
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByRole('region', { name: 'Export finished' })).toBeVisible({ timeout: 30_000 });
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { text: string; spans: { start: number; end: number; label: string }[] });
}

for (const article of articles) {
  test(`fixes andnbsp and " , Russia , " with find and replace; the tags keep their words, and an export's offsets are exact: ${article.name}`, async ({
    app,
  }) => {
    test.skip(article.missing !== undefined, article.missing);
    const { page } = app;
    const original = readFileSync(article.file, 'utf8');
    await expect(await importFiles(app, [article.file])).toContainText('Imported “');
    await openArticle(app, article.title);

    await tagWithHotkey(page, ANDNBSP_SENTENCE, '1');
    await expectSelected(page, 'Claim', ANDNBSP_SENTENCE);
    await tagWithHotkey(page, 'Sergei Lavrov', '2');
    await expectSelected(page, 'Source', 'Sergei Lavrov');
    await tagWithHotkey(page, 'Russia', '2', occurrenceIn(original, COMMAS, 'Russia'));
    await expectSelected(page, 'Source', 'Russia');
    await page.keyboard.press('Escape');

    // The suggested fix, previewed with its effect on the tags, then applied.
    const dialog = await openFindReplace(page);
    const status = dialog.getByRole('status');
    await dialog.getByRole('button', { name: /^Replace “andnbsp” .* with a space \(1\)$/ }).click();
    await expect(status).toHaveText('1 change in 1 article.');
    const change = dialog.getByRole('list', { name: /^Changes in / }).getByRole('listitem').first();
    await expect(change.locator('del')).toHaveText(' andnbsp ');
    await expect(change.locator('ins')).toHaveText(' ');
    await expect(change).toContainText('resizes Claim “Russia andnbsp still saw issues that ne…”');
    await expect(dialog).toContainText('1 annotation moves with the text.');
    expect((await new AxeBuilder({ page }).include('dialog[open]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze()).violations).toEqual([]);
    await dialog.getByRole('button', { name: 'Replace 1' }).click();
    await expect(status).toHaveText('Replaced 1 place in 1 article.');

    // A typed replacement, from the keyboard: Enter previews, Ctrl+Enter replaces.
    await dialog.getByRole('textbox', { name: 'Find' }).focus();
    await page.keyboard.type(' , Russia , ');
    await page.keyboard.press('Tab');
    await page.keyboard.type(' Russia ');
    await page.keyboard.press('Enter');
    await expect(status).toHaveText('1 change in 1 article.');
    await expect(dialog).toContainText('1 annotation moves with the text.');
    await page.keyboard.press('Control+Enter');
    await expect(status).toHaveText('Replaced 1 place in 1 article.');

    // A pattern that matches nothing says so; an invalid one says why.
    await dialog.getByRole('textbox', { name: 'Find' }).fill('Kremlin andnbsp');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await expect(status).toHaveText('Nothing matches “Kremlin andnbsp” in this article.');
    await expect(dialog.getByRole('button', { name: /^Replace / })).toBeDisabled();
    await dialog.getByRole('checkbox', { name: 'Regular expression' }).check();
    await dialog.getByRole('textbox', { name: 'Find' }).fill('Russia (');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('The regular expression “Russia (” is not valid: unterminated group.');

    // Closing shows the article at its new text, the tags on the same words.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    const text = page.getByRole('article', { name: 'Article text' });
    await expect(text).toContainText(FIXED_SENTENCE);
    await expect(text).not.toContainText('andnbsp');
    await expect(text).toContainText('by  Russia against');
    await expect.poll(() => paintedByLabel(app)).toEqual({ Claim: [FIXED_SENTENCE], Source: ['Russia', 'Sergei Lavrov'] });

    // In the workspace: two new versions, and every stored span's offsets slice out its quote.
    const titleLike = article.file === SMALL ? 'Witkoff to meet Putin%' : 'According to those with knowledge%';
    const stored = storedText(app, titleLike);
    expect(stored).not.toContain('andnbsp');
    expect(stored).toContain('by  Russia against');
    expect(
      app.query(
        'SELECT v.version, v.description FROM document_versions v JOIN documents d ON d.id = v.document_id WHERE d.title LIKE ? ORDER BY v.version',
        titleLike,
      ),
    ).toEqual([
      { version: 1, description: null },
      { version: 2, description: 'Replaced “andnbsp” with a space (1)' },
      { version: 3, description: 'Replaced “ , Russia , ” with “ Russia ” (1)' },
    ]);
    const spans = storedSpans(app);
    expect(spans.map((s) => [s.label, s.quote]).sort()).toEqual([
      ['Claim', FIXED_SENTENCE],
      ['Source', 'Russia'],
      ['Source', 'Sergei Lavrov'],
    ]);
    for (const span of spans) expect(codePointSlice(stored, span.start, span.end)).toBe(span.quote);

    // The export after the edit has the new text, and offsets that slice out the same words.
    const line = (await exportSpacy(app)).find((l) => l.text.startsWith(stored.slice(0, 40)));
    expect(line!.text).toBe(stored);
    expect(line!.spans.map((s) => [s.label, codePointSlice(line!.text, s.start, s.end)]).sort()).toEqual([
      ['Claim', FIXED_SENTENCE],
      ['Source', 'Russia'],
      ['Source', 'Sergei Lavrov'],
    ]);
  });
}

test('replaces across every article of a collection, and no other', async ({ app }) => {
  const { page } = app;
  await expect(await importFiles(app, [SMALL, SCHOOL, FOLLOWUP])).toContainText('Imported “');
  await page.getByRole('button', { name: 'Close report' }).click();
  const table = page.getByRole('table', { name: 'Articles' });
  await table.getByRole('checkbox', { name: /^Select “Witkoff to meet Putin/ }).check();
  await table.getByRole('checkbox', { name: /^Select “School board delays vote/ }).check();
  const tools = page.getByRole('group', { name: 'Collections' });
  await tools.getByRole('textbox', { name: 'or a new collection' }).fill('Wire batch');
  await tools.getByRole('button', { name: 'Create and add' }).click();
  await expect(page.getByRole('status')).toHaveText('Added 2 articles to “Wire batch” (2 in all).');

  await tools.getByRole('combobox', { name: 'Text of' }).selectOption({ label: 'Wire batch' });
  await tools.getByRole('button', { name: 'Find & replace…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Find and replace in the collection “Wire batch”' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: /^Replace “andnbsp” .* with a space \(2\)$/ }).click();
  await expect(dialog.getByRole('status')).toHaveText('2 changes in 2 articles.');
  await expect(dialog.getByRole('heading', { level: 4 })).toHaveText([/^School board delays vote/, /^Witkoff to meet Putin/]);
  await dialog.getByRole('button', { name: 'Replace 2' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Replaced 2 places in 2 articles.');
  // What is left to suggest is counted again; andnbsp is gone from the collection.
  await expect(dialog.getByRole('button', { name: /andnbsp/ })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('status')).toHaveText('Replaced text in the collection “Wire batch”; Undo in an article takes its change back.');

  expect(storedText(app, 'Witkoff to meet Putin%')).toContain('apologizing that Russia still saw issues');
  expect(storedText(app, 'School board delays vote%')).toContain('half-empty buildings and still pay teachers');
  // The article outside the collection keeps its artifact.
  expect(storedText(app, 'Ceasefire talks%')).toContain('the talks andnbsp will resume');
  expect(
    app.query("SELECT d.title, v.description FROM document_versions v JOIN documents d ON d.id = v.document_id WHERE v.version = 2 ORDER BY d.title"),
  ).toEqual([
    { title: 'School board delays vote on closing two elementary schools', description: 'Replaced “andnbsp” with a space (1)' },
    { title: 'Witkoff to meet Putin as the U.S. presses both sides on a peace deal', description: 'Replaced “andnbsp” with a space (1)' },
  ]);
});
