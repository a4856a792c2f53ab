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

  it('finds words typed composed in a text that has them decomposed, and the other way round', () => {
    const decomposed = 'The mayor of Sa\u0303o Paulo, Jose\u0301 Nu\u0301n\u0303ez,\r\nsaid so.';
    const hit = findWords(decomposed, 'Núñez')!;
    expect(decomposed.slice(hit.start, hit.end)).toBe('Nu\u0301n\u0303ez');
    const said = findWords(decomposed, 'said')!;
    expect(decomposed.slice(said.start, said.end)).toBe('said');
    const composed = 'José said.';
    const back = findWords(composed, 'Jose\u0301')!;
    expect(composed.slice(back.start, back.end)).toBe('José');
  });
});
