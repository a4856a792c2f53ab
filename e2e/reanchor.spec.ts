/**
 * Importing a colleague's exchange file whose text of an article differs from ours (issue 6,
 * Layers): their annotations are re-anchored on our text by quote and context, and what cannot be
 * placed is listed in the import report with the reason, never dropped silently.
 */
import AxeBuilder from '@axe-core/playwright';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type BylineApp } from './support/app';
import { importFiles } from './support/library';

const CLAIM = '01a21703-b102-74fb-bc80-b099fb9705bc';
const CARA = { id: '0190a1b2-c3d4-7001-8001-0000000000ca', name: 'Cara' };
const AT = '2025-03-02T08:00:00.000Z';

/** Code point offsets of a phrase's first occurrence. */
function fragment(text: string, phrase: string) {
  const start = Array.from(text.slice(0, text.indexOf(phrase))).length;
  return { start, end: start + Array.from(phrase).length };
}

/**
 * Cara's exchange file for the sample article, tagged on her own copy of its text: a line added
 * before it, and `missing` (which our text does not have) in place of `replaced`.
 */
function carasFile(app: BylineApp, replaced: string, missing: string, kept: string): { path: string; ids: string[] } {
  const [doc] = app.query<{ id: string; title: string; text: string; created_at: string }>(
    `SELECT d.id, d.title, v.text, d.created_at FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.version = d.version`,
  );
  const text = `Corrected on Tuesday.\n${doc!.text.replace(replaced, missing)}`;
  const ids = ['0190a1b2-c3d4-7001-8001-0000000000a1', '0190a1b2-c3d4-7001-8001-0000000000a2'];
  const annotation = (id: string, phrase: string) => ({
    id, annotatorId: CARA.id, labelId: CLAIM, fragments: [fragment(text, phrase)], quote: phrase, note: null,
    attributes: {}, createdAt: AT, updatedAt: AT, externalRef: null, extras: {},
  });
  const file = {
    format: 'byline-exchange', version: 2, offsetUnit: 'codepoint', exportedAt: AT, exportedBy: CARA,
    labels: [{ id: CLAIM, name: 'Claim', color: '#e5a100', hotkey: '1', kind: 'span', position: 1, attributes: [] }],
    annotators: [CARA],
    documents: [{
      id: doc!.id, title: doc!.title, outlet: null, author: null, publishedAt: null, url: null, originFile: null,
      originFormat: 'sample', createdAt: doc!.created_at, version: 1, text,
      sha256: createHash('sha256').update(text, 'utf8').digest('hex'), status: 'done',
      annotations: [annotation(ids[0]!, kept), annotation(ids[1]!, missing)], relations: [],
    }],
  };
  const path = join(mkdtempSync(join(tmpdir(), 'byline-cara-')), 'cara.byline.json');
  writeFileSync(path, JSON.stringify(file));
  return { path, ids };
}

test('a colleague’s file on another text of the article: re-anchored, and what cannot be placed is reported', async ({ app }) => {
  const [sample] = app.query<{ text: string }>('SELECT text FROM document_versions');
  const words = sample!.text.split(/\s+/).filter((w) => /^[a-z]{6,}$/.test(w));
  const replaced = words[0]!;
  const kept = words.find((w) => w !== replaced && !w.includes(replaced))!;
  const { path, ids } = carasFile(app, replaced, 'zyxwvutsr', kept);

  const report = await importFiles(app, [path]);
  const line = report.getByRole('listitem').filter({ hasText: path });
  await expect(line).toContainText('Imported');
  const notPlaced = line.getByRole('list', { name: 'Not placed on your text of the article (1)' });
  await expect(notPlaced.getByRole('listitem')).toHaveText([
    /^Annotation “zyxwvutsr” in .*: its text “zyxwvutsr” is not in this workspace's text of the article$/,
  ]);
  expect((await new AxeBuilder({ page: app.page }).include('section.import-report').withTags(['wcag2a', 'wcag2aa']).analyze()).violations).toEqual([]);

  // In the file: the annotation that was placed, on our text at the same words; the other is not there.
  const stored = app.query<{ id: string; quote: string; start: number; end: number }>(
    'SELECT a.id, a.quote, f.start, f."end" FROM annotations a JOIN fragments f ON f.annotation_id = a.id',
  );
  expect(stored).toEqual([{ id: ids[0], quote: kept, ...fragment(sample!.text, kept) }]);
  expect(Array.from(sample!.text).slice(stored[0]!.start, stored[0]!.end).join('')).toBe(kept);
});
