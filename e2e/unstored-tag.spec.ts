/**
 * A tag is painted the moment its key is pressed, before the workspace has stored it. If the
 * process that holds the workspace dies in between, the person must not be left looking at a tag
 * that does not exist: it is taken off the screen and a message says it was not saved.
 */
import { resolve } from 'node:path';
import { expect, test } from './support/app';
import { paintedByLabel, selectWithMouse } from './support/article';
import { importFiles, openArticle, storedSpans } from './support/library';

const PHRASE = 'the board had already drafted a plan to sell the Oak Park property';

test('a tag painted while the host is frozen, then killed, is taken back with a message, and SQLite has nothing of it', async ({
  app,
}, testInfo) => {
  test.skip(
    testInfo.project.name === 'electron',
    'killing Electron’s main process closes its window too: nothing stays on screen to compare with the file',
  );
  const { page } = app;
  await importFiles(app, [resolve('e2e/data/school-board-budget.txt')]);
  await openArticle(app, /^School board delays vote/);
  await selectWithMouse(page, PHRASE);

  // Frozen, the host takes the request in but never runs it: the paint comes first, as always.
  app.signalHost('SIGSTOP');
  await page.keyboard.press('1');
  await expect.poll(() => paintedByLabel(app)).toEqual({ Claim: [PHRASE] });

  // Its connections reset when it dies: the page logs the failed request and the lost event stream.
  app.expectConsoleErrors(/Failed to load resource|net::ERR_|EventSource/);
  app.signalHost('SIGKILL');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(
    `The workspace is not answering (Byline’s host stopped), so this was not saved. The tag of “the board had already drafted a plan to sell the Oak Park p…” was taken back.`,
  );
  await expect.poll(() => paintedByLabel(app)).toEqual({});
  await expect(page.getByRole('list', { name: 'Annotations in document order' }).getByRole('listitem')).toHaveCount(0);

  // What the person was left with is what the file holds.
  expect(storedSpans(app)).toEqual([]);

  // And the app opens the file again with nothing of the tag.
  await app.restart();
  await openArticle(app, /^School board delays vote/);
  expect(await paintedByLabel(app)).toEqual({});
});
