/**
 * A review sent back (issue 6): Ana tags an article and exports her layer as an exchange file;
 * Ben, in a workspace of his own, imports it, tags the same article himself, reviews Ana against
 * Ben with verdicts and comments, and exports the exchange file with his reviewed layer; Ana
 * imports that and sees each verdict and comment on her own tags, on screen and in her SQLite file.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './support/app';
import { detailsPanel, expectSelected, tagWithHotkey } from './support/article';
import { exportExchange, giveName, importExchange } from './support/exchange';
import { openArticle } from './support/library';

const SAMPLE = 'Harbor city weighs bridge toll as repair bill climbs';

const axe = (page: import('@playwright/test').Page) =>
  new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);

test('a review sent back: the colleague sees each verdict and comment on their own tags', async ({ app, colleague }) => {
  test.slow(); // two workspaces, two exports, two imports, a review
  const folder = mkdtempSync(join(tmpdir(), 'byline-roundtrip-'));
  const anasFile = join(folder, 'ana.byline.json');
  const reviewFile = join(folder, 'ben-review.byline.json');

  // --- Ana, in her workspace: three tags, exported as her layer.
  const ana = app;
  await giveName(ana, 'Ana');
  await openArticle(ana, SAMPLE);
  await tagWithHotkey(ana.page, 'Marisol Ferreira', '2');
  await expectSelected(ana.page, 'Source', 'Marisol Ferreira');
  await tagWithHotkey(ana.page, 'We are patching a structure', '1');
  await expectSelected(ana.page, 'Claim', 'We are patching a structure');
  await tagWithHotkey(ana.page, 'two council aides', '3');
  await expectSelected(ana.page, 'Anonymous attribution', 'two council aides');
  await exportExchange(ana, anasFile, ['Ana (you)']);
  const anasIds = ana.query<{ id: string; quote: string }>('SELECT id, quote FROM annotations ORDER BY quote');
  expect(anasIds.map((a) => a.quote)).toEqual(['Marisol Ferreira', 'We are patching a structure', 'two council aides']);
  const idOf = (quote: string) => anasIds.find((a) => a.quote === quote)!.id;

  // --- Ben, in his own workspace: imports Ana's layer, tags the article differently, reviews.
  const ben = colleague;
  await giveName(ben, 'Ben');
  await expect(await importExchange(ben, anasFile)).toContainText('3 annotations');
  await openArticle(ben, SAMPLE);
  await tagWithHotkey(ben.page, 'Marisol Ferreira', '2'); // agrees with Ana
  await expectSelected(ben.page, 'Source', 'Marisol Ferreira');
  await tagWithHotkey(ben.page, 'We are patching a structure', '2'); // a Source where Ana has a Claim
  await expectSelected(ben.page, 'Source', 'We are patching a structure');
  await tagWithHotkey(ben.page, 'Priya Raman', '2'); // only Ben
  await expectSelected(ben.page, 'Source', 'Priya Raman');

  const page = ben.page;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review this article' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Review: ${SAMPLE}` })).toBeVisible();
  await page.getByRole('combobox', { name: 'Layer A' }).selectOption({ label: 'Ana' });
  await expect(page.getByRole('combobox', { name: 'Layer B' })).toHaveValue(
    ben.query<{ id: string }>('SELECT id FROM annotators WHERE is_local = 1')[0]!.id,
  );
  const differences = page.getByRole('listbox', { name: 'Differences' });
  const options = differences.getByRole('option');
  await expect(options).toHaveCount(4);
  const counter = page.locator('.review-counter');
  await expect(counter).toHaveText('0 / 4 resolved');

  // Ana's Claim is taken over Ben's Source, with a comment.
  await differences.getByRole('option', { name: /Label differs/ }).click();
  await page.keyboard.press('c');
  const comment = page.getByRole('textbox', { name: /^Comment/ });
  await expect(comment).toBeFocused();
  await comment.fill('A claim: Ferreira is quoted saying it.');
  await page.keyboard.press('Escape');
  await page.keyboard.press('a');
  await expect(differences.getByRole('option', { name: /Label differs/ })).toContainText('Took A');
  // Ana's anonymous attribution is rejected, with a comment.
  await differences.getByRole('option', { name: /Only in A/ }).click();
  await page.keyboard.press('c');
  await comment.fill('They are not the source of a claim here.');
  await page.keyboard.press('Escape');
  await page.keyboard.press('r');
  await expect(differences.getByRole('option', { name: /Only in A/ })).toContainText('Rejected');
  await page.getByRole('button', { name: 'Accept all agreements' }).click();
  await expect(counter).toHaveText('3 / 4 resolved');
  expect(ben.query('SELECT count(*) AS n FROM review_verdicts')).toEqual([{ n: 3 }]);

  // Sent back: Ben's layer and his reviewed layer (Ana has her own).
  await exportExchange(ben, reviewFile, ['Ben (you)', 'Ben (reviewed)']);
  const sent = JSON.parse(readFileSync(reviewFile, 'utf8')) as { documents: { reviews?: { verdict: string }[] }[] };
  expect(sent.documents.flatMap((d) => d.reviews ?? []).map((r) => r.verdict).sort()).toEqual(['reject', 'take_a', 'take_a']);

  // --- Ana again: imports the review; her own layer is untouched, the verdicts are stored.
  await expect(await importExchange(ana, reviewFile)).toContainText('3 review verdicts');
  expect(
    ana.query<{ id: string; quote: string }>(
      `SELECT a.id, a.quote FROM annotations a JOIN annotators p ON p.id = a.annotator_id
       WHERE p.is_local = 1 ORDER BY a.quote`,
    ),
  ).toEqual(anasIds);
  interface StoredVerdict {
    kind: string;
    verdict: string;
    comment: string | null;
    reviewer: string;
    layerA: string;
    a: string;
    b: string;
    resolvedAt: string;
  }
  const stored = ana.query<StoredVerdict>(
    `SELECT v.kind, v.verdict, v.comment, r.name AS reviewer, l.name AS layerA, v.a_ids AS a, v.b_ids AS b,
            v.resolved_at AS resolvedAt
     FROM review_verdicts v JOIN annotators r ON r.id = v.reviewer_id JOIN annotators l ON l.id = v.layer_a
     ORDER BY v.kind`,
  );
  const bensId = (quote: string) =>
    ana.query<{ id: string }>(
      "SELECT a.id FROM annotations a JOIN annotators p ON p.id = a.annotator_id WHERE p.name = 'Ben' AND a.quote = ?",
      quote,
    )[0]!.id;
  const parsed = stored.map(({ resolvedAt: _, a, b, ...rest }) => ({
    ...rest,
    a: JSON.parse(a) as string[],
    b: JSON.parse(b) as string[],
  }));
  const byBen = { reviewer: 'Ben', layerA: 'Ana' };
  expect(parsed).toEqual([
    { ...byBen, kind: 'agree', verdict: 'take_a', comment: null, a: [idOf('Marisol Ferreira')], b: [bensId('Marisol Ferreira')] },
    {
      kind: 'label',
      verdict: 'take_a',
      comment: 'A claim: Ferreira is quoted saying it.',
      ...byBen,
      a: [idOf('We are patching a structure')],
      b: [bensId('We are patching a structure')],
    },
    {
      ...byBen,
      kind: 'only_a',
      verdict: 'reject',
      comment: 'They are not the source of a claim here.',
      a: [idOf('two council aides')],
      b: [],
    },
  ]);

  // On screen: her rows carry a marker that says the verdict in words, and the details show it.
  await openArticle(ana, SAMPLE);
  const list = ana.page.getByRole('list', { name: 'Annotations in document order' });
  const row = (name: string) => list.getByRole('button', { name, exact: true });
  const herClaim = row('Claim, reviewed (Taken): We are patching a structure');
  const herAttribution = row('Anonymous attribution, reviewed (Rejected): two council aides');
  await expect(herClaim).toBeVisible();
  await expect(herAttribution).toBeVisible();
  await expect(row('Source, reviewed (Taken): Marisol Ferreira')).toBeVisible();
  await expect(herClaim.locator('.list-verdict')).toHaveText('Taken');
  // Ben's own tags came too: the one his verdict passed over says so; one no verdict is about has no marker.
  await expect(row('Source, by Ben, reviewed (Not taken): We are patching a structure')).toBeVisible();
  await expect(row('Source, by Ben: Priya Raman')).toBeVisible();
  await expect(row('Source, by Ben: Priya Raman').locator('.list-verdict')).toHaveCount(0);

  const details = detailsPanel(ana.page);
  const verdicts = details.getByRole('list', { name: 'Review' });
  await herAttribution.click();
  await expectSelected(ana.page, 'Anonymous attribution', 'two council aides');
  await expect(verdicts.getByRole('listitem')).toHaveCount(1);
  await expect(verdicts.getByRole('listitem')).toContainText('Rejected, by Ben on');
  await expect(verdicts.getByRole('listitem')).toContainText('“They are not the source of a claim here.”');
  const when = stored.find((v) => v.kind === 'only_a')!.resolvedAt;
  await expect(verdicts.locator('time')).toHaveAttribute('datetime', when);
  await expect(verdicts.locator('time')).toContainText(String(new Date(when).getFullYear()));

  await herClaim.click();
  await expectSelected(ana.page, 'Claim', 'We are patching a structure');
  await expect(verdicts.getByRole('listitem')).toHaveText(/^Taken, by Ben on .+“A claim: Ferreira is quoted saying it\.”$/);
  expect((await axe(ana.page).include('aside.details').analyze()).violations).toEqual([]);

  // The verdicts are still there after a restart (they are in the file, not the page).
  await ana.restart();
  await openArticle(ana, SAMPLE);
  await ana.page
    .getByRole('list', { name: 'Annotations in document order' })
    .getByRole('button', { name: 'Claim, reviewed (Taken): We are patching a structure', exact: true })
    .click();
  await expect(detailsPanel(ana.page).getByRole('list', { name: 'Review' })).toContainText('Taken, by Ben on');
});
