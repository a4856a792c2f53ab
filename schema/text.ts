import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Fragment } from './model.ts';

/**
 * The text Byline stores for an article: exactly as decoded from its file, with only leading byte
 * order marks removed (a file with two, one tool's on top of another's, loses both). No NFC, no
 * line-end change: offsets, hashes and exports are over this text, so a corpus's own .txt files
 * still fit every exported offset.
 */
export function storedText(decoded: string): string {
  return decoded.replace(/^\uFEFF+/, '');
}

/**
 * The form in which two texts are compared, and only compared (the same article in two files,
 * re-anchoring a quote, finding words): stored text with CRLF and CR as LF, in NFC. Two copies of
 * an article that differ only in line ends or normalization have the same comparison form.
 */
export function comparisonText(text: string): string {
  return storedText(text).replace(/\r\n?/g, '\n').normalize('NFC');
}

/** The hash that finds "the same article": the SHA-256 of its comparison form. */
export function matchHash(text: string): string {
  return textHash(comparisonText(text));
}

/** A text's comparison form, and code point offsets mapped between the two. */
export interface ComparisonForm {
  /** comparisonText of the text. */
  text: string;
  /** A code point offset of the text in its comparison form. An offset inside a sequence that NFC
   * composes, or between CR and LF, goes to the start of that sequence. */
  toComparison(offset: number): number;
  /** A code point offset of the comparison form in the text: the first offset that maps at or after it. */
  fromComparison(offset: number): number;
}

/**
 * The comparison form of `text` with its offset maps, or null in the one case they cannot be
 * made: composition across what the map splits into segments (a starter and its marks), which no
 * text Byline has met needs. Callers then compare by quote instead.
 */
export function comparisonForm(text: string): ComparisonForm | null {
  const points = Array.from(text);
  // Where each code point of the text lands in the comparison form, plus one entry for the end.
  const landing = new Int32Array(points.length + 1);
  const pieces: string[] = [];
  let out = 0;
  let i = 0;
  while (points[i] === '\uFEFF') landing[i++] = 0;
  const bom = i;
  while (i < points.length) {
    const point = points[i]!;
    if (point === '\r') {
      landing[i] = out;
      if (points[i + 1] === '\n') landing[++i] = out;
      pieces.push('\n');
      out += 1;
      i++;
      continue;
    }
    // A starter and the combining marks (or Hangul vowel and final jamo) after it compose together.
    let end = i + 1;
    while (end < points.length && /[\p{M}\u1160-\u11FF]/u.test(points[end]!)) end++;
    const segment = points.slice(i, end).join('');
    const normalized = segment.normalize('NFC');
    if (normalized === segment) {
      for (let k = i; k < end; k++) landing[k] = out + (k - i);
    } else {
      for (let k = i; k < end; k++) landing[k] = out;
    }
    pieces.push(normalized);
    out += Array.from(normalized).length;
    i = end;
  }
  landing[points.length] = out;
  const comparison = pieces.join('');
  if (comparison !== comparisonText(text)) return null;
  const check = (offset: number, length: number) => {
    if (!Number.isInteger(offset) || offset < 0 || offset > length) {
      throw new RangeError(`offset ${offset} is outside 0..${length}`);
    }
  };
  return {
    text: comparison,
    toComparison(offset) {
      check(offset, points.length);
      return landing[offset]!;
    },
    fromComparison(offset) {
      check(offset, out);
      // landing is non-decreasing: the first index after the BOMs whose landing is at or after `offset`.
      return firstAtOrAbove(landing, offset, bom);
    },
  };
}

/**
 * A text to search with string and RegExp functions in its comparison form, so that words typed
 * composed find them decomposed and a pattern need not care about CRLF: that form, and the UTF-16
 * offset in the text of a UTF-16 offset in it. Null when the text is its own comparison form (or
 * the form cannot be mapped): search the text itself.
 */
export function searchableForm(text: string): { text: string; toTextOffset(utf16: number): number } | null {
  if (comparisonText(text) === text) return null;
  const form = comparisonForm(text);
  if (!form) return null;
  const inForm = new OffsetMap(form.text);
  const inText = new OffsetMap(text);
  return { text: form.text, toTextOffset: (utf16) => inText.toUtf16(form.fromComparison(inForm.toCodePoint(utf16))) };
}

/**
 * Maps fragments of one text onto another text of the same comparison form (the same article with
 * other line ends or normalization), through that form. A fragment that would shrink to nothing
 * (a lone combining mark) is null. Null when the two do not share a comparison form, or the forms
 * cannot be mapped.
 */
export function sameTextMapper(from: string, to: string): ((fragment: Fragment) => Fragment | null) | null {
  const a = comparisonForm(from);
  const b = comparisonForm(to);
  if (!a || !b || a.text !== b.text) return null;
  return ({ start, end }) => {
    const mapped = { start: b.fromComparison(a.toComparison(start)), end: b.fromComparison(a.toComparison(end)) };
    return mapped.start < mapped.end ? mapped : null;
  };
}

/** Hex sha-256 of the UTF-8 bytes of a text. */
export function textHash(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/**
 * Converts between Unicode code point offsets (storage, exports) and UTF-16 offsets (the DOM,
 * JavaScript strings). Only astral characters (surrogate pairs) make the two differ, so the map
 * keeps just their positions and answers each conversion by binary search.
 */
export class OffsetMap {
  /** UTF-16 index of each astral character's high surrogate, ascending. */
  private readonly astralUtf16: number[] = [];
  /** Code point index of each astral character, ascending. */
  private readonly astralCodePoint: number[] = [];
  readonly utf16Length: number;
  readonly codePointLength: number;

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          this.astralCodePoint.push(i - this.astralUtf16.length);
          this.astralUtf16.push(i);
          i++;
        }
      }
    }
    this.utf16Length = text.length;
    this.codePointLength = text.length - this.astralUtf16.length;
  }

  toUtf16(codePoint: number): number {
    if (!Number.isInteger(codePoint) || codePoint < 0 || codePoint > this.codePointLength) {
      throw new RangeError(`code point offset ${codePoint} is outside 0..${this.codePointLength}`);
    }
    return codePoint + countBelow(this.astralCodePoint, codePoint);
  }

  /** An offset inside a surrogate pair resolves to the start of that character. */
  toCodePoint(utf16: number): number {
    if (!Number.isInteger(utf16) || utf16 < 0 || utf16 > this.utf16Length) {
      throw new RangeError(`UTF-16 offset ${utf16} is outside 0..${this.utf16Length}`);
    }
    return utf16 - countBelow(this.astralUtf16, utf16);
  }
}

/** How many entries of an ascending array are below `value`. */
function countBelow(sorted: number[], value: number): number {
  return firstAtOrAbove(sorted, value, 0);
}

/** The first index at or after `from` of an ascending array whose entry is not below `value`. */
function firstAtOrAbove(sorted: ArrayLike<number>, value: number, from: number): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The text of `[start, end)` given in code points. */
export function sliceCodePoints(text: string, map: OffsetMap, start: number, end: number): string {
  return text.slice(map.toUtf16(start), map.toUtf16(end));
}

/** A title for an article without metadata: its first non-blank line, shortened at a word. */
export function titleFromText(text: string, maxLength = 120): string {
  const line = text.split('\n').find((l) => l.trim() !== '')?.trim().replace(/\s+/g, ' ') ?? '';
  if (line.length <= maxLength) return line;
  const cut = line.slice(0, maxLength).replace(/[\uD800-\uDBFF]$/, '');
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
