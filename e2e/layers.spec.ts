import AxeBuilder from '@axe-core/playwright';
import { resolve } from 'node:path';
import { expect, test } from './support/app';
import { detailsPanel, drawnLinks, expectSelected, paintedByLabel, tagWithHotkey } from './support/article';
import { goToLibrary, importFiles, openArticle } from './support/library';

const BRAT = resolve('e2e/data/mixed-import/brat');
const RIVER = 'River dredging plan stalls over cost';
const SAMPLE = 'Harbor city weighs bridge toll as repair bill climbs';

const axe = (page: import('@playwright/test').Page) =>
  new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);

const namePrompt = (page: import('@playwright/test').Page) =>
  page.getByRole('region', { name: 'What name should colleagues see on your tags?' });

test('on first run the library asks the name, without taking the focus; settings show it and change it', async ({
  app,
}) => {
  test.slow(); // a restart and four axe scans
  let { page } = app;
  const localName = () => app.query<{ name: string; namedAt: string | null }>(
    'SELECT name, named_at AS namedAt FROM annotators WHERE is_local = 1',
  );
  const prompt = namePrompt(page);
  await expect(prompt).toBeVisible();
  // The suggestion is the name the workspace has so far (the test host's "Me", the OS account's
  // in Electron); the focus stays where the page put it.
  const suggested = localName()[0]!.name;
  await expect(prompt.getByRole('textbox', { name: 'Your name' })).toHaveValue(suggested);
  expect(await prompt.evaluate((element) => element.contains(document.activeElement))).toBe(false);
  expect((await axe(page).analyze()).violations).toEqual([]);

  // Refused with the reason, and nothing stored.
  await prompt.getByRole('textbox', { name: 'Your name' }).fill('   ');
  await prompt.getByRole('button', { name: 'Save name' }).click();
  await expect(prompt.getByRole('alert')).toHaveText('Your name cannot be blank: colleagues see it on your layer.');
  await prompt.getByRole('textbox', { name: 'Your name' }).fill('n'.repeat(101));
  await prompt.getByRole('textbox', { name: 'Your name' }).press('Enter');
  await expect(prompt.getByRole('alert')).toHaveText('Your name can be at most 100 characters; this one has 101.');
  expect(localName()).toEqual([{ name: suggested, namedAt: null }]);
  expect((await axe(page).analyze()).violations).toEqual([]);

  await prompt.getByRole('textbox', { name: 'Your name' }).fill('Ana Souza');
  await prompt.getByRole('textbox', { name: 'Your name' }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Thank you.' })).toHaveText(
    'Thank you. Colleagues see your tags as “Ana Souza”. Settings can change it.',
  );
  expect(localName()).toEqual([{ name: 'Ana Souza', namedAt: expect.stringMatching(/^\d{4}-/) }]);
  // Imports default to the new name too.
  await page.getByRole('button', { name: 'Import…' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import' });
  await expect(importDialog.getByRole('textbox')).toHaveValue('Ana Souza');
  await page.keyboard.press('Escape');
  await expect(importDialog).toBeHidden();

  // Asked once: not again after a restart.
  await app.restart();
  page = app.page;
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Articles' })).toBeVisible();
  await expect(namePrompt(page)).toHaveCount(0);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const yourName = page.getByRole('region', { name: 'Your name' });
  const field = yourName.getByRole('textbox', { name: 'Your name' });
  await expect(field).toHaveValue('Ana Souza');
  await field.fill('');
  await field.press('Enter');
  await expect(yourName.getByRole('alert')).toHaveText('Your name cannot be blank: colleagues see it on your layer.');
  await field.fill('Ana S.');
  await yourName.getByRole('button', { name: 'Save name' }).click();
  await expect(yourName.getByRole('status')).toHaveText('Saved: colleagues see your tags as “Ana S.”.');
  expect(localName()).toEqual([{ name: 'Ana S.', namedAt: expect.stringMatching(/^\d{4}-/) }]);
  expect((await axe(page).analyze()).violations).toEqual([]);
});

test('"Not now" puts the question off until the next start', async ({ app }) => {
  const { page } = app;
  await namePrompt(page).getByRole('button', { name: 'Not now' }).click();
  await expect(namePrompt(page)).toHaveCount(0);
  await openArticle(app, SAMPLE);
  await goToLibrary(app);
  await expect(namePrompt(page)).toHaveCount(0);
  await app.restart();
  await expect(namePrompt(app.page)).toBeVisible();
  expect(app.query('SELECT named_at FROM annotators WHERE is_local = 1')).toEqual([{ named_at: null }]);
});

test('blind mode and the layer switches hide a colleague’s annotations and links, which are read-only here', async ({
  app,
}) => {
  test.slow(); // an import, reloads and two axe scans
  const { page } = app;
  await importFiles(app, [BRAT], 'folder');
  await openArticle(app, RIVER);
  const layers = page.getByRole('region', { name: 'Layers' });
  const list = page.getByRole('list', { name: 'Annotations in document order' });
  const count = (annotator: 'local' | 'ana') =>
    app.query<{ n: number }>(
      `SELECT count(*) AS n FROM annotations a JOIN annotators p ON p.id = a.annotator_id WHERE ${
        annotator === 'local' ? 'p.is_local = 1' : "p.name = 'ana'"
      }`,
    )[0]!.n;

  const rows = layers.getByRole('list', { name: 'Layers in this article' }).getByRole('listitem');
  const me = app.query<{ name: string }>('SELECT name FROM annotators WHERE is_local = 1')[0]!.name;
  await expect(rows).toHaveText([`${me} (you)0 annotations`, 'Show ana8 annotations']);
  await tagWithHotkey(page, 'Engineers', '2');
  await expectSelected(page, 'Source', 'Engineers');
  await expect(rows.first()).toHaveText(`${me} (you)1 annotation`);
  await expect(detailsPanel(page).getByRole('definition').first()).toHaveText(`${me} (you)`);
  // Links stay within my layer.
  await page.keyboard.press('l');
  await expect(page.getByRole('alert')).toHaveText(/There is no other annotation of yours in this article to link to\./);
  await page.getByRole('button', { name: 'Dismiss' }).click();
  const total = page.getByRole('list', { name: 'Annotations per label' }).getByRole('listitem').first();
  await expect(total).toHaveText('9 annotations');
  await expect(drawnLinks(page)).not.toHaveCount(0);
  expect((await paintedByLabel(app)).Source).toEqual(['Engineers', 'a commission spokesperson', 'two people who have seen the survey']);

  // A colleague's annotation says whose it is, and cannot be changed or deleted here.
  await list.getByRole('button', { name: 'Source, by ana: a commission spokesperson' }).click();
  const details = detailsPanel(page);
  await expect(details.getByRole('blockquote')).toHaveText('a commission spokesperson');
  await expect(details).toContainText('ana’s annotation: colleagues’ layers are read-only here.');
  await expect(details.getByRole('combobox', { name: 'Label', exact: true })).toBeDisabled();
  await expect(details.getByRole('button', { name: 'Delete annotation' })).toHaveCount(0);
  expect((await axe(page).analyze()).violations).toEqual([]);
  await page.getByRole('article', { name: 'Article text' }).focus();
  await page.keyboard.press('Delete');
  await expect(page.getByRole('alert')).toContainText(
    '“a commission spokesperson” is ana’s annotation: colleagues’ layers are read-only here.',
  );
  await page.keyboard.press('1');
  await page.keyboard.press('l');
  expect(count('ana')).toBe(8);
  expect(
    app.query("SELECT l.name FROM annotations a JOIN labels l ON l.id = a.label_id WHERE a.quote = 'a commission spokesperson'"),
  ).toEqual([{ name: 'Source' }]);
  await page.getByRole('button', { name: 'Dismiss' }).click();

  // Blind mode, by keyboard: only my layer is painted, listed, reachable by Tab; no links drawn.
  await page.keyboard.press('Escape');
  await layers.getByRole('heading', { name: 'Layers' }).click();
  await page.keyboard.press('Tab');
  const blind = layers.getByRole('checkbox', { name: 'Blind mode' });
  await expect(blind).toBeFocused();
  expect(await blind.evaluate((element) => element.matches(':focus-visible') && getComputedStyle(element).outlineStyle)).toBe(
    'solid',
  );
  await page.keyboard.press('Space');
  await expect(blind).toBeChecked();
  const onlyMine = async (blindMode = true) => {
    await expect(list.getByRole('listitem')).toHaveText(['Source: Engineers']);
    await expect(total).toHaveText('1 annotation');
    await expect(layers.getByRole('status')).toHaveText('8 annotations of colleagues hidden.');
    if (blindMode) await expect(layers.getByRole('checkbox', { name: 'Show ana' })).toBeDisabled();
    await expect(drawnLinks(page)).toHaveCount(0);
    await expect.poll(() => paintedByLabel(app)).toEqual({ Source: ['Engineers'] });
  };
  await onlyMine();
  await expect(details.getByRole('blockquote')).toHaveCount(0);
  await page.getByRole('article', { name: 'Article text' }).focus();
  await page.keyboard.press('Tab');
  await expectSelected(page, 'Source', 'Engineers');
  await page.keyboard.press('Tab');
  await expect(details.getByRole('blockquote')).toHaveText('Engineers');
  expect((await axe(page).analyze()).violations).toEqual([]);

  // It holds after a reload and in another article, until switched off.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: RIVER })).toBeVisible();
  await expect(blind).toBeChecked();
  await onlyMine();
  await openArticle(app, SAMPLE);
  await expect(page.getByRole('region', { name: 'Layers' }).getByRole('checkbox', { name: 'Blind mode' })).toBeChecked();
  await openArticle(app, RIVER);
  await onlyMine();
  await blind.click();
  await expect(list.getByRole('listitem')).toHaveCount(9);
  await expect(drawnLinks(page)).not.toHaveCount(0);
  await expect.poll(async () => (await paintedByLabel(app)).Source).toHaveLength(3);

  // One colleague's layer switched off, the same way.
  await layers.getByRole('checkbox', { name: 'Show ana' }).click();
  await onlyMine(false);
  await expect(blind).not.toBeChecked();
  await page.reload();
  await expect(layers.getByRole('checkbox', { name: 'Show ana' })).not.toBeChecked();
  await onlyMine(false);
  await layers.getByRole('checkbox', { name: 'Show ana' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(9);
  expect([count('local'), count('ana')]).toEqual([1, 8]);
});
