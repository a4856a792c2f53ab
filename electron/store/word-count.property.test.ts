import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trickyTextWithLoneSurrogates } from '../testing/arbitraries';
import { wordCount } from './documents';

/** The definition wordCount counts by: the matches of this expression. */
const reference = (text: string) => text.match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu)?.length ?? 0;

/** Words, digits and apostrophes among tricky text: where the joining rule can go wrong. */
const wordy = fc
  .array(
    fc.oneof(
      trickyTextWithLoneSurrogates(3),
      fc.constantFrom("'", '’', "''", ' ', '-', 'don', 't', '9', '٣', 'Ж', '中', '𝐀', 'e\u0301', '\u0301', 'Z'),
    ),
    { maxLength: 30 },
  )
  .map((pieces) => pieces.join(''));

describe('wordCount (properties)', () => {
  it('counts what the regular expression matches, for any text', () => {
    fc.assert(
      fc.property(wordy, (text) => {
        expect(wordCount(text)).toBe(reference(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('joins words over one apostrophe only, and counts nothing in punctuation', () => {
    expect(["don't", 'don’t', "rock'n'roll", "a''b", "'a'", '', " - ' ’ ", 'e\u0301t\u00e9'].map(wordCount)).toEqual([1, 1, 1, 2, 1, 0, 0, 2]);
  });
});
