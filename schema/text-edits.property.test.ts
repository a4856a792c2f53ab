import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trickyText, trickyTextWithLoneSurrogates } from '../electron/testing/arbitraries';
import type { Fragment } from './model';
import {
  applyEdits,
  codePointLength,
  diffEdit,
  fragmentMapper,
  invertEdits,
  mapFragments,
  shiftOf,
  untouchedStretches,
  type TextEdit,
  type Untouched,
} from './text-edits';

const RUNS = { numRuns: 400 };

/**
 * The reference model of the documented semantics: the text as characters, each with the
 * fragments it belongs to. An edit deletes its characters and inserts new ones; these belong to a
 * fragment iff both their neighbours after the deletion do. Fragments are tracked one by one, not
 * by annotation: two fragments of one annotation stay two even where they meet.
 */
interface Char {
  ch: string;
  fragments: ReadonlySet<string>;
}

class Reference {
  chars: Char[];
  /** Fragments some edit took characters from or inserted characters into. */
  touched = new Set<string>();

  constructor(text: string, annotations: readonly Fragment[][]) {
    this.chars = Array.from(text, (ch, i) => ({
      ch,
      fragments: new Set(annotations.flatMap((fragments, a) => fragments.flatMap((f, k) => (f.start <= i && i < f.end ? [key(a, k)] : [])))),
    }));
  }

  apply(edit: TextEdit): void {
    for (const gone of this.chars.splice(edit.start, edit.end - edit.start)) gone.fragments.forEach((f) => this.touched.add(f));
    const before = this.chars[edit.start - 1]?.fragments;
    const after = this.chars[edit.start]?.fragments;
    const joined = new Set(before && after ? [...before].filter((f) => after.has(f)) : []);
    if (edit.text !== '') joined.forEach((f) => this.touched.add(f));
    this.chars.splice(edit.start, 0, ...Array.from(edit.text, (ch) => ({ ch, fragments: joined })));
  }

  copy(): Reference {
    const copy = new Reference('', []);
    copy.chars = [...this.chars];
    copy.touched = new Set(this.touched);
    return copy;
  }

  get text(): string {
    return this.chars.map((c) => c.ch).join('');
  }

  /** Where fragment `k` of annotation `a` is now, or null when none of its characters is left. */
  fragment(a: number, k: number): Fragment | null {
    const at = this.chars.flatMap((c, i) => (c.fragments.has(key(a, k)) ? [i] : []));
    if (at.length === 0) return null;
    const start = at[0]!;
    const end = at[at.length - 1]! + 1;
    // A fragment stays one stretch: what lies between two of its characters joined it.
    expect(end - start, `fragment ${key(a, k)} is one stretch`).toBe(at.length);
    return { start, end };
  }

  /** The annotation's surviving fragments, in order, or null when none survives. */
  annotation(a: number, fragments: readonly Fragment[]): Fragment[] | null {
    const left = fragments.map((_f, k) => this.fragment(a, k)).filter((f): f is Fragment => f !== null);
    return left.length === 0 ? null : left;
  }

  /** How far the edits moved a fragment none of them touched; null for one they touched. */
  shift(a: number, k: number, fragment: Fragment): number | null {
    return this.touched.has(key(a, k)) ? null : this.fragment(a, k)!.start - fragment.start;
  }

  /** Starts and ends of the fragments still here: where edits are most likely to go wrong. */
  boundaries(): number[] {
    const edges = new Set<number>();
    this.chars.forEach((c, i) => {
      for (const f of c.fragments) {
        if (!this.chars[i - 1]?.fragments.has(f)) edges.add(i);
        if (!this.chars[i + 1]?.fragments.has(f)) edges.add(i + 1);
      }
    });
    return [...edges].sort((x, y) => x - y);
  }
}

const key = (annotation: number, fragment: number) => `${annotation}:${fragment}`;

/** An annotation's fragments: ascending, not overlapping, maybe touching, none empty. */
function annotationOn(length: number): fc.Arbitrary<Fragment[]> {
  return fc
    .array(fc.record({ gap: fc.nat(4), size: fc.integer({ min: 1, max: 6 }) }), { minLength: 1, maxLength: 4 })
    .chain((steps) => fc.nat(length).map((first) => ({ steps, first })))
    .map(({ steps, first }) => {
      const fragments: Fragment[] = [];
      let at = first;
      for (const { gap, size } of steps) {
        const start = at + (fragments.length === 0 ? 0 : gap);
        if (start + size > length) break;
        fragments.push({ start, end: start + size });
        at = start + size;
      }
      return fragments;
    })
    .filter((fragments) => fragments.length > 0);
}

/**
 * An edit described independently of the text, made concrete against the text as it is by then:
 * at a fragment's edge (give or take one character) or anywhere.
 */
interface EditSeed {
  kind: 'insert' | 'delete' | 'replace';
  atEdge: boolean;
  pick: number;
  nudge: number;
  size: number;
  text: string;
}

const editSeed: fc.Arbitrary<EditSeed> = fc.record({
  kind: fc.constantFrom('insert', 'delete', 'replace'),
  atEdge: fc.boolean(),
  pick: fc.nat(),
  nudge: fc.integer({ min: -1, max: 1 }),
  size: fc.nat(8),
  text: trickyText(4),
});

function concrete(seed: EditSeed, reference: Reference): TextEdit {
  const length = reference.chars.length;
  const edges = reference.boundaries();
  const at = seed.atEdge && edges.length > 0 ? edges[seed.pick % edges.length]! + seed.nudge : seed.pick % (length + 1);
  const start = Math.max(0, Math.min(length, at));
  const size = Math.min(seed.size, length - start);
  switch (seed.kind) {
    case 'insert':
      return { start, end: start, text: seed.text === '' ? 'x' : seed.text };
    case 'delete':
      return { start, end: start + Math.max(Math.min(1, length - start), size), text: '' };
    case 'replace':
      return { start, end: start + size, text: seed.text };
  }
}

const scenario = trickyText(30).chain((text) => {
  const length = Array.from(text).length;
  return fc.record({
    text: fc.constant(text),
    annotations: length === 0 ? fc.constant<Fragment[][]>([]) : fc.array(annotationOn(length), { maxLength: 5 }),
    seeds: fc.array(editSeed, { maxLength: 8 }),
  });
});

/** Runs the seeds against the reference: the concrete edits, and the reference after each one. */
function play(text: string, annotations: Fragment[][], seeds: readonly EditSeed[]): { edits: TextEdit[]; states: Reference[] } {
  const reference = new Reference(text, annotations);
  const edits: TextEdit[] = [];
  const states: Reference[] = [];
  for (const seed of seeds) {
    const edit = concrete(seed, reference);
    edits.push(edit);
    reference.apply(edit);
    states.push(reference.copy());
  }
  return { edits, states };
}

describe('text edits against a reference model (properties)', () => {
  it('applyEdits gives the text the reference has after every edit', () => {
    fc.assert(
      fc.property(scenario, ({ text, annotations, seeds }) => {
        const { edits, states } = play(text, annotations, seeds);
        edits.forEach((_e, i) => expect(applyEdits(text, edits.slice(0, i + 1))).toBe(states[i]!.text));
      }),
      RUNS,
    );
  });

  it('moves every annotation’s fragments where the reference puts them, null exactly when none survives', () => {
    fc.assert(
      fc.property(scenario, ({ text, annotations, seeds }) => {
        const { edits, states } = play(text, annotations, seeds);
        edits.forEach((_e, i) => {
          const reference = states[i]!;
          annotations.forEach((fragments, a) => {
            const expected = reference.annotation(a, fragments);
            expect(mapFragments(fragments, edits.slice(0, i + 1)), `annotation ${a} after ${i + 1} edits`).toEqual(expected);
          });
        });
      }),
      {
        ...RUNS,
        // Two fragments of one annotation that touch, with text inserted where they meet: neither takes it.
        examples: [[{ text: 'abcdef', annotations: [[{ start: 1, end: 3 }, { start: 3, end: 5 }]], seeds: [{ kind: 'insert', atEdge: true, pick: 1, nudge: 0, size: 0, text: 'XY' }] }]],
      },
    );
  });

  it('a fragment the edits only moved (untouchedStretches + shiftOf) is where the reference puts it, with its text; every other was touched', () => {
    fc.assert(
      fc.property(scenario, ({ text, annotations, seeds }) => {
        const { edits, states } = play(text, annotations, seeds);
        const reference = states[states.length - 1] ?? new Reference(text, annotations);
        const before = Array.from(text);
        const after = Array.from(reference.text);
        const stretches = untouchedStretches(before.length, edits);
        // Ascending and apart, as shiftOf's search needs.
        stretches.forEach((s, i) => {
          expect(s.start).toBeLessThan(s.end);
          if (i > 0) expect(s.start).toBeGreaterThanOrEqual(stretches[i - 1]!.end);
        });
        // An edit that deletes and inserts nothing may split a stretch; it changes nothing.
        const noOp = edits.some((e) => e.start === e.end && e.text === '');
        annotations.forEach((fragments, a) => {
          fragments.forEach((fragment, k) => {
            const shift = shiftOf(stretches, fragment);
            if (shift !== null) {
              const moved = { start: fragment.start + shift, end: fragment.end + shift };
              expect(reference.fragment(a, k), `fragment ${key(a, k)}`).toEqual(moved);
              expect(after.slice(moved.start, moved.end).join('')).toBe(before.slice(fragment.start, fragment.end).join(''));
            }
            if (!noOp) expect(shift, `fragment ${key(a, k)}`).toBe(reference.shift(a, k, fragment));
          });
        });
      }),
      RUNS,
    );
  });

  it('applyEdits refuses an edit that reaches past the text it applies to, naming it', () => {
    fc.assert(
      fc.property(trickyText(10), fc.integer({ min: 1, max: 5 }), (text, beyond) => {
        const length = codePointLength(text);
        const ok: TextEdit = { start: 0, end: 0, text: 'ab' };
        expect(() => applyEdits(text, [ok, { start: 0, end: length + 2 + beyond, text: '' }])).toThrow(/^edit 2 .* reaches past the text/);
      }),
      { numRuns: 50 },
    );
  });
});

/** Applies the edits one at a time to the text as code points: the plainest reading of applyEdits. */
function applyOneByOne(text: string, edits: readonly TextEdit[]): string {
  let current = text;
  edits.forEach((edit, i) => {
    const points = Array.from(current);
    if (edit.start > edit.end || edit.end > points.length) {
      throw new RangeError(`edit ${i + 1} (${edit.start}–${edit.end}) reaches past the text (${points.length} characters)`);
    }
    points.splice(edit.start, edit.end - edit.start, edit.text);
    current = points.join('');
  });
  return current;
}

/** The untouched stretches found by walking every stretch for each edit, the lengths counted as codePointLength counts them. */
function untouchedOneByOne(length: number, edits: readonly TextEdit[]): Untouched[] {
  let stretches: Untouched[] = length > 0 ? [{ start: 0, end: length, shift: 0 }] : [];
  let total = length;
  edits.forEach((edit, i) => {
    if (edit.start > edit.end || edit.end > total) {
      throw new RangeError(`edit ${i + 1} (${edit.start}–${edit.end}) reaches past the text (${total} characters)`);
    }
    const delta = codePointLength(edit.text) - (edit.end - edit.start);
    total += delta;
    const next: Untouched[] = [];
    for (const s of stretches) {
      const from = s.start + s.shift;
      const to = s.end + s.shift;
      if (from < edit.start) next.push({ ...s, end: Math.min(s.end, edit.start - s.shift) });
      if (to > edit.end) next.push({ start: Math.max(from, edit.end) - s.shift, end: s.end, shift: s.shift + delta });
    }
    stretches = next.filter((s) => s.start < s.end);
  });
  return stretches;
}

/** What a call gives, or the error it throws. */
function outcome<T>(run: () => T): T | Error {
  try {
    return run();
  } catch (error) {
    return error as Error;
  }
}

describe('text edits applied as pieces, against applying them one by one (properties)', () => {
  /** Edits as [start, end, text], start and end as fractions of the text they apply to (a little past it, sometimes). */
  const rawEdits = (text: fc.Arbitrary<string>) =>
    fc.array(fc.tuple(fc.double({ min: 0, max: 1.05, noNaN: true }), fc.double({ min: 0, max: 1.05, noNaN: true }), text), { maxLength: 12 });
  const anyText = fc.oneof(trickyText(), trickyTextWithLoneSurrogates());
  const anyEdits = rawEdits(fc.oneof(trickyText(4), trickyTextWithLoneSurrogates(3)));

  /** The edits placed on the texts they apply to, as applyEdits takes them. */
  function place(original: string, raw: [number, number, string][]): TextEdit[] {
    let current = original;
    return raw.map(([a, b, text]) => {
      const n = Array.from(current).length;
      const [start, end] = [Math.floor(a * n), Math.floor(b * n)].sort((x, y) => x - y) as [number, number];
      const edit = { start, end, text };
      if (end <= n) current = applyOneByOne(current, [edit]);
      return edit;
    });
  }

  it('applyEdits gives the text, or the error naming the edit, that applying them one by one gives (lone surrogates too)', () => {
    fc.assert(
      fc.property(anyText, anyEdits, (text, raw) => {
        const edits = place(text, raw);
        const expected = outcome(() => applyOneByOne(text, edits));
        if (expected instanceof Error) expect(() => applyEdits(text, edits)).toThrow(expected);
        else expect(applyEdits(text, edits)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('untouchedStretches gives the stretches, or the error naming the edit, that walking every stretch for each edit gives', () => {
    fc.assert(
      fc.property(anyText, anyEdits, (text, raw) => {
        const edits = place(text, raw);
        const length = codePointLength(text);
        const expected = outcome(() => untouchedOneByOne(length, edits));
        if (expected instanceof Error) expect(() => untouchedStretches(length, edits)).toThrow(expected);
        else expect(untouchedStretches(length, edits)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('invertEdits gives the edits that bring the edited text back', () => {
    fc.assert(
      fc.property(trickyText(), rawEdits(trickyText(4)), (text, raw) => {
        const edits = place(text, raw);
        if (outcome(() => applyOneByOne(text, edits)) instanceof Error) return;
        expect(applyEdits(applyEdits(text, edits), invertEdits(text, edits))).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('fragmentMapper (properties)', () => {
  /** A longer text with many annotations and many edits, so that edits land in, around and between earlier ones. */
  const crowded = trickyText(80).chain((text) => {
    const length = Array.from(text).length;
    return fc.record({
      text: fc.constant(text),
      annotations: length === 0 ? fc.constant<Fragment[][]>([]) : fc.array(annotationOn(length), { maxLength: 25 }),
      seeds: fc.array(editSeed, { maxLength: 40 }),
    });
  });

  it('places every annotation where mapFragments puts it edit by edit, null exactly when it does', () => {
    fc.assert(
      fc.property(fc.oneof(scenario, crowded), ({ text, annotations, seeds }) => {
        const { edits } = play(text, annotations, seeds);
        const mapped = fragmentMapper(edits);
        annotations.forEach((fragments, a) => {
          expect(mapped(fragments), `annotation ${a}`).toEqual(mapFragments(fragments, edits));
        });
        // Fragments past the end of the text are moved as mapFragments moves them: it knows no text.
        const beyond = [{ start: codePointLength(text) + 2, end: codePointLength(text) + 5 }];
        expect(mapped(beyond)).toEqual(mapFragments(beyond, edits));
      }),
      {
        ...RUNS,
        examples: [
          // Text inserted inside a span, whose first characters are then deleted: the span starts with the inserted text.
          [{ text: 'abcdef', annotations: [[{ start: 1, end: 4 }]], seeds: [
            { kind: 'insert', atEdge: false, pick: 2, nudge: 0, size: 0, text: 'XY' },
            { kind: 'delete', atEdge: false, pick: 1, nudge: 0, size: 1, text: '' },
          ] }],
          // Two fragments of one annotation that touch, with text inserted where they meet: neither takes it.
          [{ text: 'abcdef', annotations: [[{ start: 1, end: 3 }, { start: 3, end: 5 }]], seeds: [{ kind: 'insert', atEdge: true, pick: 1, nudge: 0, size: 0, text: 'XY' }] }],
        ],
      },
    );
  });

  it('gives the annotations themselves where no edit is', () => {
    const mapped = fragmentMapper([]);
    expect(mapped([{ start: 3, end: 7 }, { start: 9, end: 10 }])).toEqual([{ start: 3, end: 7 }, { start: 9, end: 10 }]);
  });
});

describe('diffEdit (properties)', () => {
  /** A second text: the first with a few random edits, or an unrelated one. */
  const pair = trickyText(20).chain((before) =>
    fc.record({
      before: fc.constant(before),
      after: fc.oneof(trickyText(20), fc.array(editSeed, { maxLength: 3 }).map((seeds) => applyEdits(before, play(before, [], seeds).edits))),
      prefix: trickyText(5),
      suffix: trickyText(5),
    }),
  );

  it('is one in-range edit that turns the text into the other, placed by the offset inside a longer text; null when equal', () => {
    fc.assert(
      fc.property(pair, ({ before, after, prefix, suffix }) => {
        const offset = codePointLength(prefix);
        const edit = diffEdit(before, after, offset);
        if (before === after) {
          expect(edit).toBeNull();
          return;
        }
        expect(edit).not.toBeNull();
        expect(edit!.start).toBeGreaterThanOrEqual(offset);
        expect(edit!.end).toBeLessThanOrEqual(offset + codePointLength(before));
        expect(applyEdits(prefix + before + suffix, [edit!])).toBe(prefix + after + suffix);
        expect(applyEdits(before, [diffEdit(before, after)!])).toBe(after);
        // It keeps the whole common start and end: what it replaces shares neither end with what it inserts.
        const removed = Array.from(before).slice(edit!.start - offset, edit!.end - offset);
        const inserted = Array.from(edit!.text);
        if (removed.length > 0 && inserted.length > 0) {
          expect(removed[0]).not.toBe(inserted[0]);
          expect(removed[removed.length - 1]).not.toBe(inserted[inserted.length - 1]);
        }
      }),
      {
        ...RUNS,
        examples: [
          [{ before: '😀', after: '😁', prefix: '', suffix: '' }], [{ before: 'a😀b', after: 'a😀😀b', prefix: '👍', suffix: '' }],
          // Astral characters that share their second UTF-16 unit, and ones that share their first.
          [{ before: 'a\u{1F600}', after: 'a\u{10600}', prefix: '', suffix: '' }],
          [{ before: '\u{1F600}b', after: '\u{1F601}b', prefix: '', suffix: '' }],
        ],
      },
    );
  });
});
