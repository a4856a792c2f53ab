import { describe, expect, it } from 'vitest';
import { canonicalText, canonicalTextWithMap, OffsetMap, sliceCodePoints, textHash, titleFromText } from './text';

describe('canonicalText', () => {
  it('strips the BOM, turns CRLF and CR into LF and composes to NFC', () => {
    expect(canonicalText('\uFEFFa\r\nb\rc\n')).toBe('a\nb\nc\n');
    expect(canonicalText('cafe\u0301')).toBe('caf\u00e9');
  });

  it('keeps combining marks that have no composed form', () => {
    expect(canonicalText('n\u0308')).toBe('n\u0308');
  });
});

describe('textHash', () => {
  it('is the sha-256 of the UTF-8 bytes', () => {
    expect(textHash('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(textHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('OffsetMap', () => {
  const text = 'a👍b👩‍💻c n\u0308 🇺🇦!';
  const map = new OffsetMap(text);
  const codePoints = Array.from(text);

  it('counts code points', () => {
    expect(map.codePointLength).toBe(codePoints.length);
    expect(map.utf16Length).toBe(text.length);
  });

  it('converts every code point offset to UTF-16 and back', () => {
    for (let cp = 0; cp <= codePoints.length; cp++) {
      const utf16 = map.toUtf16(cp);
      expect(utf16).toBe(codePoints.slice(0, cp).join('').length);
      expect(map.toCodePoint(utf16)).toBe(cp);
    }
  });

  it('resolves an offset inside a surrogate pair to the start of its character', () => {
    expect(map.toCodePoint(2)).toBe(1); // inside 👍
  });

  it('slices by code points', () => {
    const start = codePoints.indexOf('b');
    // 👩‍💻 is three code points: woman, zero-width joiner, laptop.
    expect(sliceCodePoints(text, map, start, start + 4)).toBe('b👩‍💻');
  });

  it('refuses offsets outside the text', () => {
    expect(() => map.toUtf16(codePoints.length + 1)).toThrow(RangeError);
    expect(() => map.toCodePoint(-1)).toThrow(RangeError);
  });

  it('is the identity for text without astral characters', () => {
    const plain = new OffsetMap('plain text');
    expect(plain.toUtf16(5)).toBe(5);
    expect(plain.toCodePoint(5)).toBe(5);
  });
});

describe('titleFromText', () => {
  it('takes the first non-blank line', () => {
    expect(titleFromText('\n\n  Mayor resigns  \nBody')).toBe('Mayor resigns');
  });

  it('shortens long lines at a word', () => {
    const title = titleFromText(`${'word '.repeat(40)}end`, 30);
    expect(title.length).toBeLessThanOrEqual(31);
    expect(title.endsWith('word…')).toBe(true);
  });
});

describe('canonicalTextWithMap', () => {
  it('gives the same text as canonicalText', () => {
    for (const raw of ['\uFEFFa\r\nb\rc', 'cafe\u0301 n\u0308 👩‍💻', 'plain', '', '\r\n\r\n']) {
      expect(canonicalTextWithMap(raw).text).toBe(canonicalText(raw));
    }
  });

  it('maps raw code point offsets across a BOM, CRLF and composed accents', () => {
    const raw = '\uFEFFAb\r\ncafe\u0301 👍 x';
    const { text, toCanonical } = canonicalTextWithMap(raw);
    const rawPoints = Array.from(raw);
    const at = (part: string) => Array.from(raw.slice(0, raw.indexOf(part))).length;
    const canonicalAt = (part: string) => Array.from(text.slice(0, text.indexOf(part))).length;
    for (const part of ['Ab', 'caf', '👍', 'x']) expect(toCanonical(at(part))).toBe(canonicalAt(part));
    expect(toCanonical(rawPoints.length)).toBe(Array.from(text).length);
    // Inside "e" + combining acute (which compose to é): the start of é.
    expect(toCanonical(at('\u0301'))).toBe(canonicalAt('é'));
  });
});
