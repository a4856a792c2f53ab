import { searchableForm } from '../../schema/text';
import { snapSpanToWords } from './selection';

/**
 * Where the first of the searched words occurs in `text` (UTF-16 offsets, case ignored), widened
 * to the whole word: what a search hit should show when its article opens. Words are compared in
 * the comparison form (schema/text.ts), so "José" typed composed finds it decomposed in the text.
 */
export function findWords(text: string, search: string): { start: number; end: number } | null {
  const form = searchableForm(text);
  const found = firstWord(form?.text ?? text, search.normalize('NFC'));
  if (!found) return null;
  const back = form ? form.toTextOffset : (utf16: number) => utf16;
  const [start, end] = snapSpanToWords(text, back(found.start), back(found.end));
  return { start, end };
}

function firstWord(text: string, search: string): { start: number; end: number } | null {
  let first: { start: number; end: number } | null = null;
  for (const word of search.match(/[\p{L}\p{N}\p{M}]+/gu) ?? []) {
    const match = new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'iu').exec(text);
    if (match && (!first || match.index < first.start)) first = { start: match.index, end: match.index + match[0].length };
  }
  return first;
}
