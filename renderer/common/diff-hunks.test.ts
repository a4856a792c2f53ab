import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DiffPart } from '../../schema/text-diff';
import { describeSummary, diffHunks, readableDiff } from './diff-hunks';

/** A hunk as a reader sees it: removed text in [-…-], added in {+…+}, cuts as "…". */
const show = (parts: readonly DiffPart[]) =>
  parts.map((p) => (p.kind === 'same' ? p.text : p.kind === 'removed' ? `[-${p.text}-]` : `{+${p.text}+}`)).join('');

const sideOf = (parts: readonly DiffPart[], side: 'before' | 'after') =>
  parts
    .filter((p) => p.kind === 'same' || p.kind === (side === 'before' ? 'removed' : 'added'))
    .map((p) => p.text)
    .join('');

describe('readableDiff', () => {
  it('marks the changed words of a long text and keeps the rest as it was', () => {
    const filler = 'The ferry council met on Monday to talk about fares. '.repeat(2000);
    const before = `${filler}Lavrov said Russia andnbsp still saw issues.\n${filler}`;
    const after = `${filler}Lavrov said Russia still saw issues.\n${filler}`;
    const parts = readableDiff(before, after);
    expect(parts.filter((p) => p.kind !== 'same')).toEqual([{ kind: 'removed', text: 'andnbsp ' }]);
    expect(sideOf(parts, 'before')).toBe(before);
    expect(sideOf(parts, 'after')).toBe(after);
  });

  it('gives back both texts exactly, whatever they are', () => {
    const words = fc.constantFrom('ferry', 'Russia', ',', ' ', '  ', '\n', 'andnbsp', '😀', 'é', 'e\u0301');
    const text = fc.array(words, { maxLength: 40 }).map((w) => w.join(''));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const parts = readableDiff(before, after);
        expect(sideOf(parts, 'before')).toBe(before);
        expect(sideOf(parts, 'after')).toBe(after);
        expect(parts.every((p) => p.text !== '')).toBe(true);
        // Runs of one kind are joined: no two neighbours share a kind.
        expect(parts.every((p, i) => i === 0 || parts[i - 1]!.kind !== p.kind)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('has no parts for two empty texts and one unchanged part for two equal ones', () => {
    expect(readableDiff('', '')).toEqual([]);
    expect(readableDiff('same text', 'same text')).toEqual([{ kind: 'same', text: 'same text' }]);
  });
});

describe('diffHunks', () => {
  const words = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `w${from + i}`).join(' ');

  it('shows each changed place with a few words around it, and what it left out', () => {
    const before = `${words(1, 30)} old ${words(31, 60)}`;
    const after = `${words(1, 30)} new ${words(31, 60)}`;
    const { hunks, summary } = diffHunks(readableDiff(before, after), 3);
    expect(hunks.map((h) => [h.cutBefore, show(h.parts), h.cutAfter])).toEqual([
      [true, 'w28 w29 w30 [-old-]{+new+} w31 w32 w33', true],
    ]);
    expect(summary).toEqual({ changes: 1, wordsRemoved: 1, wordsAdded: 1 });
  });

  it('joins places whose context would meet, and keeps apart the ones that would not', () => {
    const before = `${words(1, 10)} a ${words(11, 14)} b ${words(15, 40)} c ${words(41, 50)}`;
    const after = `${words(1, 10)} ${words(11, 14)} B ${words(15, 40)} c C ${words(41, 50)}`;
    const { hunks, summary } = diffHunks(readableDiff(before, after), 2);
    expect(hunks.map((h) => show(h.parts))).toEqual([
      'w9 w10 [-a -]w11 w12 w13 w14 [-b-]{+B+} w15 w16',
      'w40 c{+ C+} w41 w42',
    ]);
    expect(summary).toEqual({ changes: 3, wordsRemoved: 2, wordsAdded: 2 });
  });

  it('keeps context within the line of the change, and counts a line break as a change', () => {
    const before = 'First paragraph ends here.\nSecond one starts, and goes on.';
    const after = 'First paragraph ends here.\n\nSecond one starts and goes on.';
    const { hunks, summary } = diffHunks(readableDiff(before, after), 2);
    expect(hunks.map((h) => [h.cutBefore, show(h.parts), h.cutAfter])).toEqual([
      [true, 'ends here.\n{+\n+}Second one starts[-,-] and goes', true],
    ]);
    expect(describeSummary(summary)).toBe('2 changes, in punctuation and spacing only');
  });

  it('has no hunk for equal texts', () => {
    const { hunks, summary } = diffHunks(readableDiff('the same', 'the same'));
    expect(hunks).toEqual([]);
    expect(describeSummary(summary)).toBe('No differences: the two versions have the same text.');
  });

  it('covers every change exactly once, in order', () => {
    const text = fc.array(fc.constantFrom('ferry ', 'Russia ', ', ', '\n', 'fares. ', 'andnbsp '), { maxLength: 60 }).map((w) => w.join(''));
    fc.assert(
      fc.property(text, text, fc.integer({ min: 1, max: 5 }), (before, after, context) => {
        const parts = readableDiff(before, after);
        const { hunks } = diffHunks(parts, context);
        const changed = (list: readonly DiffPart[]) => list.filter((p) => p.kind !== 'same');
        expect(hunks.flatMap((h) => changed(h.parts))).toEqual(changed(parts));
        expect(hunks.every((h) => changed(h.parts).length > 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('describeSummary', () => {
  it('says how many places changed and how many words went and came', () => {
    expect(describeSummary({ changes: 3, wordsRemoved: 12, wordsAdded: 2 })).toBe('3 changes: 12 words removed, 2 added');
    expect(describeSummary({ changes: 1, wordsRemoved: 1, wordsAdded: 0 })).toBe('1 change: 1 word removed, 0 added');
  });
});
