import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportOutcome } from '../../schema/api';
import { Workspace } from '../store/workspace';
import { tempDir, testData } from '../testing/temp';
import { runImport } from './run-import';
import { findImportUnits } from './sources';

const FIXTURE = testData('metadata-table');
const TABLE = join(FIXTURE, 'metadata.tsv');

let ws: Workspace;
beforeEach(() => {
  ws = Workspace.open(join(tempDir(), 'ws.sqlite'), { userName: 'Me' });
});
afterEach(() => ws.close());

const documents = () =>
  ws.db.prepare('SELECT origin_format AS format, title, outlet, author, published_at AS publishedAt FROM documents ORDER BY origin_format').all();
const importing = async (chosen: string[]) => runImport(ws, await findImportUnits(chosen), { annotator: 'Me' });
const warnings = (outcome: ImportOutcome | undefined) => (outcome?.status === 'imported' ? (outcome.warnings ?? []).map((w) => w.message) : []);
/** A copy of the fixture, to spoil. */
const copy = () => {
  const folder = join(tempDir(), 'corpus');
  cpSync(FIXTURE, folder, { recursive: true });
  return folder;
};

describe('metadata tables', () => {
  it('gives each article its outlet, date, author and title, keeping what the file gave', async () => {
    const outcomes = await importing([FIXTURE]);
    // Two layers of river-dredging (ana's, ben's), and two articles.
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'imported', 'imported', 'imported']);
    expect(documents()).toEqual([
      { format: 'brat', title: 'River dredging starts in spring', outlet: 'harbor-post', author: 'Dana Reyes', publishedAt: '2024-03-05' },
      // Front matter gave the title and author; the table the rest.
      { format: 'markdown', title: 'Ferry fares to rise', outlet: 'valley-times', author: 'Lee Park', publishedAt: '2024-04-01T09:30:00Z' },
      // 'None' is no author; "March 5, 2024" is not ISO 8601, so no date and a warning.
      { format: 'text', title: 'Library opens on Sundays', outlet: 'city-paper', author: null, publishedAt: null },
    ]);
    const library = outcomes.find((o) => o.source.endsWith('library-hours.txt'));
    expect(warnings(library)).toEqual([
      `${TABLE} line 3: the date “March 5, 2024” of library-hours is not an ISO 8601 date (YYYY-MM-DD or a date-time), so the article has no date from it.`,
    ]);
    expect(outcomes.flatMap(warnings)).toHaveLength(1);
  });

  it('finds the table above a chosen folder or file', async () => {
    await importing([join(FIXTURE, 'text/library-hours.txt')]);
    await importing([join(FIXTURE, 'attributions'), join(FIXTURE, 'text')]);
    expect(documents().map((d) => (d as { outlet: string }).outlet)).toEqual(['harbor-post', 'valley-times', 'city-paper']);
  });

  it('gives nothing to an article the table does not list', async () => {
    const folder = copy();
    writeFileSync(join(folder, 'text/unlisted.txt'), 'Unlisted article.\n\nNot in the table.\n');
    const [outcome] = await importing([join(folder, 'text/unlisted.txt')]);
    expect(outcome).toMatchObject({ status: 'imported' });
    expect(warnings(outcome)).toEqual([]);
    expect(documents()).toEqual([{ format: 'text', title: 'Unlisted article.', outlet: null, author: null, publishedAt: null }]);
  });

  it.each([
    ['metadata.tsv', 'name\tpublisher\nriver-dredging\tharbor-post\n', 'its header has no filename column (it has name, publisher)'],
    ['metadata.csv', 'filename,publisher\n"river-dredging,harbor-post\n', 'Quote Not Closed: the parsing is finished with an opening quote at line 2'],
  ])('imports the articles without a broken %s, with a warning naming it', async (name, content, reason) => {
    const folder = copy();
    const table = join(folder, name);
    rmSync(join(folder, 'metadata.tsv'));
    writeFileSync(table, content);
    const outcomes = await importing([folder]);
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'imported', 'imported', 'imported']);
    expect(outcomes.map((o) => warnings(o))).toEqual(
      ['river-dredging.txt', 'river-dredging.txt', 'ferry-fares.md', 'library-hours.txt'].map((article) => [
        `${table} cannot be used as a metadata table: ${reason}. ${article} was imported without its metadata.`,
      ]),
    );
    expect(documents().map((d) => (d as { outlet: string | null }).outlet)).toEqual([null, null, null]);
  });

  it('reads a chosen table for the articles chosen with it, and refuses it alone', async () => {
    const [alone] = await importing([TABLE]);
    expect(alone).toEqual({
      status: 'failed',
      source: TABLE,
      reason: `${TABLE} is a metadata table: it is read for the articles in its folder and below when they are imported, and holds no articles itself. Choose its folder, or its articles with it.`,
    });
    const outcomes = await importing([TABLE, join(FIXTURE, 'text/library-hours.txt')]);
    expect(outcomes.map((o) => o.status)).toEqual(['imported']);
    expect(documents()).toMatchObject([{ outlet: 'city-paper' }]);
  });
});
