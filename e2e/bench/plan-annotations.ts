/**
 * Where the benchmark's annotations and links go in a generated article: spans of 3-12 whole
 * words inside one paragraph, spread over the whole text, mostly apart, with an exact number
 * overlapping another span; links go from a claim to a nearby source or anonymous attribution.
 */
import { createRandom, type Random } from './random.ts';

export type LabelKey = 'claim' | 'source' | 'anonymous';

export interface PlannedSpan {
  /** Offsets in the text, [start, end). */
  start: number;
  end: number;
  label: LabelKey;
}

export interface AnnotationPlan {
  /** In text order. */
  spans: PlannedSpan[];
  /** Links as [from, to] indices into `spans`: claim -> source or anonymous attribution. */
  links: [number, number][];
}

export interface PlanOptions {
  annotations: number;
  /** How many of `annotations` overlap another annotation; the rest overlap nothing. */
  overlapping: number;
  links: number;
  seed?: number;
}

interface Word {
  start: number;
  end: number;
}

/** A run of words `first..last` (indices into one paragraph's words, both included). */
interface WordSpan {
  paragraph: number;
  first: number;
  last: number;
}

/** A word: letters and digits, with inner apostrophes, hyphens and decimal points. */
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}’'.-]*[\p{L}\p{N}])?/gu;

/** The words of each paragraph ("\n\n"-separated), with their offsets in the whole text. */
export function paragraphWords(text: string): Word[][] {
  const paragraphs: Word[][] = [];
  let offset = 0;
  for (const paragraph of text.split('\n\n')) {
    paragraphs.push(Array.from(paragraph.matchAll(WORD), (m) => ({ start: offset + m.index, end: offset + m.index + m[0].length })));
    offset += paragraph.length + 2;
  }
  return paragraphs;
}

export function planAnnotations(text: string, options: PlanOptions): AnnotationPlan {
  const random = createRandom(options.seed ?? 7);
  const words = paragraphWords(text);
  const apart = options.annotations - options.overlapping;

  // Tile every paragraph with short spans and small gaps, then keep an evenly spread subset.
  const candidates = tile(words, random);
  if (candidates.length < apart) {
    throw new Error(`The text has room for ${candidates.length} separate spans, not ${apart}.`);
  }
  const base = Array.from({ length: apart }, (_, k) => candidates[Math.floor((k * candidates.length) / apart)]!);

  const overlaps: WordSpan[] = [];
  const used = new Set<number>();
  for (let k = 0; k < options.overlapping; k++) {
    // Over an evenly spread base span, or the next one with room.
    let b = Math.floor(((k + 0.5) * base.length) / options.overlapping);
    let span: WordSpan | null = null;
    while (!span && b < base.length) {
      span = used.has(b) ? null : overlapping(base, b, words, random);
      if (!span) b++;
    }
    if (!span) throw new Error(`No room for overlapping span ${k + 1} of ${options.overlapping}.`);
    used.add(b);
    overlaps.push(span);
  }

  const spans = [...base, ...overlaps]
    .map((s) => ({
      start: words[s.paragraph]![s.first]!.start,
      end: words[s.paragraph]![s.last]!.end,
      label: pickLabel(random),
    }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  return { spans, links: planLinks(spans, options.links) };
}

function tile(words: Word[][], random: Random): WordSpan[] {
  const spans: WordSpan[] = [];
  words.forEach((paragraph, p) => {
    let first = random.int(0, 2);
    for (;;) {
      // 3-12 words, mostly short, as tagged claims and attributions tend to be.
      const length = 3 + Math.floor(random.next() ** 2 * 10);
      if (first + length > paragraph.length) break;
      spans.push({ paragraph: p, first, last: first + length - 1 });
      first += length + random.int(1, 3);
    }
  });
  return spans;
}

/**
 * A span that starts inside `base[b]` (after its first word) and may run past its end, but not
 * into the next span or the next paragraph; null when there is no room for 3 words.
 */
function overlapping(base: WordSpan[], b: number, words: Word[][], random: Random): WordSpan | null {
  const span = base[b]!;
  const next = base[b + 1];
  const limit =
    next && next.paragraph === span.paragraph ? next.first - 1 : words[span.paragraph]!.length - 1;
  const latestStart = Math.min(span.last, limit - 2);
  if (latestStart < span.first + 1) return null;
  const first = random.int(span.first + 1, latestStart);
  const last = first + random.int(2, Math.min(11, limit - first));
  return { paragraph: span.paragraph, first, last };
}

function pickLabel(random: Random): LabelKey {
  const r = random.next();
  return r < 0.5 ? 'claim' : r < 0.75 ? 'source' : 'anonymous';
}

/** Each link joins a claim to the closest following source or attribution not yet linked to it. */
function planLinks(spans: PlannedSpan[], count: number): [number, number][] {
  const claims = spans.flatMap((s, i) => (s.label === 'claim' ? [i] : []));
  const links: [number, number][] = [];
  const seen = new Set<string>();
  for (let k = 0; k < count; k++) {
    const from = claims[Math.floor((k * claims.length) / count)]!;
    let to = from + 1;
    while (to < spans.length && (spans[to]!.label === 'claim' || seen.has(`${from}>${to}`))) to++;
    if (to >= spans.length) {
      // Past the last attribution: link backwards instead.
      to = from - 1;
      while (to >= 0 && (spans[to]!.label === 'claim' || seen.has(`${from}>${to}`))) to--;
    }
    if (to < 0) throw new Error('The plan has no source or attribution to link a claim to.');
    seen.add(`${from}>${to}`);
    links.push([from, to]);
  }
  return links;
}
