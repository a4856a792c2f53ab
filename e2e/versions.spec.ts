import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type BylineApp } from './support/app';
import { expectSelected, paintedByLabel, tagWithHotkey } from './support/article';
import { openArticle, storedSpans } from './support/library';

const SAMPLE = 'Harbor city weighs bridge toll as repair bill climbs';
const RENAMED = 'Replaced “transportation committee” with “finance committee” (1)';
const FIXED_WORD = 'Replaced “designed for half” with “built for half” (1)';
const CLAIM = 'We are patching a structure that was designed for half the traffic it carries';

const axe = (page: Page) => new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);

interface VersionRow {
  version: number;
  text: string;
  sha256: string;
  description: string | null;
}

const versionRows = (app: BylineApp) =>
  app.query<VersionRow>('SELECT version, text, sha256, description FROM document_versions ORDER BY version');
const currentVersion = (app: BylineApp) =>
  app.query<{ version: number; sha256: string }>(
    `SELECT d.version, v.sha256 FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.version = d.version`,
  )[0]!;

/**
 * Two versions made as an analyst makes them, with Find & replace (Ctrl+H): version 2 renames the
 * committee, version 3 changes a word inside the tagged claim.
 */
async function makeTwoVersions(app: BylineApp): Promise<void> {
  const { page } = app;
  await page.keyboard.press('Control+h');
  const dialog = page.getByRole('dialog', { name: 'Find and replace in this article' });
  const status = dialog.getByRole('status');
  for (const [find, replace] of [
    ['transportation committee', 'finance committee'],
    ['designed for half', 'built for half'],
  ] as const) {
    await dialog.getByRole('textbox', { name: 'Find' }).fill(find);
    await dialog.getByRole('textbox', { name: 'Replace with' }).fill(replace);
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await expect(status).toHaveText('1 change in 1 article.');
    await dialog.getByRole('button', { name: 'Replace 1' }).click();
    await expect(status).toHaveText('Replaced 1 place in 1 article.');
  }
  await page.keyboard.press('Escape');
  await expect(page.getByRole('article', { name: 'Article text' })).toContainText('built for half the traffic');
}

test('the versions list, the word diff between any two, a revert by keyboard, and Undo taking it back', async ({ app }) => {
  const { page } = app;
  await openArticle(app, SAMPLE);
  await tagWithHotkey(page, 'Marisol Ferreira', '2');
  await expectSelected(page, 'Source', 'Marisol Ferreira');
  await tagWithHotkey(page, CLAIM, '1');
  await expectSelected(page, 'Claim', CLAIM);
  const original = storedSpans(app);
  expect(original.map((s) => s.quote)).toEqual(['Marisol Ferreira', CLAIM]);
  await makeTwoVersions(app);
  const edited = storedSpans(app);
  expect(edited.map((s) => s.quote)).toEqual(['Marisol Ferreira', CLAIM.replace('designed', 'built')]);
  const [v1, v2, v3] = versionRows(app);

  // The list, newest first, opened with the mouse.
  await page.getByRole('button', { name: 'Versions (3)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Versions of the text' });
  const rows = dialog.getByRole('table', { name: 'Versions, newest first' }).getByRole('row');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(1)).toContainText('3 (current)');
  await expect(rows.nth(1)).toContainText(FIXED_WORD);
  await expect(rows.nth(1)).toContainText(`${[...v3!.text].length.toLocaleString('en-US')} characters`);
  await expect(rows.nth(1).locator('code')).toHaveText(v3!.sha256.slice(0, 10));
  await expect(rows.nth(2)).toContainText(RENAMED);
  await expect(rows.nth(2).locator('code')).toHaveText(v2!.sha256.slice(0, 10));
  await expect(rows.nth(3)).toContainText('Imported');
  await expect(rows.nth(3)).not.toContainText('current');
  await expect(rows.nth(3)).toContainText('—'); // no one edited it: it was imported
  expect(v1!.text).toContain('designed for half');

  // By default the current version against the one before it: exactly the word that changed.
  const from = dialog.getByRole('combobox', { name: 'Compare version' });
  const to = dialog.getByRole('combobox', { name: 'with version' });
  await expect(from).toBeFocused();
  await expect(from).toHaveValue('2');
  await expect(to).toHaveValue('3');
  await expect(from.getByRole('option')).toHaveText([
    `3 (current): ${FIXED_WORD}`,
    `2: ${RENAMED}`,
    '1: Imported',
  ]);
  const diff = dialog.getByRole('region', { name: 'Differences from version 2 to version 3' });
  await expect(diff.getByRole('status')).toHaveText('from version 2 to version 3: 1 change: 1 word removed, 1 added');
  await expect(diff.locator('del')).toHaveText(['removed: designed']);
  await expect(diff.locator('ins')).toHaveText(['added: built']);
  // Eight words around it, within its paragraph; "…" where the paragraph goes on.
  await expect(diff.getByRole('listitem')).toHaveText([
    '… Tuesday. "We are patching a structure that was removed: designedadded: built for half the traffic it carries," Ferreira said.',
  ]);

  // Arrow keys choose another version: from version 1, both edits.
  await page.keyboard.press('ArrowDown');
  await expect(from).toHaveValue('1');
  const wider = dialog.getByRole('region', { name: 'Differences from version 1 to version 3' });
  await expect(wider.getByRole('status')).toHaveText('from version 1 to version 3: 2 changes: 2 words removed, 2 added');
  await expect(wider.locator('del')).toHaveText(['removed: transportation', 'removed: designed']);
  await expect(wider.locator('ins')).toHaveText(['added: finance', 'added: built']);

  // Any two, in either direction, with the mouse too.
  await to.selectOption('2');
  const between = dialog.getByRole('region', { name: 'Differences from version 1 to version 2' });
  await expect(between.locator('del')).toHaveText(['removed: transportation']);
  await expect(between.locator('ins')).toHaveText(['added: finance']);
  await from.selectOption('3');
  const backwards = dialog.getByRole('region', { name: 'Differences from version 3 to version 2' });
  await expect(backwards.locator('del')).toHaveText(['removed: built']);
  await expect(backwards.locator('ins')).toHaveText(['added: designed']);
  await expect(dialog.getByRole('button', { name: 'Revert to version 3…' })).toBeDisabled();
  await from.selectOption('1');
  await to.focus();
  await page.keyboard.press('ArrowUp');
  await expect(to).toHaveValue('3');
  await expect(dialog.getByRole('region', { name: 'Differences from version 1 to version 3' })).toBeVisible();

  // Revert to version 1, confirmed, from the keyboard.
  const revertButton = dialog.getByRole('button', { name: 'Revert to version 1…' });
  await expect(revertButton).toHaveAccessibleDescription('Reverting makes version 1’s text the current one again, as a new version.');
  await page.keyboard.press('Tab'); // the differences, which scroll
  await expect(dialog.getByRole('region', { name: 'Differences from version 1 to version 3' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(revertButton).toBeFocused();
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog', { name: 'Revert to version 1?' });
  await expect(confirm).toContainText('The article gets a new version with the text of version 1');
  await expect(confirm).toContainText('Those whose text is not in version 1 are deleted, with their links.');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');

  // The article shows version 1's text again, as version 4, with the same hash; the tags moved back.
  const article = page.getByRole('article', { name: 'Article text' });
  await expect(article).toContainText('designed for half the traffic');
  await expect(article).toContainText('the transportation committee');
  await expect(dialog).toBeHidden();
  const afterRevert = versionRows(app);
  expect(afterRevert.map((v) => [v.version, v.description])).toEqual([
    [1, null],
    [2, RENAMED],
    [3, FIXED_WORD],
    [4, 'Reverted to version 1'],
  ]);
  expect(afterRevert[3]!.text).toBe(v1!.text);
  expect(afterRevert[3]!.sha256).toBe(v1!.sha256);
  expect(currentVersion(app)).toEqual({ version: 4, sha256: v1!.sha256 });
  expect(storedSpans(app)).toEqual(original);
  await expect.poll(() => paintedByLabel(app)).toEqual({ Claim: [CLAIM], Source: ['Marisol Ferreira'] });
  await expect(page.getByRole('button', { name: 'Versions (4)' })).toBeVisible();

  // Undo takes the revert back: version 3 is current again, its text on screen, the tags where they were.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => currentVersion(app)).toEqual({ version: 3, sha256: v3!.sha256 });
  await expect(article).toContainText('built for half the traffic');
  await expect(article).toContainText('the finance committee');
  expect(storedSpans(app)).toEqual(edited);
  await expect.poll(() => paintedByLabel(app)).toEqual({ Claim: [edited[1]!.quote], Source: ['Marisol Ferreira'] });
  expect(versionRows(app)).toHaveLength(4);
});

test('the versions dialog and its confirmation have no axe violations, light and dark; Esc gives the focus back', async ({
  app,
}) => {
  test.slow(); // four axe scans
  const { page } = app;
  await openArticle(app, SAMPLE);
  await makeTwoVersions(app);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const opener = page.getByRole('button', { name: 'Versions (3)' });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Versions of the text' });
    await expect(dialog.getByRole('status')).toHaveText('from version 2 to version 3: 1 change: 1 word removed, 1 added');
    expect((await axe(page).analyze()).violations).toEqual([]);

    await dialog.getByRole('button', { name: 'Revert to version 2…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revert to version 2?' });
    await expect(confirm).toBeVisible();
    expect((await axe(page).analyze()).violations).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(confirm).toBeHidden();
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
  }
  expect(versionRows(app)).toHaveLength(3);
});
