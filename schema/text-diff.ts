/**
 * Differences between two texts of an article: as edits that move annotations (a revert, an
 * exchange file made against another text) and as parts a person reads (the version diff view).
 */
import { diffWordsWithSpace } from 'diff';
import { codePointLength, diffEdit, type TextEdit } from './text-edits';

/** A letter or digit (a BMP one: the widening stops at anything else, surrogates included). */
const WORD_CHARACTER = /[\p{L}\p{N}\p{M}_]/u;

/** Beyond this, a diff gives up and the whole changed stretch becomes one edit. */
const DIFF_TIMEOUT_MS = 2000;

/**
 * Edits that turn `before` into `after`, word by word, in order (each applies to the result of
 * the ones before). Empty when the texts are equal. Words, not characters: a word replaced by
 * another shares no characters with it, so a tag on it goes rather than landing on leftover letters.
 */
export function editsBetween(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  // Only the stretch between the common start and end is diffed, widened to whole words.
  const whole = diffEdit(before, after)!;
  let from = utf16Index(before, whole.start);
  let to = utf16Index(before, whole.end);
  while (from > 0 && WORD_CHARACTER.test(before.charAt(from - 1))) from--;
  while (to < before.length && WORD_CHARACTER.test(before.charAt(to))) to++;
  const start = whole.start - codePointLength(before.slice(from, utf16Index(before, whole.start)));
  const oldMiddle = before.slice(from, to);
  const newMiddle = after.slice(from, after.length - (before.length - to));
  const parts = diffWordsWithSpace(oldMiddle, newMiddle, { timeout: DIFF_TIMEOUT_MS });
  if (!parts) return [{ start, end: start + codePointLength(oldMiddle), text: newMiddle }];
  const edits: TextEdit[] = [];
  let at = start;
  for (const part of parts) {
    const length = codePointLength(part.value);
    const last = edits[edits.length - 1];
    const touchesLast = last !== undefined && last.start + codePointLength(last.text) === at;
    if (part.added) {
      if (touchesLast) last.text += part.value;
      else edits.push({ start: at, end: at, text: part.value });
      at += length;
    } else if (part.removed) {
      if (touchesLast) last.end += length;
      else edits.push({ start: at, end: at + length, text: '' });
    } else {
      at += length;
    }
  }
  return edits;
}

/** A stretch of a diff between two texts, for reading. */
export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** The difference between two texts word by word. */
export function diffParts(before: string, after: string): DiffPart[] {
  const parts = diffWordsWithSpace(before, after, { timeout: DIFF_TIMEOUT_MS });
  if (!parts) {
    const whole = diffEdit(before, after);
    if (!whole) return [{ kind: 'same', text: before }];
    const from = utf16Index(before, whole.start);
    const to = utf16Index(before, whole.end);
    return [
      { kind: 'same' as const, text: before.slice(0, from) },
      { kind: 'removed' as const, text: before.slice(from, to) },
      { kind: 'added' as const, text: whole.text },
      { kind: 'same' as const, text: before.slice(to) },
    ].filter((p) => p.text !== '');
  }
  return parts.map((p) => ({ kind: p.added ? 'added' : p.removed ? 'removed' : 'same', text: p.value }));
}

/** The UTF-16 index of a code point offset. */
function utf16Index(text: string, codePoint: number): number {
  let units = 0;
  for (let n = 0; n < codePoint; n++) {
    const unit = text.charCodeAt(units);
    units += unit >= 0xd800 && unit <= 0xdbff && units + 1 < text.length ? 2 : 1;
  }
  return units;
}
