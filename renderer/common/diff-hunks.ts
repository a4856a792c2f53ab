/**
 * A word diff of two texts cut down to the places that changed, each with a few words of context:
 * a 600,000-character article with three corrections reads as three short passages.
 */
import { diffLines } from 'diff';
import { diffParts, type DiffPart } from '../../schema/text-diff';

/** Beyond this, the lines are not matched first and the words of the whole stretch are diffed. */
const LINE_DIFF_TIMEOUT_MS = 1000;

/** One changed place: its changes, with context of unchanged words around them. */
export interface DiffHunk {
  parts: DiffPart[];
  /** Unchanged text was left out before it (it does not start at the start of a line). */
  cutBefore: boolean;
  /** Unchanged text was left out after it. */
  cutAfter: boolean;
}

export interface DiffSummary {
  /** Places where the texts differ: each stretch of removed and added text between unchanged ones. */
  changes: number;
  wordsRemoved: number;
  wordsAdded: number;
}

/**
 * The word diff of two texts. Only the stretch between their common start and end (cut at
 * whitespace, so no word is split) is diffed, lines first and then the words of the lines that
 * differ: a few corrections across a long article cost what they are, not what the article is.
 */
export function readableDiff(before: string, after: string): DiffPart[] {
  if (before === after) return before ? [{ kind: 'same', text: before }] : [];
  const limit = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < limit && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  while (prefix > 0 && !isSpace(before[prefix - 1]!)) prefix--;
  let suffix = 0;
  while (suffix < limit - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) {
    suffix++;
  }
  while (suffix > 0 && !isSpace(before[before.length - suffix]!)) suffix--;
  const middle = diffByLines(before.slice(prefix, before.length - suffix), after.slice(prefix, after.length - suffix));
  return mergeRuns([
    { kind: 'same', text: before.slice(0, prefix) },
    ...middle,
    { kind: 'same', text: before.slice(before.length - suffix) },
  ]);
}

function diffByLines(before: string, after: string): DiffPart[] {
  const lines = diffLines(before, after, { timeout: LINE_DIFF_TIMEOUT_MS });
  if (!lines) return diffParts(before, after);
  const parts: DiffPart[] = [];
  let removed = '';
  let added = '';
  const wordsOfChangedLines = () => {
    if (removed || added) parts.push(...diffParts(removed, added));
    removed = '';
    added = '';
  };
  for (const change of lines) {
    if (change.removed) removed += change.value;
    else if (change.added) added += change.value;
    else {
      wordsOfChangedLines();
      parts.push({ kind: 'same', text: change.value });
    }
  }
  wordsOfChangedLines();
  return parts;
}

/**
 * The changed places of a diff, each with up to `context` unchanged words on either side (never
 * reaching across a line break); places whose contexts would meet are one hunk.
 */
export function diffHunks(parts: readonly DiffPart[], context = 8): { hunks: DiffHunk[]; summary: DiffSummary } {
  const hunks: DiffHunk[] = [];
  const summary: DiffSummary = { changes: 0, wordsRemoved: 0, wordsAdded: 0 };
  let open: DiffHunk | null = null;
  const merged = mergeRuns(parts);
  merged.forEach((part, i) => {
    if (part.kind !== 'same') {
      if (merged[i - 1]?.kind !== 'removed' && merged[i - 1]?.kind !== 'added') summary.changes++;
      if (part.kind === 'removed') summary.wordsRemoved += countWords(part.text);
      else summary.wordsAdded += countWords(part.text);
      if (!open) {
        open = { parts: [], cutBefore: false, cutAfter: false };
        hunks.push(open);
      }
      open.parts.push(part);
      return;
    }
    const after = open ? leadingWords(part.text, context) : null;
    const before = i < merged.length - 1 ? trailingWords(part.text, context) : null;
    if (open && after && before && !/\S/.test(part.text.slice(after.text.length, part.text.length - before.text.length))) {
      // The contexts after one place and before the next leave out no word: one hunk.
      open.parts.push(part);
      return;
    }
    if (open && after) {
      if (after.text) open.parts.push({ kind: 'same', text: after.text });
      open.cutAfter = after.cut;
    }
    open = null;
    if (before) {
      open = { parts: before.text ? [{ kind: 'same', text: before.text }] : [], cutBefore: before.cut, cutAfter: false };
      hunks.push(open);
    }
  });
  return { hunks, summary };
}

/** The summary in words: "3 changes: 12 words removed, 2 added". */
export function describeSummary({ changes, wordsRemoved, wordsAdded }: DiffSummary): string {
  if (changes === 0) return 'No differences: the two versions have the same text.';
  const places = changes === 1 ? '1 change' : `${changes} changes`;
  if (wordsRemoved === 0 && wordsAdded === 0) return `${places}, in punctuation and spacing only`;
  return `${places}: ${wordsRemoved === 1 ? '1 word' : `${wordsRemoved} words`} removed, ${wordsAdded} added`;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

function countWords(text: string): number {
  let n = 0;
  for (const segment of segmenter.segment(text)) if (segment.isWordLike) n++;
  return n;
}

const isSpace = (c: string) => /\s/.test(c);

/** Parts with each run of one kind joined into one part, and no empty ones. */
function mergeRuns(parts: readonly DiffPart[]): DiffPart[] {
  const merged: DiffPart[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (part.text === '') continue;
    if (last?.kind === part.kind) last.text += part.text;
    else merged.push({ ...part });
  }
  return merged;
}

/** Context: some unchanged text, and whether it stops short of the line it is in. */
interface Context {
  text: string;
  cut: boolean;
}

/**
 * The start of `text` up to the end of its `n`th word, within the first line that has a word
 * (the line the change ends in, or the next one when the change ends a line).
 */
function leadingWords(text: string, n: number): Context {
  const firstWord = text.search(/\S/);
  const lineEnd = firstWord < 0 ? text.length : text.indexOf('\n', firstWord);
  const line = lineEnd < 0 ? text : text.slice(0, lineEnd);
  const words = /\S+/g;
  let end = 0;
  for (let i = 0; i < n; i++) {
    const match = words.exec(line);
    if (!match) return { text: line, cut: false };
    end = match.index + match[0].length;
  }
  return { text: line.slice(0, end), cut: /\S/.test(line.slice(end)) };
}

/**
 * The end of `text` from the start of its `n`th last word, within the last line that has a word
 * (the line the change starts in, or the one before when it starts a line).
 */
function trailingWords(text: string, n: number): Context {
  const lastWord = text.search(/\S\s*$/);
  const line = text.slice(lastWord < 0 ? 0 : text.lastIndexOf('\n', lastWord) + 1);
  const starts = [...line.matchAll(/\S+/g)].map((m) => m.index);
  if (starts.length <= n) return { text: line, cut: false };
  return { text: line.slice(starts[starts.length - n]), cut: true };
}
