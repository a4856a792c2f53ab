import { snapSpanToWords } from './selection';

/**
 * Where the first of the searched words occurs in `text` (UTF-16 offsets, case ignored), widened
 * to the whole word: what a search hit should show when its article opens.
 */
export function findWords(text: string, search: string): { start: number; end: number } | null {
  let first: { start: number; end: number } | null = null;
  for (const word of search.match(/[\p{L}\p{N}]+/gu) ?? []) {
    const match = new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'iu').exec(text);
    if (match && (!first || match.index < first.start)) first = { start: match.index, end: match.index + match[0].length };
  }
  if (!first) return null;
  const [start, end] = snapSpanToWords(text, first.start, first.end);
  return { start, end };
}
