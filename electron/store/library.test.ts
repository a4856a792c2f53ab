import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/temp';
import { createAnnotation, updateAnnotation } from './annotations';
import { addToCollection, createCollection, listCollections, removeFromCollection } from './collections';
import { insertDocument, setDocumentStatus, updateDocumentMetadata } from './documents';
import { listLabels } from './labels';
import { ftsQuery, queryLibrary, type LibraryQuery } from './library';
import { Workspace } from './workspace';

let ws: Workspace;
let ids: Record<string, string>;
let claim: string;

beforeEach(() => {
  ws = Workspace.open(join(tempDir(), 'ws.sqlite'));
  const add = (title: string, text: string, outlet: string | null, publishedAt: string | null) =>
    insertDocument(ws, { title, text: `${title}\n\n${text}`, originFormat: 'text', outlet, publishedAt }).id;
  ids = {
    ferry: add('Ferry fares rise', 'The ferry authority raised fares by eight percent, officials said.', 'Harbor Post', '2024-05-02'),
    bridge: add('Bridge toll weighed', 'The council weighs a toll on the Meridian bridge, aides said.', 'City Paper', '2024-03-14'),
    school: add('Schools to close', 'Two elementary schools will close, according to a district memo.', 'city paper', '2023-11-30'),
    undated: add('Zoning hearing', 'A hearing on zoning drew a crowd.', null, null),
  };
  claim = listLabels(ws).find((l) => l.name === 'Claim')!.id;
});
afterEach(() => ws.close());

const titles = (query: Partial<LibraryQuery>) =>
  queryLibrary(ws, { offset: 0, limit: 50, sort: 'title', descending: false, ...query }).rows.map((r) => r.title);

describe('the library query', () => {
  it('sorts by any column, both ways, with missing values last', () => {
    expect(titles({ sort: 'title' })).toEqual(['Bridge toll weighed', 'Ferry fares rise', 'Schools to close', 'Zoning hearing']);
    expect(titles({ sort: 'published', descending: true })).toEqual([
      'Ferry fares rise',
      'Bridge toll weighed',
      'Schools to close',
      'Zoning hearing',
    ]);
    expect(titles({ sort: 'outlet' })).toEqual(['Bridge toll weighed', 'Schools to close', 'Ferry fares rise', 'Zoning hearing']);
  });

  it('pages, counting all that match', () => {
    const page = queryLibrary(ws, { offset: 1, limit: 2, sort: 'title', descending: false });
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => r.title)).toEqual(['Ferry fares rise', 'Schools to close']);
  });

  it('filters by outlet (any case), date range, status, label present or absent, and collection', () => {
    expect(titles({ outlet: 'City Paper' })).toEqual(['Bridge toll weighed', 'Schools to close']);
    expect(titles({ from: '2024-01-01', to: '2024-04-30' })).toEqual(['Bridge toll weighed']);
    setDocumentStatus(ws, ids.ferry!, 'done');
    expect(titles({ status: 'done' })).toEqual(['Ferry fares rise']);
    expect(titles({ status: 'not started' })).toHaveLength(3);
    createAnnotation(ws, { documentId: ids.bridge!, labelId: claim, fragments: [{ start: 0, end: 6 }] });
    expect(titles({ label: { id: claim, present: true } })).toEqual(['Bridge toll weighed']);
    expect(titles({ label: { id: claim, present: false } })).toHaveLength(3);
    const batch = createCollection(ws, 'Batch 1');
    expect(addToCollection(ws, batch.id, [ids.school!, ids.undated!, ids.school!])).toBe(2);
    expect(titles({ collectionId: batch.id })).toEqual(['Schools to close', 'Zoning hearing']);
    expect(removeFromCollection(ws, batch.id, [ids.undated!])).toBe(1);
    expect(listCollections(ws)).toEqual([{ id: batch.id, name: 'Batch 1', size: 1 }]);
    expect(() => createCollection(ws, 'batch 1')).toThrow('There is already a collection named “batch 1”.');
  });

  it('counts annotations per label for each row', () => {
    createAnnotation(ws, { documentId: ids.bridge!, labelId: claim, fragments: [{ start: 0, end: 6 }] });
    createAnnotation(ws, { documentId: ids.bridge!, labelId: claim, fragments: [{ start: 7, end: 11 }] });
    const row = queryLibrary(ws, { offset: 0, limit: 50, sort: 'annotations', descending: true }).rows[0]!;
    expect(row).toMatchObject({ title: 'Bridge toll weighed', annotationCount: 2, labelCounts: { [claim]: 2 } });
    expect(row.wordCount).toBe(14);
  });

  it('searches titles, texts and notes, with marked snippets, the last word as a prefix', () => {
    const hits = queryLibrary(ws, { offset: 0, limit: 50, sort: 'relevance', descending: false, search: 'offic' });
    expect(hits.rows.map((r) => r.title)).toEqual(['Ferry fares rise']);
    expect(hits.rows[0]!.snippet).toContain('\u0002officials\u0003');
    expect(titles({ search: 'district memo' })).toEqual(['Schools to close']);
    expect(titles({ search: 'memo ferry' })).toEqual([]);
    const id = createAnnotation(ws, { documentId: ids.undated!, labelId: claim, fragments: [{ start: 0, end: 6 }] });
    updateAnnotation(ws, id, { note: 'Ask the planning office for minutes' });
    expect(titles({ search: 'minutes' })).toEqual(['Zoning hearing']);
    updateAnnotation(ws, id, { note: null });
    expect(titles({ search: 'minutes' })).toEqual([]);
    updateDocumentMetadata(ws, ids.undated!, { title: 'Zoning board overflow' });
    expect(titles({ search: 'overflow' })).toEqual(['Zoning board overflow']);
  });

  it('reads typed words, never FTS syntax', () => {
    expect(ftsQuery('bridge AND "toll* NEAR(')).toBe('"bridge" "AND" "toll" "NEAR"*');
    expect(ftsQuery('  ...  ')).toBeNull();
    expect(titles({ search: 'toll" OR "ferry' })).toEqual([]);
  });
});

describe('metadata', () => {
  it('edits title, outlet, author, date and URL; blank clears; logged', () => {
    const after = updateDocumentMetadata(ws, ids.ferry!, {
      title: 'Ferry fares rise 8%',
      outlet: '  ',
      author: 'Dana Okafor',
      publishedAt: '2024-05-03',
      url: 'https://example.org/ferry',
    });
    expect(after).toMatchObject({
      title: 'Ferry fares rise 8%',
      outlet: null,
      author: 'Dana Okafor',
      publishedAt: '2024-05-03',
      url: 'https://example.org/ferry',
    });
    const event = ws.db.prepare("SELECT action FROM events WHERE entity = 'document' AND action = 'change'").all();
    expect(event).toEqual([{ action: 'change' }]);
  });
});

describe('a search that finds more than it counts', () => {
  it('stops counting at the limit and says there is more', async () => {
    const { SEARCH_COUNT_LIMIT } = await import('./library');
    const extra = SEARCH_COUNT_LIMIT + 5;
    ws.transaction(() => {
      for (let i = 0; i < extra; i++) {
        insertDocument(ws, { title: `Notice ${i}`, text: `Notice ${i}\n\nThe quarry reopens.`, originFormat: 'text' });
      }
    });
    const page = queryLibrary(ws, { offset: 0, limit: 10, sort: 'relevance', descending: false, search: 'quarry' });
    expect(page).toMatchObject({ total: SEARCH_COUNT_LIMIT, more: true });
    expect(page.rows).toHaveLength(10);
    const all = queryLibrary(ws, { offset: 0, limit: 10, sort: 'title', descending: false });
    expect(all).toMatchObject({ total: extra + 4, more: false });
  }, 60_000);
});
