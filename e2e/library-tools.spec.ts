import { resolve } from 'node:path';
import { expect, test, type BylineApp } from './support/app';
import { expectSelected, tagWithHotkey } from './support/article';
import { goToLibrary, importFiles, openArticle } from './support/library';

const SAMPLE = 'Harbor city weighs bridge toll as repair bill climbs';
const SCHOOL = 'School board delays vote on closing two elementary schools';
const UNICODE = 'Emoji, accents and a tricky byline 👍';

async function libraryWithThree(app: BylineApp) {
  await importFiles(app, [resolve('e2e/data/school-board-budget.txt'), resolve('e2e/data/unicode-crlf.txt')]);
  await app.page.getByRole('button', { name: 'Close report' }).click();
  return app.page.getByRole('table', { name: 'Articles' });
}

/** The titles in the table, top to bottom. */
async function titles(table: import('@playwright/test').Locator): Promise<string[]> {
  return table.getByRole('row').filter({ has: table.page().getByRole('link') }).getByRole('link').allTextContents();
}

test('sorts by a column, both ways, and filters by outlet and by a label present or absent', async ({ app }) => {
  const { page } = app;
  const table = await libraryWithThree(app);
  await table.getByRole('button', { name: 'Title' }).click();
  await expect(table.getByRole('columnheader', { name: 'Title' })).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => titles(table)).toEqual([UNICODE, SAMPLE, SCHOOL]);
  await table.getByRole('button', { name: 'Title' }).click();
  await expect(table.getByRole('columnheader', { name: 'Title' })).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(() => titles(table)).toEqual([SCHOOL, SAMPLE, UNICODE]);

  await openArticle(app, SAMPLE);
  await tagWithHotkey(page, 'Marisol Ferreira', '2');
  await expectSelected(page, 'Source', 'Marisol Ferreira');
  await goToLibrary(app);
  const filters = page.getByRole('group', { name: 'Filters' });
  await filters.getByRole('combobox', { name: 'Label' }).selectOption({ label: 'with Source' });
  await expect.poll(() => titles(table)).toEqual([SAMPLE]);
  await filters.getByRole('combobox', { name: 'Label' }).selectOption({ label: 'without Source' });
  await expect.poll(() => titles(table)).toEqual([UNICODE, SCHOOL]);
  await filters.getByRole('combobox', { name: 'Label' }).selectOption({ label: 'Any' });
  await filters.getByRole('combobox', { name: 'Status' }).selectOption('in progress');
  await expect.poll(() => titles(table)).toEqual([SAMPLE]);
});

test('edits an article’s details, refusing a bad URL with the reason', async ({ app }) => {
  const { page } = app;
  const table = await libraryWithThree(app);
  await table.getByRole('button', { name: `Edit details of “${SCHOOL}”` }).click();
  const dialog = page.getByRole('dialog', { name: 'Article details' });
  await dialog.getByRole('textbox', { name: 'Outlet' }).fill('Riverside Courier');
  await dialog.getByRole('textbox', { name: 'Author' }).fill('Helen Osei');
  await dialog.getByLabel('Published').fill('2026-03-12');
  await dialog.getByRole('textbox', { name: 'URL' }).fill('ftp://example.org/schools');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toContainText('url');
  expect(app.query("SELECT outlet FROM documents WHERE title LIKE 'School board%'")).toEqual([{ outlet: null }]);

  await dialog.getByRole('textbox', { name: 'URL' }).fill('https://example.org/schools');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const row = table.getByRole('row').filter({ hasText: SCHOOL });
  await expect(row).toContainText('Riverside Courier');
  await expect(row).toContainText('2026-03-12');
  expect(app.query("SELECT outlet, author, published_at, url FROM documents WHERE title LIKE 'School board%'")).toEqual([
    { outlet: 'Riverside Courier', author: 'Helen Osei', published_at: '2026-03-12', url: 'https://example.org/schools' },
  ]);

  // The outlet is now one to filter by.
  await page.getByRole('group', { name: 'Filters' }).getByRole('combobox', { name: 'Outlet' }).selectOption('Riverside Courier');
  await expect.poll(() => titles(table)).toEqual([SCHOOL]);
});

test('puts selected articles into a collection, and filters by it', async ({ app }) => {
  const { page } = app;
  const table = await libraryWithThree(app);
  await table.getByRole('checkbox', { name: `Select “${SCHOOL}”` }).check();
  await table.getByRole('checkbox', { name: `Select “${UNICODE}”` }).check();
  const tools = page.getByRole('group', { name: 'Collections' });
  await expect(tools).toContainText('2 selected');
  await tools.getByRole('textbox', { name: 'or a new collection' }).fill('Batch A');
  await tools.getByRole('button', { name: 'Create and add' }).click();
  await expect(page.getByRole('status')).toHaveText('Added 2 articles to “Batch A” (2 in all).');
  await page.getByRole('group', { name: 'Filters' }).getByRole('combobox', { name: 'Collection' }).selectOption({ label: 'Batch A (2)' });
  await expect.poll(() => titles(table)).toEqual([UNICODE, SCHOOL]);
  expect(app.query('SELECT c.name, count(*) AS n FROM collections c JOIN collection_documents m ON m.collection_id = c.id GROUP BY c.id')).toEqual([
    { name: 'Batch A', n: 2 },
  ]);
});
