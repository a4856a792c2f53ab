import AxeBuilder from '@axe-core/playwright';
import { join, resolve } from 'node:path';
import { expect, test, type BylineApp } from './support/app';
import { clickPhrase, expectSelected, tagWithHotkey } from './support/article';
import { importFiles, openArticle } from './support/library';
import { chooseTheme } from './support/theme';

const axe = (page: import('@playwright/test').Page) =>
  new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);

const SAMPLE = 'Harbor city weighs bridge toll as repair bill climbs';
/** An article with two colleagues' layers, so the annotate view paints highlights and review has differences. */
const REVIEW_FILES = ['harbor-pier.txt', 'harbor-pier_ana.ann', 'harbor-pier_ben.ann'].map((f) => join(resolve('e2e/data/review'), f));
const REVIEW_TITLE = /^Harbor pier repairs delayed again/;

const mainLink = (app: BylineApp, name: string) => app.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });

/** The page's background as painted, to tell the themes apart. */
const pageBackground = (app: BylineApp) =>
  app.page.evaluate(() => getComputedStyle(document.querySelector('.app-header')!).backgroundColor);
const LIGHT_PANEL = 'rgb(255, 255, 255)';
const DARK_PANEL = 'rgb(35, 36, 40)';

/** Axe over library, annotate (with highlights and a link), review and settings, in the theme in effect. */
async function expectNoViolationsInEveryView(app: BylineApp, panel: string): Promise<void> {
  const { page } = app;
  const report = await importFiles(app, REVIEW_FILES);
  await expect(report.getByRole('listitem').filter({ hasText: 'Failed' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Close report' }).click();
  expect(await pageBackground(app)).toBe(panel);
  expect((await axe(page).analyze()).violations).toEqual([]);

  await openArticle(app, SAMPLE);
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

  // A colleague's article: their highlights painted, then the review of the two layers.
  await openArticle(app, REVIEW_TITLE);
  await expect(page.getByRole('list', { name: 'Annotations in document order' }).getByRole('listitem').first()).toBeVisible();
  expect((await axe(page).analyze()).violations).toEqual([]);
  await mainLink(app, 'Review this article').click();
  await expect(page.getByRole('listbox', { name: 'Differences' }).getByRole('option')).toHaveCount(8);
  expect((await axe(page).analyze()).violations).toEqual([]);

  await mainLink(app, 'Settings').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  expect((await axe(page).analyze()).violations).toEqual([]);
}

test('light theme (the system’s): library, annotate, review and settings have no axe violations', async ({ app }) => {
  test.slow(); // seven axe analyses of whole views
  await app.page.emulateMedia({ colorScheme: 'light' });
  await expectNoViolationsInEveryView(app, LIGHT_PANEL);
});

test('dark theme, following the system: no axe violations either', async ({ app }) => {
  test.slow();
  await app.page.emulateMedia({ colorScheme: 'dark' });
  await expect(app.page.locator('html')).toHaveAttribute('data-theme', 'system');
  await expectNoViolationsInEveryView(app, DARK_PANEL);
});

test('Settings overrides the system’s theme, keeps the choice over a reload, and gives it back', async ({ app }) => {
  test.slow();
  const { page } = app;
  await page.emulateMedia({ colorScheme: 'light' });
  await chooseTheme(app, 'Dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await pageBackground(app)).toBe(DARK_PANEL);
  expect((await axe(page).analyze()).violations).toEqual([]);

  await page.reload();
  await expect(page.getByRole('region', { name: 'Appearance' }).getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
  expect(await pageBackground(app)).toBe(DARK_PANEL);
  await openArticle(app, SAMPLE);
  await tagWithHotkey(page, 'Marisol Ferreira', '2');
  await expectSelected(page, 'Source', 'Marisol Ferreira');
  expect((await axe(page).analyze()).violations).toEqual([]);

  // Light chosen on a dark system, then back to the system's.
  await page.emulateMedia({ colorScheme: 'dark' });
  await chooseTheme(app, 'Light');
  expect(await pageBackground(app)).toBe(LIGHT_PANEL);
  await chooseTheme(app, 'Same as the system');
  expect(await pageBackground(app)).toBe(DARK_PANEL);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await pageBackground(app)).toBe(LIGHT_PANEL);
});

test('the selected annotation is read out: after tagging, by Tab, by a click', async ({ app }) => {
  const { page } = app;
  const said = page.getByRole('status', { name: 'Selected annotation' });
  await openArticle(app, SAMPLE);
  await expect(said).toHaveText('');
  await tagWithHotkey(page, 'Marisol Ferreira', '2');
  await expect(said).toHaveText('Source: “Marisol Ferreira”, 1 of 1');
  await tagWithHotkey(page, 'We are patching a structure', '1');
  await expect(said).toHaveText('Claim: “We are patching a structure”, 2 of 2');
  await page.keyboard.press('Shift+Tab');
  await expect(said).toHaveText('Source: “Marisol Ferreira”, 1 of 2');
  await page.keyboard.press('Tab');
  await expect(said).toHaveText('Claim: “We are patching a structure”, 2 of 2');
  await clickPhrase(page, 'Marisol');
  await expect(said).toHaveText('Source: “Marisol Ferreira”, 1 of 2');
  // Relabelled: read out under its new label.
  await page.keyboard.press('3');
  await expect(said).toHaveText('Anonymous attribution: “Marisol Ferreira”, 1 of 2');
  await page.keyboard.press('Escape');
  await expect(said).toHaveText('');
});

test('the selected difference of a review is read out when it moves without the list’s focus', async ({ app }) => {
  const { page } = app;
  const report = await importFiles(app, REVIEW_FILES);
  await expect(report.getByRole('listitem').filter({ hasText: 'Failed' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Close report' }).click();
  await openArticle(app, REVIEW_TITLE);
  await mainLink(app, 'Review this article').click();
  const said = page.getByRole('status', { name: 'Selected difference' });
  const list = page.getByRole('listbox', { name: 'Differences' });
  await expect(list.getByRole('option')).toHaveCount(8);
  await expect(said).toHaveText(/^Difference 1 of 8: /);

  await clickPhrase(page, 'the contractor');
  await expect(list.getByRole('option', { selected: true })).toContainText('Only in A');
  await expect(said).toHaveText(/^Difference \d of 8: Only in A, /);
  // A verdict by mouse moves on: the next one is read out.
  const before = await said.textContent();
  await page.getByRole('group', { name: 'Verdicts' }).getByRole('button', { name: /^Reject/ }).click();
  await expect(said).not.toHaveText(before!);
  await expect(said).toHaveText(/^Difference \d of 8: /);
  // Stepping with p focuses the list, which says its option itself: nothing is read twice.
  await page.keyboard.press('p');
  await expect(list).toBeFocused();
  await expect(said).toHaveText('');
});

test('each label has its own underline style, the same in the article, the label bar and the list', async ({ app }) => {
  const { page } = app;
  await openArticle(app, SAMPLE);
  await tagWithHotkey(page, 'Marisol Ferreira', '2');
  await expectSelected(page, 'Source', 'Marisol Ferreira');
  const labels = app.query<{ id: string; name: string }>("SELECT id, name FROM labels WHERE kind = 'span' ORDER BY position");
  const swatchStyle = (scope: import('@playwright/test').Locator) =>
    scope.locator('.label-swatch').evaluate((el) => getComputedStyle(el, '::after').textDecorationStyle);

  const inLabelBar: Record<string, string> = {};
  for (const { name } of labels) {
    inLabelBar[name] = await swatchStyle(page.getByRole('toolbar', { name: 'Labels' }).getByRole('button', { name }));
  }
  expect(new Set(Object.values(inLabelBar)).size).toBe(labels.length);

  // The article's highlights: the ::highlight rules of the label colors' style sheet.
  const painted = await page.evaluate(() => {
    const styles: Record<string, string> = {};
    for (const sheet of document.adoptedStyleSheets)
      for (const rule of Array.from(sheet.cssRules)) {
        const match = /::highlight\(bl-([^)]+)\)/.exec((rule as CSSStyleRule).selectorText ?? '');
        if (match) styles[match[1]!] = (rule as CSSStyleRule).style.textDecorationStyle;
      }
    return styles;
  });
  expect(Object.fromEntries(labels.map(({ id, name }) => [name, painted[id]]))).toEqual(inLabelBar);

  const row = page.getByRole('list', { name: 'Annotations in document order' }).getByRole('button', { name: /Marisol Ferreira/ });
  expect(await swatchStyle(row)).toBe(inLabelBar.Source);
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
