import { expect, test } from './support/app';
import { detailsPanel, expectSelected, tagWithHotkey } from './support/article';
import { goToLibrary, openArticle } from './support/library';

const SAMPLE = 'Harbor city weighs bridge toll as repair bill climbs';

test('Tab and Shift+Tab step through the annotations; ? lists the keys; the list filters by label', async ({
  app,
}) => {
  const { page } = app;
  await openArticle(app, SAMPLE);
  // Tagged out of order: Tab follows the text, not the order of tagging.
  await tagWithHotkey(page, 'Grace Whitfield', '2');
  await tagWithHotkey(page, 'Marisol Ferreira', '2');
  await tagWithHotkey(page, 'no decision has been made', '1');
  await expectSelected(page, 'Claim', 'no decision has been made');
  await page.keyboard.press('Escape');
  await expect(detailsPanel(page)).toContainText('Click a highlight (or press Tab) to see it here.');

  await page.getByRole('article', { name: 'Article text' }).focus();
  await page.keyboard.press('Tab');
  await expectSelected(page, 'Source', 'Marisol Ferreira');
  await page.keyboard.press('Tab');
  await expectSelected(page, 'Claim', 'no decision has been made');
  await page.keyboard.press('Tab');
  await expectSelected(page, 'Source', 'Grace Whitfield');
  await page.keyboard.press('Shift+Tab');
  await expectSelected(page, 'Claim', 'no decision has been made');

  // The list, in document order, filtered to one label; a click selects.
  const list = page.getByRole('list', { name: 'Annotations in document order' });
  await expect(list.getByRole('button')).toHaveText([/Marisol Ferreira/, /no decision has been made/, /Grace Whitfield/]);
  await page.getByRole('combobox', { name: 'Show label' }).selectOption({ label: 'Source' });
  await expect(list.getByRole('button')).toHaveText([/Marisol Ferreira/, /Grace Whitfield/]);
  await list.getByRole('button', { name: /Grace Whitfield/ }).click();
  await expectSelected(page, 'Source', 'Grace Whitfield');
  await expect(page.getByRole('list', { name: 'Annotations per label' })).toContainText('Source: 2');
  await expect(page.getByRole('list', { name: 'Annotations per label' })).toContainText('Claim: 1');

  await page.getByRole('article', { name: 'Article text' }).focus();
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toContainText('Tab / Shift + Tab');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
});

test('the status of an article starts when tagging starts and is set by the annotator', async ({ app }) => {
  const { page } = app;
  const statusCell = () =>
    page.getByRole('row', { name: new RegExp(SAMPLE) }).getByRole('cell').nth(6);
  await expect(statusCell()).toHaveText('not started');
  await openArticle(app, SAMPLE);
  await tagWithHotkey(page, 'Marisol Ferreira', '2');
  await expect(page.getByRole('combobox', { name: 'Status' })).toHaveValue('in progress');
  await page.getByRole('combobox', { name: 'Status' }).selectOption('done');
  await goToLibrary(app);
  await expect(statusCell()).toHaveText('done');
  expect(app.query('SELECT status FROM document_status')).toEqual([{ status: 'done' }]);
});

test('with snapping on, a sloppy drag tags whole words; with it off, exactly the selection', async ({ app }) => {
  const { page } = app;
  await openArticle(app, SAMPLE);
  const { locatePhrase } = await import('./support/article');
  // Drag from inside "Marisol" to inside "Ferreira".
  const at = await locatePhrase(page, 'arisol Ferrei');
  await page.mouse.move(at.startX, at.y);
  await page.mouse.down();
  await page.mouse.move(at.endX, at.y, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.press('2');
  await expectSelected(page, 'Source', 'Marisol Ferreira');

  await page.getByRole('checkbox', { name: 'Snap to words' }).uncheck();
  const again = await locatePhrase(page, 'ransportation');
  await page.mouse.move(again.startX, again.y);
  await page.mouse.down();
  await page.mouse.move(again.endX, again.y, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.press('1');
  await expectSelected(page, 'Claim', 'ransportation');
});
