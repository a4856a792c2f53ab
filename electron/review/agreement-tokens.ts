/**
 * One label per word token for token-level agreement. Tokens are the non-whitespace word
 * segments of formats/export-tokens.ts (Intl.Segmenter); a token no span touches is O (0).
 *
 * A token is under a span when one of the span's fragments shares at least one code point with
 * it. Under several spans of one annotator, the shortest span wins (its fragments' total length
 * in code points), and between spans of the same length the label that comes first in the label
 * list (by position, then name) wins. So a nested source inside a claim labels its own tokens,
 * and the claim the rest.
 */
import type { Fragment } from '../../schema/model';
import { tokensTouched, type Token } from '../formats/export-tokens';

export interface TokenSpan {
  /** 1-based index into the label list (0 is O). */
  label: number;
  fragments: readonly Fragment[];
}

export function spanLength(fragments: readonly Fragment[]): number {
  let length = 0;
  for (const f of fragments) length += f.end - f.start;
  return length;
}

/** The label of every token (0 for O). */
export function tokenLabels(tokens: readonly Token[], spans: readonly TokenSpan[]): Int32Array {
  const labels = new Int32Array(tokens.length);
  const lengths = new Float64Array(tokens.length).fill(Infinity);
  for (const span of spans) {
    const length = spanLength(span.fragments);
    for (const fragment of span.fragments) {
      const touched = tokensTouched(tokens, fragment.start, fragment.end);
      if (!touched) continue;
      for (let t = touched[0]; t <= touched[1]; t++) {
        if (length < lengths[t]! || (length === lengths[t] && span.label < labels[t]!)) {
          lengths[t] = length;
          labels[t] = span.label;
        }
      }
    }
  }
  return labels;
}
