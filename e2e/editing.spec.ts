import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, type BylineApp } from './support/app';
import {
  clickPhrase,
  detailsPanel,
  expectSelected,
  locatePhrase,
  paintedByLabel,
  selectWithMouse,
  tagWithHotkey,
} from './support/article';
import { importFiles, openArticle, storedSpans } from './support/library';

const SAMPLE = 'Harbor city weighs bridge toll as repair bill climbs';

test('a span of two fragments, added with Shift+drag and the same hotkey, is one annotation after reload', async ({
  app,
}) => {
  const { page } = app;
  await openArticle(app, SAMPLE);
  await tagWithHotkey(page, 'Mayor Tom Lindqvist', '2');
  await expectSelected(page, 'Source', 'Mayor Tom Lindqvist');

  const second = await locatePhrase(page, 'Priya Raman');
  await page.keyboard.down('Shift');
  await page.mouse.move(second.startX, second.y);
  await page.mouse.down();
  await page.mouse.move(second.endX, second.y, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await page.keyboard.press('2');

  await expectSelected(page, 'Source', 'Mayor Tom Lindqvist Priya Raman');
  const fragments = detailsPanel(page).getByRole('list', { name: 'Fragments' }).getByRole('listitem');
  await expect(fragments).toHaveCount(2);
  await expect(page.getByText('1 annotation', { exact: true })).toBeVisible();
  await expect.poll(() => paintedByLabel(app)).toEqual({ Source: ['Mayor Tom Lindqvist', 'Priya Raman'] });

  await page.reload();
  await expect.poll(() => paintedByLabel(app)).toEqual({ Source: ['Mayor Tom Lindqvist', 'Priya Raman'] });
  await clickPhrase(page, 'Priya Raman');
  await expectSelected(page, 'Source', 'Mayor Tom Lindqvist Priya Raman');
  await expect(fragments).toHaveCount(2);
  const rows = storedSpans(app);
  expect(rows.map((r) => r.label)).toEqual(['Source', 'Source']);
  expect(app.query('SELECT count(*) AS n FROM annotations')).toEqual([{ n: 1 }]);

  // The side panel also adds a selected piece of text, and removes a fragment.
  await selectWithMouse(page, 'Grace Whitfield');
  await detailsPanel(page).getByRole('button', { name: 'Add selected text' }).click();
  await expect(fragments).toHaveCount(3);
  await detailsPanel(page).getByRole('button', { name: /^Remove fragment/ }).first().click();
  await expectSelected(page, 'Source', 'Priya Raman Grace Whitfield');
  expect(storedSpans(app)).toHaveLength(2);
});

/** What the person sees and what the file holds, in one comparable shape. */
async function observe(app: BylineApp) {
  const annotations = app.query<{ label: string; quote: string; note: string | null; attributes: string }>(
    `SELECT l.name AS label, a.quote, a.note, a.attributes FROM annotations a JOIN labels l ON l.id = a.label_id
     ORDER BY a.quote`,
  );
  return {
    painted: await paintedByLabel(app),
    stored: annotations.map((a) => ({ ...a, attributes: JSON.parse(a.attributes) as unknown })),
  };
}

async function fieldsOf(page: Page, phrase: string) {
  await clickPhrase(page, phrase);
  const panel = detailsPanel(page);
  await expect(panel.getByRole('blockquote')).toContainText(phrase);
  const note = panel.getByRole('textbox', { name: 'Note' });
  return {
    note: await note.inputValue(),
    checkworthiness: await panel
      .getByRole('combobox', { name: 'Check-worthiness' })
      .evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text)
      .catch(() => null),
  };
}

test('attributes and a note are saved; undo three steps, switch documents and back, redo', async ({ app }) => {
  const { page } = app;
  await importFiles(app, [resolve('e2e/data/school-board-budget.txt')]);
  await openArticle(app, SAMPLE);
  const panel = detailsPanel(page);
  const CLAIM = 'The city of Port Alden will ask drivers to pay a toll';

  await tagWithHotkey(page, CLAIM, '1');
  await expectSelected(page, 'Claim', CLAIM);
  const states = [await observe(app)];

  // Steps: an attribute, a note, an anonymous attribution, its number of sources.
  await panel.getByRole('combobox', { name: 'Check-worthiness' }).selectOption('check-worthy');
  await expect.poll(async () => (await observe(app)).stored[0]?.attributes).toEqual({ checkworthiness: 'check-worthy' });
  states.push(await observe(app));

  await panel.getByRole('textbox', { name: 'Note' }).fill('Ask the council for the budget memo.');
  await panel.getByRole('textbox', { name: 'Note' }).press('Tab');
  await expect.poll(async () => (await observe(app)).stored[0]?.note).toBe('Ask the council for the budget memo.');
  states.push(await observe(app));

  await tagWithHotkey(page, 'two council aides', '3');
  await expectSelected(page, 'Anonymous attribution', 'two council aides');
  states.push(await observe(app));
  await panel.getByRole('spinbutton', { name: 'Number of sources' }).fill('2');
  await panel.getByRole('spinbutton', { name: 'Number of sources' }).press('Enter');
  await expect.poll(async () => (await observe(app)).stored.find((a) => a.label === 'Anonymous attribution')?.attributes).toEqual({
    sources: 2,
  });
  states.push(await observe(app));
  expect(states).toHaveLength(5);

  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  const redo = page.getByRole('button', { name: 'Redo', exact: true });
  await expect(undo).toHaveAttribute('title', 'Undo: Set sources of “two council aides”');

  // Undo with the keyboard, three times: the screen and the file go back step by step.
  await page.getByRole('article', { name: 'Article text' }).focus();
  for (const back of [3, 2, 1]) {
    await page.keyboard.press('Control+z');
    await expect.poll(() => observe(app)).toEqual(states[back]);
  }
  expect(await fieldsOf(page, 'Port Alden')).toEqual({ note: '', checkworthiness: 'check-worthy' });
  await expect(redo).toHaveAttribute('title', 'Redo: Edit the note of “The city of Port Alden will ask drivers…”');

  // Another article and back: the history is still there.
  await openArticle(app, 'School board delays vote on closing two elementary schools');
  await expect(undo).toBeDisabled();
  await openArticle(app, SAMPLE);
  await expect.poll(() => observe(app)).toEqual(states[1]);

  await redo.click();
  await expect.poll(() => observe(app)).toEqual(states[2]);
  expect(await fieldsOf(page, 'Port Alden')).toEqual({ note: 'Ask the council for the budget memo.', checkworthiness: 'check-worthy' });
  await page.getByRole('article', { name: 'Article text' }).focus();
  for (const forward of [3, 4]) {
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => observe(app)).toEqual(states[forward]);
  }
  await expect(redo).toBeDisabled();
});

test('an attribute value outside the label schema is refused at the API boundary', async ({ app }) => {
  const { page } = app;
  await openArticle(app, SAMPLE);
  await tagWithHotkey(page, 'Marisol Ferreira', '2');
  await expectSelected(page, 'Source', 'Marisol Ferreira');
  const id = app.query<{ id: string }>('SELECT id FROM annotations')[0]!.id;
  const reply = await page.evaluate(
    (annotationId) => window.byline.invoke('annotations.update', { id: annotationId, attributes: { kind: 'alien' } }),
    id,
  );
  expect(reply).toEqual({
    ok: false,
    error: {
      code: 'invalid_request',
      message: '“Kind” of “Source” must be one of “person”, “organization”, “document”, “media”; "alien" is not.',
    },
  });
  expect(app.query('SELECT attributes FROM annotations')).toEqual([{ attributes: '{}' }]);
});
