import { describe, expect, it } from 'vitest';
import { diffEdit } from '../../schema/text-edits';

describe('diffEdit at a selection', () => {
  it('is null when nothing changed', () => {
    expect(diffEdit('same', 'same', 10)).toBeNull();
  });

  it('places the edit in the whole text by its offset, in code points', () => {
    expect(diffEdit('👍 ab', '👍 axb', 100)).toEqual({ start: 103, end: 103, text: 'x' });
  });

  it('takes the character before the caret on Backspace, whichever of two equal ones that is', () => {
    // "xaa" losing an "a": the first one with the caret after it, the last one with the caret at the end.
    expect(diffEdit('xaa', 'xa', 0, { from: 2, to: 2 })).toEqual({ start: 1, end: 2, text: '' });
    expect(diffEdit('xaa', 'xa', 0, { from: 3, to: 3 })).toEqual({ start: 2, end: 3, text: '' });
  });

  it('puts typed text at the caret where the text around repeats', () => {
    expect(diffEdit('xaa', 'xaaa', 0, { from: 1, to: 1 })).toEqual({ start: 1, end: 1, text: 'a' });
  });

  it('deletes the selected words, not an equal run next to them', () => {
    expect(diffEdit('the the cat', 'the cat', 0, { from: 0, to: 4 })).toEqual({ start: 0, end: 4, text: '' });
  });

  it('never splits a surrogate pair', () => {
    expect(diffEdit('a👍b', 'a👎b', 0)).toEqual({ start: 1, end: 2, text: '👎' });
  });
});
