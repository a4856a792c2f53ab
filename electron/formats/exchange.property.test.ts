import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeFile } from '../../schema/exchange';
import { BylineError } from '../../schema/errors';
import { OffsetMap, sliceCodePoints, textHash } from '../../schema/text';
import { runImport } from '../import/run-import';
import { findImportUnits } from '../import/sources';
import { Workspace } from '../store/workspace';
import { tempDir } from '../testing/temp';
import { exchangeWriter, readExchange, readExchangeStream } from './exchange';
import { CONTEXT, DOC_1, DOC_2 } from './export-fixtures';
import { collect } from './testing-sink';

/*
 * The exchange validator fed mutants of a valid file (fields dropped, duplicated or changed,
 * offsets moved, numbers as strings, "__proto__" keys, hashes swapped, the file cut short): each
 * is accepted, and then holds together, or refused with a message naming the file; the whole-file
 * and the streaming reader always agree.
 */

const SOURCE = 'colleague.byline.json';
const ENGINE_ERROR = /Cannot read propert|is not a function|is not iterable|Cannot convert|Maximum call stack|Cannot destructure/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Every place in a JSON value, the root first. */
function pathsOf(value: Json, path: Path = []): Path[] {
  const paths = [path];
  if (Array.isArray(value)) value.forEach((item, i) => paths.push(...pathsOf(item, [...path, i])));
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...path, key]));
  return paths;
}

function get(value: Json, path: Path): Json {
  return path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key]!, value);
}

/** Sets an own property, even one named "__proto__" (plain assignment would set the prototype). */
function put(parent: Json, key: string | number, item: Json): void {
  Object.defineProperty(parent, key, { value: item, enumerable: true, writable: true, configurable: true });
}

type Mutation =
  | { kind: 'drop' | 'duplicate' | 'stringify' | 'negate'; at: number }
  | { kind: 'replace'; at: number; with: Json }
  | { kind: 'shift'; at: number; by: number }
  | { kind: 'proto'; at: number; with: Json }
  | { kind: 'swapHashes' }
  | { kind: 'retext'; at: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('drop' as const, 'duplicate' as const, 'stringify' as const, 'negate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), with: fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json> }),
  fc.record({ kind: fc.constant('shift' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('proto' as const), at: fc.nat(), with: fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json> }),
  fc.record({ kind: fc.constant('swapHashes' as const) }),
  fc.record({ kind: fc.constant('retext' as const), at: fc.nat(), text: fc.constantFrom('', 'Short.', 'Council 👍 approves park.\r\nIt opens', 'cafe\u0301 👩‍💻') }),
);

/** A mutated copy of `file`: what each mutation does, at the place `at` picks among all of them. */
function mutate(file: Json, mutations: Mutation[]): Json {
  const copy = structuredClone(file);
  for (const m of mutations) {
    const paths = pathsOf(copy);
    const path = 'at' in m ? paths[m.at % paths.length]! : [];
    const parent = path.length > 0 ? get(copy, path.slice(0, -1)) : null;
    const key = path.at(-1)!;
    const value = get(copy, path);
    switch (m.kind) {
      case 'drop':
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else if (parent) delete (parent as Record<string, Json>)[key];
        break;
      case 'duplicate':
        if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(value));
        break;
      case 'stringify':
        if (parent) put(parent, key, JSON.stringify(value));
        break;
      case 'negate':
        if (parent && typeof value === 'number') put(parent, key, -value);
        else if (parent && typeof value === 'boolean') put(parent, key, !value);
        break;
      case 'replace':
        if (parent) put(parent, key, m.with);
        break;
      case 'shift': {
        // Offsets first: they are what a careless writer gets wrong.
        const numbers = paths.filter((p) => typeof get(copy, p) === 'number');
        const target = numbers[m.at % Math.max(1, numbers.length)];
        if (target) put(get(copy, target.slice(0, -1)), target.at(-1)!, (get(copy, target) as number) + m.by);
        break;
      }
      case 'proto': {
        const objects = paths.filter((p) => { const v = get(copy, p); return v !== null && typeof v === 'object' && !Array.isArray(v); });
        put(get(copy, objects[m.at % objects.length]!), '__proto__', m.with);
        break;
      }
      case 'swapHashes': {
        // Only between documents that are still objects: an earlier mutation may have made one a string.
        const docs = (copy as { documents?: Json[] }).documents;
        const [a, b] = Array.isArray(docs) ? docs : [];
        const isObject = (doc: Json | undefined): doc is Record<string, Json> =>
          doc !== null && typeof doc === 'object' && !Array.isArray(doc);
        if (isObject(a) && isObject(b)) [a['sha256'], b['sha256']] = [b['sha256']!, a['sha256']!];
        break;
      }
      case 'retext': {
        // A new text with its own hash, so that only the offsets and quotes are wrong.
        const docs = (copy as { documents?: Json[] }).documents;
        const doc = Array.isArray(docs) ? docs[m.at % Math.max(1, docs.length)] : undefined;
        if (doc && typeof doc === 'object' && !Array.isArray(doc)) {
          doc['text'] = m.text;
          doc['sha256'] = textHash(m.text);
        }
        break;
      }
    }
  }
  return copy;
}

/** The file as exchangeWriter lays it out (header on line 1, a document a line), when its shape allows. */
function layout(value: Json): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !Array.isArray(value['documents'])) return JSON.stringify(value);
  const { documents, ...header } = value;
  const head = JSON.stringify(header);
  const lines = documents.map((doc) => JSON.stringify(doc));
  return `${head === '{}' ? '{' : `${head.slice(0, -1)},`}"documents":[\n${lines.join(',\n')}\n]}\n`;
}

/** How a reader ends: the file it accepted, or its refusal's message. */
type Verdict = { file: ExchangeFile } | { refused: string };

async function readWhole(text: string): Promise<Verdict> {
  try {
    return { file: readExchange(text, SOURCE) };
  } catch (error) {
    return { refused: refusal(error) };
  }
}

async function readStreamed(text: string): Promise<Verdict> {
  async function* lines() {
    for (const line of text.split('\n')) yield line;
  }
  try {
    let header: Omit<ExchangeFile, 'documents'> | undefined;
    const documents: ExchangeFile['documents'] = [];
    for await (const item of readExchangeStream(lines(), SOURCE)) {
      if (item.type === 'header') header = item.header;
      else documents.push(item.document);
    }
    return { file: { ...header!, documents } };
  } catch (error) {
    return { refused: refusal(error) };
  }
}

function refusal(error: unknown): string {
  if (!(error instanceof BylineError)) throw new Error(`not a BylineError but ${String(error)}`, { cause: error });
  expect(error.code).toBe('bad_input');
  expect(error.message).toContain(SOURCE);
  expect(error.message).not.toMatch(ENGINE_ERROR);
  return error.message;
}

/** What every accepted file must be: each rule of schema/exchange.ts, checked here independently. */
function expectSelfConsistent(file: ExchangeFile): void {
  const annotators = new Set(file.annotators.map((a) => a.id));
  const kinds = new Map(file.labels.map((l) => [l.id, l.kind]));
  const ids = new Set<string>();
  const unique = (id: string) => {
    expect(ids.has(id), `id ${id} is used twice`).toBe(false);
    ids.add(id);
  };
  for (const doc of file.documents) {
    unique(doc.id);
    expect(doc.text.startsWith('\uFEFF')).toBe(false);
    expect(textHash(doc.text)).toBe(doc.sha256);
    const map = new OffsetMap(doc.text);
    const own = new Set<string>();
    for (const a of doc.annotations) {
      unique(a.id);
      own.add(a.id);
      expect(annotators.has(a.annotatorId)).toBe(true);
      expect(kinds.get(a.labelId)).toBe('span');
      let previousEnd = 0;
      for (const { start, end } of a.fragments) {
        expect(start).toBeGreaterThanOrEqual(previousEnd);
        expect(start).toBeLessThan(end);
        expect(end).toBeLessThanOrEqual(map.codePointLength);
        previousEnd = end;
      }
      expect(a.fragments.map((f) => sliceCodePoints(doc.text, map, f.start, f.end)).join(' ')).toBe(a.quote);
    }
    for (const r of doc.relations) {
      unique(r.id);
      expect(annotators.has(r.annotatorId)).toBe(true);
      expect(kinds.get(r.labelId)).toBe('relation');
      expect(own.has(r.fromId) && own.has(r.toId) && r.fromId !== r.toId).toBe(true);
    }
  }
}

describe('the exchange readers fed mutants of a valid file', () => {
  let valid: Json;
  beforeAll(async () => {
    valid = JSON.parse(await collect(exchangeWriter, [DOC_1, DOC_2], CONTEXT)) as Json;
  });

  it('start from a file both readers accept', async () => {
    const text = layout(valid);
    for (const verdict of [await readWhole(text), await readStreamed(text)]) {
      expect(verdict).toHaveProperty('file');
      expect((verdict as { file: ExchangeFile }).file.documents).toHaveLength(2);
    }
  });

  it('accept a mutant only when it holds together, refuse it otherwise, and agree with each other', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.boolean(), async (mutations, pretty) => {
        const mutant = mutate(valid, mutations);
        const text = pretty ? JSON.stringify(mutant, null, 2) : layout(mutant);
        const whole = await readWhole(text);
        const streamed = await readStreamed(text);
        expect('file' in streamed, `whole: ${JSON.stringify(whole).slice(0, 200)}\nstreamed: ${JSON.stringify(streamed).slice(0, 200)}`).toBe('file' in whole);
        if ('file' in whole && 'file' in streamed) {
          accepted++;
          expectSelfConsistent(whole.file);
          expect(streamed.file).toEqual(whole.file);
        }
      }),
      {
        numRuns: 300,
        // Once broke the mutator itself: a document stringified, then hashes swapped on it.
        examples: [[[{ kind: 'stringify', at: 1411064915 }, { kind: 'swapHashes' }, { kind: 'proto', at: 0, with: {} }], false]],
      },
    );
    // Some mutants (a changed title, a note) are still valid files: the property saw both outcomes.
    expect(accepted).toBeGreaterThan(0);
  });

  it('import through runImport into a real workspace: imported, already there, or failed with a clear reason', async () => {
    const ws = Workspace.open(join(tempDir(), 'ws.sqlite'), { userName: 'Me' });
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 2 }), async (mutations) => {
          const path = join(tempDir(), SOURCE);
          writeFileSync(path, layout(mutate(valid, mutations)));
          const [outcome] = await runImport(ws, await findImportUnits([path]), { annotator: 'Me' });
          expect(['imported', 'duplicate', 'failed']).toContain(outcome!.status);
          if (outcome!.status === 'failed') {
            expect(outcome!.reason.startsWith(path), outcome!.reason).toBe(true);
            expect(outcome!.reason).not.toMatch(ENGINE_ERROR);
            expect(outcome!.reason).not.toContain(' could not be read: ');
          }
          expect(ws.db.inTransaction).toBe(false);
        }),
        { numRuns: 40 },
      );
    } finally {
      ws.close();
    }
  });

  // Found by the property above: the quote check ran after the schema had refused the offset,
  // and its RangeError ("code point offset -1 is outside 0..55") escaped the reader.
  it.each([-1, 1.5, '3'])('refuse a fragment that starts at %j with the schema’s reason', async (start) => {
    const mutant = structuredClone(valid) as { documents: { annotations: { fragments: { start: unknown }[] }[] }[] };
    mutant.documents[0]!.annotations[0]!.fragments[0]!.start = start;
    for (const verdict of [await readWhole(layout(mutant as Json)), await readStreamed(layout(mutant as Json))]) {
      expect(verdict).toEqual({ refused: expect.stringContaining(`${SOURCE}: documents.0.annotations.0.fragments.0.start: `) });
    }
  });

  it('refuse the file cut short anywhere, naming it', async () => {
    const text = layout(valid);
    await fc.assert(
      fc.asyncProperty(fc.nat(text.length - 1), async (cut) => {
        const short = text.slice(0, cut);
        for (const verdict of [await readWhole(short), await readStreamed(short)]) {
          // Cut after the closing "]}" the file is whole; anywhere before, it is refused.
          if (short.trimEnd() === text.trimEnd()) expect(verdict).toHaveProperty('file');
          else expect(verdict).toHaveProperty('refused');
        }
      }),
      { numRuns: 200 },
    );
  });
});
