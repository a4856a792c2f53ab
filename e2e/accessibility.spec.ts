import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './support/app';
import { expectSelected, tagWithHotkey } from './support/article';
import { openArticle } from './support/library';

const axe = (page: import('@playwright/test').Page) =>
  new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);

test('the library and the annotate view have no axe violations', async ({ app }) => {
  test.slow(); // four axe analyses of whole views
  const { page } = app;
  await expect(page.getByRole('table', { name: 'Articles' })).toBeVisible();
  expect((await axe(page).analyze()).violations).toEqual([]);

  await openArticle(app, 'Harbor city weighs bridge toll as repair bill climbs');
  await tagWithHotkey(page, 'Marisol Ferreira', '2');
  await expectSelected(page, 'Source', 'Marisol Ferreira');
  await tagWithHotkey(page, 'We are patching a structure', '1');
  await expectSelected(page, 'Claim', 'We are patching a structure');
  await page.keyboard.press('l');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Links' })).toContainText('attributed to “Marisol Ferreira”');
  expect((await axe(page).analyze()).violations).toEqual([]);

  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  expect((await axe(page).analyze()).violations).toEqual([]);
  await page.keyboard.press('Escape');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  expect((await axe(page).analyze()).violations).toEqual([]);
});

test('everything in the library and the label bar is reachable by keyboard, with a visible focus', async ({
  app,
}) => {
  const { page } = app;
  const focusedOutline = () =>
    page.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      return element === document.body
        ? null
        : {
            text: element.textContent || element.getAttribute('aria-label') || element.className,
            outline: getComputedStyle(element).outlineStyle,
          };
    });
  // Tab through the page until the first article's title: every stop shows where the focus is.
  const seen: string[] = [];
  for (let i = 0; i < 60 && seen.at(-1) !== 'Harbor city weighs bridge toll as repair bill climbs'; i++) {
    await page.keyboard.press('Tab');
    const focused = await focusedOutline();
    if (!focused) continue;
    expect(focused.outline, `focus on “${focused.text}” is visible`).not.toBe('none');
    seen.push(focused.text ?? '');
  }
  expect(seen).toEqual(expect.arrayContaining(['Import…', 'New article from clipboard', 'Title', 'Outlet']));
  // Enter on the focused title opens the article.
  expect(seen.at(-1)).toBe('Harbor city weighs bridge toll as repair bill climbs');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Harbor city weighs bridge toll as repair bill climbs' })).toBeVisible();
  await page.getByRole('toolbar', { name: 'Labels' }).getByRole('button', { name: /Claim/ }).focus();
  expect((await focusedOutline())?.outline).not.toBe('none');
});
