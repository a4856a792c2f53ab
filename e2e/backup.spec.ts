import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from './support/app';
import { openArticle } from './support/library';
import { tagWithHotkey } from './support/article';
import { damageTable } from '../electron/testing/damage';

const BUDGET = 'School board delays vote on closing two elementary schools';
const WINDOWS = resolve('e2e/data/windows-1252.txt');
const BACKUP_STAMP = '2025-03-01T08-00-00-000Z';
const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
/** The damaged file's bytes, as the test wrote them. */
let damagedDigest = '';

/** `byline <args>` as `npx byline` runs it (the built command line). */
function byline(...args: string[]): void {
  const run = spawnSync(process.execPath, ['bin/byline.mjs', ...args], { encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`byline ${args.join(' ')} failed: ${run.stderr}`);
}

/**
 * A workspace with two articles whose full-text index lost a page to a failing disk (the library
 * and the articles still read), and a daily backup from when it held only the first article.
 */
function damagedWorkspaceWithBackup(path: string): void {
  byline('import', resolve('e2e/data', 'school-board-budget.txt'), '--workspace', path);
  const db = new Database(path);
  const version = db.pragma('user_version', { simple: true }) as number;
  mkdirSync(`${path}.backups`);
  db.prepare('VACUUM INTO ?').run(`${path}.backups/${BACKUP_STAMP}.v${version}.daily.sqlite`);
  db.close();
  byline('import', WINDOWS, '--workspace', path);

  damageTable(path, 'search_content');
  damagedDigest = digest(path);
}

test('the app backs a fresh workspace up once a day of use, in the background', async ({ app }) => {
  const folder = `${app.workspacePath}.backups`;
  const daily = () => (existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.daily.sqlite')) : []);
  await expect.poll(daily).toHaveLength(1);
  const copy = new Database(`${folder}/${daily()[0]}`, { readonly: true });
  expect(copy.prepare('SELECT origin_format FROM documents').pluck().all()).toEqual(['sample']);
  copy.close();
  await app.restart();
  await expect(app.page.getByRole('table', { name: 'Articles' }).getByRole('row')).toHaveCount(2);
  expect(daily(), 'not again within 24 hours').toHaveLength(1);
});

test.describe('a damaged workspace', () => {
  test.use({ prepareWorkspace: { write: damagedWorkspaceWithBackup } });

  test('opens read-only with the reason, refuses tags, and is restored from a backup by keyboard', async ({ app }) => {
    const { page } = app;
    const banner = page.getByRole('alert').filter({ hasText: 'This workspace is open read-only' });
    await expect(banner).toContainText(/^This workspace is open read-only: it failed its integrity check \(SQLite found: [^)]+\)\./);
    const table = page.getByRole('table', { name: 'Articles' });
    await expect(table.getByRole('row')).toHaveCount(3);

    await openArticle(app, BUDGET);
    await tagWithHotkey(page, 'Superintendent Alan Mercer', '1');
    await expect(page.getByRole('main').getByRole('alert')).toContainText(
      /^This workspace is open read-only: it failed its integrity check \(SQLite found: [^)]+\)\. File > Restore from Backup… puts back a copy saved before; this file stays as it is\./,
    );
    expect(app.query('SELECT id FROM annotations')).toEqual([]);

    // Restore by keyboard: the banner's button, the list of backups, Restore…, then the confirmation.
    await banner.getByRole('button', { name: 'Restore from backup…' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Restore from backup' });
    const list = dialog.getByRole('listbox', { name: 'Backups, newest first' });
    await expect(list).toBeFocused();
    await expect(list.getByRole('option')).toHaveText([/daily backup, \d+ KB, schema \d+$/]);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(dialog.getByRole('button', { name: 'Restore…' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog).toContainText('is not deleted: it is moved into the backups folder');
    await expect(dialog.getByRole('button', { name: 'Restore', exact: true })).toBeFocused();
    await page.keyboard.press('Enter');

    // The app starts over on the backup: sound, with the one article it held.
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table.getByRole('link', { name: BUDGET })).toBeVisible();
    await expect(banner).toHaveCount(0);
    expect(app.query<{ title: string }>('SELECT title FROM documents')).toEqual([{ title: BUDGET }]);
    const backups = readdirSync(`${app.workspacePath}.backups`).sort();
    const aside = backups.find((name) => name.endsWith('.before-restore.sqlite'));
    expect(backups.filter((name) => name.startsWith(BACKUP_STAMP))).toHaveLength(1);
    expect(aside, `the damaged file is kept in the backups folder: ${backups.join(', ')}`).toBeDefined();
    expect(digest(`${app.workspacePath}.backups/${aside}`), 'opening, browsing and trying to tag did not write it').toBe(damagedDigest);
    const kept = new Database(`${app.workspacePath}.backups/${aside}`, { readonly: true });
    expect(kept.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(2);
    expect(kept.pragma('quick_check', { simple: true })).not.toBe('ok');
    kept.close();

    // And it takes tags again.
    await openArticle(app, BUDGET);
    await tagWithHotkey(page, 'Superintendent Alan Mercer', '1');
    await expect.poll(() => app.query<{ quote: string }>('SELECT quote FROM annotations')).toEqual([{ quote: 'Superintendent Alan Mercer' }]);
    expect(existsSync(app.workspacePath)).toBe(true);
  });
});
