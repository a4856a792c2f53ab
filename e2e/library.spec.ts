import { resolve } from 'node:path';
import { expect, test } from './support/app';
import { importFiles, openArticle } from './support/library';

const data = (name: string) => resolve('e2e/data', name);

test('a new workspace opens on the library with the built-in sample article', async ({ app }) => {
  const { page } = app;
  const table = page.getByRole('table', { name: 'Articles' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('link', { name: 'Harbor city weighs bridge toll as repair bill climbs' })).toBeVisible();
  expect(app.query<{ origin_format: string }>('SELECT origin_format FROM documents')).toEqual([
    { origin_format: 'sample' },
  ]);
});

test('imports a text file, titled by its first line, and opens it with its paragraphs', async ({ app }) => {
  const { page } = app;
  const report = await importFiles(app, [data('school-board-budget.txt')]);
  await expect(report).toHaveText(
    `Imported “School board delays vote on closing two elementary schools”: ${data('school-board-budget.txt')}`,
  );
  await openArticle(app, 'School board delays vote on closing two elementary schools');
  const article = page.getByRole('article', { name: 'Article text' });
  // Each line of the file is a line of the article, in order.
  const lines = (await article.innerText()).split('\n').filter((line) => line.trim());
  expect(lines[0]).toBe('School board delays vote on closing two elementary schools');
  expect(lines[2]).toMatch(/^Superintendent Alan Mercer told the board/);
  expect(lines).toHaveLength(7);

  // The same file again is recognized, not copied.
  const again = await importFiles(app, [data('school-board-budget.txt')]);
  await expect(again).toContainText('Already in the library (“School board delays vote on closing two elementary schools”)');
  expect(app.query('SELECT id FROM documents')).toHaveLength(2);
});

test('bad files each get a reason naming the file, and nothing of them is stored', async ({ app }) => {
  const before = app.query<{ n: number }>('SELECT count(*) AS n FROM events')[0]!.n;
  const report = await importFiles(app, [
    data('empty.txt'),
    data('photo-renamed.txt'),
    data('school-board-budget.txt'),
  ]);
  await expect(report).toContainText(`${data('empty.txt')} is empty: there is no text to annotate.`);
  await expect(report).toContainText(
    `${data('photo-renamed.txt')} is not a text file: it looks like a PNG image (image/png).`,
  );
  // One bad file does not stop the rest.
  await expect(report).toContainText('Imported “School board delays vote');
  const titles = app.query<{ title: string }>('SELECT title FROM documents ORDER BY title').map((d) => d.title);
  expect(titles).toEqual([
    'Harbor city weighs bridge toll as repair bill climbs',
    'School board delays vote on closing two elementary schools',
  ]);
  // Only the good file's import was logged.
  expect(app.query<{ n: number }>('SELECT count(*) AS n FROM events')[0]!.n).toBe(before + 1);
});

test('New article from clipboard takes the copied text, and refuses blank text', async ({ app }, testInfo) => {
  const { page } = app;
  // The app's own session grants the clipboard in Electron; a plain browser asks.
  if (testInfo.project.name === 'chromium') {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  }
  const copied = 'Ferry fares to rise in May\n\nThe ferry authority said fares would rise by 8 percent, according to a memo seen by this newspaper.';
  await page.evaluate((text) => navigator.clipboard.writeText(text), copied);

  await page.getByRole('button', { name: 'New article from clipboard' }).click();
  const dialog = page.getByRole('dialog', { name: 'New article from clipboard' });
  await expect(dialog.getByRole('textbox', { name: 'Article text' })).toHaveValue(copied);
  await expect(dialog).toContainText('Title: Ferry fares to rise in May');
  await dialog.getByRole('button', { name: 'Add to library' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status')).toHaveText('Imported “Ferry fares to rise in May”.');
  expect(app.query("SELECT title FROM documents WHERE origin_format = 'clipboard'")).toEqual([
    { title: 'Ferry fares to rise in May' },
  ]);

  await page.getByRole('button', { name: 'New article from clipboard' }).click();
  const box = dialog.getByRole('textbox', { name: 'Article text' });
  await box.fill('   \n  ');
  await dialog.getByRole('button', { name: 'Add to library' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('The pasted text is empty: there is no text to annotate.');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(app.query('SELECT id FROM documents')).toHaveLength(2);
});
