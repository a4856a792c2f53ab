import { expect, test } from './support/app';
import {
  clickPhrase,
  detailsPanel,
  dragLinkTo,
  drawnLinks,
  expectSelected,
  paintedByLabel,
  tagWithHotkey,
} from './support/article';
import { openArticle } from './support/library';

const SAMPLE = 'Harbor city weighs bridge toll as repair bill climbs';
const CLAIM = 'The city of Port Alden will ask drivers to pay a toll on the Meridian Street Bridge within two years';
const ANONYMOUS = "according to people familiar with the council's budget talks";
const QUOTE = 'We are patching a structure that was designed for half the traffic it carries';
const SOURCE = 'Marisol Ferreira';

interface LinkRow {
  from_quote: string;
  to_quote: string;
  type: string;
}

const storedLinks = (app: import('./support/app').BylineApp) =>
  app.query<LinkRow>(
    `SELECT f.quote AS from_quote, t.quote AS to_quote, l.name AS type
     FROM relations r JOIN annotations f ON f.id = r.from_id JOIN annotations t ON t.id = r.to_id
     JOIN labels l ON l.id = r.label_id ORDER BY f.quote`,
  );

test('links a claim to its source with the keyboard and to an anonymous attribution with the mouse', async ({
  app,
}) => {
  const { page } = app;
  await openArticle(app, SAMPLE);
  await tagWithHotkey(page, CLAIM, '1');
  await expectSelected(page, 'Claim', CLAIM);
  await tagWithHotkey(page, ANONYMOUS, '3');
  await expectSelected(page, 'Anonymous attribution', ANONYMOUS);
  await tagWithHotkey(page, QUOTE, '1');
  await expectSelected(page, 'Claim', QUOTE);
  await tagWithHotkey(page, SOURCE, '2');
  await expectSelected(page, 'Source', SOURCE);

  // Keyboard: select the quote, L, Tab to the source, Enter.
  await clickPhrase(page, 'designed for half the traffic');
  await expectSelected(page, 'Claim', QUOTE);
  await page.keyboard.press('l');
  const banner = page.getByRole('status').filter({ hasText: 'Linking' });
  await expect(banner).toContainText(`Linking “${QUOTE}”`);
  for (let i = 0; i < 4 && !((await banner.textContent()) ?? '').includes(`Target: “${SOURCE}”`); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(banner).toContainText(`Target: “${SOURCE}”`);
  await page.keyboard.press('Enter');
  await expect(banner).toBeHidden();
  const links = detailsPanel(page).getByRole('list', { name: 'Links' });
  await expect(links).toContainText(`attributed to “${SOURCE}”`);
  await expect(drawnLinks(page)).toHaveCount(1);

  // Mouse: select the first claim and drag its link handle onto the anonymous attribution.
  await clickPhrase(page, 'Meridian Street Bridge');
  await expectSelected(page, 'Claim', CLAIM);
  await dragLinkTo(page, 'people familiar with');
  await expect(links).toContainText(`attributed to “${ANONYMOUS}”`);
  await expect(drawnLinks(page)).toHaveCount(2);

  // The other end lists the link too.
  await clickPhrase(page, SOURCE);
  await expect(links).toContainText(`from “${QUOTE}” (attributed to)`);

  expect(storedLinks(app)).toEqual([
    { from_quote: CLAIM, to_quote: ANONYMOUS, type: 'attributed to' },
    { from_quote: QUOTE, to_quote: SOURCE, type: 'attributed to' },
  ]);

  await page.reload();
  await expect(drawnLinks(page)).toHaveCount(2);
  await clickPhrase(page, 'Meridian Street Bridge');
  await expect(links).toContainText(`attributed to “${ANONYMOUS}”`);

  // Deleting the source deletes its link, on screen and in the file.
  await clickPhrase(page, SOURCE);
  await expectSelected(page, 'Source', SOURCE);
  await page.keyboard.press('Delete');
  await expect(drawnLinks(page)).toHaveCount(1);
  await expect.poll(() => paintedByLabel(app)).not.toHaveProperty('Source');
  expect(storedLinks(app)).toEqual([{ from_quote: CLAIM, to_quote: ANONYMOUS, type: 'attributed to' }]);

  // A link can be removed from the side panel.
  await clickPhrase(page, 'Meridian Street Bridge');
  await links.getByRole('button', { name: `Remove the link to “${ANONYMOUS}”` }).click();
  await expect(detailsPanel(page)).toContainText('No links yet.');
  await expect(drawnLinks(page)).toHaveCount(0);
  expect(storedLinks(app)).toEqual([]);
});

test('Esc cancels linking, and L with nothing selected says what to do', async ({ app }) => {
  const { page } = app;
  await openArticle(app, SAMPLE);
  await page.keyboard.press('l');
  await expect(page.getByRole('alert')).toContainText(
    'Select the claim to link first (click it, or Tab to it), then press L.',
  );
  await tagWithHotkey(page, CLAIM, '1');
  await tagWithHotkey(page, SOURCE, '2');
  await expectSelected(page, 'Source', SOURCE);
  await page.keyboard.press('l');
  await expect(page.getByRole('status').filter({ hasText: 'Linking' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('status').filter({ hasText: 'Linking' })).toBeHidden();
  expect(storedLinks(app)).toEqual([]);
});
