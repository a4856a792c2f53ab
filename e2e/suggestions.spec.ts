import AxeBuilder from '@axe-core/playwright';
import { resolve } from 'node:path';
import { expect, test, type BylineApp } from './support/app';
import { clickPhrase, drawnLinks, expectSelected, paintedByLabel } from './support/article';
import { importFiles, openArticle } from './support/library';

const WIRE = resolve('e2e/data/wire-article.txt');
const TITLE = /^According to people familiar with the situation/;
const FAMILIAR = 'people familiar with the situation';
const ANONYMITY = 'the citizens, who spoke on condition of anonymity to discuss private conversations';

/** The text under each painted suggestion, by label name (suggestions are highlights of their own). */
const suggestedByLabel = (app: BylineApp) => paintedByLabel(app, 'suggestions');

test.use({ suggestions: true });

const announced = (app: BylineApp) => app.page.getByRole('status', { name: 'Selected annotation' });

test('suggestions on a wire story: Tab to one, Enter accepts it, Backspace rejects another, and the rejection outlasts a restart', async ({
  app,
}) => {
  const { page } = app;
  await importFiles(app, [WIRE]);
  await openArticle(app, TITLE);

  // Painted apart from annotations, and counted in the panel.
  await expect.poll(async () => (await suggestedByLabel(app))['Anonymous attribution']).toEqual([FAMILIAR, ANONYMITY]);
  const panel = page.getByRole('region', { name: /^Suggestions/ });
  await expect(panel).toContainText('From the built-in rules');
  await expect(panel.getByRole('list', { name: 'Suggestions by label' })).toContainText('Anonymous attribution: 2');
  expect(await paintedByLabel(app)).toEqual({});
  await expect(drawnLinks(page).and(page.locator('.suggested'))).not.toHaveCount(0);

  // Tab reaches the first suggestion of the text; it says it is suggested, in words.
  await page.getByRole('article', { name: 'Article text' }).focus();
  await page.keyboard.press('Tab');
  await expect(announced(app)).toContainText(`Suggested Anonymous attribution: “${FAMILIAR}”. Enter accepts, Backspace rejects.`);
  await expect(page.locator('.suggested-badge')).toHaveText('suggested · Enter accepts · Backspace rejects');
  const axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  expect((await axe.analyze()).violations).toEqual([]);

  // Enter: an annotation of my layer, with what the text says of the source, logged as suggested.
  await page.keyboard.press('Enter');
  const list = page.getByRole('list', { name: 'Annotations in document order' });
  await expect(list.getByRole('button', { name: new RegExp(FAMILIAR) })).toBeVisible();
  await expect.poll(async () => (await paintedByLabel(app))['Anonymous attribution']).toEqual([FAMILIAR]);
  await expect.poll(async () => (await suggestedByLabel(app))['Anonymous attribution']).toEqual([ANONYMITY]);
  const stored = () =>
    app.query<{ quote: string; attributes: string; origin: string | null }>(
      `SELECT a.quote, a.attributes, e.origin FROM annotations a
       JOIN events e ON e.entity = 'annotation' AND e.entity_id = a.id AND e.action = 'create'`,
    );
  await expect.poll(stored).toEqual([{ quote: FAMILIAR, attributes: '{"descriptor":"people","justification":false}', origin: 'suggested' }]);
  // The selection moved on to the next suggestion.
  await expect(announced(app)).toContainText('Suggested Claim: “the U.S. will demand');
  // With an annotation's details under the suggestions, the side panel scrolls on its own: the
  // page never does (a drag to select would land a line off).
  await clickPhrase(page, 'familiar with the situation');
  await expectSelected(page, 'Anonymous attribution', FAMILIAR);
  expect(await page.evaluate(() => document.scrollingElement!.scrollHeight - window.innerHeight)).toBeLessThanOrEqual(0);

  // A click on a suggested phrase selects it; Backspace rejects it, for good.
  await clickPhrase(page, 'spoke on condition of anonymity');
  await expect(announced(app)).toContainText(`Suggested Anonymous attribution: “${ANONYMITY}”`);
  await page.keyboard.press('Backspace');
  await expect.poll(async () => (await suggestedByLabel(app))['Anonymous attribution']).toBeUndefined();
  await expect
    .poll(() => app.query('SELECT quote FROM suggestion_rejections'))
    .toEqual([{ quote: ANONYMITY }]);
  expect(stored()).toHaveLength(1);

  // Undo takes the accepted one back, and it is suggested again.
  await page.keyboard.press('Control+z');
  await expect.poll(() => app.query('SELECT id FROM annotations')).toEqual([]);
  await expect.poll(async () => (await suggestedByLabel(app))['Anonymous attribution'], { timeout: 5000 }).toEqual([FAMILIAR]);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => app.query('SELECT quote FROM annotations')).toEqual([{ quote: FAMILIAR }]);

  await app.restart();
  await openArticle(app, TITLE);
  await expect.poll(async () => (await paintedByLabel(app))['Anonymous attribution']).toEqual([FAMILIAR]);
  await expect.poll(async () => Object.keys(await suggestedByLabel(app))).toContain('Claim');
  expect((await suggestedByLabel(app))['Anonymous attribution']).toBeUndefined();
});

test('accept all of a label at once, with the links to their sources; off for one article, and in Settings', async ({ app }) => {
  const { page } = app;
  await importFiles(app, [WIRE]);
  await openArticle(app, TITLE);
  const panel = page.getByRole('region', { name: /^Suggestions/ });
  await panel.getByRole('button', { name: /^Accept all \d+ Anonymous attribution$/ }).click();
  await expect.poll(async () => (await paintedByLabel(app))['Anonymous attribution']).toEqual([FAMILIAR, ANONYMITY]);
  const claims = await panel.getByRole('button', { name: /^Accept all \d+ Claim$/ }).textContent();
  const claimCount = Number(/\d+/.exec(claims ?? '')![0]);
  await panel.getByRole('button', { name: /^Accept all \d+ Claim$/ }).click();
  await expect
    .poll(() => app.query<{ n: number }>("SELECT count(*) AS n FROM annotations a JOIN labels l ON l.id = a.label_id WHERE l.name = 'Claim'")[0]!.n)
    .toBe(claimCount);
  // The claims of the two anonymous sources came linked to them, in one action.
  const links = app.query<{ claim: string; source: string }>(
    `SELECT f.quote AS claim, t.quote AS source FROM relations r
     JOIN annotations f ON f.id = r.from_id JOIN annotations t ON t.id = r.to_id ORDER BY t.quote`,
  );
  expect(links.map((l) => l.source)).toEqual(expect.arrayContaining([FAMILIAR, ANONYMITY]));
  expect(links.find((l) => l.source === FAMILIAR)!.claim).toMatch(/^the U\.S\. will demand/);
  await page.keyboard.press('Control+z');
  await expect
    .poll(() => app.query<{ n: number }>("SELECT count(*) AS n FROM annotations a JOIN labels l ON l.id = a.label_id WHERE l.name = 'Claim'")[0]!.n)
    .toBe(0);

  // Off for this article: nothing painted, and it stays off.
  await panel.getByRole('checkbox', { name: 'In this article' }).uncheck();
  await expect.poll(() => suggestedByLabel(app)).toEqual({});
  await expect.poll(() => app.query('SELECT count(*) AS n FROM suggestions_off')).toEqual([{ n: 1 }]);
  await panel.getByRole('checkbox', { name: 'In this article' }).check();
  await expect.poll(async () => Object.keys(await suggestedByLabel(app))).toContain('Claim');

  // Off in Settings: no panel and no suggestions in any article.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('checkbox', { name: /Suggest sources, claims and anonymous attributions/ }).uncheck();
  await openArticle(app, TITLE);
  await expect(page.getByRole('region', { name: /^Suggestions/ })).toHaveCount(0);
  expect(await suggestedByLabel(app)).toEqual({});
  await clickPhrase(page, 'spoke on condition of anonymity');
  await expectSelected(page, 'Anonymous attribution', ANONYMITY);
});
