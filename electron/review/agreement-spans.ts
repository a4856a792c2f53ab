/**
 * Matching two layers' spans in one article, for span F1 and for what is compared on matched
 * spans (links, attributes). Both matchings are one-to-one and need the same label:
 * - exact: the same fragments (a discontinuous span compares by its whole set of fragments);
 * - overlap: the fragments' unions share at least one code point; pairs are taken greedily, the
 *   largest shared length first (ties: earlier span of A, then earlier span of B), so each span
 *   is matched at most once.
 */
import type { Fragment } from '../../schema/model';

export interface MatchSpan {
  id: string;
  /** 1-based index into the label list. */
  label: number;
  /** Sorted, not overlapping. */
  fragments: readonly Fragment[];
}

/** The length two sorted fragment lists share, in code points. */
export function sharedLength(a: readonly Fragment[], b: readonly Fragment[]): number {
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const overlap = Math.min(x.end, y.end) - Math.max(x.start, y.start);
    if (overlap > 0) shared += overlap;
    if (x.end <= y.end) i++;
    else j++;
  }
  return shared;
}

const fragmentKey = (span: MatchSpan) => `${span.label}:${span.fragments.map((f) => `${f.start}-${f.end}`).join(',')}`;

/** Exactly matched pairs [index in a, index in b]. */
export function matchExact(a: readonly MatchSpan[], b: readonly MatchSpan[]): [number, number][] {
  const waiting = new Map<string, number[]>();
  b.forEach((span, j) => {
    const key = fragmentKey(span);
    const list = waiting.get(key);
    if (list) list.push(j);
    else waiting.set(key, [j]);
  });
  const pairs: [number, number][] = [];
  a.forEach((span, i) => {
    const j = waiting.get(fragmentKey(span))?.shift();
    if (j !== undefined) pairs.push([i, j]);
  });
  return pairs;
}

/** Overlap-matched pairs [index in a, index in b]. */
export function matchOverlap(a: readonly MatchSpan[], b: readonly MatchSpan[]): [number, number][] {
  const candidates: { i: number; j: number; shared: number }[] = [];
  const first = (s: MatchSpan) => s.fragments[0]!.start;
  const last = (s: MatchSpan) => s.fragments[s.fragments.length - 1]!.end;
  // B by start: the spans that start at or after A's end are never looked at.
  const order = b.map((_, j) => j).sort((p, q) => first(b[p]!) - first(b[q]!));
  a.forEach((x, i) => {
    const start = first(x);
    const end = last(x);
    for (const j of order) {
      const y = b[j]!;
      if (first(y) >= end) break;
      if (x.label !== y.label || last(y) <= start) continue;
      const shared = sharedLength(x.fragments, y.fragments);
      if (shared > 0) candidates.push({ i, j, shared });
    }
  });
  candidates.sort((p, q) => q.shared - p.shared || p.i - q.i || p.j - q.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: [number, number][] = [];
  for (const { i, j } of candidates) {
    if (usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i);
    usedB.add(j);
    pairs.push([i, j]);
  }
  return pairs;
}
