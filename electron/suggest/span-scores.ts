/**
 * How well suggested spans match a person's, per label: exact spans (the same label, start and
 * end) and token overlap (the tokens each side covers with that label). Offsets are code points.
 */
import { tokensTouched, type Token } from '../formats/export-tokens';

export interface LabeledSpan {
  label: string;
  start: number;
  end: number;
}

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
  /** What was counted: spans for exact scores, tokens for overlap. */
  found: number;
  expected: number;
  matched: number;
}

export interface LabelScores {
  label: string;
  exact: Scores;
  overlap: Scores;
}

export function scores(matched: number, found: number, expected: number): Scores {
  const precision = found === 0 ? 0 : matched / found;
  const recall = expected === 0 ? 0 : matched / expected;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, found, expected, matched };
}

/** Scores for every label either side uses, in name order. */
export function spanScores(gold: readonly LabeledSpan[], suggested: readonly LabeledSpan[], tokens: readonly Token[]): LabelScores[] {
  const labels = [...new Set([...gold, ...suggested].map((s) => s.label))].sort();
  return labels.map((label) => {
    const mine = (spans: readonly LabeledSpan[]) => spans.filter((s) => s.label === label);
    const [expected, found] = [mine(gold), mine(suggested)];
    const key = (s: LabeledSpan) => `${s.start}:${s.end}`;
    const expectedKeys = new Set(expected.map(key));
    const exactMatches = new Set(found.map(key).filter((k) => expectedKeys.has(k))).size;
    const [goldTokens, foundTokens] = [tokenSet(expected, tokens), tokenSet(found, tokens)];
    const shared = [...foundTokens].filter((t) => goldTokens.has(t)).length;
    return {
      label,
      exact: scores(exactMatches, new Set(found.map(key)).size, expectedKeys.size),
      overlap: scores(shared, foundTokens.size, goldTokens.size),
    };
  });
}

/** The indexes of the tokens the spans touch. */
function tokenSet(spans: readonly LabeledSpan[], tokens: readonly Token[]): Set<number> {
  const set = new Set<number>();
  for (const span of spans) {
    const touched = tokensTouched(tokens, span.start, span.end);
    if (touched) for (let k = touched[0]; k <= touched[1]; k++) set.add(k);
  }
  return set;
}
