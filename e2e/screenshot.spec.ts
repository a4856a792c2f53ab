import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from './support/app';
import { clickPhrase, expectSelected, tagWithHotkey } from './support/article';
import { importFiles, openArticle } from './support/library';

const POLNEAR_DEV = resolve('../shared/corpora/polnear/dev');

// The view as a person meets it: with the suggestions of what is not tagged yet.
test.use({ suggestions: true });

test('takes the README screenshot of the annotate view', async ({ app }, testInfo) => {
  test.skip(testInfo.project.name !== 'chromium', 'the README screenshot comes from the chromium project');
  const { page } = app;
  await openArticle(app, 'Harbor city weighs bridge toll as repair bill climbs');
  await expect(page.getByRole('region', { name: /^Suggestions \(\d+\)/ })).toBeVisible();
  await tagWithHotkey(page, 'according to people familiar with the council\'s budget talks', '3');
  await tagWithHotkey(page, 'The city of Port Alden will ask drivers to pay a toll on the Meridian Street Bridge within two years', '1');
  await tagWithHotkey(page, 'the city\'s chief engineer, Marisol Ferreira', '2');
  await tagWithHotkey(page, 'two council aides, who spoke on condition of anonymity', '3');
  await tagWithHotkey(page, 'the mayor\'s office had already asked a consulting firm to model toll rates between $2 and $4', '1');
  await tagWithHotkey(page, 'Marisol Ferreira', '2');
  await expect(page.getByText('6 annotations')).toBeVisible();
  // Attribute the mayor's office claim to the two aides.
  await clickPhrase(page, 'consulting firm');
  await expectSelected(page, 'Claim', "the mayor's office had already asked a consulting firm to model toll rates between $2 and $4");
  await page.keyboard.press('l');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Links' })).toContainText('attributed to “two council aides');
  await page.getByRole('complementary', { name: 'Annotation' }).getByRole('combobox', { name: 'Check-worthiness' }).selectOption('check-worthy');
  await page.getByRole('article', { name: 'Article text' }).evaluate((el) => el.parentElement!.scrollTo(0, 0));
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'docs/annotate-view.png' });
});

test('takes the README screenshot of the analytics view, over PolNeAR dev', async ({ app }, testInfo) => {
  test.skip(testInfo.project.name !== 'chromium', 'the README screenshot comes from the chromium project');
  test.skip(!existsSync(POLNEAR_DEV), `needs the PolNeAR corpus at ${POLNEAR_DEV} (../shared), which this checkout does not have`);
  test.slow();
  const { page } = app;
  await importFiles(app, [POLNEAR_DEV], 'folder');
  await page.getByRole('button', { name: 'Close report' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics' }).click();
  const figures = page.getByRole('region', { name: 'Figures' });
  await expect(figures).toHaveAttribute('aria-busy', 'false');
  await expect(figures).not.toHaveAttribute('data-painted', '0');
  await expect(page.getByRole('table', { name: 'Sources of claims by outlet' }).getByRole('row')).not.toHaveCount(1);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'docs/analytics-view.png' });
});
