import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportOutcome } from '../../schema/api';
import { listAnnotations } from '../store/annotations';
import { getDocument } from '../store/documents';
import { commitTextEdit } from '../store/text-versions';
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
      metadata: null,
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
    expect(failed[1]).toMatch(/ferry-schedule\.ann: none of its 2 spans fit the article beside it, so nothing of the file is imported .* Line 1: T1’s text “officials” is not what the article has at 40–48/);
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

  it.skipIf(!existsSync(POLNEAR))('gives every PolNeAR dev article its publisher and date from metadata.tsv, one folder up (skipped without ../shared)', async () => {
    const rows = readFileSync(join(POLNEAR, 'metadata.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t'));
    const expected = new Map(rows.filter(([compartment]) => compartment === 'dev').map(([, filename, , , publisher, date]) => [filename!, [publisher, date]]));
    const outcomes = await runImport(ws, await findImportUnits([join(POLNEAR, 'dev')]), { annotator: 'Me' });
    expect(outcomes.filter((o) => o.status === 'failed')).toEqual([]);
    const documents = ws.db.prepare('SELECT origin_file AS file, outlet, published_at AS date FROM documents').all() as { file: string; outlet: string; date: string }[];
    const found = new Map(documents.map((d) => [basename(d.file).replace(/_[^_]+\.ann$/, ''), [d.outlet, d.date]]));
    expect(expected.size).toBe(84);
    expect(found).toEqual(expected);
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

describe('runImport of brat files made on a text edited here since', () => {
  const ARTICLE = 'Officials 👩‍⚖️ said the bridge is safe, according to the city. The mayor disagreed strongly on Monday.\n';
  /** The code point offsets of a phrase in a text, as brat writes them. */
  const at = (text: string, phrase: string) => {
    const start = Array.from(text.slice(0, text.indexOf(phrase))).length;
    return { start, end: start + Array.from(phrase).length };
  };
  /** A brat .ann of spans [label, phrase] and links [type, from, to] (1-based span numbers). */
  const ann = (spans: [string, string][], links: [string, number, number][] = []) =>
    [
      ...spans.map(([label, phrase], i) => `T${i + 1}\t${label} ${at(ARTICLE, phrase).start} ${at(ARTICLE, phrase).end}\t${phrase}`),
      ...links.map(([type, from, to], i) => `R${i + 1}\t${type} Arg1:T${from} Arg2:T${to}`),
    ].join('\n') + '\n';

  it('places another annotator’s spans on the words they tagged, and lists those whose words were deleted', async () => {
    const { writeFileSync } = await import('node:fs');
    const folder = tempDir();
    const txt = join(folder, 'bridge.txt');
    writeFileSync(txt, ARTICLE);
    writeFileSync(join(folder, 'bridge_ana.ann'), ann([['Source', 'Officials'], ['Claim', 'the bridge is safe']]));
    const [first] = await runImport(ws, await findImportUnits([folder]), { annotator: 'Me' });
    expect(first).toMatchObject({ status: 'imported', documents: 1, annotations: 2 });
    const documentId = (first as { document: { id: string } }).document.id;

    // Edited here: a word before every span, one inside a span, and the words of one span deleted.
    const edits = [
      { start: 0, end: 0, text: 'Update: ' },
      { ...at('Update: ' + ARTICLE, 'bridge'), text: 'old bridge' },
      { ...at('Update: ' + ARTICLE.replace('bridge', 'old bridge'), ' strongly'), text: '' },
    ];
    commitTextEdit(ws, { documentId, baseVersion: 1, edits });
    const edited = getDocument(ws, documentId).text;
    expect(edited).toBe('Update: Officials 👩‍⚖️ said the old bridge is safe, according to the city. The mayor disagreed on Monday.\n');

    // Ben tagged the text as it was before the edit.
    writeFileSync(
      join(folder, 'bridge_ben.ann'),
      ann(
        [['Source', 'Officials'], ['Claim', 'the bridge is safe'], ['Source', 'The mayor'], ['Cue', 'strongly'], ['Claim', 'on Monday']],
        [['attributed_to', 2, 1], ['attributed_to', 4, 3]],
      ),
    );
    const [second] = await runImport(ws, await findImportUnits([join(folder, 'bridge_ben.ann'), txt]), { annotator: 'Me' });
    const title = getDocument(ws, documentId).title;
    expect(second).toEqual({
      status: 'imported',
      source: join(folder, 'bridge_ben.ann'),
      documents: 0,
      annotations: 4,
      relations: 1,
      document: expect.objectContaining({ id: documentId }),
      notAnchored: [
        { document: `${title} (${documentId})`, kind: 'annotation', id: expect.any(String), quote: 'strongly', reason: 'its text was removed when the article was edited here, in version 2' },
        { document: `${title} (${documentId})`, kind: 'link', id: expect.any(String), quote: '“strongly” → “The mayor”', reason: 'its end “strongly” could not be anchored' },
      ],
    });
    const benId = ws.db.prepare("SELECT id FROM annotators WHERE name = 'ben'").pluck().get();
    const ben = listAnnotations(ws, documentId)
      .filter((a) => a.annotatorId === benId)
      .map((a) => ({ quote: a.quote, fragments: a.fragments }));
    expect(ben).toHaveLength(4);
    for (const phrase of ['Officials', 'the old bridge is safe', 'The mayor', 'on Monday']) {
      expect(ben, phrase).toContainEqual({ quote: phrase, fragments: [at(edited, phrase)] });
    }
    // Ana's file again: its spans are here already, moved by the edit; nothing is added or listed.
    const [again] = await runImport(ws, await findImportUnits([join(folder, 'bridge_ana.ann'), txt]), { annotator: 'Me' });
    expect(again).toMatchObject({ status: 'duplicate' });
    expect(again).not.toHaveProperty('notAnchored');
  });
});

