import { expect, test } from './support/app';

// Every spec runs behind the offline guard of the `app` fixture: a request outside the app's own
// origin is aborted and fails the test. This spec proves the guard catches one.

test('a request that leaves the app is aborted and reported, which fails the test that made it', async ({ app }, testInfo) => {
  const { page } = app;
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  // The CSP stops fetch, images and scripts from elsewhere before any request; it does not stop
  // a new window or the page navigating away, so those are what the guard has to catch.
  await page.evaluate(() => {
    window.open('http://example.invalid/popup');
    setTimeout(() => location.assign('http://example.invalid/away'), 0);
  });

  if (testInfo.project.name === 'electron') {
    // The app itself denies window.open and prevents will-navigate: nothing leaves, nothing moves.
    await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
    expect(page.url()).toMatch(/^app:\/\/byline\//);
    expect(app.takeOutsideRequests()).toEqual([]);
    return;
  }
  const seen: string[] = [];
  await expect
    .poll(() => {
      seen.push(...app.takeOutsideRequests());
      return seen.toSorted();
    })
    .toEqual(['http://example.invalid/away', 'http://example.invalid/popup']);
  // Taken, so the fixture's own check passes; left there, `finish` would fail this test with both.
});
