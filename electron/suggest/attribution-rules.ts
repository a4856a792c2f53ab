/**
 * Built-in rules that find attributions in English news text: a cue (a reporting verb or phrase
 * from attribution-lexicon.json), the source it names (the noun phrase or pronoun before it, or
 * after it when the order is inverted: `"…," said the minister`), the content (the quotation, or
 * the reported clause), and anonymous sources ("people familiar with the matter", "an official
 * who spoke on condition of anonymity") with what the text says of them. They work on the tokens
 * of the exports (formats/export-tokens.ts), sentence by sentence; offsets are code points.
 */
import lexicon from './attribution-lexicon.json' with { type: 'json' };
import { overlaps, type Span } from '../../schema/span-index';
import { sentences, type Sentence, type Token } from '../formats/export-tokens';

export interface AnonymousSource extends Span {
  /** The word that names them: "officials", "people", "person". */
  descriptor: string;
  /** Whether the text gives a reason for the anonymity ("because they were not authorized…"). */
  justification: boolean;
  /** How many, when the text says (a person: 1, two officials: 2); null for "people", "officials". */
  sources: number | null;
}

export interface Attribution {
  /** The reporting verb or phrase; null for an anonymous source that no cue points to. */
  cue: Span | null;
  /** What is attributed: the quotation or the reported clause. */
  content: Span | null;
  /** Who it is attributed to, when named or pointed to; an anonymous source is in `anonymous` instead. */
  source: Span | null;
  anonymous: AnonymousSource | null;
}

/** Lower case, with curly apostrophes as straight ones, the way the lexicon spells words. */
const norm = (token: Token) => token.text.toLowerCase().replaceAll('’', "'");

const CUE_VERBS = new Set(lexicon.cueVerbs);
const SINGULAR_HEADS = new Set(lexicon.anonymousHeads.singular);
const ANONYMOUS_HEADS = new Set([...lexicon.anonymousHeads.singular, ...lexicon.anonymousHeads.plural]);
const NUMBERS = new Map(Object.entries(lexicon.numbers));

const DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'our', 'my', 'this', 'that', 'these', 'those', 'another', 'one', 'two', 'three', 'several', 'some']);
const PRONOUNS = new Set(['he', 'she', 'they', 'we', 'i', 'it', 'you', 'who']);
/** Words between a subject and its verb: "Smith has also said". */
const BETWEEN = new Set(['has', 'have', 'had', 'will', 'would', 'also', 'later', 'previously', 'then', 'again', 'repeatedly', 'publicly', 'privately', 'recently', 'once', 'is', 'was', 'were', 'are', 'been', 'not', 'never', 'often', 'flatly']);
/** Words that join the parts of one source: "a spokesman for the ministry". */
const JOINERS = new Set(['of', 'for', 'at', 'from', "'s"]);
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'dr', 'sen', 'rep', 'gov', 'gen', 'lt', 'sgt', 'st', 'prof', 'col', 'capt']);
const OPENING_QUOTES = new Set(['"', '“', "'", '‘']);
const CLOSING_QUOTES = new Set(['"', '”', "'", '’']);
const MAX_SOURCE_TOKENS = 10;
const TELLS = new Set(['tell', 'tells', 'told', 'telling']);
const LEADING_PREPOSITIONS = new Set(['in', 'on', 'at', 'during', 'after', 'before']);

const isWord = (token: Token) => /^[\p{L}\p{N}]/u.test(token.text);
const isCapitalized = (token: Token) => /^\p{Lu}/u.test(token.text);

/** Whether the words of `phrase` start at token `i`. */
function matchesAt(words: readonly string[], i: number, phrase: readonly string[]): boolean {
  return phrase.every((word, k) => words[i + k] === word);
}

function phraseAt(words: readonly string[], i: number, phrases: readonly (readonly string[])[]): number {
  for (const phrase of phrases) if (matchesAt(words, i, phrase)) return phrase.length;
  return 0;
}

/** The attributions of `text`, sentence by sentence: each cue in text order, then the sentence's anonymous sources that no cue points to. */
export function suggestAttributions(text: string, ofText: readonly Sentence[] = sentences(text)): Attribution[] {
  const found: Attribution[] = [];
  for (const sentence of ofText) found.push(...inSentence(sentence.tokens));
  return found;
}

function inSentence(tokens: Token[]): Attribution[] {
  const words = tokens.map(norm);
  const anonymous = anonymousSources(tokens, words);
  const result: Attribution[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const length = cueLength(tokens, words, i);
    // "who asked not to be identified" belongs to the source it describes.
    if (length === 0 || anonymous.some((a) => a.start <= tokens[i]!.start && tokens[i]!.end <= a.end)) continue;
    const cue = spanOf(tokens, i, i + length - 1);
    const phrase = length > 1 || words[i] === 'according';
    const found = phrase ? afterPhrase(tokens, words, i, length) : aroundVerb(tokens, words, i, anonymousEndingBefore(tokens, words, anonymous, i));
    const named = found.source && anonymous.find((a) => overlaps(a, found.source!));
    const content = named && found.content && overlaps(named, found.content) ? after(tokens, found.content, named.end) : found.content;
    result.push({ cue, content, source: named ? null : found.source, anonymous: named ?? null });
    i += length - 1;
  }
  // Anonymous sources no cue pointed to are suggested on their own.
  for (const a of anonymous) {
    if (!result.some((r) => r.anonymous === a)) result.push({ cue: null, content: null, source: null, anonymous: a });
  }
  return result;
}

/** `span` without what comes before `offset` (the anonymous source it ran into), from the next word on. */
function after(tokens: Token[], span: Span, offset: number): Span | null {
  const next = tokens.find((t) => t.start >= offset && isWord(t));
  return next && next.start < span.end ? { start: next.start, end: span.end } : null;
}

/** The tokens of the anonymous source just before the cue at `i` ("An official, who spoke on condition of anonymity, said"). */
function anonymousEndingBefore(tokens: Token[], words: string[], anonymous: AnonymousSource[], i: number): TokenRange | null {
  let last = i - 1;
  while (last >= 0 && (BETWEEN.has(words[last]!) || words[last] === ',')) last--;
  const source = last >= 0 ? anonymous.find((a) => a.end === tokens[last]!.end) : undefined;
  if (!source) return null;
  return { first: tokens.findIndex((t) => t.start === source.start), last };
}

interface TokenRange {
  first: number;
  last: number;
}

/** How many tokens the cue at `i` has, or 0 if none starts there. */
function cueLength(tokens: Token[], words: string[], i: number): number {
  const phrase = phraseAt(words, i, lexicon.cuePhrases);
  if (phrase) return phrase;
  const word = words[i]!;
  // A capitalized verb inside a sentence is a name: "the United States".
  if (!CUE_VERBS.has(word) || (i > 0 && isCapitalized(tokens[i]!))) return 0;
  const before = words[i - 1];
  // "the report", "the alleged attack", "charged with": the same words as nouns and adjectives.
  if (before !== undefined && DETERMINERS.has(before)) return 0;
  if (words[i + 1] === 'with' && word === 'charged') return 0;
  // A base form ("say", "claim") is a cue after a subject pronoun or an auxiliary, not as a noun.
  if (!/(ed|id|ld|ote|ght|s|ing)$/.test(word) && !(before && (PRONOUNS.has(before) || BETWEEN.has(before) || before === 'to'))) return 0;
  // A present "-s" form at the start of a sentence is a noun ("Notes from the meeting…").
  if (i === 0 && /s$/.test(word) && word !== 'says') return 0;
  return 1;
}

function spanOf(tokens: Token[], first: number, last: number): Span {
  return { start: tokens[first]!.start, end: tokens[last]!.end };
}

interface Found {
  source: Span | null;
  content: Span | null;
}

/** "according to X, content" and "content, according to X". */
function afterPhrase(tokens: Token[], words: string[], i: number, length: number): Found {
  const source = sourceAfter(tokens, words, i + length);
  if (!source) return { source: null, content: null };
  const content =
    i > 0 && words[i - 1] === ','
      ? clause(tokens, 0, i - 2)
      : clause(tokens, skipPunctuation(words, source.last + 1), tokens.length - 1);
  return { source: spanOf(tokens, source.first, source.last), content };
}

/** "X said that content", `"content," X said` and `"content," said X` (the content keeps its "that" and its quotation marks, as PolNeAR's does). */
function aroundVerb(tokens: Token[], words: string[], i: number, anonymous: TokenRange | null): Found {
  let subject = i - 1;
  while (subject >= 0 && BETWEEN.has(words[subject]!)) subject--;
  const named = anonymous ?? (subject >= 0 ? sourceBefore(tokens, words, subject) : null);
  const appositive = named || subject < 0 ? null : apposition(tokens, words, subject);
  const before = named ?? appositive;
  // The one told is not the source: "Ferreira told the committee".
  const tells = TELLS.has(words[i]!);
  const inverted = !before && !tells && subject >= 0 && (words[subject] === ',' || CLOSING_QUOTES.has(tokens[subject]!.text));
  const after = inverted ? sourceAfter(tokens, words, i + 1) : null;
  const source = before ?? after;
  const quoted = quotationBefore(tokens, words, before ? before.first - 1 : subject);
  let content: Span | null = quoted;
  if (!content && named && named.first > 0 && words[named.first - 1] === ',') content = clause(tokens, 0, named.first - 2);
  if (!content && source) {
    const from = (after ? after.last : i) + 1;
    // "told reporters that…", "said in a statement that…", "said publicly that…": the one told, where and how are not the content.
    const next = words[from] ?? '';
    const start = tells || LEADING_PREPOSITIONS.has(next) || /ly$/.test(next) ? reportedClauseStart(words, from) : from;
    // "told the committee on Tuesday." reports nothing.
    content = tells && start === null ? null : clause(tokens, skipPunctuation(words, start ?? from), tokens.length - 1);
  }
  return { source: source ? spanOf(tokens, source.first, source.last) : null, content };
}

/** A name set off by commas just before the verb: "the city's chief engineer, Marisol Ferreira, told" (`comma`: the one before the verb). */
function apposition(tokens: Token[], words: string[], comma: number): TokenRange | null {
  if (words[comma] !== ',' || comma < 1) return null;
  const name = sourceBefore(tokens, words, comma - 1);
  return name && name.first >= 1 && words[name.first - 1] === ',' ? name : null;
}

/** Where "that" (or a comma) starts the reported clause within a few words of `from`, if it does. */
function reportedClauseStart(words: string[], from: number): number | null {
  for (let k = from; k < words.length && k - from < MAX_SOURCE_TOKENS; k++) if (words[k] === 'that' || words[k] === ',') return k;
  return null;
}

function skipPunctuation(words: string[], from: number): number {
  while (from < words.length && (words[from] === ',' || words[from] === ':')) from++;
  return from;
}

/** The tokens `[first, last]` without the punctuation at their ends (and quotes around them), or null if nothing is left. */
function clause(tokens: Token[], first: number, last: number): Span | null {
  while (first <= last && !isWord(tokens[first]!)) first++;
  while (last >= first && !isWord(tokens[last]!)) last--;
  return first <= last ? spanOf(tokens, first, last) : null;
}

/** A quotation that ends at token `end` (its closing mark, perhaps after a comma), with its marks, as PolNeAR marks content. */
function quotationBefore(tokens: Token[], words: string[], end: number): Span | null {
  let close = end;
  if (close >= 0 && words[close] === ',') close--;
  if (close < 0 || !CLOSING_QUOTES.has(tokens[close]!.text)) return null;
  let open = close - 1;
  while (open >= 0 && !OPENING_QUOTES.has(tokens[open]!.text)) open--;
  return open >= 0 && open < close - 1 ? spanOf(tokens, open, close) : null;
}

/** The source whose last token is `last`: a pronoun, a run of capitalized words, or a phrase from its determiner. */
function sourceBefore(tokens: Token[], words: string[], last: number): TokenRange | null {
  if (PRONOUNS.has(words[last]!) && words[last] !== 'who') return { first: last, last };
  let first = -1;
  for (let k = last; k >= 0 && last - k < MAX_SOURCE_TOKENS; k--) {
    const token = tokens[k]!;
    const word = words[k]!;
    if (word === '.' && k > 0 && HONORIFICS.has(words[k - 1]!)) continue;
    if (!isWord(token) && word !== "'s" && word !== '-') break;
    if (DETERMINERS.has(word)) {
      first = k;
      // "a spokesman for the ministry": the phrase goes on before "for".
      if (k >= 2 && JOINERS.has(words[k - 1]!) && isWord(tokens[k - 2]!)) {
        const more = sourceBefore(tokens, words, k - 2);
        if (more) first = more.first;
      }
      break;
    }
    if (isCapitalized(token)) first = k;
    // "the Chamber of Commerce", "the Centers for Disease Control": one name.
    else if (first !== -1 && (word === 'of' || word === 'for') && k > 0 && isCapitalized(tokens[k - 1]!)) continue;
    else if (first !== -1 && isCapitalized(tokens[k + 1]!)) break;
    else if (BETWEEN.has(word) || PRONOUNS.has(word) || CUE_VERBS.has(word)) break;
  }
  return first === -1 ? null : { first, last };
}

/** The source that starts at token `first`, up to the punctuation that ends it. */
function sourceAfter(tokens: Token[], words: string[], first: number): TokenRange | null {
  if (first >= tokens.length || !isWord(tokens[first]!)) return null;
  if (PRONOUNS.has(words[first]!)) return { first, last: first };
  let last = first;
  while (
    last + 1 < tokens.length &&
    last + 1 - first < MAX_SOURCE_TOKENS &&
    (isWord(tokens[last + 1]!) || words[last + 1] === "'s" || (words[last + 1] === '.' && HONORIFICS.has(words[last]!))) &&
    !CUE_VERBS.has(words[last + 1]!) &&
    words[last + 1] !== 'that'
  )
    last++;
  return { first, last };
}

/** "people familiar with the matter", "two officials briefed on the talks", "an official who spoke on condition of anonymity". */
function anonymousSources(tokens: Token[], words: string[]): AnonymousSource[] {
  const found: AnonymousSource[] = [];
  const add = (first: number, head: number, last: number) => {
    const reason = anonymityAfter(words, last);
    const end = reason ? reason.end : last;
    const count = first < head ? NUMBERS.get(words[first]!) : undefined;
    found.push({
      ...spanOf(tokens, first, lastWord(tokens, end)),
      descriptor: tokens[head]!.text,
      justification: reason?.justified ?? false,
      sources: count ?? (SINGULAR_HEADS.has(words[head]!) || words[first] === 'a' || words[first] === 'an' ? 1 : null),
    });
    return end;
  };
  for (let head = 0; head < tokens.length; head++) {
    if (!ANONYMOUS_HEADS.has(words[head]!)) continue;
    const link = phraseAt(words, head + 1, lexicon.anonymousLinks);
    if (!link && !anonymityAfter(words, head)) continue;
    head = add(quantityStart(words, head), head, link ? objectEnd(tokens, words, head + 1 + link) : head);
  }
  // Any other noun phrase that "spoke on condition of anonymity": "the citizens, who spoke…".
  for (let k = 1; k < tokens.length; k++) {
    if (words[k] !== 'who' && words[k] !== 'speaking') continue;
    if (found.some((a) => a.start <= tokens[k]!.start && tokens[k]!.end <= a.end)) continue;
    const last = words[k - 1] === ',' ? k - 2 : k - 1;
    const phrase = last >= 0 ? sourceBefore(tokens, words, last) : null;
    if (phrase && anonymityAfter(words, last)) k = add(phrase.first, phrase.last, phrase.last);
  }
  return found.sort((x, y) => x.start - y.start);
}

/** The anonymity clause right after token `last` ("…, who spoke on condition of anonymity because…"): where it ends, and whether it gives a reason. */
function anonymityAfter(words: string[], last: number): { end: number; justified: boolean } | null {
  let next = last + 1;
  if (words[next] === ',') next++;
  const clauseStart = words[next] === 'who' ? next + 1 : words[next] === 'speaking' ? next : -1;
  const length = clauseStart === -1 ? 0 : anonymityAt(words, clauseStart);
  if (!length) return null;
  const end = clauseStart + length - 1;
  const reason = justificationAfter(words, end + 1);
  return reason === -1 ? { end, justified: false } : { end: reason, justified: true };
}

function lastWord(tokens: Token[], end: number): number {
  while (end > 0 && !isWord(tokens[end]!)) end--;
  return end;
}

/** The start of "two senior administration officials": the number or article before the head, over its modifiers. */
function quantityStart(words: string[], head: number): number {
  let k = head;
  while (k > 0 && head - k < 4 && /^[a-z-]+$/.test(words[k - 1]!) && !NUMBERS.has(words[k - 1]!) && !DETERMINERS.has(words[k - 1]!) && !CUE_VERBS.has(words[k - 1]!) && !BETWEEN.has(words[k - 1]!) && !JOINERS.has(words[k - 1]!) && words[k - 1] !== 'to' && words[k - 1] !== 'and') k--;
  if (k > 0 && (NUMBERS.has(words[k - 1]!) || DETERMINERS.has(words[k - 1]!))) k--;
  return k;
}

/** The last token of the object after "familiar with": up to punctuation, a cue, or "who". */
function objectEnd(tokens: Token[], words: string[], from: number): number {
  let end = from;
  while (end + 1 < tokens.length && isWord(tokens[end + 1]!) && !CUE_VERBS.has(words[end + 1]!) && words[end + 1] !== 'who' && end + 1 - from < 8) end++;
  return end;
}

function anonymityAt(words: string[], from: number): number {
  for (let k = from; k < Math.min(words.length, from + 3); k++) {
    const length = phraseAt(words, k, lexicon.anonymityClauses);
    if (length) return k - from + length;
  }
  return 0;
}

/** The last token of a reason given right after the anonymity ("because they were not authorized to speak"), or -1. */
function justificationAfter(words: string[], from: number): number {
  if (phraseAt(words, from, lexicon.justificationMarkers) === 0) return -1;
  let end = from;
  while (end + 1 < words.length && /^[\p{L}\p{N}']/u.test(words[end + 1]!) && !CUE_VERBS.has(words[end + 1]!)) end++;
  return end;
}

/**
 * The head noun of a tagged source that describes someone without naming them ("sources", "a
 * senior official, who spoke on condition of anonymity", "White House aides"): the last word
 * before any clause that follows it, when it is one of the lexicon's anonymous heads; else null.
 */
export function anonymousHead(source: string): string | null {
  const phrase = source.toLowerCase().replaceAll('’', "'").split(/[,(]|\b(?:who|familiar|briefed|speaking|with|close|involved|knowledgeable)\b/u)[0]!;
  const head = phrase.match(/[\p{L}\p{N}']+/gu)?.at(-1);
  return head && ANONYMOUS_HEADS.has(head) ? head : null;
}
