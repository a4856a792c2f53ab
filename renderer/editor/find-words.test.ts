import { describe, expect, it } from 'vitest';
import { findWords } from './find-words';

describe('findWords', () => {
  const text = 'The Ferry authority said fares would rise; ferries run at night.';

  it('finds the earliest of the words, ignoring case, as whole words', () => {
    expect(findWords(text, 'fares ferr')).toEqual({ start: 4, end: 9 });
    expect(text.slice(4, 9)).toBe('Ferry');
  });

  it('reads words only, so typed punctuation cannot break it', () => {
    expect(findWords(text, 'rise; (night')).toEqual({ start: text.indexOf('rise'), end: text.indexOf('rise') + 4 });
  });

  it('gives null when none is there', () => {
    expect(findWords(text, 'bridge')).toBeNull();
    expect(findWords(text, '...')).toBeNull();
  });
});
