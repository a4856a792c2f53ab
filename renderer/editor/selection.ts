import type { Fragment } from '../../schema/model';
import type { OffsetMap } from '../../schema/text';
import type { OffsetIndex } from './offset-index';

/**
 * The span a DOM selection range covers in the canonical text, as code point offsets: trimmed of
 * white space at both ends and, with `snapToWords`, widened so that no word is cut in two. Null
 * when the range covers no text of the article.
 */
export function fragmentFromRange(
  range: AbstractRange,
  index: OffsetIndex,
  text: string,
  offsets: OffsetMap,
  snapToWords: boolean,
): Fragment | null {
  let start = index.offsetOf(range.startContainer, range.startOffset);
  let end = index.offsetOf(range.endContainer, range.endOffset);
  if (start === null || end === null || start >= end) return null;
  if (snapToWords) [start, end] = snapSpanToWords(text, start, end);
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (start >= end) return null;
  return { start: offsets.toCodePoint(start), end: offsets.toCodePoint(end) };
}

/** How far around an edge to look for its word: longer than any real word. */
const WORD_WINDOW = 64;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/**
 * Widens `[start, end)` (UTF-16 offsets) to whole words: an edge that falls inside a word moves
 * to that word's boundary. Edges between words, or next to punctuation, stay where they are.
 */
export function snapSpanToWords(text: string, start: number, end: number): [number, number] {
  return [wordAround(text, start)?.start ?? start, wordAround(text, end - 1)?.end ?? end];
}

/** The word (letters, digits, marks) containing the character at `offset`, if any. */
function wordAround(text: string, offset: number): { start: number; end: number } | null {
  if (offset < 0 || offset >= text.length) return null;
  const from = Math.max(0, offset - WORD_WINDOW);
  const window = text.slice(from, offset + WORD_WINDOW);
  for (const segment of segmenter.segment(window)) {
    const start = from + segment.index;
    const end = start + segment.segment.length;
    if (start <= offset && offset < end) return segment.isWordLike ? { start, end } : null;
  }
  return null;
}
