/**
 * A file's text as the tool that wrote its offsets counted it, next to the text Byline stores for
 * it: the decoded file without its leading BOM (schema/text.ts storedText). An importer checks a
 * span against the counted text and stores it in offsets of the stored text.
 */
import type { Fragment } from '../../schema/model';
import { OffsetMap, storedText } from '../../schema/text';

export interface Counting {
  /**
   * 'as-is': offsets count the decoded text's code points (a BOM included, as Python reads it).
   * 'folded': they count it with CRLF and CR read as one LF (Python 2's universal newlines, which
   * brat 1.3 used; some exporters fold line ends too).
   */
  lineEnds: 'as-is' | 'folded';
}

export class SourceText {
  /** The text the offsets count. */
  readonly raw: string;
  /** The text Byline stores. */
  readonly stored: string;
  /** Length of the counted text in code points. */
  readonly length: number;
  /** Length of the counted text in UTF-16 code units. */
  readonly utf16Length: number;
  private readonly map: OffsetMap;
  /** Code point offsets of the counted text at which the stored text has one more character (a CR dropped by folding), ascending. */
  private readonly folds: number[] = [];
  /** Leading BOMs of the counted text, which the stored text does not have. */
  private readonly bom: number;

  constructor(decoded: string, counting: Counting = { lineEnds: 'as-is' }) {
    this.stored = storedText(decoded);
    this.bom = decoded.length - this.stored.length;
    this.raw = counting.lineEnds === 'folded' ? decoded.replace(/\r\n?/g, '\n') : decoded;
    if (counting.lineEnds === 'folded') {
      // Each CRLF is one LF in the counted text: offsets after it are one more in the stored text.
      let codePoint = 0;
      let utf16 = 0;
      for (const point of decoded) {
        if (point === '\r' && decoded[utf16 + 1] === '\n') this.folds.push(codePoint + 1);
        else codePoint++;
        utf16 += point.length;
      }
    }
    this.map = new OffsetMap(this.raw);
    this.length = this.map.codePointLength;
    this.utf16Length = this.map.utf16Length;
  }

  /** The counted text of `[start, end)` in code points. */
  slice(start: number, end: number): string {
    return this.raw.slice(this.map.toUtf16(start), this.map.toUtf16(end));
  }

  /** The counted text of `[start, end)` in UTF-16 code units. */
  sliceUtf16(start: number, end: number): string {
    return this.raw.slice(start, end);
  }

  /** Whether a UTF-16 offset falls between the two halves of a surrogate pair. */
  splitsPair(utf16: number): boolean {
    return this.map.toUtf16(this.map.toCodePoint(utf16)) !== utf16;
  }

  utf16ToCodePoint(utf16: number): number {
    return this.map.toCodePoint(utf16);
  }

  /** A code point offset of the counted text in the stored text. */
  toStored(offset: number): number {
    // An offset at a folded LF is before its CR; one after it is after the whole CRLF.
    let lo = 0;
    let hi = this.folds.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.folds[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(0, offset + lo - this.bom);
  }

  /** A `[start, end)` of the counted text in code points as a fragment of the stored text; null if it covers only a BOM. */
  fragment(start: number, end: number): Fragment | null {
    const fragment = { start: this.toStored(start), end: this.toStored(end) };
    return fragment.start < fragment.end ? fragment : null;
  }
}

/** Shows a piece of text inside a message: on one line, and shortened when long. */
export function shown(text: string, max = 80): string {
  const oneLine = text.replace(/\r\n|\r|\n/g, '\\n').replace(/\t/g, '\\t');
  const points = Array.from(oneLine);
  return points.length <= max ? oneLine : `${points.slice(0, max - 1).join('')}…`;
}

/**
 * An article's text made of the paragraphs a format's parser found (HTML, Word, Markdown): no
 * file's own text, so it is not kept byte for byte; line ends inside a paragraph are LF, as those
 * formats mean them, and characters stay as they were written (no NFC).
 */
export function paragraphText(paragraphs: readonly string[]): string {
  return storedText(paragraphs.join('\n\n').replace(/\r\n?/g, '\n'));
}
