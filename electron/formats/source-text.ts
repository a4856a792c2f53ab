/**
 * A file's own text (as the tool that wrote it saw it) next to its canonical form, so that an
 * importer can check a span against the file's text and store it in canonical code points.
 */
import { badInput } from '../../schema/errors';
import type { Fragment } from '../../schema/model';
import { canonicalTextWithMap, OffsetMap } from '../../schema/text';

export class SourceText {
  readonly raw: string;
  readonly canonical: string;
  /** Length of the raw text in code points. */
  readonly length: number;
  /** Length of the raw text in UTF-16 code units. */
  readonly utf16Length: number;
  private readonly map: OffsetMap;
  private readonly toCanonicalOffset: (rawOffset: number) => number;

  constructor(raw: string, where: string) {
    this.raw = raw;
    let mapped: ReturnType<typeof canonicalTextWithMap>;
    try {
      mapped = canonicalTextWithMap(raw);
    } catch {
      throw badInput(`${where}: the text composes (NFC) in a way whose offsets Byline cannot map.`);
    }
    this.canonical = mapped.text;
    this.toCanonicalOffset = mapped.toCanonical;
    this.map = new OffsetMap(raw);
    this.length = this.map.codePointLength;
    this.utf16Length = this.map.utf16Length;
  }

  /** The raw text of `[start, end)` in code points. */
  slice(start: number, end: number): string {
    return this.raw.slice(this.map.toUtf16(start), this.map.toUtf16(end));
  }

  /** The raw text of `[start, end)` in UTF-16 code units. */
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

  /** A raw code point offset in the canonical text. */
  toCanonical(rawOffset: number): number {
    return this.toCanonicalOffset(rawOffset);
  }

  /** A raw `[start, end)` in code points as a canonical fragment; null if it collapses to nothing. */
  fragment(start: number, end: number): Fragment | null {
    const fragment = { start: this.toCanonical(start), end: this.toCanonical(end) };
    return fragment.start < fragment.end ? fragment : null;
  }
}

/** Shows a piece of text inside a message: on one line, and shortened when long. */
export function shown(text: string, max = 80): string {
  const oneLine = text.replace(/\r\n|\r|\n/g, '\\n').replace(/\t/g, '\\t');
  const points = Array.from(oneLine);
  return points.length <= max ? oneLine : `${points.slice(0, max - 1).join('')}…`;
}
