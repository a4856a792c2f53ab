import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type BylineApp } from './support/app';
import { clickPhrase, expectSelected, locatePhrase, paintedByLabel, selectWithMouse, tagWithHotkey } from './support/article';
import { openArticle, storedSpans, storedText } from './support/library';

const SAMPLE = 'Harbor city weighs bridge toll as repair bill climbs';
const SAMPLE_LIKE = 'Harbor city%';

const editButton = (page: Page) => page.getByRole('button', { name: /^(Edit text|Done editing)$/ });
const editMode = (page: Page) => page.getByRole('status', { name: 'Edit mode' });
const editStatus = (page: Page) => page.getByRole('status', { name: 'Edit status' });
/** The article while it is editable (a multi-line text box) and while it is not. */
const editableText = (page: Page) => page.getByRole('textbox', { name: 'Article text' });
const readOnlyText = (page: Page) => page.getByRole('article', { name: 'Article text' });

/** Puts the caret right before a phrase, with a click on its first character's left half. */
async function clickBefore(page: Page, phrase: string): Promise<void> {
  const at = await locatePhrase(page, phrase);
  await page.mouse.click(at.startX, at.y);
}

/** Pastes as the OS would: a paste event carrying a DataTransfer, at the selection in the article. */
async function paste(page: Page, data: Record<string, string>): Promise<void> {
  await page.evaluate((entries) => {
    const transfer = new DataTransfer();
    for (const [type, value] of Object.entries(entries)) transfer.setData(type, value);
    const target = document.querySelector('[aria-label="Article text"]')!;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, data);
}

/** The stored versions of the sample article, oldest first, and which one is current. */
function versions(app: BylineApp) {
  return app.query<{ version: number; base_version: number | null; current: number }>(
    `SELECT v.version, v.base_version, v.version = d.version AS current
     FROM document_versions v JOIN documents d ON d.id = v.document_id
     WHERE d.title LIKE ? ORDER BY v.version`,
    SAMPLE_LIKE,
  );
}

/** Every stored fragment quotes exactly the text at its offsets (code points) in the current text. */
function expectQuotesAtOffsets(app: BylineApp): void {
  const points = Array.from(storedText(app, SAMPLE_LIKE));
  for (const span of storedSpans(app)) {
    expect(points.slice(span.start, span.end).join(''), `${span.label} ${span.start}-${span.end}`).toBe(span.quote);
  }
}

test('typing before a tag shifts it, typing inside one grows it, deleting across its start trims it; done editing stores a new version', async ({
  app,
}) => {
  const { page } = app;
  const original = storedText(app, SAMPLE_LIKE);
  await openArticle(app, SAMPLE);
  await tagWithHotkey(page, 'Marisol Ferreira', '2');
  await tagWithHotkey(page, 'no decision has been made', '1');
  await tagWithHotkey(page, 'Tom Lindqvist has said publicly', '1');
  // The mode waits for no tag: one still on its way to the workspace makes it refuse, with a message.
  await expectSelected(page, 'Claim', 'Tom Lindqvist has said publicly');

  await editButton(page).click();
  await expect(editButton(page)).toHaveText('Done editing');
  await expect(editButton(page)).toHaveAttribute('aria-pressed', 'true');
  await expect(editMode(page)).toHaveText(/^Editing the text/);
  await expect(page.getByText('Tagging, links and the side panel are off', { exact: false })).toBeVisible();
  await expect(editableText(page)).toBeVisible();
  const axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  expect((await axe.analyze()).violations).toEqual([]);

  await clickBefore(page, 'Marisol Ferreira');
  await page.keyboard.type('Dr. ');
  await clickBefore(page, 'been made');
  await page.keyboard.type('yet ');
  await selectWithMouse(page, 'Mayor Tom');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Delete');
  // Painted where the edits moved them, while still editing.
  await expect
    .poll(() => paintedByLabel(app))
    .toEqual({ Source: ['Marisol Ferreira'], Claim: ['Lindqvist has said publicly', 'no decision has yet been made'] });
  // A label key types a digit here: it does not tag.
  await page.keyboard.type('1 ');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');

  await editButton(page).click();
  await expect(editMode(page)).toHaveText('Done editing: the text is saved as version 2.');
  await expect(editButton(page)).toHaveText('Edit text');
  await expect(editButton(page)).toHaveAttribute('aria-pressed', 'false');
  await expect(readOnlyText(page)).toBeVisible();

  const expected = original
    .replace('engineer, Marisol', 'engineer, Dr. Marisol')
    .replace('has been made', 'has yet been made')
    .replace('Mayor Tom Lindqvist', 'Lindqvist');
  expect(storedText(app, SAMPLE_LIKE)).toBe(expected);
  expect(versions(app)).toEqual([
    { version: 1, base_version: null, current: 0 },
    { version: 2, base_version: 1, current: 1 },
  ]);
  expect(storedSpans(app).map((s) => [s.label, s.quote])).toEqual([
    ['Source', 'Marisol Ferreira'],
    ['Claim', 'Lindqvist has said publicly'],
    ['Claim', 'no decision has yet been made'],
  ]);
  expectQuotesAtOffsets(app);

  // Tagging works on the new text, at offsets of the new text.
  await tagWithHotkey(page, 'Priya Raman', '2');
  await expect(page.getByText('4 annotations')).toBeVisible();
  await expect.poll(() => storedSpans(app).length).toBe(4);
  expectQuotesAtOffsets(app);
});

test('deleting all of a tag’s text deletes it, Ctrl+Z in the mode brings it back, and Undo takes back the whole saved edit', async ({
  app,
}) => {
  const { page } = app;
  const original = storedText(app, SAMPLE_LIKE);
  await openArticle(app, SAMPLE);
  await tagWithHotkey(page, 'Priya Raman', '2');
  await tagWithHotkey(page, 'Grace Whitfield', '2');
  await expectSelected(page, 'Source', 'Grace Whitfield');
  await page.keyboard.press('Escape');

  // E enters the mode where it does not type.
  await readOnlyText(page).focus();
  await page.keyboard.press('e');
  await expect(editButton(page)).toHaveAttribute('aria-pressed', 'true');

  await selectWithMouse(page, 'Priya Raman');
  await page.keyboard.press('Backspace');
  await expect(editStatus(page)).toHaveText('1 annotation will be deleted: “Priya Raman”. Ctrl+Z brings it back.');
  await expect.poll(() => paintedByLabel(app)).toEqual({ Source: ['Grace Whitfield'] });

  await page.keyboard.press('Control+z');
  await expect(editStatus(page)).toHaveText('');
  await expect.poll(() => paintedByLabel(app)).toEqual({ Source: ['Grace Whitfield', 'Priya Raman'] });
  await page.keyboard.press('Control+Shift+z');
  await expect(editStatus(page)).toHaveText(/^1 annotation will be deleted/);
  await page.keyboard.press('Control+z');
  await expect(editStatus(page)).toHaveText('');

  // Undo brought back the selection too: the name is selected again, ready to delete.
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe('Priya Raman');
  await page.keyboard.press('Delete');
  await expect(editStatus(page)).toHaveText(/^1 annotation will be deleted: “Priya Raman”/);
  await page.keyboard.press('Escape');
  await expect(editMode(page)).toHaveText('Done editing: the text is saved as version 2.');
  await expect(page.getByText('1 annotation', { exact: true })).toBeVisible();
  expect(storedText(app, SAMPLE_LIKE)).toBe(original.replace('Priya Raman', ''));
  expect(storedSpans(app).map((s) => s.quote)).toEqual(['Grace Whitfield']);
  expectQuotesAtOffsets(app);

  // The annotate view's Undo takes back the edit as one step: the text and the tag.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(readOnlyText(page)).toContainText('the mayor, Priya Raman, said');
  await expect.poll(() => paintedByLabel(app)).toEqual({ Source: ['Grace Whitfield', 'Priya Raman'] });
  await expect(page.getByText('2 annotations', { exact: true })).toBeVisible();
  expect(storedText(app, SAMPLE_LIKE)).toBe(original);
  expect(versions(app).find((v) => v.current === 1)?.version).toBe(1);
  expect(storedSpans(app).map((s) => s.quote)).toEqual(['Priya Raman', 'Grace Whitfield']);
  expectQuotesAtOffsets(app);

  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect(readOnlyText(page)).toContainText('the mayor, , said');
  expect(storedSpans(app).map((s) => s.quote)).toEqual(['Grace Whitfield']);
});

test('Enter splits a paragraph and Backspace joins it; pasted HTML becomes plain text; the tags keep their words', async ({
  app,
}) => {
  const { page } = app;
  const original = storedText(app, SAMPLE_LIKE);
  await openArticle(app, SAMPLE);
  await tagWithHotkey(page, 'two council aides', '3');
  await tagWithHotkey(page, 'Grace Whitfield', '2');
  await expectSelected(page, 'Source', 'Grace Whitfield');
  const paragraphs = page.locator('[aria-label="Article text"] > p');
  await expect(paragraphs).toHaveCount(10);

  await app.sendCommand('edit.editText');
  await expect(editButton(page)).toHaveAttribute('aria-pressed', 'true');
  await clickBefore(page, 'But two council aides');
  await page.keyboard.press('Enter');
  await expect(paragraphs).toHaveCount(11);
  await expect(paragraphs.nth(5)).toHaveText(/^But two council aides/);
  await page.keyboard.press('Backspace');
  await expect(paragraphs).toHaveCount(10);
  await page.keyboard.press('Enter');
  await expect(paragraphs).toHaveCount(11);

  // HTML alone: its text goes in, its markup does not.
  await selectWithMouse(page, 'chamber\'s president');
  await paste(page, { 'text/html': '<p>chamber\'s <b>longtime</b> <a href="https://example.com/">president</a><script>window.pwned = 1</script></p>' });
  await expect(editableText(page)).toContainText("Grace Whitfield, the chamber's longtime president.");
  await expect(editableText(page).locator('b, a, script, img')).toHaveCount(0);
  // Plain text and HTML: the plain text goes in.
  await selectWithMouse(page, '3,200');
  await paste(page, { 'text/plain': '3,400', 'text/html': '<b>9,999</b>' });
  await expect(editableText(page)).toContainText('gathered 3,400 signatures');
  await expect
    .poll(() => paintedByLabel(app))
    .toEqual({ Source: ['Grace Whitfield'], 'Anonymous attribution': ['two council aides'] });

  await app.sendCommand('edit.editText');
  await expect(editMode(page)).toHaveText('Done editing: the text is saved as version 2.');
  expect(storedText(app, SAMPLE_LIKE)).toBe(
    original
      .replace('new tolls. But two', 'new tolls. \n\nBut two')
      .replace("chamber's president", "chamber's longtime president")
      .replace('3,200', '3,400'),
  );
  expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
  expect(storedSpans(app).map((s) => s.quote)).toEqual(['two council aides', 'Grace Whitfield']);
  expectQuotesAtOffsets(app);
});

test('an edit that would leave the article empty is refused with a message, and the mode stays on', async ({ app }) => {
  const { page } = app;
  const original = storedText(app, SAMPLE_LIKE);
  await openArticle(app, SAMPLE);
  await tagWithHotkey(page, 'Luis Batista', '2');
  await expectSelected(page, 'Source', 'Luis Batista');

  await editButton(page).click();
  await clickPhrase(page, 'Luis Batista');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
  await expect(editableText(page)).toHaveText('');
  await expect(editStatus(page)).toHaveText(/^1 annotation will be deleted: “Luis Batista”/);
  await editButton(page).click();
  await expect(page.getByRole('alert')).toContainText('This edit would leave the article empty');
  await expect(editButton(page)).toHaveAttribute('aria-pressed', 'true');
  expect(versions(app)).toEqual([{ version: 1, base_version: null, current: 1 }]);

  await page.keyboard.press('Control+z');
  await expect(editableText(page)).toContainText('said Luis Batista, a nurse');
  await editButton(page).click();
  await expect(editMode(page)).toHaveText('Done editing: the text is unchanged.');
  expect(storedText(app, SAMPLE_LIKE)).toBe(original);
  expect(storedSpans(app).map((s) => s.quote)).toEqual(['Luis Batista']);
});

test('leaving the article while editing saves the edits', async ({ app }) => {
  const { page } = app;
  const original = storedText(app, SAMPLE_LIKE);
  await openArticle(app, SAMPLE);
  await editButton(page).click();
  await clickBefore(page, 'Luis Batista');
  await page.keyboard.type('nurse ');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  await expect.poll(() => versions(app).find((v) => v.current === 1)?.version).toBe(2);
  expect(storedText(app, SAMPLE_LIKE)).toBe(original.replace('said Luis Batista', 'said nurse Luis Batista'));
});
