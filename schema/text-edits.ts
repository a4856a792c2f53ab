/**
 * Edits of an article's text, and how annotations move with them. Offsets are code points.
 *
 * An edit replaces `[start, end)` of the text as it is when the edit applies; a list of edits
 * applies in order, each to the result of the one before.
 *
 * A span keeps the characters of it that survive an edit. Text inserted between two of its
 * characters joins it; text inserted at its edges does not. A span none of whose characters
 * survive is gone. So an edit before a span shifts it, an edit inside resizes it, an edit across
 * one of its ends trims it, and deleting all of its text deletes it.
 */
import { z } from 'zod';
import type { Fragment } from './model';
import { OffsetMap } from './text';

export const TextEdit = z
  .object({
    start: z.int().nonnegative(),
    end: z.int().nonnegative(),
    text: z.string().max(50 * 1024 * 1024),
  })
  .strict()
  .refine((e) => e.start <= e.end, { message: 'an edit’s start cannot be after its end' });
export type TextEdit = z.infer<typeof TextEdit>;

/** Code points in a string. */
export function codePointLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/**
 * The text after the edits. Throws a RangeError naming the edit when one reaches past the text
 * it applies to.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  // Halves of surrogate pairs that edits bring together pair up, and count as one character for
  // the edits after: only applying the edits one by one counts them as they end up.
  if (!text.isWellFormed() || edits.some((e) => !e.text.isWellFormed())) return applyOneByOne(text, edits);
  const offsets = new OffsetMap(text);
  return textOf(editPieces(offsets.codePointLength, edits), text, offsets);
}

function applyOneByOne(text: string, edits: readonly TextEdit[]): string {
  let current = text;
  edits.forEach((edit, i) => {
    const map = new OffsetMap(current);
    if (edit.start > edit.end || edit.end > map.codePointLength) {
      throw new RangeError(`edit ${i + 1} (${edit.start}–${edit.end}) reaches past the text (${map.codePointLength} characters)`);
    }
    current = current.slice(0, map.toUtf16(edit.start)) + edit.text + current.slice(map.toUtf16(edit.end));
  });
  return current;
}

/** Where a fragment is after one edit, or null when none of its characters survive. */
export function mapFragment(fragment: Fragment, edit: TextEdit): Fragment | null {
  const { start, end } = fragment;
  const inserted = codePointLength(edit.text);
  const delta = inserted - (edit.end - edit.start);
  if (edit.end <= start) {
    return delta === 0 ? fragment : { start: start + delta, end: end + delta };
  }
  if (edit.start >= end) return fragment;
  const keepsBefore = start < edit.start;
  const keepsAfter = edit.end < end;
  if (keepsBefore && keepsAfter) return { start, end: end + delta };
  if (keepsBefore) return { start, end: edit.start };
  if (keepsAfter) return { start: edit.start + inserted, end: end + delta };
  return null;
}

/**
 * Where an annotation's fragments are after the edits, or null when none survives, mapped edit by
 * edit. For many annotations, fragmentMapper gives the same in far less time.
 */
export function mapFragments(fragments: readonly Fragment[], edits: readonly TextEdit[]): Fragment[] | null {
  let current: Fragment[] = [...fragments];
  for (const edit of edits) {
    current = current.map((f) => mapFragment(f, edit)).filter((f): f is Fragment => f !== null);
    if (current.length === 0) return null;
  }
  return current;
}

/**
 * mapFragments for any number of annotations through the same edits: built once, in time that
 * grows with the edits, it places each fragment by two binary searches.
 *
 * Every character of the edited text is an old one, or one an edit inserted. A character belongs
 * to a fragment `[start, end)` of the old text when the old characters it stands for lie in it: an
 * old character stands for itself; an inserted one for those its two neighbours stood for when it
 * was inserted (text inserted between two of a span's characters joins it; at its edges, or with
 * a neighbour missing at either end of the text, it does not). Along the edited text the least
 * (`lo`) and the greatest (`hi`) of those old offsets never decrease, so the characters in a
 * fragment are one stretch: from the first whose `lo` is at least `start` to before the first
 * whose `hi` is at least `end`.
 */
export function fragmentMapper(edits: readonly TextEdit[]): (fragments: readonly Fragment[]) => Fragment[] | null {
  // The old text without an end: fragments are never checked against a text, as in mapFragments.
  const pieces = editPieces(Infinity, edits);
  const starts: number[] = [];
  const los: number[] = [];
  const his: number[] = [];
  let at = 0;
  for (const piece of pieces) {
    starts.push(at);
    los.push('text' in piece ? piece.lo : piece.to - 1);
    his.push('text' in piece ? piece.hi : piece.to - 1);
    at += pieceLength(piece);
  }
  /** The first place in the edited text whose character stands for old offsets (`lo` or `hi`) from `offset` on. */
  const placeOf = (keys: readonly number[], offset: number): number => {
    let lo = 0;
    let hi = pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! >= offset) hi = mid;
      else lo = mid + 1;
    }
    const piece = pieces[lo]!;
    return starts[lo]! + ('text' in piece ? 0 : Math.max(0, offset - piece.from));
  };
  return (fragments) => {
    const mapped: Fragment[] = [];
    for (const f of fragments) {
      const start = placeOf(los, f.start);
      const end = placeOf(his, f.end);
      if (start < end) mapped.push(start === f.start && end === f.end ? f : { start, end });
    }
    return mapped.length === 0 ? null : mapped;
  };
}

/** A stretch of the old text that no edit touched, and how far the edits moved it. */
export interface Untouched {
  /** `[start, end)` in the text before the edits. */
  start: number;
  end: number;
  /** Added to an offset in the stretch gives its place after the edits. */
  shift: number;
}

/**
 * The stretches of a text of `length` code points that the edits left alone, ascending. An
 * insertion splits the stretch it lands in, so a fragment inside one stretch kept exactly its
 * characters. Throws a RangeError naming the edit when one reaches past the text it applies to.
 */
export function untouchedStretches(length: number, edits: readonly TextEdit[]): Untouched[] {
  const stretches: Untouched[] = [];
  let at = 0;
  for (const piece of editPieces(length, edits)) {
    if (!('text' in piece)) stretches.push({ start: piece.from, end: piece.to, shift: at - piece.from });
    at += pieceLength(piece);
  }
  return stretches;
}

/** The edits that undo `edits` made on `text`, in the order they apply. */
export function invertEdits(text: string, edits: readonly TextEdit[]): TextEdit[] {
  const offsets = new OffsetMap(text);
  const inverse: TextEdit[] = [];
  editPieces(offsets.codePointLength, edits, (edit, removed) => {
    inverse.push({ start: edit.start, end: edit.start + codePointLength(edit.text), text: textOf(removed, text, offsets) });
  });
  return inverse.reverse();
}

// Edits as pieces: the edited text is a list of stretches of the old text and of inserted texts,
// which each edit splits and replaces at a cursor that the next edit usually finds nearby. So
// applying edits takes time that grows with the edits, not with the text (applying them to the
// text one by one copies it for each: seconds for a few thousand edits of a long article).

/** `[from, to)` of the old text, or inserted text; lengths in code points, never 0. */
type Piece = { from: number; to: number } | Inserted;

interface Inserted {
  text: string;
  length: number;
  /** The least and the greatest old offset its characters stand for (see fragmentMapper). */
  lo: number;
  hi: number;
}

const pieceLength = (piece: Piece) => ('text' in piece ? piece.length : piece.to - piece.from);

/**
 * A text of `length` code points after the edits, as pieces. Throws a RangeError naming the edit
 * when one reaches past the text it applies to. `removed` hears of what each edit took out.
 */
function editPieces(length: number, edits: readonly TextEdit[], removed?: (edit: TextEdit, pieces: Piece[]) => void): Piece[] {
  const pieces: Piece[] = length > 0 ? [{ from: 0, to: length }] : [];
  let total = length;
  // The cursor: pieces[index] starts at `at`.
  let index = 0;
  let at = 0;
  /** The index of the piece that starts at `offset`, splitting the one it falls in. */
  const cutAt = (offset: number): number => {
    while (index > 0 && at > offset) at -= pieceLength(pieces[--index]!);
    while (index < pieces.length && at + pieceLength(pieces[index]!) <= offset) at += pieceLength(pieces[index++]!);
    if (index === pieces.length || at === offset) return index;
    const piece = pieces[index]!;
    const k = offset - at;
    if ('text' in piece) {
      const cut = utf16Index(piece.text, k);
      pieces.splice(
        index,
        1,
        { ...piece, text: piece.text.slice(0, cut), length: k },
        { ...piece, text: piece.text.slice(cut), length: piece.length - k },
      );
    } else {
      pieces.splice(index, 1, { from: piece.from, to: piece.from + k }, { from: piece.from + k, to: piece.to });
    }
    at = offset;
    return ++index;
  };
  edits.forEach((edit, i) => {
    if (edit.start > edit.end || edit.end > total) {
      throw new RangeError(`edit ${i + 1} (${edit.start}–${edit.end}) reaches past the text (${total} characters)`);
    }
    const first = cutAt(edit.start);
    const last = cutAt(edit.end);
    const inserted = codePointLength(edit.text);
    const gone = pieces.splice(first, last - first);
    if (inserted > 0) {
      const before = pieces[first - 1];
      const after = pieces[first];
      pieces.splice(first, 0, {
        text: edit.text,
        length: inserted,
        lo: !before ? -Infinity : 'text' in before ? before.lo : before.to - 1,
        hi: !after ? Infinity : 'text' in after ? after.hi : after.from,
      });
    }
    removed?.(edit, gone);
    total += inserted - (edit.end - edit.start);
    index = first;
    at = edit.start;
  });
  return pieces;
}

/** The text pieces make of the old text. */
function textOf(pieces: readonly Piece[], old: string, offsets: OffsetMap): string {
  return pieces.map((p) => ('text' in p ? p.text : old.slice(offsets.toUtf16(p.from), offsets.toUtf16(p.to)))).join('');
}

/** The UTF-16 index of a code point offset in a text (a lone surrogate counts as one, as codePointLength has it). */
function utf16Index(text: string, codePoint: number): number {
  let units = 0;
  for (let n = 0; n < codePoint; n++) {
    const unit = text.charCodeAt(units);
    const next = text.charCodeAt(units + 1);
    units += unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
  }
  return units;
}

/**
 * How far the edits moved a span they did not touch (it lies inside one untouched stretch), or
 * null when they touched it. `stretches` come from untouchedStretches, ascending.
 */
export function shiftOf(stretches: readonly Untouched[], fragment: Fragment): number | null {
  let lo = 0;
  let hi = stretches.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const s = stretches[mid]!;
    if (fragment.start < s.start) hi = mid - 1;
    else if (fragment.start >= s.end) lo = mid + 1;
    else return fragment.end <= s.end ? s.shift : null;
  }
  return null;
}

/**
 * The one edit that turns `before` into `after` (their common start and end kept), or null when
 * they are equal. `offset` is added to its place, for texts that are a part of a longer one.
 * `anchor` (UTF-16 offsets in `before`) is where the change was made, the selection of an editor:
 * the common end stops at its end and the common start at its start, the end taken first, so that
 * a Backspace takes the character before the caret even where it equals the one after.
 */
export function diffEdit(before: string, after: string, offset = 0, anchor?: { from: number; to: number }): TextEdit | null {
  if (before === after) return null;
  const limit = Math.min(before.length, after.length);
  const commonStart = (max: number) => {
    let n = 0;
    while (n < max && before.charCodeAt(n) === after.charCodeAt(n)) n++;
    // Never split a surrogate pair.
    return n > 0 && isHighSurrogate(before.charCodeAt(n - 1)) ? n - 1 : n;
  };
  const commonEnd = (max: number) => {
    let n = 0;
    while (n < max && before.charCodeAt(before.length - 1 - n) === after.charCodeAt(after.length - 1 - n)) n++;
    return n > 0 && isLowSurrogate(before.charCodeAt(before.length - n)) ? n - 1 : n;
  };
  let prefix: number;
  let suffix: number;
  if (anchor) {
    suffix = commonEnd(Math.min(limit, before.length - anchor.to));
    prefix = commonStart(Math.min(limit - suffix, anchor.from));
  } else {
    prefix = commonStart(limit);
    suffix = commonEnd(limit - prefix);
  }
  const start = offset + codePointLength(before.slice(0, prefix));
  return {
    start,
    end: start + codePointLength(before.slice(prefix, before.length - suffix)),
    text: after.slice(prefix, after.length - suffix),
  };
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;
