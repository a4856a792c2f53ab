import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * The canonical form every stored text takes: BOM stripped, CRLF and CR turned into LF, NFC.
 * Offsets and hashes are always taken over this form, so two copies of an article that differ
 * only in line endings or normalization are the same article.
 */
export function canonicalText(raw: string): string {
  return raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC');
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
