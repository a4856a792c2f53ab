/**
 * Find and replace over an article's text or a collection's, and the suggested fixes for scraping
 * artifacts: what a request asks, what a preview shows and what applying it did.
 */
import { diffWordsWithSpace } from 'diff';
import { z } from 'zod';
import { badInput } from './errors';
import { Id, type Annotation, type Fragment } from './model';
import { OffsetMap, searchableForm } from './text';
import { codePointLength, diffEdit, mapFragments, type TextEdit } from './text-edits';
import { each, FIXES, type Replacement } from './text-fixes';

/** The suggested fixes for common scraping artifacts (schema/text-fixes.ts finds them). */
export const FixId = z.enum(['nbsp-artifact', 'html-entities', 'space-before-punctuation', 'double-spaces', 'doubled-words']);
export type FixId = z.infer<typeof FixId>;

/** What to replace: plain text, a regular expression (JavaScript syntax, `$1` in the replacement), or a suggested fix. */
export const ReplaceRule = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('text'),
      find: z.string().min(1, 'say what to find').max(1000),
      replace: z.string().max(1000),
      matchCase: z.boolean(),
      wholeWord: z.boolean(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('regex'),
      pattern: z.string().min(1, 'say what to find').max(1000),
      replace: z.string().max(1000),
      matchCase: z.boolean(),
    })
    .strict(),
  z.object({ kind: z.literal('fix'), fix: FixId }).strict(),
]);
export type ReplaceRule = z.infer<typeof ReplaceRule>;

/** Where to replace: one article, or every article of a collection. */
export const ReplaceScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('document'), id: Id }).strict(),
  z.object({ kind: z.literal('collection'), id: Id }).strict(),
]);
export type ReplaceScope = z.infer<typeof ReplaceScope>;

/** One replacement a rule would make, in code points of the article's current text. */
export interface TextChange {
  start: number;
  end: number;
  /** The text replaced, and what replaces it. */
  before: string;
  after: string;
  /** A few words on either side, to show the change in place. */
  context: { before: string; after: string };
  /** What the change would do to annotations other than moving them (of every layer). */
  effects: ChangeEffect[];
}

export interface ChangeEffect {
  annotationId: string;
  labelId: string;
  annotatorId: string;
  quote: string;
  /** resized: text inside it changed; trimmed: the change cut one of its ends; deleted: all its text goes. */
  effect: 'resized' | 'trimmed' | 'deleted';
}

/** The changes a rule would make in one article. */
export interface DocumentChanges {
  documentId: string;
  title: string;
  /** The version the changes are for: applying them to another text is refused. */
  version: number;
  changes: TextChange[];
  /** Annotations that would only move. */
  moved: number;
}

export interface ReplacePreview {
  documents: DocumentChanges[];
  /** Changes over all documents. */
  total: number;
  /** Set when there were more changes than a preview lists; applying covers only those listed. */
  truncated: boolean;
}

/** Applies the changes of a preview that the person kept, named by where they start. */
export const ReplaceApply = z
  .object({
    rule: ReplaceRule,
    selected: z
      .array(
        z
          .object({
            documentId: Id,
            version: z.int().positive(),
            starts: z.array(z.int().nonnegative()).min(1).max(100_000),
          })
          .strict(),
      )
      .min(1, 'choose at least one change')
      .max(100_000),
  })
  .strict();
export type ReplaceApply = z.infer<typeof ReplaceApply>;

export interface ReplaceOutcome {
  documents: number;
  replacements: number;
  /** Annotations whose whole text the replacements removed. */
  annotationsDeleted: number;
  /** Articles left alone, and why (their text changed since the preview). */
  skipped: { documentId: string; title: string; reason: string }[];
}

/** A suggested fix, and how often it applies. */
export interface FixSuggestion {
  fix: FixId;
  /** What it does, in words: "Replace “andnbsp” with a space". */
  name: string;
  count: number;
  /** A few of the places, in context, to recognise it by. */
  examples: string[];
}

/** Most changes a preview lists (over all its articles); `truncated` says when there were more. */
export const PREVIEW_LIMIT = 2000;

/** Every change a rule would make in a text, in text order, not overlapping; `effects` still empty. */
export function findChanges(text: string, rule: ReplaceRule): TextChange[] {
  return findSomeChanges(text, rule, Infinity).changes;
}

/** The first `limit` changes a rule would make in a text (as findChanges), and how many it would make in all. */
export function findSomeChanges(text: string, rule: ReplaceRule, limit: number): { changes: TextChange[]; total: number } {
  const found = replacementsOf(text, rule);
  const offsets = new OffsetMap(text);
  const changes = found.slice(0, limit).map((r) => ({
    start: offsets.toCodePoint(r.start),
    end: offsets.toCodePoint(r.end),
    before: text.slice(r.start, r.end),
    after: r.text,
    context: { before: contextBefore(text, r.start), after: contextAfter(text, r.end) },
    effects: [],
  }));
  return { changes, total: found.length };
}

function replacementsOf(text: string, rule: ReplaceRule): Replacement[] {
  switch (rule.kind) {
    case 'fix':
      return FIXES[rule.fix].find(text);
    case 'text': {
      // Plain text finds its words whatever their normalization or line ends (regular
      // expressions and the fixes are exact tools, and run on the text itself).
      const form = searchableForm(text);
      const found = each(form?.text ?? text, textPattern(rule), () => rule.replace);
      return form ? found.map((r) => ({ ...r, start: form.toTextOffset(r.start), end: form.toTextOffset(r.end) })) : found;
    }
    case 'regex': {
      const pattern = compile(rule.pattern, rule.matchCase);
      return each(text, pattern, (m, at) => substitute(rule.replace, m, at, text));
    }
  }
}

const WORD = String.raw`[\p{L}\p{N}_]`;

/**
 * Plain text as a pattern. A space matches a no-break space too: scraped copy is full of them, and
 * they look the same. A whole word may not continue into letters or digits on either side.
 */
function textPattern(rule: Extract<ReplaceRule, { kind: 'text' }>): RegExp {
  let source = rule.find.normalize('NFC').replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&').replaceAll(' ', '[ \\u00a0\\u2007\\u202f]');
  if (rule.wholeWord) {
    if (new RegExp(`^${WORD}`, 'u').test(rule.find)) source = `(?<!${WORD})${source}`;
    if (new RegExp(`${WORD}$`, 'u').test(rule.find)) source = `${source}(?!${WORD})`;
  }
  return new RegExp(source, rule.matchCase ? 'gu' : 'giu');
}

/** A person's regular expression, or a message naming it and what is wrong with it. */
function compile(pattern: string, matchCase: boolean): RegExp {
  try {
    return new RegExp(pattern, matchCase ? 'gu' : 'giu');
  } catch (error) {
    // "Invalid regular expression: /(/gu: Unterminated group": the reason is the last part.
    const reason = error instanceof Error ? (error.message.split(': ').pop() ?? error.message) : String(error);
    throw badInput(`The regular expression “${pattern}” is not valid: ${reason.toLowerCase()}.`);
  }
}

/** The replacement for one match, with `$1`, `$<name>`, `$&`, `` $` ``, `$'` and `$$` as String.replace reads them. */
function substitute(template: string, m: RegExpExecArray, at: number, text: string): string {
  const groups = m.length - 1;
  return template.replace(/\$(\$|&|`|'|(\d)(\d?)|<([^>]*)>)/g, (token, what: string, d1?: string, d2?: string, name?: string) => {
    if (what === '$') return '$';
    if (what === '&') return m[0];
    if (what === '`') return text.slice(0, at);
    if (what === "'") return text.slice(at + m[0].length);
    if (d1 !== undefined) {
      const two = Number(d1 + d2);
      if (d2 && two >= 1 && two <= groups) return m[two] ?? '';
      const one = Number(d1);
      if (one >= 1 && one <= groups) return (m[one] ?? '') + (d2 ?? '');
      return token;
    }
    return m.groups ? (m.groups[name!] ?? '') : token;
  });
}

const CONTEXT = 40;

/** A few words before `at` (UTF-16), within its paragraph, not starting inside a word. */
function contextBefore(text: string, at: number): string {
  const from = Math.max(0, at - CONTEXT);
  let part = text.slice(from, at);
  const lineBreak = part.lastIndexOf('\n');
  if (lineBreak >= 0) return part.slice(lineBreak + 1);
  if (from > 0 && /\S/.test(text[from - 1]!)) part = part.replace(/^\S*\s*/, '');
  return part;
}

/** A few words after `at` (UTF-16), within its paragraph, not ending inside a word. */
function contextAfter(text: string, at: number): string {
  const to = Math.min(text.length, at + CONTEXT);
  let part = text.slice(at, to);
  const lineBreak = part.indexOf('\n');
  if (lineBreak >= 0) return part.slice(0, lineBreak);
  if (to < text.length && /\S/.test(text[to]!)) part = part.replace(/\s*\S*$/, '');
  return part;
}

/** Beyond this a replacement is not diffed word by word but made as one edit. */
const DIFF_TIMEOUT_MS = 200;

/**
 * The edits one change makes, in descending order of start. Only the words that differ are
 * replaced (" , Russia , " -> " Russia " removes the commas and leaves "Russia" itself), and
 * within a replaced word only what differs, so an annotation on text the change keeps keeps it.
 */
export function changeEdits(change: Pick<TextChange, 'start' | 'before' | 'after'>): TextEdit[] {
  const { before, after } = change;
  // Where there are no two words to keep apart, the word diff would come to the same one edit.
  const oneEdit = !/\S/.test(before) || !/\S/.test(after) || !/\s/.test(before + after);
  const parts = oneEdit ? undefined : diffWordsWithSpace(before, after, { timeout: DIFF_TIMEOUT_MS });
  if (!parts) return [diffEdit(before, after, change.start)].filter((e) => e !== null);
  const edits: TextEdit[] = [];
  let at = change.start;
  let removed = '';
  let added = '';
  const flush = () => {
    const edit = diffEdit(removed, added, at);
    if (edit) edits.push(edit);
    at += codePointLength(removed);
    removed = added = '';
  };
  for (const part of parts) {
    if (part.added) added += part.value;
    else if (part.removed) removed += part.value;
    else {
      flush();
      at += codePointLength(part.value);
    }
  }
  flush();
  return edits.reverse();
}

/**
 * The edits of several changes of one text, as one list that applies in order: descending
 * start, so each edit's offsets are still those of the text the changes were found in.
 */
export function editsOf(changes: readonly TextChange[]): TextEdit[] {
  return changes
    .flatMap((change, index) => changeEdits(change).map((edit) => ({ edit, index })))
    .sort((a, b) => b.edit.start - a.edit.start || b.edit.end - a.edit.end || b.index - a.index)
    .map(({ edit }) => edit);
}

/**
 * What the changes do to the annotations (of every layer): each change lists those it resizes,
 * trims or deletes; `moved` counts those the changes only shift.
 */
export function withEffects(
  changes: readonly TextChange[],
  annotations: readonly Annotation[],
): { changes: TextChange[]; moved: number } {
  const perChange = changes.map((change) => changeEdits(change));
  const flat = perChange
    .flatMap((edits, index) => edits.map((edit) => ({ edit, index })))
    .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end);
  // shiftBefore[i]: how far the first i edits move the text after them.
  const shiftBefore = [0];
  for (const { edit } of flat) {
    shiftBefore.push(shiftBefore[shiftBefore.length - 1]! + codePointLength(edit.text) - (edit.end - edit.start));
  }
  const effects = changes.map((): ChangeEffect[] => []);
  let moved = 0;
  for (const annotation of annotations) {
    const touching = new Set<number>();
    let shifted = false;
    for (const f of annotation.fragments) {
      // The edits are ordered by end too (they do not overlap): the first that reaches past f.start.
      let i = firstIndex(flat.length, (k) => flat[k]!.edit.end > f.start);
      if (shiftBefore[i] !== 0) shifted = true;
      for (; i < flat.length && flat[i]!.edit.start < f.end; i++) touching.add(flat[i]!.index);
    }
    if (touching.size === 0) {
      if (shifted) moved++;
      continue;
    }
    for (const index of [...touching].sort((a, b) => a - b)) {
      effects[index]!.push({
        annotationId: annotation.id,
        labelId: annotation.labelId,
        annotatorId: annotation.annotatorId,
        quote: annotation.quote,
        effect: effectOf(annotation.fragments, perChange[index]!),
      });
    }
  }
  return { changes: changes.map((change, i) => ({ ...change, effects: effects[i]! })), moved };
}

/** What edits that reach into an annotation do to it. */
function effectOf(fragments: readonly Fragment[], edits: readonly TextEdit[]): ChangeEffect['effect'] {
  const after = mapFragments(fragments, edits);
  if (!after) return 'deleted';
  if (after.length < fragments.length) return 'trimmed';
  const cutsAnEnd = fragments.some((f) =>
    edits.some((e) => e.start < f.end && e.end > f.start && (e.start <= f.start || e.end >= f.end)),
  );
  return cutsAnEnd ? 'trimmed' : 'resized';
}

/** The first index in [0, length) where `test` holds (it holds from there on), or length. */
function firstIndex(length: number, test: (index: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** What a replacement did, for the history: `Replaced “andnbsp” with “ ” (2)`. */
export function replaceDescription(rule: ReplaceRule, count: number): string {
  switch (rule.kind) {
    case 'fix':
      return `${FIXES[rule.fix].done} (${count})`;
    case 'text':
      return `Replaced “${shorten(rule.find)}” with “${shorten(rule.replace)}” (${count})`;
    case 'regex':
      return `Replaced /${shorten(rule.pattern)}/ with “${shorten(rule.replace)}” (${count})`;
  }
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
