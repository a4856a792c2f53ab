import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trickyText } from '../electron/testing/arbitraries';
import { diffParts, editsBetween } from './text-diff';
import { applyEdits, codePointLength, mapFragments } from './text-edits';

const RUNS = { numRuns: 300 };

/** A text and another: unrelated, or the first with a few pieces changed (what an edit makes). */
const pair = trickyText(30).chain((before) =>
  fc.record({
    before: fc.constant(before),
    after: fc.oneof(
      trickyText(30),
      fc
        .array(fc.record({ at: fc.nat(), size: fc.nat(4), text: trickyText(3) }), { minLength: 1, maxLength: 4 })
        .map((changes) =>
          changes.reduce((text, { at, size, text: inserted }) => {
            const points = Array.from(text);
            const start = at % (points.length + 1);
            return [...points.slice(0, start), inserted, ...points.slice(start + size)].join('');
          }, before),
        ),
    ),
  }),
);

describe('editsBetween (properties)', () => {
  it('gives edits that turn the first text into the second, each in range of the text it applies to', () => {
    fc.assert(
      fc.property(pair, ({ before, after }) => {
        const edits = editsBetween(before, after);
        let text = before;
        for (const edit of edits) {
          expect(edit.start).toBeLessThanOrEqual(edit.end);
          expect(edit.end).toBeLessThanOrEqual(codePointLength(text));
          // Each edit changes something: nothing to undo or to log that did nothing.
          expect(edit.start < edit.end || edit.text !== '').toBe(true);
          text = applyEdits(text, [edit]);
        }
        expect(text).toBe(after);
        expect(edits.length === 0).toBe(before === after);
      }),
      { ...RUNS, examples: [[{ before: 'a😀b', after: 'a😁b' }], [{ before: 'x\u{1F600}', after: 'x\u{10600}' }], [{ before: 'said the city', after: 'stated the mayor' }]] },
    );
  });

  it('leaves a span on words both texts share where they are in the second', () => {
    const before = 'Officials said the bridge is safe.';
    const after = 'UPDATE: Officials stated the bridge is safe.';
    const edits = editsBetween(before, after);
    expect(applyEdits(before, edits)).toBe(after);
    const at = (text: string, words: string) => ({ start: text.indexOf(words), end: text.indexOf(words) + words.length });
    expect(mapFragments([at(before, 'the bridge is safe')], edits)).toEqual([at(after, 'the bridge is safe')]);
    expect(mapFragments([at(before, 'Officials')], edits)).toEqual([at(after, 'Officials')]);
  });
});

describe('diffParts (properties)', () => {
  it('reads back as both texts: the same and removed parts make the first, the same and added the second', () => {
    fc.assert(
      fc.property(pair, ({ before, after }) => {
        const parts = diffParts(before, after);
        expect(parts.filter((p) => p.kind !== 'added').map((p) => p.text).join('')).toBe(before);
        expect(parts.filter((p) => p.kind !== 'removed').map((p) => p.text).join('')).toBe(after);
        expect(parts.filter((p) => p.text === '')).toEqual([]);
      }),
      RUNS,
    );
  });
});

describe('editsBetween (words)', () => {
  it('replaces whole words, so a tag on a word that another replaced goes instead of keeping its leftover letters', () => {
    const before = 'Money for finance and for building bridges.';
    const after = 'Money for transportation and for bundling bridges.';
    const edits = editsBetween(before, after);
    expect(applyEdits(before, edits)).toBe(after);
    expect(mapFragments([{ start: 10, end: 17 }], edits)).toBeNull(); // “finance”
    expect(mapFragments([{ start: 26, end: 34 }], edits)).toBeNull(); // “building”
    const bridges = mapFragments([{ start: 35, end: 42 }], edits)!;
    expect(Array.from(after).slice(bridges[0]!.start, bridges[0]!.end).join('')).toBe('bridges');
  });
});
