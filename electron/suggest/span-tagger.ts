/**
 * A sequence tagger that learns span labels from a workspace's annotations: an averaged
 * perceptron over the export tokens (formats/export-tokens.ts), tagging each token B-label,
 * I-label or O from left to right, with the tag before it as a feature (greedy decoding). Small,
 * dependency-free and deterministic: training shuffles with a seeded generator, so the same
 * examples and seed give the same model. Offsets are code points.
 */
import { tokensTouched, wordTokens, type Token } from '../formats/export-tokens';
import type { LabeledSpan } from './span-scores';

export interface TrainingText {
  text: string;
  spans: readonly LabeledSpan[];
}

export interface TrainOptions {
  epochs?: number;
  seed?: number;
  /** Extra features per token (the rules' suggestions, for one), the same at training and tagging. */
  extra?: (text: string, tokens: readonly Token[]) => string[][];
}

export interface TaggerModel {
  tags: string[];
  /** Feature -> one weight per tag (averaged). */
  weights: Map<string, Float64Array>;
  /** How many texts and spans it learned from, and how many spans of each label. */
  examples: { texts: number; spans: number; perLabel: Record<string, number> };
}

const OUTSIDE = 'O';

/** `[B-label, I-label]` per token, or O, for spans that do not overlap (the longer one wins). */
function tagsOf(tokens: readonly Token[], spans: readonly LabeledSpan[]): string[] {
  const tags = tokens.map(() => OUTSIDE);
  const longestFirst = [...spans].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  for (const span of longestFirst) {
    const touched = tokensTouched(tokens, span.start, span.end);
    if (!touched) continue;
    const [first, last] = touched;
    if (tags.slice(first, last + 1).some((t) => t !== OUTSIDE)) continue;
    for (let k = first; k <= last; k++) tags[k] = `${k === first ? 'B' : 'I'}-${span.label}`;
  }
  return tags;
}

function shape(word: string): string {
  return word.replace(/\p{Lu}+/gu, 'X').replace(/\p{Ll}+/gu, 'x').replace(/\p{N}+/gu, 'd').slice(0, 6);
}

/** For each token, whether it is inside a quotation (between an opening and a closing mark). */
function quotedTokens(tokens: readonly Token[]): boolean[] {
  let inside = false;
  return tokens.map((token) => {
    const text = token.text;
    if (text === '“' || (text === '"' && !inside)) return (inside = true);
    if (text === '”' || (text === '"' && inside)) {
      inside = false;
      return true;
    }
    return inside;
  });
}

/** The features of every token that do not depend on the tags. */
function textFeatures(text: string, tokens: readonly Token[], extra: TrainOptions['extra']): string[][] {
  const extras = extra?.(text, tokens);
  const quoted = quotedTokens(tokens);
  return tokens.map((_, i) => [...tokenFeatures(tokens, i, extras?.[i]), `q=${quoted[i]}`, `q-1=${quoted[i - 1] ?? false}|q=${quoted[i]}`]);
}

/** The features of token `i` from its words. */
function tokenFeatures(tokens: readonly Token[], i: number, extra: string[] | undefined): string[] {
  const word = (k: number) => (k < 0 ? '<s>' : k >= tokens.length ? '</s>' : tokens[k]!.text.toLowerCase());
  const w = word(i);
  const features = [
    'bias',
    `w=${w}`,
    `s3=${w.slice(-3)}`,
    `sh=${shape(tokens[i]!.text)}`,
    `w-1=${word(i - 1)}`,
    `w+1=${word(i + 1)}`,
    `w-2=${word(i - 2)}`,
    `w+2=${word(i + 2)}`,
    `w-1w=${word(i - 1)}|${w}`,
    `ww+1=${w}|${word(i + 1)}`,
    `ws=${tokens[i]!.ws}`,
  ];
  if (extra) features.push(...extra);
  return features;
}

/** A generator of numbers in [0, 1) from a seed (mulberry32): the same seed, the same order. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Sequence {
  features: string[][];
  tags: number[];
}

/** Trains a model on the texts' spans. */
export function trainTagger(texts: readonly TrainingText[], options: TrainOptions = {}): TaggerModel {
  const { epochs = 8, seed = 1, extra } = options;
  const labels = [...new Set(texts.flatMap((t) => t.spans.map((s) => s.label)))].sort();
  const tags = [OUTSIDE, ...labels.flatMap((l) => [`B-${l}`, `I-${l}`])];
  const tagIndex = new Map(tags.map((t, k) => [t, k]));
  const sequences: Sequence[] = texts.map(({ text, spans }) => {
    const tokens = wordTokens(text);
    return {
      features: textFeatures(text, tokens, extra),
      tags: tagsOf(tokens, spans).map((t) => tagIndex.get(t)!),
    };
  });

  // Averaged perceptron: `total` holds each weight summed over every step, brought up to date
  // lazily from the step it last changed at.
  const weights = new Map<string, Float64Array>();
  const totals = new Map<string, Float64Array>();
  const stamps = new Map<string, Float64Array>();
  let step = 0;
  const update = (feature: string, tag: number, delta: number) => {
    let w = weights.get(feature);
    if (!w) {
      w = new Float64Array(tags.length);
      weights.set(feature, w);
      totals.set(feature, new Float64Array(tags.length));
      stamps.set(feature, new Float64Array(tags.length));
    }
    const total = totals.get(feature)!;
    const stamp = stamps.get(feature)!;
    total[tag]! += (step - stamp[tag]!) * w[tag]!;
    stamp[tag] = step;
    w[tag]! += delta;
  };

  const random = seeded(seed);
  const order = sequences.map((_, k) => k);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let k = order.length - 1; k > 0; k--) {
      const j = Math.floor(random() * (k + 1));
      [order[k], order[j]] = [order[j]!, order[k]!];
    }
    for (const k of order) {
      const { features, tags: gold } = sequences[k]!;
      let previous = OUTSIDE;
      for (let i = 0; i < features.length; i++) {
        step++;
        const all = [...features[i]!, `t-1=${previous}`];
        const guess = best(weights, all, tags.length);
        const truth = gold[i]!;
        if (guess !== truth) {
          for (const f of all) {
            update(f, truth, 1);
            update(f, guess, -1);
          }
        }
        // Trained on the tags it will see when tagging: its own.
        previous = tags[guess]!;
      }
    }
  }

  const averaged = new Map<string, Float64Array>();
  for (const [feature, w] of weights) {
    const total = totals.get(feature)!;
    const stamp = stamps.get(feature)!;
    averaged.set(feature, w.map((value, tag) => (total[tag]! + (step - stamp[tag]!) * value) / step));
  }
  const perLabel: Record<string, number> = {};
  for (const span of texts.flatMap((t) => t.spans)) perLabel[span.label] = (perLabel[span.label] ?? 0) + 1;
  return { tags, weights: averaged, examples: { texts: texts.length, spans: texts.reduce((n, t) => n + t.spans.length, 0), perLabel } };
}

function best(weights: Map<string, Float64Array>, features: readonly string[], size: number): number {
  const score = new Float64Array(size);
  for (const f of features) {
    const w = weights.get(f);
    if (w) for (let tag = 0; tag < size; tag++) score[tag]! += w[tag]!;
  }
  let top = 0;
  for (let tag = 1; tag < size; tag++) if (score[tag]! > score[top]!) top = tag;
  return top;
}

/** The spans the model finds in `text`. */
export function tagSpans(model: TaggerModel, text: string, extra?: TrainOptions['extra']): LabeledSpan[] {
  const tokens = wordTokens(text);
  const features = textFeatures(text, tokens, extra);
  const spans: LabeledSpan[] = [];
  let previous = OUTSIDE;
  let open: LabeledSpan | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const tag = model.tags[best(model.weights, [...features[i]!, `t-1=${previous}`], model.tags.length)]!;
    const label = tag.slice(2);
    if (open && (tag === OUTSIDE || tag.startsWith('B-') || open.label !== label)) {
      spans.push(open);
      open = null;
    }
    if (tag !== OUTSIDE) {
      if (open) open.end = tokens[i]!.end;
      else open = { label, start: tokens[i]!.start, end: tokens[i]!.end };
    }
    previous = tag;
  }
  if (open) spans.push(open);
  return spans;
}
