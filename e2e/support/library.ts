import { expect } from '@playwright/test';
import type { BylineApp } from './app';

/**
 * Imports through the library's Import dialog, the OS dialog answering with `paths`, and waits
 * for the report. Returns the report's list of files.
 */
export async function importFiles(app: BylineApp, paths: string[], what: 'files' | 'folder' = 'files') {
  const { page } = app;
  await goToLibrary(app);
  await page.getByRole('button', { name: 'Close report' }).click({ timeout: 500 }).catch(() => {});
  await app.answerOpenDialog(paths);
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByRole('dialog', { name: 'Import' }).getByRole('button', { name: what === 'files' ? 'Choose files…' : 'Choose a folder…' }).click();
  const report = page.getByRole('region', { name: /^Import (finished|canceled)$/ });
  await expect(report).toBeVisible({ timeout: 30_000 });
  return report.getByRole('list', { name: 'Files imported' });
}

export async function goToLibrary(app: BylineApp): Promise<void> {
  await app.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
  await expect(app.page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
}

/** Opens an article from the library by its title. */
export async function openArticle(app: BylineApp, title: string | RegExp): Promise<void> {
  const { page } = app;
  await goToLibrary(app);
  await page.getByRole('table', { name: 'Articles' }).getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Article text' })).not.toBeEmpty();
}

/** The text of the current version of the only document whose title matches. */
export function storedText(app: BylineApp, titleLike: string): string {
  const rows = app.query<{ text: string }>(
    `SELECT v.text FROM documents d
     JOIN document_versions v ON v.document_id = d.id AND v.version = d.version
     WHERE d.title LIKE ?`,
    titleLike,
  );
  expect(rows, `one document titled like ${titleLike}`).toHaveLength(1);
  return rows[0]!.text;
}

export interface StoredSpan {
  label: string;
  start: number;
  end: number;
  quote: string;
}

/** Every stored annotation fragment, with its label name, in text order. */
export function storedSpans(app: BylineApp): StoredSpan[] {
  return app.query<StoredSpan>(
    `SELECT l.name AS label, f.start, f."end" AS "end", a.quote
     FROM annotations a JOIN labels l ON l.id = a.label_id JOIN fragments f ON f.annotation_id = a.id
     ORDER BY f.start, l.name`,
  );
}
