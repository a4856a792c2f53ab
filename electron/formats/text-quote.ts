/**
 * Re-anchoring spans on another version of a text, the way the W3C TextQuoteSelector does it: a
 * span is its exact text with some text before (prefix) and after (suffix); on the other text it
 * goes where the exact text occurs with the most of its prefix and suffix around it, the nearest
 * to where it was when several fit as well. Offsets are code points, as everywhere.
 *
 * `reanchor` compares the two texts in their comparison form (schema/text.ts), so that a quote
 * still finds its words where the other text has other line ends or another normalization.
 */
import type { Fragment } from '../../schema/model';
import { comparisonForm, OffsetMap, sliceCodePoints, type ComparisonForm } from '../../schema/text';

/** Code points of context kept on each side. */
const CONTEXT = 32;

export interface TextQuote {
  exact: string;
  prefix: string;
  suffix: string;
  /** Where it started in its own text (code points): the tie-breaker. */
  start: number;
}

export interface Text {
  text: string;
  offsets: OffsetMap;
}

export type Anchored = { fragments: Fragment[] } | { reason: string };

export function textQuote(from: Text, fragment: Fragment): TextQuote {
  const { text, offsets } = from;
  return {
    exact: sliceCodePoints(text, offsets, fragment.start, fragment.end),
    prefix: sliceCodePoints(text, offsets, Math.max(0, fragment.start - CONTEXT), fragment.start),
    suffix: sliceCodePoints(text, offsets, fragment.end, Math.min(offsets.codePointLength, fragment.end + CONTEXT)),
    start: fragment.start,
  };
}

/** Where a quote goes in `to`, or why it goes nowhere. */
export function anchorQuote(to: Text, quote: TextQuote): Fragment | { reason: string } {
  const { text, offsets } = to;
  let best: { at: number; score: number; distance: number } | null = null;
  let found = 0;
  for (let at = text.indexOf(quote.exact); at !== -1; at = text.indexOf(quote.exact, at + 1)) {
    found++;
    const score = commonSuffix(quote.prefix, text.slice(Math.max(0, at - quote.prefix.length), at)) +
      commonPrefix(quote.suffix, text.slice(at + quote.exact.length, at + quote.exact.length + quote.suffix.length));
    const distance = Math.abs(offsets.toCodePoint(at) - quote.start);
    if (!best || score > best.score || (score === best.score && distance < best.distance)) best = { at, score, distance };
  }
  if (!best) return { reason: `its text “${shorten(quote.exact)}” is not in this workspace's text of the article` };
  if (found > 1 && best.score === 0) {
    return { reason: `its text “${shorten(quote.exact)}” occurs ${found} times here, none with the text that was around it` };
  }
  const start = offsets.toCodePoint(best.at);
  return { start, end: start + Array.from(quote.exact).length };
}

/** An annotation's fragments from one text on another: each fragment anchored, still in order. */
export function reanchor(from: Text, to: Text, fragments: readonly Fragment[]): Anchored {
  const a = compared(from);
  const b = compared(to);
  const placed: Fragment[] = [];
  for (const fragment of fragments) {
    const quote = textQuote(a.text, { start: a.form?.toComparison(fragment.start) ?? fragment.start, end: a.form?.toComparison(fragment.end) ?? fragment.end });
    const found = anchorQuote(b.text, quote);
    if ('reason' in found) return found;
    const anchored = b.form ? { start: b.form.fromComparison(found.start), end: b.form.fromComparison(found.end) } : found;
    const previous = placed[placed.length - 1];
    if (previous && anchored.start < previous.end) {
      return { reason: 'its fragments no longer come one after another in this text' };
    }
    placed.push(anchored);
  }
  return { fragments: placed };
}

/** A text's comparison form as a Text of its own, made once per text (the same Text is asked for every annotation). */
const comparedTexts = new WeakMap<Text, { text: Text; form: ComparisonForm | null }>();
function compared(text: Text): { text: Text; form: ComparisonForm | null } {
  let entry = comparedTexts.get(text);
  if (!entry) {
    const form = comparisonForm(text.text);
    // A text whose form cannot be mapped is compared as it is.
    entry = form && form.text !== text.text ? { text: { text: form.text, offsets: new OffsetMap(form.text) }, form } : { text, form: null };
    comparedTexts.set(text, entry);
  }
  return entry;
}

function commonSuffix(x: string, y: string): number {
  let n = 0;
  while (n < x.length && n < y.length && x[x.length - 1 - n] === y[y.length - 1 - n]) n++;
  return n;
}

function commonPrefix(x: string, y: string): number {
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

function shorten(text: string, max = 40): string {
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}
