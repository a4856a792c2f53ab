/**
 * Suggested fixes for what scrapers and syndication leave in an article's text: `andnbsp` where a
 * non-breaking space was, stray HTML entities, a space before punctuation, doubled spaces and
 * doubled words. Each finds its places; nothing here changes a text.
 */
import { decodeHTMLStrict } from 'entities/decode';
import type { FixId } from './find-replace';

/** A replacement of `[start, end)`, in UTF-16 units of the text, by `text`. */
export interface Replacement {
  start: number;
  end: number;
  text: string;
}

interface Fix {
  /** What it does, offered to the person. */
  name: string;
  /** What it did, for the history ("Replaced … (2)" is followed by the count). */
  done: string;
  find(text: string): Replacement[];
}

const WORD_CHAR = String.raw`[\p{L}\p{N}]`;
/** Before a space this is punctuation that takes none (a run of it, not the start of ".NET"). */
const PUNCTUATION_AHEAD = String.raw`(?=[,.;:!?]+(?!${WORD_CHAR}))`;

export const FIXES: Record<FixId, Fix> = {
  'nbsp-artifact': {
    name: 'Replace “andnbsp” (a scraped non-breaking space) with a space',
    done: 'Replaced “andnbsp” with a space',
    find: (text) =>
      // "andnbsp" is "&nbsp;" whose "&" became "and"; "nbsp" may also be glued to a word.
      each(text, new RegExp(String.raw`[ \t]*(?:&|(?<!${WORD_CHAR})and)?nbsp;?[ \t]*`, 'gu'), (m, at) => {
        const before = text[at - 1];
        const after = text[at + m[0].length];
        const edgeOfLine = before === undefined || before === '\n' || after === undefined || after === '\n';
        return edgeOfLine || ',.;:!?'.includes(after) ? '' : ' ';
      }),
  },
  'html-entities': {
    name: 'Turn HTML entities such as “&amp;” into their characters',
    done: 'Turned HTML entities into their characters',
    find: (text) =>
      each(text, /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g, (m) => {
        const decoded = decodeHTMLStrict(m[0]).replaceAll('\u00a0', ' ');
        // Unknown names stay as they are; so do numbers that name no usable character, and a
        // combining mark (it would compose with the letter before, which the text keeps apart).
        return decoded === m[0] || /[\ufffd\p{Cc}]|^\p{M}/u.test(decoded) ? null : decoded;
      }),
  },
  'space-before-punctuation': {
    name: 'Remove the space before , . ; : ! ?',
    done: 'Removed the space before punctuation',
    find: (text) => each(text, new RegExp(String.raw`(?<=\S)[ \t\u00a0]+${PUNCTUATION_AHEAD}`, 'gu'), () => ''),
  },
  'double-spaces': {
    name: 'Make doubled spaces one',
    done: 'Made doubled spaces one',
    // No-break spaces count: scrapers leave " \u00a0 " where one space was.
    find: (text) => each(text, /(?<=\S)[ \t\u00a0]{2,}(?=\S)/g, () => ' '),
  },
  'doubled-words': {
    name: 'Remove doubled words (“the the”, “Donetsk, Donetsk,”)',
    done: 'Removed doubled words',
    find: (text) =>
      merge(
        // "the the": the repeats go, with the space before each. Never across a line break.
        repeats(text, String.raw`(?:[ \t]+\k<word>)+(?!${WORD_CHAR})`),
        // "Donetsk, Donetsk, and": a list item given twice.
        repeats(text, String.raw`(?:,[ \t]+\k<word>)+(?=,)`),
      ),
  },
};

/** The repeats of a word that `tail` (using the named group `word`) finds right after it, case-insensitively. */
function repeats(text: string, tail: string): Replacement[] {
  const pattern = new RegExp(String.raw`(?<!${WORD_CHAR})(?<word>\p{L}+)(?<tail>${tail})`, 'giu');
  const found: Replacement[] = [];
  for (const m of text.matchAll(pattern)) {
    const start = m.index + m.groups!.word!.length;
    found.push({ start, end: start + m.groups!.tail!.length, text: '' });
  }
  return found;
}

/** A rule's matches as replacements; `replace` gives the new text, or null to leave a match alone. */
export function each(
  text: string,
  pattern: RegExp,
  replace: (match: RegExpExecArray, at: number) => string | null,
): Replacement[] {
  const found: Replacement[] = [];
  for (const m of text.matchAll(pattern)) {
    // An empty match changes nothing (matchAll itself steps past it).
    if (m[0] === '') continue;
    const next = replace(m, m.index);
    if (next !== null && next !== m[0]) found.push({ start: m.index, end: m.index + m[0].length, text: next });
  }
  return found;
}

/** Replacements of several finders, in text order, dropping any that overlaps one before it. */
function merge(...lists: Replacement[][]): Replacement[] {
  const sorted = lists.flat().sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Replacement[] = [];
  for (const r of sorted) {
    const last = kept[kept.length - 1];
    if (!last || r.start >= last.end) kept.push(r);
  }
  return kept;
}
