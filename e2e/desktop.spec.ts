import AxeBuilder from '@axe-core/playwright';
import Database from 'better-sqlite3';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, test, type BylineApp } from './support/app';
import { expectSelected, tagWithHotkey } from './support/article';
import { goToLibrary, importFiles, openArticle } from './support/library';

const SAMPLE = 'Harbor city weighs bridge toll as repair bill climbs';
const BUDGET = 'e2e/data/school-board-budget.txt';
const BUDGET_TITLE = /school board/i;

const axe = (page: import('@playwright/test').Page) =>
  new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);

/** The titles in a workspace file, through a connection of the test's own. */
function titlesIn(path: string): string[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT title FROM documents ORDER BY title').all() as { title: string }[]).map((r) => r.title);
  } finally {
    db.close();
  }
}

const workspaceButton = (app: BylineApp) => app.page.getByRole('button', { name: /^Workspace/ });

async function workspaceMenuItem(app: BylineApp, name: string | RegExp) {
  await workspaceButton(app).click();
  const menu = app.page.getByRole('menu');
  await expect(menu).toBeVisible();
  return menu.getByRole('menuitem', { name });
}

/** Drops files on the window as the OS would: real files, their paths known to the host. */
async function dropFiles(app: BylineApp, paths: string[]) {
  const { page } = app;
  await app.answerDrop(paths);
  const input = await page.evaluateHandle(() => {
    const element = document.createElement('input');
    element.type = 'file';
    element.multiple = true;
    element.hidden = true;
    document.body.append(element);
    return element;
  });
  await input.setInputFiles(paths);
  const dataTransfer = await page.evaluateHandle((element) => {
    const transfer = new DataTransfer();
    for (const file of element.files ?? []) transfer.items.add(file);
    element.remove();
    return transfer;
  }, input);
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await expect(page.getByText('Drop files or folders to import them')).toBeVisible();
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  await expect(page.getByText('Drop files or folders to import them')).toBeHidden();
}

test('a menu command runs what its button runs, from any view', async ({ app }) => {
  const { page } = app;
  // File > Import… from an article: the library's own Import dialog, as its button opens it.
  await openArticle(app, SAMPLE);
  await app.sendCommand('file.import');
  const importDialog = page.getByRole('dialog', { name: 'Import' });
  await expect(importDialog).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  await importDialog.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Import…' }).click();
  await expect(importDialog).toBeVisible();
  await importDialog.getByRole('button', { name: 'Cancel' }).click();

  // Edit > Undo in an article undoes the last tag, as the Undo button does.
  await openArticle(app, SAMPLE);
  await tagWithHotkey(page, 'Marisol Ferreira', '2');
  await expectSelected(page, 'Source', 'Marisol Ferreira');
  const count = () => app.query<{ n: number }>('SELECT count(*) AS n FROM annotations')[0]!.n;
  expect(count()).toBe(1);
  await app.sendCommand('edit.undo');
  await expect.poll(count).toBe(0);
  await app.sendCommand('edit.redo');
  await expect.poll(count).toBe(1);

  // Edit > Find from an article goes to the library's search box.
  await app.sendCommand('edit.find');
  await expect(page.getByRole('searchbox', { name: 'Search titles, texts and notes' })).toBeFocused();

  // View > Annotate comes back to the article; Help > Keyboard Shortcuts shows its keys there.
  await app.sendCommand('view.annotate');
  await expect(page.getByRole('heading', { level: 1, name: SAMPLE })).toBeVisible();
  await app.sendCommand('help.shortcuts');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Tag the selected text');
  await page.keyboard.press('Escape');

  // View > Dark: the same setTheme as Settings.
  await app.sendCommand('view.theme.dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await app.sendCommand('view.theme.system');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'system');
});

test('Help > About lists the versions and the workspace, and the new UI passes axe', async ({ app }, testInfo) => {
  const { page } = app;
  await expect(page.getByRole('table', { name: 'Articles' })).toBeVisible();
  await app.sendCommand('help.about');
  const about = page.getByRole('dialog', { name: 'About Byline' });
  await expect(about).toContainText(/Version\s*0\.\d+\.\d+/);
  await expect(about).toContainText(/SQLite\s*3\.\d+/);
  await expect(about).toContainText(/Node\.js\s*\d+\./);
  await expect(about).toContainText(app.workspacePath);
  await expect(about).toContainText(testInfo.project.name === 'electron' ? /Electron\s*\d+\./ : /Running in\s*test host/);
  expect((await axe(page).analyze()).violations).toEqual([]);
  await about.getByRole('button', { name: 'Close' }).click();

  // The workspace menu, by keyboard alone: ArrowDown opens it on its first item, Escape gives the focus back.
  await workspaceButton(app).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'New Workspace…' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByRole('menuitem', { name: 'About Byline' })).toBeFocused();
  expect((await axe(page).analyze()).violations).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toBeHidden();
  await expect(workspaceButton(app)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('menuitem', { name: 'About Byline' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'About Byline' })).toBeVisible();
});

test('New Workspace, Open Workspace and Open Recent switch workspaces', async ({ app }) => {
  const { page } = app;
  const folder = dirname(app.workspacePath);
  await importFiles(app, [BUDGET]);
  await expect(workspaceButton(app)).toHaveText('Workspace: workspace');

  // New: a file of its own, with the sample article only.
  const ferries = join(folder, 'ferries.bylinedb');
  await app.answerSaveDialog(join(folder, 'ferries'));
  await (await workspaceMenuItem(app, 'New Workspace…')).click();
  await expect(workspaceButton(app)).toHaveText('Workspace: ferries');
  await expect(page.getByRole('table', { name: 'Articles' }).getByRole('link', { name: SAMPLE })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Articles' }).getByRole('link', { name: BUDGET_TITLE })).toHaveCount(0);
  expect(titlesIn(ferries)).toEqual([SAMPLE]);

  // Open Recent: back to the first, with what was imported there.
  await (await workspaceMenuItem(app, /^workspace/)).click();
  await expect(workspaceButton(app)).toHaveText('Workspace: workspace');
  await expect(page.getByRole('table', { name: 'Articles' }).getByRole('link', { name: BUDGET_TITLE })).toBeVisible();
  expect(titlesIn(app.workspacePath)).toHaveLength(2);

  // Open: a file chosen in the OS dialog.
  await app.answerOpenDialog([ferries]);
  await (await workspaceMenuItem(app, 'Open Workspace…')).click();
  await expect(workspaceButton(app)).toHaveText('Workspace: ferries');
  await expect(page.getByRole('table', { name: 'Articles' }).getByRole('link', { name: BUDGET_TITLE })).toHaveCount(0);

  // A new workspace is never made over an existing file.
  await app.answerSaveDialog(app.workspacePath);
  await (await workspaceMenuItem(app, 'New Workspace…')).click();
  await expect(page.getByRole('alert')).toContainText(`${app.workspacePath} already exists`);
  expect(titlesIn(app.workspacePath)).toHaveLength(2);
});

test('a recent workspace whose file is gone is refused, named, and taken off the list', async ({ app }) => {
  const { page } = app;
  const folder = dirname(app.workspacePath);
  const gone = join(folder, 'gone.bylinedb');
  await app.answerSaveDialog(gone);
  await (await workspaceMenuItem(app, 'New Workspace…')).click();
  await expect(workspaceButton(app)).toHaveText('Workspace: gone');
  await (await workspaceMenuItem(app, /^workspace/)).click();
  await expect(workspaceButton(app)).toHaveText('Workspace: workspace');
  rmSync(gone);

  await (await workspaceMenuItem(app, /^gone \(missing\)/)).click();
  await expect(page.getByRole('alert')).toContainText(`${gone} is no longer there`);
  await expect(workspaceButton(app)).toHaveText('Workspace: workspace');
  await workspaceButton(app).click();
  await expect(page.getByRole('menu')).toBeVisible();
  await expect(page.getByRole('menuitem', { name: /^gone/ })).toHaveCount(0);
  await page.keyboard.press('Escape');
  const stateFile = join(folder, 'app-state.json');
  if (existsSync(stateFile)) expect(readFileSync(stateFile, 'utf8')).not.toContain('gone.bylinedb');
});

test('dropping files on the window imports them, with the report', async ({ app }) => {
  const { page } = app;
  await openArticle(app, SAMPLE);
  await dropFiles(app, [join(process.cwd(), BUDGET)]);
  const report = page.getByRole('region', { name: 'Import finished' });
  await expect(report).toBeVisible({ timeout: 30_000 });
  await expect(report.getByRole('list', { name: 'Files imported' })).toContainText('school-board-budget.txt');
  await expect(page.getByRole('table', { name: 'Articles' }).getByRole('link', { name: BUDGET_TITLE })).toBeVisible();
  expect(app.query<{ title: string }>('SELECT title FROM documents WHERE origin_file LIKE ?', '%school-board-budget.txt')).toHaveLength(1);

  // Dragged text is not a file: no overlay, nothing imported.
  await goToLibrary(app);
  const text = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.setData('text/plain', 'just words');
    return transfer;
  });
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: text });
  await expect(page.getByText('Drop files or folders to import them')).toBeHidden();
});
