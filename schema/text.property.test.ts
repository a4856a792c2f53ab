import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { trickyText, trickyTextWithLoneSurrogates } from '../electron/testing/arbitraries';
import { comparisonForm, comparisonText, OffsetMap, sameTextMapper, sliceCodePoints, storedText, textHash } from './text';

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

describe('storedText and comparisonText (properties)', () => {
  it('storedText drops only leading BOMs; comparisonText is idempotent, has no CR, no leading BOM, and is NFC', () => {
    fc.assert(
      fc.property(trickyTextWithLoneSurrogates(), (raw) => {
        const stored = storedText(raw);
        expect(raw.endsWith(stored)).toBe(true);
        expect(raw.slice(0, raw.length - stored.length)).toMatch(/^\uFEFF*$/);
        expect(stored.startsWith('\uFEFF')).toBe(false);
        const text = comparisonText(raw);
        expect(comparisonText(text)).toBe(text);
        expect(comparisonText(stored)).toBe(text);
        expect(text).not.toContain('\r');
        expect(text.startsWith('\uFEFF')).toBe(false);
        expect(text.normalize('NFC')).toBe(text);
      }),
      // Found by this property: a file starting with two BOMs kept the second one.
      { ...RUNS, examples: [['\uFEFF\uFEFF'], ['\uFEFF\uFEFFa\r\n']] },
    );
  });

  it('comparisonText only drops BOMs and CRs and normalizes: the same text with LF line ends, once NFC', () => {
    fc.assert(
      fc.property(trickyText(), (raw) => {
        const lf = raw.replace(/^\uFEFF+/, '').replace(/\r\n?/g, '\n');
        expect(comparisonText(raw)).toBe(lf.normalize('NFC'));
        expect(comparisonText(raw).split('\n').length).toBe(lf.split('\n').length);
      }),
      RUNS,
    );
  });
});

describe('comparisonForm (properties)', () => {
  /** Where a code point offset can be cut without cutting a sequence that the comparison form joins. */
  const isCleanCut = (points: string[], k: number) =>
    k === points.length || (!/[\p{M}\u1160-\u11FF]/u.test(points[k]!) && !(points[k] === '\n' && points[k - 1] === '\r'));

  it('gives comparisonText, and maps offsets monotonically both ways, exactly at clean cuts', () => {
    fc.assert(
      fc.property(trickyTextWithLoneSurrogates(), (raw) => {
        const form = comparisonForm(raw);
        // Documented: composition across what it splits into segments gives no map, never a wrong one.
        if (!form) return;
        expect(form.text).toBe(comparisonText(raw));
        const points = Array.from(raw);
        const length = Array.from(form.text).length;
        expect(form.toComparison(0)).toBe(0);
        expect(form.toComparison(points.length)).toBe(length);
        let previous = 0;
        for (let k = 0; k <= points.length; k++) {
          const at = form.toComparison(k);
          expect(at).toBeGreaterThanOrEqual(previous);
          expect(at).toBeLessThanOrEqual(length);
          previous = at;
          if (isCleanCut(points, k) && !/^\uFEFF*$/.test(points.slice(0, k).join(''))) {
            // At a clean cut the map says how long the comparison form of everything before it is,
            expect(at, `offset ${k}`).toBe(Array.from(comparisonText(points.slice(0, k).join(''))).length);
            // and the way back lands on the same cut.
            expect(form.fromComparison(at), `offset ${k} back`).toBe(k);
          }
        }
        let back = 0;
        for (let c = 0; c <= length; c++) {
          const at = form.fromComparison(c);
          expect(at).toBeGreaterThanOrEqual(back);
          expect(form.toComparison(at)).toBeGreaterThanOrEqual(c);
          back = at;
        }
        expect(() => form.toComparison(points.length + 1)).toThrow(RangeError);
        expect(() => form.fromComparison(-1)).toThrow(RangeError);
      }),
      { ...RUNS, examples: [['\uFEFF\uFEFFab'], ['\uFEFF\uFEFF\r\n\uFEFF'], ['e\u0301\r\n']] },
    );
  });

  it('is the identity on text that is in comparison form already', () => {
    fc.assert(
      fc.property(trickyText(), (raw) => {
        const text = comparisonText(raw);
        const form = comparisonForm(text);
        if (!form) return;
        expect(form.text).toBe(text);
        for (let k = 0; k <= Array.from(text).length; k++) {
          expect(form.toComparison(k)).toBe(k);
          expect(form.fromComparison(k)).toBe(k);
        }
      }),
      RUNS,
    );
  });

  it('sameTextMapper keeps what a fragment covers, compared: the copy of a span is the span', () => {
    fc.assert(
      fc.property(trickyText(), fc.nat(), fc.nat(), fc.boolean(), (raw, a, b, nfd) => {
        const text = storedText(raw);
        const copy = nfd ? text.normalize('NFD').replace(/\n/g, '\r\n') : comparisonText(text);
        const map = sameTextMapper(text, copy);
        if (!map) return;
        const points = Array.from(text);
        const start = Math.min(a, b) % (points.length + 1);
        const end = start + ((Math.max(a, b) - Math.min(a, b)) % (points.length - start + 1));
        if (start === end || !isCleanCut(points, start) || !isCleanCut(points, end)) return;
        const mapped = map({ start, end });
        const slice = (t: string, f: { start: number; end: number }) => Array.from(t).slice(f.start, f.end).join('');
        if (mapped === null) return;
        expect(comparisonText(slice(copy, mapped))).toBe(comparisonText(slice(text, { start, end })));
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
