/**
 * A colleague's work made before the text was fixed (issue 8): Ben tags the scraped article and
 * exports his layer; Ana fixes the same article's text with find and replace; Ben's file still
 * finds the article (it answers to its old hash) and his tags land on the same words, moved
 * through Ana's edits, while the one whose words Ana deleted is listed in the import report.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from './support/app';
import { expectSelected, paintedByLabel, tagWithHotkey } from './support/article';
import { exportExchange, giveName, importExchange } from './support/exchange';
import { importFiles, openArticle, storedSpans, storedText } from './support/library';

const ARTICLE = resolve('e2e/data/wire-artifacts.txt');
const TITLE = /^Witkoff to meet Putin/;
const ANDNBSP_SENTENCE = 'Russia andnbsp still saw issues that needed to be resolved';
const FIXED_SENTENCE = 'Russia still saw issues that needed to be resolved';

const codePointSlice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join('');

test('an exchange file made before the text was edited imports, its tags on the same words and a deleted one listed', async ({
  app,
  colleague,
}) => {
  test.slow(); // two workspaces, an export, two imports, two replacements
  const bensFile = join(mkdtempSync(join(tmpdir(), 'byline-edited-exchange-')), 'ben.byline.json');

  // Ben tags the article as it was scraped and sends his layer.
  await giveName(colleague, 'Ben');
  await expect(await importFiles(colleague, [ARTICLE])).toContainText('Imported “');
  await openArticle(colleague, TITLE);
  await tagWithHotkey(colleague.page, ANDNBSP_SENTENCE, '1');
  await expectSelected(colleague.page, 'Claim', ANDNBSP_SENTENCE);
  await tagWithHotkey(colleague.page, 'Kherson', '2');
  await expectSelected(colleague.page, 'Source', 'Kherson');
  await tagWithHotkey(colleague.page, 'immediately', '1');
  await expectSelected(colleague.page, 'Claim', 'immediately');
  await exportExchange(colleague, bensFile, ['Ben (you)']);

  // Ana has the same article and fixes its text before Ben's file arrives.
  await giveName(app, 'Ana');
  const { page } = app;
  await expect(await importFiles(app, [ARTICLE])).toContainText('Imported “');
  await openArticle(app, TITLE);
  await page.keyboard.press('Control+h');
  const dialog = page.getByRole('dialog', { name: 'Find and replace in this article' });
  const status = dialog.getByRole('status');
  await dialog.getByRole('button', { name: /^Replace “andnbsp” .* with a space \(1\)$/ }).click();
  await expect(status).toHaveText('1 change in 1 article.');
  await dialog.getByRole('button', { name: 'Replace 1' }).click();
  await expect(status).toHaveText('Replaced 1 place in 1 article.');
  await dialog.getByRole('textbox', { name: 'Find' }).fill('launched immediately by');
  await dialog.getByRole('textbox', { name: 'Replace with' }).fill('launched by');
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await expect(status).toHaveText('1 change in 1 article.');
  await dialog.getByRole('button', { name: 'Replace 1' }).click();
  await expect(status).toHaveText('Replaced 1 place in 1 article.');
  await page.keyboard.press('Escape');
  const text = storedText(app, 'Witkoff to meet Putin%');
  expect(text).toContain(FIXED_SENTENCE);
  expect(text).toContain('launched by');

  // Ben's file: found by the hash the article had, mapped through Ana's two edits.
  const line = await importExchange(app, bensFile);
  const notPlaced = line.getByRole('list', { name: 'Not placed on your text of the article (1)' });
  await expect(notPlaced).toContainText('Annotation “immediately”');
  await expect(notPlaced).toContainText('its text was removed when the article was edited here, in version 3');
  expect(app.query("SELECT count(*) AS n FROM documents WHERE title LIKE 'Witkoff to meet Putin%'")).toEqual([{ n: 1 }]);

  await openArticle(app, TITLE);
  await expect.poll(() => paintedByLabel(app)).toEqual({ Claim: [FIXED_SENTENCE], Source: ['Kherson'] });
  const spans = storedSpans(app);
  expect(spans.map((s) => [s.label, s.quote])).toEqual([
    ['Claim', FIXED_SENTENCE],
    ['Source', 'Kherson'],
  ]);
  for (const span of spans) expect(codePointSlice(text, span.start, span.end)).toBe(span.quote);
});
