import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { trickyText, trickyTextWithLoneSurrogates } from '../electron/testing/arbitraries';
import { canonicalText, canonicalTextWithMap, OffsetMap, sliceCodePoints, textHash } from './text';

const RUNS = { numRuns: 300 };
const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;
/** Whether UTF-16 offset `u` falls between the two halves of a surrogate pair. */
const insidePair = (text: string, u: number) => u > 0 && u < text.length && isHigh(text.charCodeAt(u - 1)) && isLow(text.charCodeAt(u));

describe('OffsetMap (properties)', () => {
  it('counts what Array.from counts, and maps every code point boundary to UTF-16 and back', () => {
    fc.assert(
      fc.property(trickyTextWithLoneSurrogates(), (text) => {
        const map = new OffsetMap(text);
        const points = Array.from(text);
        expect(map.codePointLength).toBe(points.length);
        expect(map.utf16Length).toBe(text.length);
        let utf16 = 0;
        for (let cp = 0; cp <= points.length; cp++) {
          expect(map.toUtf16(cp)).toBe(utf16);
          expect(map.toCodePoint(utf16)).toBe(cp);
          utf16 += points[cp]?.length ?? 0;
        }
      }),
      RUNS,
    );
  });

  it('maps every UTF-16 offset monotonically, an offset inside a surrogate pair to the start of its character', () => {
    fc.assert(
      fc.property(trickyTextWithLoneSurrogates(), (text) => {
        const map = new OffsetMap(text);
        let previous = 0;
        for (let u = 0; u <= text.length; u++) {
          const cp = map.toCodePoint(u);
          expect(cp).toBeGreaterThanOrEqual(previous);
          expect(map.toUtf16(cp)).toBe(insidePair(text, u) ? u - 1 : u);
          previous = cp;
        }
      }),
      RUNS,
    );
  });

  it('refuses offsets outside the text and offsets that are not integers', () => {
    fc.assert(
      fc.property(trickyText(10), fc.integer({ min: 1, max: 1000 }), (text, beyond) => {
        const map = new OffsetMap(text);
        for (const bad of [-beyond, map.codePointLength + beyond, 0.5, Number.NaN]) expect(() => map.toUtf16(bad)).toThrow(RangeError);
        for (const bad of [-beyond, map.utf16Length + beyond, 0.5, Number.NaN]) expect(() => map.toCodePoint(bad)).toThrow(RangeError);
      }),
      { numRuns: 50 },
    );
  });
});

describe('sliceCodePoints (properties)', () => {
  it('agrees with slicing Array.from(text)', () => {
    fc.assert(
      fc.property(trickyTextWithLoneSurrogates(), fc.nat(), fc.nat(), (text, a, b) => {
        const points = Array.from(text);
        const start = Math.min(a, b) % (points.length + 1);
        const end = start + ((Math.max(a, b) - Math.min(a, b)) % (points.length - start + 1));
        expect(sliceCodePoints(text, new OffsetMap(text), start, end)).toBe(points.slice(start, end).join(''));
      }),
      RUNS,
    );
  });
});

describe('canonicalText (properties)', () => {
  it('is idempotent and has no CR, no leading BOM, and is NFC', () => {
    fc.assert(
      fc.property(trickyTextWithLoneSurrogates(), (raw) => {
        const text = canonicalText(raw);
        expect(canonicalText(text)).toBe(text);
        expect(text).not.toContain('\r');
        expect(text.startsWith('\uFEFF')).toBe(false);
        expect(text.normalize('NFC')).toBe(text);
      }),
      // Found by this property: a file starting with two BOMs kept the second one, so its
      // "canonical" text was not canonical, and the exchange validator refused its export.
      { ...RUNS, examples: [['\uFEFF\uFEFF'], ['\uFEFF\uFEFFa\r\n']] },
    );
  });

  it('only drops BOMs and CRs and normalizes: the same text with LF line ends, once NFC', () => {
    fc.assert(
      fc.property(trickyText(), (raw) => {
        const lf = raw.replace(/^\uFEFF+/, '').replace(/\r\n?/g, '\n');
        expect(canonicalText(raw)).toBe(lf.normalize('NFC'));
        expect(canonicalText(raw).split('\n').length).toBe(lf.split('\n').length);
      }),
      RUNS,
    );
  });
});

describe('canonicalTextWithMap (properties)', () => {
  /** Where a raw code point offset can be cut without cutting a sequence that canonicalization joins. */
  const isCleanCut = (points: string[], k: number) =>
    k === points.length || (!/[\p{M}\u1160-\u11FF]/u.test(points[k]!) && !(points[k] === '\n' && points[k - 1] === '\r'));

  it('gives canonicalText, and maps raw offsets monotonically onto the canonical text', () => {
    fc.assert(
      fc.property(trickyTextWithLoneSurrogates(), (raw) => {
        let mapped: ReturnType<typeof canonicalTextWithMap>;
        try {
          mapped = canonicalTextWithMap(raw);
        } catch (error) {
          // Documented: composition across what it splits into segments is refused, never mis-mapped.
          expect(error).toBeInstanceOf(RangeError);
          return;
        }
        const { text, toCanonical } = mapped;
        expect(text).toBe(canonicalText(raw));
        const points = Array.from(raw);
        const length = Array.from(text).length;
        expect(toCanonical(0)).toBe(0);
        expect(toCanonical(points.length)).toBe(length);
        let previous = 0;
        for (let k = 0; k <= points.length; k++) {
          const at = toCanonical(k);
          expect(at).toBeGreaterThanOrEqual(previous);
          expect(at).toBeLessThanOrEqual(length);
          previous = at;
          // At a clean cut the map says how long the canonical form of everything before it is.
          if (isCleanCut(points, k)) expect(at, `raw offset ${k}`).toBe(Array.from(canonicalText(points.slice(0, k).join(''))).length);
        }
        expect(() => toCanonical(points.length + 1)).toThrow(RangeError);
        expect(() => toCanonical(-1)).toThrow(RangeError);
      }),
      { ...RUNS, examples: [['\uFEFF\uFEFFab'], ['\uFEFF\uFEFF\r\n\uFEFF']] },
    );
  });

  it('is the identity on text that is canonical already', () => {
    fc.assert(
      fc.property(trickyText(), (raw) => {
        const text = canonicalText(raw);
        let mapped: ReturnType<typeof canonicalTextWithMap>;
        try {
          mapped = canonicalTextWithMap(text);
        } catch (error) {
          expect(error).toBeInstanceOf(RangeError);
          return;
        }
        expect(mapped.text).toBe(text);
        for (let k = 0; k <= Array.from(text).length; k++) expect(mapped.toCanonical(k)).toBe(k);
      }),
      RUNS,
    );
  });
});

describe('textHash (properties)', () => {
  it('is the sha-256 of the UTF-8 bytes, as Node computes it', () => {
    fc.assert(
      fc.property(trickyText(), (text) => {
        expect(textHash(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
      { numRuns: 100 },
    );
  });
});
