import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * The canonical form every stored text takes: BOM stripped, CRLF and CR turned into LF, NFC.
 * Offsets and hashes are always taken over this form, so two copies of an article that differ
 * only in line endings or normalization are the same article.
 */
export function canonicalText(raw: string): string {
  // Every leading BOM: a file with two (one tool's on top of another's) would otherwise keep
  // one, and canonicalText would not give its own result back.
  return raw.replace(/^\uFEFF+/, '').replace(/\r\n?/g, '\n').normalize('NFC');
}

/**
 * The canonical text of `raw` with a map from code point offsets in `raw` (as a file's own
 * annotations count them) to code point offsets in the canonical text. An offset inside a
 * sequence that NFC composes, or between CR and LF, maps to the start of that sequence.
 */
export function canonicalTextWithMap(raw: string): { text: string; toCanonical(rawOffset: number): number } {
  const rawPoints = Array.from(raw);
  // Where each raw code point lands in the canonical text, plus one entry for the end.
  const landing = new Int32Array(rawPoints.length + 1);
  const pieces: string[] = [];
  let out = 0;
  let i = 0;
  while (rawPoints[i] === '\uFEFF') landing[i++] = 0;
  while (i < rawPoints.length) {
    const point = rawPoints[i]!;
    if (point === '\r') {
      landing[i] = out;
      if (rawPoints[i + 1] === '\n') landing[++i] = out;
      pieces.push('\n');
      out += 1;
      i++;
      continue;
    }
    // A starter and the combining marks (or Hangul vowel and final jamo) after it compose together.
    let end = i + 1;
    while (end < rawPoints.length && /[\p{M}\u1160-\u11FF]/u.test(rawPoints[end]!)) end++;
    const segment = rawPoints.slice(i, end).join('');
    const normalized = segment.normalize('NFC');
    const normalizedPoints = Array.from(normalized).length;
    if (normalized === segment) {
      for (let k = i; k < end; k++) landing[k] = out + (k - i);
    } else {
      for (let k = i; k < end; k++) landing[k] = out;
    }
    pieces.push(normalized);
    out += normalizedPoints;
    i = end;
  }
  landing[rawPoints.length] = out;
  const text = pieces.join('');
  if (text !== canonicalText(raw)) {
    // Composition across what this splits into segments: no text Byline has met needs it.
    throw new RangeError('the text composes in a way whose offsets cannot be mapped');
  }
  return {
    text,
    toCanonical(rawOffset: number) {
      if (!Number.isInteger(rawOffset) || rawOffset < 0 || rawOffset > rawPoints.length) {
        throw new RangeError(`offset ${rawOffset} is outside 0..${rawPoints.length}`);
      }
      return landing[rawOffset]!;
    },
  };
}

/** Hex sha-256 of the UTF-8 bytes of a (canonical) text. */
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
  let lo = 0;
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
