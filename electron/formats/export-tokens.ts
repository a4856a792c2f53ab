/**
 * Tokens and sentences for the token-based exports (spaCy/Prodigy JSONL, CoNLL), from the
 * platform's Unicode segmentation (Intl.Segmenter, UAX #29), so that a ZWJ emoji sequence, a
 * flag or a letter with a combining mark stays one token. Offsets are code points of the text.
 */
import { OffsetMap } from '../../schema/text';
import { forEachCommonWord, UNKNOWN, wordClass } from './common-words';

export interface Token {
  text: string;
  /** `[start, end)` in code points of the whole text. */
  start: number;
  end: number;
  /** Its index in the list it was made in (the article's, or its sentence's): Prodigy's token `id`. */
  id: number;
  /** Whether whitespace follows it (spaCy's `ws`). */
  ws: boolean;
}

export interface Sentence {
  start: number;
  end: number;
  tokens: Token[];
}

// Word boundaries depend a little on the locale only for a few scripts; a fixed one keeps exports
// the same on every machine.
const LOCALE = 'en';
const words = new Intl.Segmenter(LOCALE, { granularity: 'word' });
const sentenceSegmenter = new Intl.Segmenter(LOCALE, { granularity: 'sentence' });

/**
 * A word segment is whitespace only or has none, except that a combining mark after a space joins
 * it (UAX #29 WB4): such a segment is split into its runs of non-whitespace. Every whitespace
 * character is in the BMP, so `\s` without the u flag (faster) sees them all.
 */
const SPACE = /\s/;
const NON_SPACE = /\S+/g;
const ANY_NON_SPACE = /\S/;

/** Whether one UTF-16 unit is whitespace (`\s`), without a regular expression for ASCII. */
function isSpace(unit: number): boolean {
  if (unit < 0x80) return unit === 0x20 || (unit >= 0x09 && unit <= 0x0d);
  return SPACE.test(String.fromCharCode(unit));
}

/**
 * What a run may start with that UAX #29 WB4 joins to the whitespace before it (a mark, a format
 * character, a modifier). Then, and where there is a byte order mark (whitespace to JS, Format to
 * UAX #29), a run's segments depend on what is around it.
 */
const JOINS_BACK = /^[\p{M}\p{Cf}\p{Lm}\p{Sk}\u{1F3FB}-\u{1F3FF}]/u;
const BYTE_ORDER_MARK = 0xfeff;

/**
 * The tokens of `[from, to)`. Whitespace always ends a word segment, so each run between
 * whitespace is segmented by itself: by common-words.ts when it knows every character of it (most
 * runs of news text), by Intl.Segmenter otherwise.
 */
function pushTokens(tokens: Token[], text: string, map: OffsetMap, from: number, to: number) {
  const first = tokens.length;
  const push = (start: number, end: number) => pushToken(tokens, text, map, text.slice(start, end), start);
  let i = from;
  while (i < to) {
    for (; i < to; i++) {
      const unit = text.charCodeAt(i);
      if (!isSpace(unit)) break;
      if (unit === BYTE_ORDER_MARK) return segmentWhole(tokens, first, text, map, from, to);
    }
    if (i === to) break;
    const start = i;
    let known = true;
    for (; i < to; i++) {
      const unit = text.charCodeAt(i);
      if (wordClass(unit) !== UNKNOWN) continue;
      if (isSpace(unit)) break;
      known = false;
    }
    if (known) forEachCommonWord(text, start, i, push);
    else if (start > from && JOINS_BACK.test(text.slice(start, start + 2))) return segmentWhole(tokens, first, text, map, from, to);
    else pushSegments(tokens, text, map, start, i);
  }
}

/** Drops the tokens pushed since `first` and segments all of `[from, to)` with Intl.Segmenter. */
function segmentWhole(tokens: Token[], first: number, text: string, map: OffsetMap, from: number, to: number) {
  tokens.length = first;
  pushSegments(tokens, text, map, from, to);
}

// News text is about half one-character segments (spaces, punctuation) and half words; the
// branches below keep regular expressions off the common cases.
function pushSegments(tokens: Token[], text: string, map: OffsetMap, from: number, to: number) {
  for (const { segment, index } of words.segment(text.slice(from, to))) {
    const at = from + index;
    if (segment.length === 1) {
      if (!isSpace(segment.charCodeAt(0))) pushToken(tokens, text, map, segment, at);
      continue;
    }
    if (!SPACE.test(segment)) {
      pushToken(tokens, text, map, segment, at);
      continue;
    }
    if (!ANY_NON_SPACE.test(segment)) continue;
    for (const run of segment.matchAll(NON_SPACE)) pushToken(tokens, text, map, run[0], at + run.index);
  }
}

function pushToken(tokens: Token[], text: string, map: OffsetMap, token: string, utf16: number) {
  const after = utf16 + token.length;
  // Keys in the order a Prodigy task lists them: the Prodigy export writes these objects as they are.
  tokens.push({
    text: token,
    start: map.toCodePoint(utf16),
    end: map.toCodePoint(after),
    id: tokens.length,
    ws: after < text.length && isSpace(text.charCodeAt(after)),
  });
}

/** Every non-whitespace word segment of `text`, in order. */
export function wordTokens(text: string, map: OffsetMap = new OffsetMap(text)): Token[] {
  const tokens: Token[] = [];
  pushTokens(tokens, text, map, 0, text.length);
  return tokens;
}

/** The sentences of `text` that have tokens, each with its tokens (a word never crosses a sentence end). */
export function sentences(text: string, map: OffsetMap = new OffsetMap(text)): Sentence[] {
  const result: Sentence[] = [];
  for (const { segment, index } of sentenceSegmenter.segment(text)) {
    const tokens: Token[] = [];
    pushTokens(tokens, text, map, index, index + segment.length);
    if (tokens.length === 0) continue;
    result.push({ start: map.toCodePoint(index), end: map.toCodePoint(index + segment.length), tokens });
  }
  return result;
}

/** Index of the first token that ends after `offset` (tokens sorted by start); tokens.length if none. */
export function tokenAfter(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `[first, last]` indexes of the tokens that `[start, end)` touches, or null if it touches none (only whitespace). */
export function tokensTouched(tokens: readonly Token[], start: number, end: number): [number, number] | null {
  const first = tokenAfter(tokens, start);
  if (first >= tokens.length || tokens[first]!.start >= end) return null;
  // The last token that starts before `end`.
  let lo = first;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid]!.start < end) lo = mid + 1;
    else hi = mid;
  }
  return [first, lo - 1];
}
