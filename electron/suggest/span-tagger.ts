/**
 * A sequence tagger that learns span labels from a workspace's annotations: an averaged
 * perceptron over the export tokens (formats/export-tokens.ts), tagging each token B-label,
 * I-label or O from left to right, with the tag before it as a feature (greedy decoding). Small,
 * dependency-free and deterministic: training shuffles with a seeded generator, so the same
 * examples and seed give the same model. Offsets are code points.
 */
import { sentences, tokensTouched, type Sentence, type Token } from '../formats/export-tokens';
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

/**
 * The tokens the tagger works on: the sentences' (export-tokens.ts), one after the other, so that
 * the rules, which go sentence by sentence, and the tagger tokenize a text once between them.
 */
export const taggerTokens = (ofText: readonly Sentence[]): Token[] => ofText.flatMap((s) => s.tokens);

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

/**
 * The features of every token that do not depend on the tags. Built for 100,000 tokens at a
 * time (a long article), so each word is lowered and shaped once.
 */
export function textFeatures(text: string, tokens: readonly Token[], extra: TrainOptions['extra']): string[][] {
  const extras = extra?.(text, tokens);
  const quoted = quotedTokens(tokens);
  const words = tokens.map((t) => t.text.toLowerCase());
  const shapes = new Map<string, string>();
  const word = (k: number) => (k < 0 ? '<s>' : k >= words.length ? '</s>' : words[k]!);
  return tokens.map((token, i) => {
    const w = words[i]!;
    const before = word(i - 1);
    const after = word(i + 1);
    let sh = shapes.get(token.text);
    if (sh === undefined) shapes.set(token.text, (sh = shape(token.text)));
    const features = [
      'bias',
      `w=${w}`,
      `s3=${w.slice(-3)}`,
      `sh=${sh}`,
      `w-1=${before}`,
      `w+1=${after}`,
      `w-2=${word(i - 2)}`,
      `w+2=${word(i + 2)}`,
      `w-1w=${before}|${w}`,
      `ww+1=${w}|${after}`,
      `ws=${token.ws}`,
      `q=${quoted[i]}`,
      `q-1=${quoted[i - 1] ?? false}|q=${quoted[i]}`,
    ];
    for (const f of extras?.[i] ?? []) features.push(f);
    return features;
  });
}

/**
 * Each token's score per tag (`tokens.length` rows of `tags.length`) from the features that do
 * not depend on the tags: the sum of the weights of textFeatures(), worked out by word. A word's
 * features (itself, its suffix, as a neighbor on either side) are looked up once per distinct
 * word rather than once per token, which is what makes a 100,000-token article quick to tag.
 */
export function staticScores(model: TaggerModel, text: string, tokens: readonly Token[], extra: TrainOptions['extra']): Float64Array {
  const size = model.tags.length;
  const weights = model.weights;
  const extras = extra?.(text, tokens);
  const quoted = quotedTokens(tokens);
  // Each distinct word gets a number, its features' weights, and (with its neighbors) a pair's.
  const ids = new Map<string, number>();
  const vocabulary: string[] = [];
  const idOf = (word: string) => {
    let id = ids.get(word);
    if (id === undefined) {
      ids.set(word, (id = vocabulary.length));
      vocabulary.push(word);
    }
    return id;
  };
  const wordIds = tokens.map((t) => idOf(t.text.toLowerCase()));
  const [first, last] = [idOf('<s>'), idOf('</s>')];
  const ofWord = vocabulary.map((word) => [
    ...['w=', 'w-1=', 'w+1=', 'w-2=', 'w+2='].map((prefix) => weights.get(prefix + word)),
    weights.get(`s3=${word.slice(-3)}`),
  ]);
  const idAt = (k: number) => (k < 0 ? first : k >= wordIds.length ? last : wordIds[k]!);
  const pairs = new Map<number, (Float64Array | undefined)[]>();
  /** The weights of `w-1w=a|b` and `ww+1=a|b`. */
  const pair = (a: number, b: number) => {
    const key = a * vocabulary.length + b;
    let found = pairs.get(key);
    if (!found) {
      const [left, right] = [vocabulary[a], vocabulary[b]];
      pairs.set(key, (found = [weights.get(`w-1w=${left}|${right}`), weights.get(`ww+1=${left}|${right}`)]));
    }
    return found;
  };
  const shapes = new Map<string, Float64Array | undefined>();
  const bias = weights.get('bias');
  const spaced = [weights.get('ws=false'), weights.get('ws=true')];
  const inQuote = [weights.get('q=false'), weights.get('q=true')];
  const quoteAfter = [false, true].map((before) => [false, true].map((now) => weights.get(`q-1=${before}|q=${now}`)));
  const scores = new Float64Array(tokens.length * size);
  let at = 0;
  const addHere = (vector: Float64Array | undefined) => {
    if (vector) for (let t = 0; t < size; t++) scores[at + t]! += vector[t]!;
  };
  for (let i = 0; i < tokens.length; i++, at += size) {
    const token = tokens[i]!;
    const here = ofWord[wordIds[i]!]!;
    let shaped = shapes.get(token.text);
    if (shaped === undefined && !shapes.has(token.text)) shapes.set(token.text, (shaped = weights.get(`sh=${shape(token.text)}`)));
    addHere(bias);
    addHere(here[0]);
    addHere(here[5]);
    addHere(shaped);
    addHere(ofWord[idAt(i - 1)]![1]);
    addHere(ofWord[idAt(i + 1)]![2]);
    addHere(ofWord[idAt(i - 2)]![3]);
    addHere(ofWord[idAt(i + 2)]![4]);
    addHere(pair(idAt(i - 1), wordIds[i]!)[0]);
    addHere(pair(wordIds[i]!, idAt(i + 1))[1]);
    addHere(spaced[token.ws ? 1 : 0]);
    addHere(inQuote[quoted[i] ? 1 : 0]);
    addHere(quoteAfter[quoted[i - 1] ? 1 : 0]![quoted[i] ? 1 : 0]);
    for (const f of extras?.[i] ?? []) addHere(weights.get(f));
  }
  return scores;
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
    const tokens = taggerTokens(sentences(text));
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

/** The spans the model finds in `text` (whose word tokens the caller may have already). */
export function tagSpans(
  model: TaggerModel,
  text: string,
  extra?: TrainOptions['extra'],
  tokens: readonly Token[] = taggerTokens(sentences(text)),
): LabeledSpan[] {
  const size = model.tags.length;
  const scores = staticScores(model, text, tokens, extra);
  const transitions = model.tags.map((t) => model.weights.get(`t-1=${t}`));
  const score = new Float64Array(size);
  const spans: LabeledSpan[] = [];
  let previous = 0;
  let open: LabeledSpan | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const next = transitions[previous];
    for (let t = 0; t < size; t++) score[t] = scores[i * size + t]! + (next ? next[t]! : 0);
    let top = 0;
    for (let t = 1; t < size; t++) if (score[t]! > score[top]!) top = t;
    const tag = model.tags[top]!;
    const label = tag.slice(2);
    if (open && (tag === OUTSIDE || tag.startsWith('B-') || open.label !== label)) {
      spans.push(open);
      open = null;
    }
    if (tag !== OUTSIDE) {
      if (open) open.end = tokens[i]!.end;
      else open = { label, start: tokens[i]!.start, end: tokens[i]!.end };
    }
    previous = top;
  }
  if (open) spans.push(open);
  return spans;
}
