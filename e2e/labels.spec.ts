import { expect, test } from './support/app';
import { expectSelected, paintedByLabel, tagWithHotkey, clickPhrase } from './support/article';
import { openArticle } from './support/library';

const SAMPLE = 'Harbor city weighs bridge toll as repair bill climbs';

async function openLabels(app: import('./support/app').BylineApp) {
  await app.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(app.page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
}

test('renaming a label in use shows the new name on all its annotations, and loses nothing', async ({ app }) => {
  const { page } = app;
  await openArticle(app, SAMPLE);
  await tagWithHotkey(page, 'Marisol Ferreira', '2');
  await expectSelected(page, 'Source', 'Marisol Ferreira');
  await tagWithHotkey(page, 'Priya Raman', '2');
  await expectSelected(page, 'Source', 'Priya Raman');
  const before = app.query('SELECT id, label_id, quote FROM annotations ORDER BY id');

  await openLabels(app);
  const editor = page.getByRole('form', { name: 'Source' });
  await editor.getByRole('textbox', { name: 'Label name' }).fill('Named source');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('form', { name: 'Named source' }).getByRole('status')).toHaveText('Saved.');

  await openArticle(app, SAMPLE);
  await expect(page.getByRole('toolbar', { name: 'Labels' }).getByRole('button', { name: /Named source/ })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Annotations per label' })).toContainText('Named source: 2');
  await expect.poll(() => paintedByLabel(app)).toEqual({ 'Named source': ['Marisol Ferreira', 'Priya Raman'] });
  await clickPhrase(page, 'Priya Raman');
  await expectSelected(page, 'Named source', 'Priya Raman');
  expect(app.query('SELECT id, label_id, quote FROM annotations ORDER BY id')).toEqual(before);
});

test('a new label with its own hotkey and attribute tags at once; deleting a label in use asks first', async ({
  app,
}) => {
  const { page } = app;
  await openLabels(app);
  await page.getByRole('button', { name: 'Add label' }).click();
  const editor = page.getByRole('form', { name: 'New label 5' });
  await editor.getByRole('textbox', { name: 'Label name' }).fill('Statistic');
  await expect(editor.getByRole('combobox', { name: 'Hotkey' })).toHaveValue('4');
  await editor.getByRole('button', { name: 'Add attribute' }).click();
  await editor.getByRole('group', { name: 'Attribute Attribute 1' }).getByRole('textbox', { name: 'Name' }).fill('Verified');
  await editor.getByRole('combobox', { name: 'Type' }).selectOption('boolean');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('form', { name: 'Statistic' }).getByRole('status')).toHaveText('Saved.');

  await openArticle(app, SAMPLE);
  await tagWithHotkey(page, '41,000 vehicles a day', '4');
  await expectSelected(page, 'Statistic', '41,000 vehicles a day');
  await page.getByRole('complementary', { name: 'Annotation' }).getByRole('combobox', { name: 'Verified' }).selectOption('yes');
  await expect
    .poll(() => app.query<{ attributes: string }>('SELECT attributes FROM annotations').map((r) => JSON.parse(r.attributes)))
    .toEqual([{ attribute1: true }]);

  await openLabels(app);
  await page.getByRole('form', { name: 'Statistic' }).getByRole('button', { name: 'Delete label' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete “Statistic”?' });
  await expect(dialog).toContainText('“Statistic” holds 1 annotation and 0 links in 1 article.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(app.query('SELECT count(*) AS n FROM annotations')).toEqual([{ n: 1 }]);

  await page.getByRole('form', { name: 'Statistic' }).getByRole('button', { name: 'Delete label' }).click();
  await dialog.getByRole('button', { name: 'Delete “Statistic” and its annotations' }).click();
  await expect(page.getByRole('form', { name: 'Statistic' })).toBeHidden();
  expect(app.query('SELECT count(*) AS n FROM annotations')).toEqual([{ n: 0 }]);
  expect(app.query("SELECT count(*) AS n FROM labels WHERE name = 'Statistic'")).toEqual([{ n: 0 }]);
});

test('a hotkey another label has is refused with the reason', async ({ app }) => {
  const { page } = app;
  await openLabels(app);
  const editor = page.getByRole('form', { name: 'Claim' });
  await editor.getByRole('combobox', { name: 'Hotkey' }).selectOption('2');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor.getByRole('alert')).toHaveText('Hotkey 2 is already used by “Source”.');
  expect(app.query("SELECT hotkey FROM labels WHERE name = 'Claim'")).toEqual([{ hotkey: '1' }]);
});
