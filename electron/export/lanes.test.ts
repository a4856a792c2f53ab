import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeEsm } from '../../build/esbuild-options';
import { createAnnotation, updateAnnotation } from '../store/annotations';
import { insertDocument } from '../store/documents';
import { recordAction } from '../store/history';
import { listLabels } from '../store/labels';
import { createRelation } from '../store/relations';
import type { Workspace } from '../store/workspace';
import { fillRichWorkspace, span, UNICODE } from '../testing/rich-workspace';
import { tempDir } from '../testing/temp';
import { everything } from '../testing/export-request';
import { workspacesClosedAfterEach } from '../testing/workspace';
import { LANE_CHUNK, LANE_WRITERS } from './lanes';
import { ExportCanceled, runExport, type ExportFormat, type ExportProgress } from './run-export';

const workspace = workspacesClosedAfterEach();

/** The second lane bundled as the build bundles it, beside a link to node_modules (better-sqlite3 stays outside). */
let laneWorker = '';
beforeAll(async () => {
  const folder = tempDir();
  symlinkSync(resolve('node_modules'), join(folder, 'node_modules'), 'dir');
  await build({ ...nodeEsm, entryPoints: { 'export-lane': 'electron/export/lane-worker.ts' }, outdir: folder, sourcemap: false });
  laneWorker = join(folder, 'export-lane.mjs');
}, 60_000);

/** Six chunks: the last one is the second lane's. */
const CHUNKS = 6;

/** The rich workspace, and articles enough for six chunks: each tagged, some linked, some with a note or emoji. */
function largeWorkspace(): Workspace {
  const ws = workspace('Ana');
  fillRichWorkspace(ws);
  const labels = Object.fromEntries(listLabels(ws).map((l) => [l.name, l.id]));
  for (let k = 0; ws.db.prepare('SELECT count(*) FROM documents').pluck().get()! as number < CHUNKS * LANE_CHUNK - 7; k++) {
    const text = k % 3 === 0 ? UNICODE : `Article ${k}: the minister said the port would reopen, according to officials.\n`;
    const documentId = insertDocument(ws, { title: `Article ${k}`, text, originFormat: 'text' }).id;
    recordAction(ws, documentId, 'Tag', () => {
      const phrase = k % 3 === 0 ? 'the rumor was false' : 'the port would reopen';
      const claim = createAnnotation(ws, { documentId, labelId: labels.Claim!, fragments: [span(text, phrase)] });
      const phraseOfSource = k % 3 === 0 ? 'The café owner 👩‍💻' : 'officials';
      const source = createAnnotation(ws, { documentId, labelId: labels.Source!, fragments: [span(text, phraseOfSource)] });
      if (k % 2 === 0) createRelation(ws, { fromId: claim, toId: source });
      if (k % 5 === 0) updateAnnotation(ws, claim, { note: `note "${k}"\tquoted` });
    });
  }
  return ws;
}

describe('an export in two lanes', () => {
  it.each(Object.keys(LANE_WRITERS) as ExportFormat[])('writes %s byte for byte as one lane does, with the same counts and progress', async (format) => {
    const ws = largeWorkspace();
    const folder = tempDir();
    const one = await runExport(ws, everything(format, join(folder, 'one')));
    const seen: ExportProgress[] = [];
    const two = await runExport(ws, everything(format, join(folder, 'two')), { laneWorker, onProgress: (p) => seen.push(p) });
    expect(one.documents).toBeGreaterThan((CHUNKS - 1) * LANE_CHUNK);
    expect({ ...two, path: '' }).toEqual({ ...one, path: '' });
    expect(readFileSync(join(folder, 'two')).equals(readFileSync(join(folder, 'one')))).toBe(true);
    expect(seen.at(-1)).toEqual({ done: one.documents, total: one.documents });
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((a, b) => a - b));
    expect(readdirSync(folder).sort()).toEqual(['one', 'two']);
  });

  it('fails with the reason the second lane gives when a document is gone, and leaves nothing', async () => {
    const ws = largeWorkspace();
    const folder = tempDir();
    const last = ws.db.prepare('SELECT id FROM documents ORDER BY rowid DESC LIMIT 1').pluck().get() as string;
    let first = true;
    // Before the first document is written: the lane cannot have read the last chunk (two ahead at most).
    const isCanceled = () => {
      if (first) ws.db.prepare('DELETE FROM documents WHERE id = ?').run(last);
      first = false;
      return false;
    };
    await expect(runExport(ws, everything('spacy-jsonl', join(folder, 'out.jsonl')), { laneWorker, isCanceled })).rejects.toThrow(
      `There is no document with id ${last} in this workspace (was it deleted during the export?).`,
    );
    expect(readdirSync(folder)).toEqual([]);
  });

  it('stops when canceled, the lane with it, and leaves nothing', async () => {
    const ws = largeWorkspace();
    const folder = tempDir();
    let done = 0;
    const exported = runExport(ws, everything('csv', join(folder, 'out.csv')), {
      laneWorker,
      onProgress: (p) => (done = p.done),
      isCanceled: () => done > LANE_CHUNK * 2,
    });
    await expect(exported).rejects.toThrow(ExportCanceled);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('says so when the second lane itself fails', async () => {
    const ws = largeWorkspace();
    const folder = tempDir();
    const broken = join(tempDir(), 'broken-lane.mjs');
    writeFileSync(broken, "throw new Error('the lane could not start');\n");
    await expect(runExport(ws, everything('conll', join(folder, 'out.conll')), { laneWorker: broken })).rejects.toThrow(
      "The export's second lane failed: the lane could not start",
    );
    expect(existsSync(join(folder, 'out.conll'))).toBe(false);
    expect(readdirSync(folder)).toEqual([]);
  });
});
