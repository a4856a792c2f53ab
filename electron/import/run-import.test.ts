import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportOutcome } from '../../schema/api';
import { Workspace } from '../store/workspace';
import { tempDir, testData } from '../testing/temp';
import { importText, runImport } from './run-import';
import { findImportUnits, unitPath } from './sources';

const MIXED = testData('mixed-import');
const POLNEAR = resolve('../shared/corpora/polnear');

let ws: Workspace;
beforeEach(() => {
  ws = Workspace.open(join(tempDir(), 'ws.sqlite'), { userName: 'Me' });
});
afterEach(() => ws.close());

const count = (table: string) => ws.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

describe('findImportUnits', () => {
  it('walks a folder, pairs brat files with their article and conf, and passes over what it cannot read', async () => {
    const units = await findImportUnits([MIXED]);
    expect(units.map((u) => [u.kind, unitPath(u).slice(MIXED.length + 1)])).toEqual([
      ['article', 'articles/library-hours.md'],
      ['article', 'articles/not-an-article.txt'],
      ['brat', 'bad/ferry-schedule.ann'],
      ['brat', 'brat/river-dredging_ana.ann'],
      ['dataset', 'datasets/transit.jsonl'],
    ]);
    const brat = units.find((u) => u.kind === 'brat' && u.ann.endsWith('river-dredging_ana.ann'));
    expect(brat).toEqual({
      kind: 'brat',
      ann: join(MIXED, 'brat/river-dredging_ana.ann'),
      txt: join(MIXED, 'brat/river-dredging.txt'),
      conf: join(MIXED, 'brat/annotation.conf'),
      annotator: 'ana',
    });
  });

  it('refuses a chosen file it cannot read, and an .ann without its article', async () => {
    const lonely = join(tempDir(), 'lonely.ann');
    (await import('node:fs')).writeFileSync(lonely, 'T1\tSource 0 3\tAna\n');
    const units = await findImportUnits([join(MIXED, 'articles/scan.pdf'), lonely]);
    expect(units).toEqual([
      {
        kind: 'refused',
        path: join(MIXED, 'articles/scan.pdf'),
        reason: expect.stringContaining('cannot be imported: Byline reads articles'),
      },
      { kind: 'refused', path: lonely, reason: `${lonely} has no article: there is no lonely.txt beside it or in what was chosen.` },
    ]);
  });
});

describe('runImport', () => {
  it('imports every good file, refuses each bad one with its reason, and stores nothing of those', async () => {
    const told: ImportOutcome[] = [];
    const progress: string[] = [];
    const outcomes = await runImport(ws, await findImportUnits([MIXED]), {
      annotator: 'Me',
      onOutcome: (o) => told.push(o),
      onProgress: (p) => progress.push(`${p.done}/${p.total}`),
    });
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'failed', 'failed', 'imported', 'imported']);
    expect(told).toEqual(outcomes);
    expect(progress).toEqual(['0/5', '1/5', '2/5', '3/5', '4/5', '5/5']);
    const failed = outcomes.filter((o) => o.status === 'failed').map((o) => (o as { reason: string }).reason);
    expect(failed[0]).toContain('not-an-article.txt is not a text file: it looks like a PNG image (image/png).');
    expect(failed[1]).toContain('ferry-schedule.ann, line 1:');
    expect(count('documents')).toBe(3);
    expect(ws.db.prepare('SELECT title FROM documents ORDER BY title').pluck().all()).not.toContain('Ferry schedule changes');
    expect(ws.db.inTransaction).toBe(false);
  });

  it('imports the same files again without adding anything', async () => {
    await runImport(ws, await findImportUnits([MIXED]), { annotator: 'Me' });
    const before = [count('documents'), count('annotations'), count('relations'), count('events')];
    const again = await runImport(ws, await findImportUnits([MIXED]), { annotator: 'Me' });
    expect(again.map((o) => o.status)).toEqual(['duplicate', 'failed', 'failed', 'duplicate', 'duplicate']);
    expect([count('documents'), count('annotations'), count('relations'), count('events')]).toEqual(before);
  });

  it('stops between files when canceled: the rest is reported canceled, none of it stored', async () => {
    let asked = 0;
    const outcomes = await runImport(ws, await findImportUnits([MIXED]), { annotator: 'Me', isCanceled: () => ++asked > 1 });
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'canceled', 'canceled', 'canceled', 'canceled']);
    expect(count('documents')).toBe(1);
  });

  it('refuses a file over the size limit without reading it', async () => {
    const { truncateSync, writeFileSync } = await import('node:fs');
    const huge = join(tempDir(), 'huge.txt');
    writeFileSync(huge, '');
    truncateSync(huge, 60.5 * 1024 * 1024);
    const [outcome] = await runImport(ws, await findImportUnits([huge]), { annotator: 'Me' });
    expect(outcome).toEqual({ status: 'failed', source: huge, reason: `${huge} is 60.5 MB, over the 50 MB limit for one file.` });
    expect(count('documents')).toBe(0);
  });

  it('imports pasted text under the local annotator', () => {
    expect(importText(ws, 'Ferry fares rise\n\nBy 8 percent.', 'Me')).toMatchObject({
      status: 'imported',
      source: 'clipboard',
      document: { title: 'Ferry fares rise', originFormat: 'clipboard' },
    });
    expect(importText(ws, ' \n ', 'Me')).toEqual({
      status: 'failed',
      source: 'clipboard',
      reason: 'The pasted text is empty: there is no text to annotate.',
    });
  });

  it.skipIf(!existsSync(POLNEAR))('imports all of PolNeAR (skipped without ../shared)', async () => {
    const outcomes = await runImport(ws, await findImportUnits([POLNEAR]), { annotator: 'Me' });
    expect(outcomes.filter((o) => o.status === 'failed')).toEqual([]);
    expect(ws.db.prepare("SELECT count(*) FROM documents WHERE origin_format = 'brat'").pluck().get()).toBe(88);
    // metadata.tsv names six annotators: 4b22, 4e07, 5fec, 6b86, d473, ef2d.
    expect(ws.db.prepare('SELECT name FROM annotators WHERE is_local = 0 ORDER BY name').pluck().all()).toEqual([
      '4b22', '4e07', '5fec', '6b86', 'd473', 'ef2d',
    ]);
  }, 60_000);
});

describe('runImport of exchange files', () => {
  it('streams plain and gzipped exchange files, refuses a bad one whole, and finds them all again', async () => {
    const { copyFileSync, mkdirSync } = await import('node:fs');
    const folder = join(tempDir(), 'exchange');
    mkdirSync(folder);
    copyFileSync(testData('exchange/two-articles.byline.json'), join(folder, 'a.byline.json'));
    copyFileSync(testData('exchange/two-articles.byline.json.gz'), join(folder, 'b.byline.json.gz'));
    copyFileSync(testData('exchange/bad-quote.byline.json'), join(folder, 'c.byline.json'));
    const units = await findImportUnits([folder]);
    expect(units.map((u) => u.kind)).toEqual(['exchange', 'exchange', 'exchange']);
    const outcomes = await runImport(ws, units, { annotator: 'Me' });
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'duplicate', 'failed']);
    expect(outcomes[0]).toMatchObject({ documents: 2, annotations: 6, relations: 2, document: { title: 'Emoji, accents and a tricky byline 👍' } });
    expect((outcomes[2] as { reason: string }).reason).toContain('c.byline.json: documents.0.annotations.1.quote:');
    expect(count('documents')).toBe(2);
    expect(ws.db.inTransaction).toBe(false);
  });

  it('fails a damaged or false gzip file with the reason, storing nothing', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const path = join(tempDir(), 'cut.byline.json.gz');
    const bytes = readFileSync(testData('exchange/two-articles.byline.json.gz'));
    writeFileSync(path, bytes.subarray(0, 700));
    const outcomes = await runImport(ws, await findImportUnits([path]), { annotator: 'Me' });
    expect(outcomes[0]).toMatchObject({ status: 'failed', reason: `${path} could not be read: unexpected end of file.` });
    expect(count('documents')).toBe(0);
    writeFileSync(path, Buffer.from('not gzip at all'));
    const again = await runImport(ws, await findImportUnits([path]), { annotator: 'Me' });
    expect(again[0]).toMatchObject({ status: 'failed', reason: `${path} could not be read: incorrect header check.` });
  });
});
