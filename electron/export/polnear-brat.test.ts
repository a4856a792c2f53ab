/**
 * PolNeAR (real news, brat attribution annotations of several annotators) imported into a
 * workspace and exported as brat again: every T and E line comes back. The corpus is in
 * ../shared, not in the repository; without it this test is skipped.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runImport } from '../import/run-import';
import { findImportUnits } from '../import/sources';
import { Workspace } from '../store/workspace';
import { tempDir } from '../testing/temp';
import { runExport } from './run-export';

const corpus = new URL('../../../shared/corpora/polnear', import.meta.url).pathname;
const present = existsSync(corpus);
if (!present) console.warn(`PolNeAR export test skipped: ${corpus} is absent (the shared corpora are not checked out).`);

/**
 * T and E lines with every id replaced by what its T line says (type, offsets, text), so that two
 * files with renumbered ids but the same content give the same list.
 */
function structure(ann: string): { t: string[]; e: string[] } {
  const lines = ann.split('\n').map((l) => l.split('\t'));
  const content = new Map<string, string>();
  for (const [id, spec, text] of lines) if (id?.startsWith('T')) content.set(id, `${spec}\t${text}`);
  const events = lines.filter(([id]) => id?.startsWith('E'));
  for (const [id, spec] of events) content.set(id!, `event ${spec!.split(' ')[0]!.split(':')[0]}@${content.get(spec!.split(' ')[0]!.split(':')[1]!)}`);
  const resolve = (arg: string) => {
    const [role, ref] = arg.split(':') as [string, string];
    return `${role}:${content.get(ref) ?? `missing ${ref}`}`;
  };
  return {
    t: lines.filter(([id]) => id?.startsWith('T')).map(([, spec, text]) => `${spec}\t${text}`).sort(),
    e: events.map(([, spec]) => spec!.split(' ').filter(Boolean).map(resolve).join(' ')).sort(),
  };
}

let ws: Workspace | null = null;
afterEach(() => ws?.close());

describe.skipIf(!present)(`PolNeAR → workspace → brat (${present ? corpus : 'absent: skipped'})`, () => {
  it('imports every file and reproduces every article byte for byte and every T and E line (ids may be renumbered)', { timeout: 120_000 }, async () => {
    ws = Workspace.open(join(tempDir(), 'ws.sqlite'), { userName: 'Reviewer' });
    const compartments = ['dev', 'annotator-training'].map((c) => join(corpus, c));
    const outcomes = await runImport(ws, await findImportUnits(compartments), { annotator: 'Reviewer' });
    expect(outcomes.filter((o) => o.status === 'failed')).toEqual([]);
    expect(outcomes.filter((o) => o.status === 'imported')).toHaveLength(118);
    // The subset has no quirk to warn about: every T line's text is the article's.
    expect(outcomes.flatMap((o) => ('warnings' in o ? (o.warnings ?? []) : []))).toEqual([]);

    const out = join(tempDir(), 'polnear-again');
    await runExport(ws, { format: 'brat', path: out, scope: { kind: 'all' }, annotatorIds: null, onlyDone: false });
    const exported = readdirSync(out);
    const baseOfText = new Map(
      exported.filter((f) => f.endsWith('.txt')).map((f) => [readFileSync(join(out, f), 'utf8'), f.slice(0, -'.txt'.length)]),
    );

    let compared = 0;
    let tLines = 0;
    let eLines = 0;
    for (const compartment of compartments) {
      for (const name of readdirSync(join(compartment, 'attributions')).sort()) {
        const [, article, annotator] = /^(.*)_([^_]+)\.ann$/.exec(name)!;
        // Every .txt comes back byte for byte, so it is found by its text.
        const text = readFileSync(join(compartment, 'text', `${article}.txt`), 'utf8');
        const base = baseOfText.get(text);
        expect(base, `${name}: its article was not exported`).toBeDefined();
        const again = join(out, `${base}_${annotator}.ann`);
        expect(existsSync(again), `${name} → ${again}`).toBe(true);
        const original = structure(readFileSync(join(compartment, 'attributions', name), 'utf8'));
        expect(structure(readFileSync(again, 'utf8')), name).toEqual(original);
        compared++;
        tLines += original.t.length;
        eLines += original.e.length;
      }
    }
    // Every file, the two whose article is not in NFC too, every T and E line of it.
    expect(compared).toBe(118);
    expect(tLines).toBe(10400);
    expect(eLines).toBe(2642);
    // And every article's text: 84 + 4 .txt files, each exported once.
    expect(baseOfText.size).toBe(88);
  });
});
