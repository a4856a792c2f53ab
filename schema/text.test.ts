import { describe, expect, it } from 'vitest';
import { comparisonForm, comparisonText, matchHash, OffsetMap, sameTextMapper, sliceCodePoints, storedText, textHash, titleFromText } from './text';

describe('storedText', () => {
  it('strips leading BOMs and nothing else: line ends and decomposed accents stay', () => {
    expect(storedText('\uFEFF\uFEFFa\r\nb\rc\n')).toBe('a\r\nb\rc\n');
    expect(storedText('cafe\u0301')).toBe('cafe\u0301');
    expect(storedText('a\uFEFFb')).toBe('a\uFEFFb');
  });
});

describe('comparisonText', () => {
  it('strips the BOM, turns CRLF and CR into LF and composes to NFC', () => {
    expect(comparisonText('\uFEFFa\r\nb\rc\n')).toBe('a\nb\nc\n');
    expect(comparisonText('cafe\u0301')).toBe('caf\u00e9');
  });

  it('keeps combining marks that have no composed form', () => {
    expect(comparisonText('n\u0308')).toBe('n\u0308');
  });

  it('gives copies of an article that differ in line ends or normalization one match hash, and their own text hash', () => {
    const copies = ['São Paulo\r\n\r\nJosé said.', 'Sa\u0303o Paulo\n\nJose\u0301 said.', '\uFEFFSão Paulo\r\rJosé said.'];
    expect(new Set(copies.map(matchHash)).size).toBe(1);
    expect(new Set(copies.map(textHash)).size).toBe(3);
    expect(matchHash('São Paulo\n\nJosé said!')).not.toBe(matchHash(copies[0]!));
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

describe('comparisonForm', () => {
  it('gives comparisonText', () => {
    for (const raw of ['\uFEFFa\r\nb\rc', 'cafe\u0301 n\u0308 👩‍💻', 'plain', '', '\r\n\r\n']) {
      expect(comparisonForm(raw)!.text).toBe(comparisonText(raw));
    }
  });

  it('maps code point offsets across a BOM, CRLF and composed accents, both ways', () => {
    const raw = '\uFEFFAb\r\ncafe\u0301 👍 x';
    const form = comparisonForm(raw)!;
    const rawPoints = Array.from(raw);
    const at = (part: string) => Array.from(raw.slice(0, raw.indexOf(part))).length;
    const comparedAt = (part: string) => Array.from(form.text.slice(0, form.text.indexOf(part))).length;
    for (const part of ['Ab', 'caf', '👍', 'x']) {
      expect(form.toComparison(at(part))).toBe(comparedAt(part));
      expect(form.fromComparison(comparedAt(part))).toBe(at(part));
    }
    expect(form.toComparison(rawPoints.length)).toBe(Array.from(form.text).length);
    expect(form.fromComparison(Array.from(form.text).length)).toBe(rawPoints.length);
    // Inside "e" + combining acute (which compose to é): the start of é.
    expect(form.toComparison(at('\u0301'))).toBe(comparedAt('é'));
    // The LF of the comparison form is the CR of the CRLF; after it, after the LF.
    expect(form.fromComparison(comparedAt('\n'))).toBe(at('\r'));
    expect(form.fromComparison(comparedAt('\n') + 1)).toBe(at('caf'));
  });

  it('refuses offsets outside the text', () => {
    const form = comparisonForm('a\r\nb')!;
    expect(() => form.toComparison(5)).toThrow(RangeError);
    expect(() => form.fromComparison(4)).toThrow(RangeError);
  });
});

describe('sameTextMapper', () => {
  const at = (text: string, part: string) => {
    const start = Array.from(text.slice(0, text.indexOf(part))).length;
    return { start, end: start + Array.from(part).length };
  };

  it('moves fragments between copies with other line ends and normalization onto the same words', () => {
    const nfc = 'José said:\n\nthe bridge is São safe.';
    const nfdCrlf = 'Jose\u0301 said:\r\n\r\nthe bridge is Sa\u0303o safe.';
    const map = sameTextMapper(nfc, nfdCrlf)!;
    for (const [from, to] of [
      ['José', 'Jose\u0301'],
      ['said:\n\nthe', 'said:\r\n\r\nthe'],
      ['São safe', 'Sa\u0303o safe'],
      ['é', 'e\u0301'],
    ] as const) {
      expect(map(at(nfc, from))).toEqual(at(nfdCrlf, to));
    }
    const back = sameTextMapper(nfdCrlf, nfc)!;
    expect(back(at(nfdCrlf, 'Sa\u0303o safe'))).toEqual(at(nfc, 'São safe'));
    // A combining mark alone: the whole character it is part of.
    expect(back(at(nfdCrlf, '\u0303'))).toEqual(at(nfc, 'ã'));
    // The letter without its mark: nothing of the composed copy is only that.
    const letter = at(nfdCrlf, 'a\u0303');
    expect(back({ start: letter.start, end: letter.start + 1 })).toBeNull();
  });

  it('is null for texts of another comparison form', () => {
    expect(sameTextMapper('The mayor said.', 'The mayor said!')).toBeNull();
  });
});
