import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OffsetMap } from '../../schema/text';
import { forEachCommonWord, UNKNOWN, wordClass } from './common-words';
import { sentences, wordTokens } from './export-tokens';

/*
 * The tokens are Intl.Segmenter's word segments without whitespace, whatever path computes them
 * (common-words.ts for runs of the characters it knows). The reference below is that definition and nothing else.
 */

const words = new Intl.Segmenter('en', { granularity: 'word' });

function referenceTokens(text: string): Array<{ text: string; start: number; end: number; ws: boolean }> {
  const map = new OffsetMap(text);
  const tokens = [];
  for (const { segment, index } of words.segment(text)) {
    for (const run of segment.matchAll(/\S+/g)) {
      const at = index + run.index;
      const after = at + run[0].length;
      tokens.push({ text: run[0], start: map.toCodePoint(at), end: map.toCodePoint(after), ws: after < text.length && /\s/.test(text[after]!) });
    }
  }
  return tokens;
}

const strip = (tokens: ReturnType<typeof wordTokens>) => tokens.map(({ text, start, end, ws }) => ({ text, start, end, ws }));

// Every character class that UAX #29 treats apart, ASCII and not, and the whitespace that is not
// ASCII: no-break, narrow no-break (ExtendNumLet), ideographic, line separator, byte order mark.
const PIECES = [
  ...'aZq09._\',;:-!?"#$%&()*+/<=>@[]^`{|}~\x01\x7f',
  ' ', '  ', '\t', '\n', '\r\n', '\u000b', '\u00a0', '\u202f', '\u3000', '\u2028', '\ufeff',
  'é', 'Ø', 'ł', '×', 'ª', '«', '»', '‘', '…', '–', '€', '²', '\u00ad', '\u0085', 'e\u0301', '\u0301', '\u200d', '\u200b', '’', '“', '—', '·', 'ß', 'Ω', '٣', '中文', 'カタカナ', 'ｶﾞ',
  'שׁ', 'ภาษาไทย', '👍🏽', '👩‍👩‍👧', '🇫🇷', '🇫', '1️⃣', '\u{1F3FB}',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));

/** Every character common-words.ts knows. */
const KNOWN = Array.from({ length: 0x2100 }, (_, unit) => unit).filter((unit) => wordClass(unit) !== UNKNOWN).map((unit) => String.fromCharCode(unit));

function commonSegments(run: string): string[] {
  const found: string[] = [];
  forEachCommonWord(run, 0, run.length, (start, end) => found.push(run.slice(start, end)));
  return found;
}

const intlSegments = (run: string) => [...words.segment(run)].map(({ segment }) => segment);

describe('common words', () => {
  it('are Intl.Segmenter\'s segments for every pair of the characters it knows', () => {
    expect(KNOWN.length).toBeGreaterThan(300);
    for (const a of KNOWN) for (const b of KNOWN) expect(commonSegments(a + b), a + b).toEqual(intlSegments(a + b));
  });

  it('are Intl.Segmenter\'s segments for every run of up to four of one character of each class', () => {
    const one = [...'aé0:·.\'’,;_-“—'];
    const runs = (length: number): string[] => (length === 0 ? [''] : runs(length - 1).flatMap((run) => one.map((c) => run + c)));
    for (const run of [...runs(3), ...runs(4)]) expect(commonSegments(run), run).toEqual(intlSegments(run));
  });
});

describe('export tokens', () => {
  it('are the non-whitespace runs of Intl.Segmenter word segments, for any mix of scripts, marks and spaces', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(strip(wordTokens(t))).toEqual(referenceTokens(t));
      }),
      { numRuns: 3000, seed: 14 },
    );
  });

  it('keep an ASCII word with its inner full stops, apostrophes, colons, commas and low lines as UAX #29 does', () => {
    const t = "U.S. can't 3,000.5 a:b x_1 _y 1;2 end. 'q' a..b";
    expect(wordTokens(t).map((token) => token.text)).toEqual([
      'U.S', '.', "can't", '3,000.5', 'a:b', 'x_1', '_y', '1;2', 'end', '.', "'", 'q', "'", 'a', '.', '.', 'b',
    ]);
    expect(strip(wordTokens(t))).toEqual(referenceTokens(t));
  });

  it('number the tokens of each sentence from 0, and no token crosses a sentence end', () => {
    fc.assert(
      fc.property(text, (t) => {
        const all = referenceTokens(t);
        const found = sentences(t);
        for (const sentence of found) {
          sentence.tokens.forEach((token, i) => {
            expect(token.id).toBe(i);
            expect(token.start).toBeGreaterThanOrEqual(sentence.start);
            expect(token.end).toBeLessThanOrEqual(sentence.end);
          });
        }
        // Tokens split only where a sentence ends inside a word segment, which news text has not.
        expect(found.flatMap((s) => s.tokens).map((token) => token.text).join('')).toBe(all.map((token) => token.text).join(''));
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});
