import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile, importText } from './import';
import { listDocuments } from './store/documents';
import { Workspace } from './store/workspace';
import { tempDir, testData } from './testing/temp';

let ws: Workspace;
beforeEach(() => {
  ws = Workspace.open(join(tempDir(), 'ws.sqlite'));
});
afterEach(() => ws.close());

const count = (table: string) => ws.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

describe('importFile', () => {
  it('imports a plain-text article with its title, hash and origin', async () => {
    const path = testData('school-board-budget.txt');
    const outcome = await importFile(ws, path);
    expect(outcome).toMatchObject({
      status: 'imported',
      source: path,
      document: {
        title: 'School board delays vote on closing two elementary schools',
        originFile: path,
        originFormat: 'text',
        annotationCount: 0,
      },
    });
    expect(listDocuments(ws)).toHaveLength(1);
    expect(count('events')).toBe(1);
  });

  it('recognizes the same text imported twice, even with other line endings', async () => {
    const first = await importFile(ws, testData('unicode-crlf.txt'));
    const lf = join(tempDir(), 'copy-with-lf.txt');
    const crlf = readFileSync(testData('unicode-crlf.txt'), 'utf8');
    writeFileSync(lf, `\uFEFF${crlf.replace(/\r\n/g, '\n')}`);
    const second = await importFile(ws, lf);
    if (first.status !== 'imported' || second.status !== 'duplicate') {
      throw new Error(`expected imported then duplicate, got ${first.status} then ${second.status}`);
    }
    expect(second.document.id).toBe(first.document.id);
    expect(listDocuments(ws)).toHaveLength(1);
  });

  it.each([
    ['empty.txt', 'is empty: there is no text to annotate.'],
    ['photo-renamed.txt', 'is not a text file: it looks like a PNG image (image/png).'],
    ['windows-1252.txt', 'is not valid UTF-8 text'],
  ])('fails %s with a reason naming the file, and stores nothing', async (name, reason) => {
    const path = testData(name);
    const outcome = await importFile(ws, path);
    expect(outcome.status).toBe('failed');
    expect(outcome.status === 'failed' && outcome.reason).toContain(`${path} ${reason}`);
    expect(count('documents')).toBe(0);
    expect(count('document_versions')).toBe(0);
    expect(count('events')).toBe(0);
  });

  it('fails a file of another type without reading it', async () => {
    const path = join(tempDir(), 'article.pdf');
    writeFileSync(path, '%PDF-1.7');
    const outcome = await importFile(ws, path);
    expect(outcome).toEqual({
      status: 'failed',
      source: path,
      reason: `${path} cannot be imported: Byline reads plain-text articles (.txt), not .pdf.`,
    });
  });

  it('fails a missing file', async () => {
    const path = join(tempDir(), 'gone.txt');
    expect(await importFile(ws, path)).toEqual({
      status: 'failed',
      source: path,
      reason: `${path} could not be read: it does not exist.`,
    });
  });

  it('fails a file over the size limit before reading it', async () => {
    const path = join(tempDir(), 'huge.txt');
    writeFileSync(path, '');
    truncateSync(path, 60.5 * 1024 * 1024);
    const outcome = await importFile(ws, path);
    expect(outcome.status === 'failed' && outcome.reason).toBe(
      `${path} is 60.5 MB, over the 50 MB limit for text files.`,
    );
    expect(count('documents')).toBe(0);
  });
});

describe('importText', () => {
  it('imports pasted text as an article', async () => {
    const outcome = await importText(ws, 'Pasted headline\r\n\r\nBody text.');
    expect(outcome).toMatchObject({ status: 'imported', source: 'clipboard', document: { title: 'Pasted headline' } });
  });

  it('refuses blank pasted text', async () => {
    expect(await importText(ws, '  \n ')).toEqual({
      status: 'failed',
      source: 'clipboard',
      reason: 'The pasted text is empty: there is no text to annotate.',
    });
    expect(count('documents')).toBe(0);
  });
});
