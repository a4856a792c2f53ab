/**
 * The review view (issue 6), as a reviewer uses it: two colleagues' brat files for one article
 * imported as two layers, both painted at once, the differences stepped through with n / p and
 * resolved (take A, take B, reject with a comment, accept all agreements, an edit), the reviewed
 * layer checked in the SQLite file and exported.
 */
import AxeBuilder from '@axe-core/playwright';
import { parse } from 'csv-parse/sync';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { expect, test, type BylineApp } from './support/app';
import { selectWithMouse } from './support/article';
import { goToLibrary, importFiles, openArticle } from './support/library';

/** One article and two annotators' brat files for it, PolNeAR-style (`<article>_<annotator>.ann`). */
const FIXTURE = resolve('e2e/data/review');
const FILES = ['harbor-pier.txt', 'harbor-pier_ana.ann', 'harbor-pier_ben.ann'].map((f) => join(FIXTURE, f));
const TITLE = /^Harbor pier repairs delayed again/;
const POLNEAR = resolve('../shared/corpora/polnear/annotator-training');

const axe = (page: import('@playwright/test').Page) =>
  new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);

/** The text under each painted highlight of a review layer, sorted: read from CSS.highlights. */
function paintedInLayer(app: BylineApp, layer: 'a' | 'b'): Promise<string[]> {
  return app.page.evaluate((prefix) => {
    const texts: string[] = [];
    CSS.highlights.forEach((highlight, name) => {
      if (!name.startsWith(prefix)) return;
      for (const painted of highlight as Iterable<AbstractRange>) {
        const range = document.createRange();
        range.setStart(painted.startContainer, painted.startOffset);
        range.setEnd(painted.endContainer, painted.endOffset);
        texts.push(range.toString());
      }
    });
    return texts.sort();
  }, `bl-review-${layer}-`);
}

/** Imports the article and both layers, opens it, and goes to its review by the main navigation. */
async function openReview(app: BylineApp, files: string[], title: RegExp): Promise<void> {
  const { page } = app;
  const report = await importFiles(app, files);
  await expect(report.getByRole('listitem').filter({ hasText: 'Failed' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Close report' }).click();
  await openArticle(app, title);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review this article' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Review: / })).toBeVisible();
}

const differences = (app: BylineApp) => app.page.getByRole('listbox', { name: 'Differences' });
const selectedDifference = (app: BylineApp) => differences(app).getByRole('option', { selected: true });
const counter = (app: BylineApp) => app.page.locator('.review-counter');

test('reviews two layers: n / p, take A, take B, reject with a comment, accept agreements, edit; the reviewed layer is stored and exports', async ({
  app,
}) => {
  test.slow();
  const { page } = app;
  await openReview(app, FILES, TITLE);

  // Me and the first colleague by default; I have not tagged this article, so: Ana and Ben.
  await expect(page.getByRole('combobox', { name: 'Layer A' })).toHaveValue(annotatorId(app, 'ana'));
  await expect(page.getByRole('combobox', { name: 'Layer B' })).toHaveValue(annotatorId(app, 'ben'));

  // Both layers painted at once, each in its own style.
  await expect
    .poll(() => paintedInLayer(app, 'a'))
    .toEqual(
      [
        'The city will delay the pier repairs until spring',
        'the harbor master',
        'said',
        'Officials familiar with the budget',
        'the cost had doubled',
        'a council memo',
        'the contractor asked for more time',
      ].sort(),
    );
  await expect
    .poll(() => paintedInLayer(app, 'b'))
    .toEqual(
      [
        'The city will delay the pier repairs',
        'the harbor master',
        'said',
        'Officials familiar with the budget',
        'the cost had doubled',
        'a council memo',
        'Residents',
      ].sort(),
    );

  // The differences, in document order.
  const options = differences(app).getByRole('option');
  await expect(options).toHaveCount(8);
  const kinds = (await options.locator('.difference-kind').allTextContents()).map((t) => t.trim());
  expect(kinds).toEqual([
    'Boundaries differ',
    'Agree',
    'Agree',
    'Agree',
    'Agree',
    'Label differs',
    'Only in A',
    'Only in B',
  ]);
  await expect(counter(app)).toHaveText('0 / 8 resolved');
  await expect(selectedDifference(app)).toContainText('Boundaries differ');

  // n / p step through them: selected in the list (which has the focus, visibly) and outlined in the text.
  await page.keyboard.press('n');
  await expect(selectedDifference(app)).toContainText('“the harbor master” in both');
  await expect(differences(app)).toBeFocused();
  expect(await differences(app).evaluate((list) => list.matches(':focus-visible'))).toBe(true);
  await expect(page.locator('.review-focus-box')).toHaveCount(1);
  await page.keyboard.press('n');
  await expect(selectedDifference(app)).toContainText('Cue “said” in both');
  await page.keyboard.press('p');
  await page.keyboard.press('p');
  await expect(selectedDifference(app)).toContainText('Boundaries differ');

  // Take A; the next difference without a verdict is selected.
  await page.keyboard.press('a');
  await expect(options.nth(0)).toContainText('Took A');
  await expect(counter(app)).toHaveText('1 / 8 resolved');
  await expect(selectedDifference(app)).toContainText('“the harbor master” in both');

  // Take B on the label difference.
  for (let i = 0; i < 4; i++) await page.keyboard.press('n');
  await expect(selectedDifference(app)).toContainText('Source in A, Content in B (“a council memo”)');
  await page.keyboard.press('b');
  await expect(options.nth(5)).toContainText('Took B');
  await expect(selectedDifference(app)).toContainText('only in A');

  // Reject, with a comment.
  await page.keyboard.press('c');
  const comment = page.getByRole('textbox', { name: /^Comment/ });
  await expect(comment).toBeFocused();
  await comment.fill('Not an attributed statement.');
  await page.keyboard.press('Escape');
  await page.keyboard.press('r');
  await expect(options.nth(6)).toContainText('Rejected');
  await expect(counter(app)).toHaveText('3 / 8 resolved');

  // The four agreements in one step.
  await page.getByRole('button', { name: 'Accept all agreements' }).click();
  await expect(counter(app)).toHaveText('7 / 8 resolved');
  await expect(page.getByRole('button', { name: 'Accept all agreements' })).toBeDisabled();
  expect((await axe(page).analyze()).violations).toEqual([]);

  // The last one: an edit, the reviewer's own span with a label chosen for it.
  await expect(selectedDifference(app)).toContainText('Source “Residents” only in B');
  await page.getByRole('combobox', { name: 'Label for an edit' }).selectOption({ label: 'Content' });
  await selectWithMouse(page, 'they were tired of waiting');
  await page.keyboard.press('e');
  await expect(counter(app)).toHaveText('8 / 8 resolved · Article reviewed');
  await expect(options.nth(7)).toContainText('Edited');

  // The verdicts and the reviewed layer, in the workspace file.
  const verdicts = app.query<{ kind: string; verdict: string; comment: string | null }>(
    'SELECT kind, verdict, comment FROM review_verdicts ORDER BY kind, verdict',
  );
  expect(verdicts).toEqual([
    { kind: 'agree', verdict: 'take_a', comment: null },
    { kind: 'agree', verdict: 'take_a', comment: null },
    { kind: 'agree', verdict: 'take_a', comment: null },
    { kind: 'agree', verdict: 'take_a', comment: null },
    { kind: 'boundaries', verdict: 'take_a', comment: null },
    { kind: 'label', verdict: 'take_b', comment: null },
    { kind: 'only_a', verdict: 'reject', comment: 'Not an attributed statement.' },
    { kind: 'only_b', verdict: 'edit', comment: null },
  ]);
  const reviewed = app.query<{ id: string; name: string }>('SELECT id, name FROM annotators WHERE reviewed_by IS NOT NULL');
  expect(reviewed).toHaveLength(1);
  await expect(page.locator('.review-legend')).toContainText(`verdicts go to the layer “${reviewed[0]!.name}”`);
  const expected = [
    { label: 'Content', quote: 'The city will delay the pier repairs until spring' },
    { label: 'Source', quote: 'the harbor master' },
    { label: 'Cue', quote: 'said' },
    { label: 'Source', quote: 'Officials familiar with the budget' },
    { label: 'Content', quote: 'the cost had doubled' },
    { label: 'Content', quote: 'a council memo' },
    { label: 'Content', quote: 'they were tired of waiting' },
  ];
  expect(
    app.query<{ label: string; quote: string }>(
      `SELECT l.name AS label, a.quote FROM annotations a JOIN labels l ON l.id = a.label_id
       JOIN fragments f ON f.annotation_id = a.id WHERE a.annotator_id = ? ORDER BY f.start`,
      reviewed[0]!.id,
    ),
  ).toEqual(expected);
  // Nobody else's layer changed.
  expect(app.query('SELECT count(*) AS n FROM annotations WHERE annotator_id <> ?', reviewed[0]!.id)).toEqual([{ n: 14 }]);

  // Reopening shows the same verdicts.
  await page.reload();
  await expect(counter(app)).toHaveText('8 / 8 resolved · Article reviewed');
  await expect(options.nth(6)).toContainText('Rejected');

  // The reviewed layer exports like any other: CSV of that layer alone.
  const out = join(mkdtempSync(join(tmpdir(), 'byline-review-')), 'reviewed.csv');
  await goToLibrary(app);
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('combobox', { name: 'Format' }).selectOption({ label: 'CSV, one row per annotation' });
  const layers = dialog.getByRole('group', { name: 'Whose annotations' });
  for (const box of await layers.getByRole('checkbox').all()) {
    const name = (await box.evaluate((input) => input.parentElement?.textContent ?? '')).trim();
    if (name === reviewed[0]!.name) await box.check();
    else await box.uncheck();
  }
  await app.answerSaveDialog(out);
  await dialog.getByRole('button', { name: 'Export…' }).click();
  const report = page.getByRole('region', { name: /^Export (finished|failed|canceled)$/ });
  await expect(report).toHaveAccessibleName('Export finished', { timeout: 30_000 });
  const rows = parse(readFileSync(out, 'utf8').replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
  expect(rows.map((r) => ({ label: r['label'], quote: r['quote'] }))).toEqual(expected);
  expect(new Set(rows.map((r) => r['annotator']))).toEqual(new Set([reviewed[0]!.name]));
});

test('the review view: mouse, withdrawing a verdict, choosing layers, the shortcut list, and no axe violations', async ({ app }) => {
  test.slow();
  const { page } = app;
  await openReview(app, FILES, TITLE);
  await expect(differences(app).getByRole('option')).toHaveCount(8);
  expect((await axe(page).analyze()).violations).toEqual([]);

  // Everything by mouse: pick a difference in the list, then a verdict button.
  await differences(app).getByRole('option', { name: /Label differs/ }).click();
  await expect(selectedDifference(app)).toContainText('Label differs');
  await page.getByRole('group', { name: 'Verdicts' }).getByRole('button', { name: /^Take both/ }).click();
  await expect(differences(app).getByRole('option', { name: /Label differs/ })).toContainText('Took both');
  await expect(counter(app)).toHaveText('1 / 8 resolved');
  expect(app.query('SELECT count(*) AS n FROM review_verdicts')).toEqual([{ n: 1 }]);

  // Withdrawn: the verdict and what it wrote go.
  await differences(app).getByRole('option', { name: /Label differs/ }).click();
  await page.getByRole('button', { name: /^Withdraw verdict/ }).click();
  await expect(counter(app)).toHaveText('0 / 8 resolved');
  expect(app.query('SELECT count(*) AS n FROM review_verdicts')).toEqual([{ n: 0 }]);

  // Clicking a span in the text selects its difference.
  const memo = await page.evaluate(() => {
    const root = document.querySelector('[aria-label="Article text"]')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node as Text).data.indexOf('the contractor');
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at + 2);
      range.setEnd(node, at + 3);
      const r = range.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }
    return null;
  });
  await page.mouse.click(memo!.x, memo!.y);
  await expect(selectedDifference(app)).toContainText('Only in A');

  // Swapping the layers: B is now Ana, and what was only in A is only in B.
  await page.getByRole('combobox', { name: 'Layer A' }).selectOption({ label: 'ben' });
  await expect(page.getByRole('combobox', { name: 'Layer B' })).toHaveValue(annotatorId(app, 'ana'));
  await expect(differences(app).getByRole('option', { name: /“the contractor asked for more time” only in B/ })).toHaveCount(1);

  // The shortcut list.
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Review shortcuts' });
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('Next / previous difference');
  expect((await axe(page).analyze()).violations).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
});

test('reviews two PolNeAR annotators of one training article until every difference is resolved', async ({ app }) => {
  test.skip(!existsSync(POLNEAR), `${POLNEAR} is not here (no ../shared checkout)`);
  test.slow();
  const article = 'breitbart_2016-03-11_activists-who-lit-syria-revolt-w';
  const files = [
    join(POLNEAR, 'text', `${article}.txt`),
    ...readdirSync(join(POLNEAR, 'attributions'))
      .filter((name) => name.startsWith(`${article}_`))
      .sort()
      .slice(0, 2)
      .map((name) => join(POLNEAR, 'attributions', name)),
  ];
  expect(files).toHaveLength(3);
  const [first, second] = files.slice(1).map((f) => basename(f, '.ann').slice(article.length + 1));
  const { page } = app;
  const title = readFileSync(files[0]!, 'utf8').split('\n').find((line) => line.trim())!.trim();
  await openReview(app, files, new RegExp(`^${escapeRegExp(title.slice(0, 30))}`));
  await expect(page.getByRole('combobox', { name: 'Layer A' })).toHaveValue(annotatorId(app, first!));
  await expect(page.getByRole('combobox', { name: 'Layer B' })).toHaveValue(annotatorId(app, second!));

  const total = Number(/^0 \/ (\d+) resolved$/.exec((await counter(app).textContent()) ?? '')?.[1]);
  expect(total).toBeGreaterThan(0);
  await expect(differences(app).getByRole('option').first()).toBeVisible();

  // Step with the keyboard, accept the agreements, and reject whatever is left, one key each.
  await page.keyboard.press('n');
  await page.keyboard.press('p');
  await page.getByRole('button', { name: 'Accept all agreements' }).click();
  await expect(counter(app)).not.toHaveText(`0 / ${total} resolved`);
  let resolved = Number(/^(\d+) \//.exec((await counter(app).textContent()) ?? '')?.[1]);
  while (resolved < total) {
    await page.keyboard.press('r');
    await expect(counter(app)).toHaveText(new RegExp(`^${resolved + 1} / ${total} resolved`));
    resolved++;
  }
  await expect(counter(app)).toHaveText(`${total} / ${total} resolved · Article reviewed`);
  expect(app.query('SELECT count(*) AS n FROM review_verdicts')).toEqual([{ n: total }]);
});

function annotatorId(app: BylineApp, name: string): string {
  const rows = app.query<{ id: string }>('SELECT id FROM annotators WHERE name = ?', name);
  expect(rows, `one annotator named ${name}`).toHaveLength(1);
  return rows[0]!.id;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
