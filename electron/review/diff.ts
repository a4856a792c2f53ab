/**
 * The differences between two layers of one article (schema/review.ts has their kinds): pure, so
 * that the review view, adjudication and the tests all see the same list.
 *
 * Spans are paired in three rounds, each over what the rounds before left unpaired: the same
 * fragments (same label first: agree, or attribute when their values differ; then label), then
 * overlapping with the same label (boundaries, the largest overlap first), and the rest is only_a
 * or only_b. Links are compared through that pairing: a link of A and one of B whose ends are the
 * same pairs agree (same type) or differ (link); any other link is a link difference of one side.
 * Links that agree are listed as `agree` too, so that "accept all agreements" takes them into the
 * reviewed layer with their ends.
 */
import type { Difference } from '../../schema/review';
import type { Annotation, Fragment, Label, Relation } from '../../schema/model';

export interface LayersToCompare {
  /** Annotations of layer A and of layer B (each of one annotator, one document). */
  a: readonly Annotation[];
  b: readonly Annotation[];
  relationsA: readonly Relation[];
  relationsB: readonly Relation[];
  /** The label schema, for the names in summaries. */
  labels: readonly Label[];
}

export type RawDifference = Omit<Difference, 'resolution'>;

export interface LayerDiff {
  /** In document order (start, end, then key). */
  differences: RawDifference[];
  /** The key of the span difference each annotation of A or B is part of. */
  spanKeyOf: Map<string, string>;
}

type Side = 'a' | 'b';

interface Pair {
  a: Annotation | null;
  b: Annotation | null;
  kind: 'agree' | 'attribute' | 'label' | 'boundaries' | 'only_a' | 'only_b';
}

export function diffLayers(input: LayersToCompare): LayerDiff {
  const labels = new Map(input.labels.map((l) => [l.id, l]));
  const pairs = pairSpans(input.a, input.b, labels);
  const differences: RawDifference[] = [];
  const spanKeyOf = new Map<string, string>();
  /** The pair each paired annotation belongs to (both sides present). */
  const pairIndex = new Map<string, number>();

  pairs.forEach((pair, index) => {
    const key = `span:${pair.a?.id ?? ''}|${pair.b?.id ?? ''}`;
    for (const side of [pair.a, pair.b]) if (side) spanKeyOf.set(side.id, key);
    if (pair.a && pair.b) {
      pairIndex.set(pair.a.id, index);
      pairIndex.set(pair.b.id, index);
    }
    const extent = unionExtent([pair.a, pair.b]);
    differences.push({
      key,
      kind: pair.kind,
      start: extent.start,
      end: extent.end,
      a: pair.a ? [pair.a.id] : [],
      b: pair.b ? [pair.b.id] : [],
      summary: spanSummary(pair, labels),
    });
  });

  differences.push(...diffLinks(input, pairIndex, labels));
  differences.sort((x, y) => x.start - y.start || x.end - y.end || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return { differences, spanKeyOf };
}

function pairSpans(a: readonly Annotation[], b: readonly Annotation[], labels: Map<string, Label>): Pair[] {
  const pairs: Pair[] = [];
  const pairedA = new Set<string>();
  const pairedB = new Set<string>();
  const pair = (x: Annotation, y: Annotation, kind: Pair['kind']) => {
    pairs.push({ a: x, b: y, kind });
    pairedA.add(x.id);
    pairedB.add(y.id);
  };

  // Round 1: the same fragments; the same label before another label.
  const bySignature = new Map<string, Annotation[]>();
  for (const y of b) {
    const key = signature(y.fragments);
    const group = bySignature.get(key);
    if (group) group.push(y);
    else bySignature.set(key, [y]);
  }
  const groupOf = a.map((x) => bySignature.get(signature(x.fragments)));
  for (const sameLabel of [true, false]) {
    a.forEach((x, i) => {
      const group = groupOf[i];
      if (!group || pairedA.has(x.id)) return;
      const y = group.find((c) => !pairedB.has(c.id) && (c.labelId === x.labelId) === sameLabel);
      if (!y) return;
      if (!sameLabel) pair(x, y, 'label');
      else pair(x, y, attributeChanges(x, y, labels.get(x.labelId)).length > 0 ? 'attribute' : 'agree');
    });
  }

  // Round 2: overlapping with the same label, the largest overlap first (then the earliest).
  const candidates: { x: Annotation; y: Annotation; overlap: number; start: number }[] = [];
  const restA = a.filter((x) => !pairedA.has(x.id));
  const restB = b.filter((y) => !pairedB.has(y.id));
  const byStart = [
    ...restA.map((item) => ({ side: 'a' as Side, item, ...extentOf(item.fragments) })),
    ...restB.map((item) => ({ side: 'b' as Side, item, ...extentOf(item.fragments) })),
  ].sort((p, q) => p.start - q.start);
  // Sweep by start: each span meets the spans of the other layer still open where it starts.
  const open: Record<Side, typeof byStart> = { a: [], b: [] };
  for (const entry of byStart) {
    const others = open[entry.side === 'a' ? 'b' : 'a'];
    let kept = 0;
    for (const other of others) {
      if (other.end <= entry.start) continue;
      others[kept++] = other;
      if (other.item.labelId !== entry.item.labelId) continue;
      const overlap = overlapLength(entry.item.fragments, other.item.fragments);
      if (overlap === 0) continue;
      const [x, y] = entry.side === 'a' ? [entry.item, other.item] : [other.item, entry.item];
      candidates.push({ x, y, overlap, start: Math.min(entry.start, other.start) });
    }
    others.length = kept;
    open[entry.side].push(entry);
  }
  candidates.sort((p, q) => q.overlap - p.overlap || p.start - q.start || compareIds(p.x.id, q.x.id) || compareIds(p.y.id, q.y.id));
  for (const { x, y } of candidates) if (!pairedA.has(x.id) && !pairedB.has(y.id)) pair(x, y, 'boundaries');

  // Round 3: the rest.
  for (const x of a) if (!pairedA.has(x.id)) pairs.push({ a: x, b: null, kind: 'only_a' });
  for (const y of b) if (!pairedB.has(y.id)) pairs.push({ a: null, b: y, kind: 'only_b' });
  return pairs;
}

function diffLinks(input: LayersToCompare, pairIndex: Map<string, number>, labels: Map<string, Label>): RawDifference[] {
  const annotations = new Map([...input.a, ...input.b].map((x) => [x.id, x]));
  const ends = (r: Relation) => {
    const from = pairIndex.get(r.fromId);
    const to = pairIndex.get(r.toId);
    return from === undefined || to === undefined ? null : `${from}>${to}`;
  };
  const byEnds = new Map<string, Relation[]>();
  for (const r of input.relationsB) {
    const at = ends(r);
    if (at === null) continue;
    const group = byEnds.get(at);
    if (group) group.push(r);
    else byEnds.set(at, [r]);
  }
  const matchedB = new Set<string>();
  const matches = new Map<string, Relation>();
  for (const sameType of [true, false]) {
    for (const r of input.relationsA) {
      if (matches.has(r.id)) continue;
      const at = ends(r);
      const other = at === null ? undefined : byEnds.get(at)?.find((c) => !matchedB.has(c.id) && (c.labelId === r.labelId) === sameType);
      if (!other) continue;
      matches.set(r.id, other);
      matchedB.add(other.id);
    }
  }

  const differences: RawDifference[] = [];
  const push = (ra: Relation | null, rb: Relation | null) => {
    const extent = unionExtent([ra, rb].flatMap((r) => (r ? [annotations.get(r.fromId), annotations.get(r.toId)] : [])));
    differences.push({
      key: `link:${ra?.id ?? ''}|${rb?.id ?? ''}`,
      kind: ra && rb && ra.labelId === rb.labelId ? 'agree' : 'link',
      start: extent.start,
      end: extent.end,
      a: ra ? [ra.id] : [],
      b: rb ? [rb.id] : [],
      summary: linkSummary(ra, rb, annotations, labels),
    });
  };
  for (const r of input.relationsA) push(r, matches.get(r.id) ?? null);
  for (const r of input.relationsB) if (!matchedB.has(r.id)) push(null, r);
  return differences;
}

/** The attributes whose values differ between two annotations of the same label. */
function attributeChanges(x: Annotation, y: Annotation, label: Label | undefined): { key: string; a: unknown; b: unknown }[] {
  if (isEmpty(x.attributes) && isEmpty(y.attributes)) return [];
  const keys = [...new Set([...Object.keys(x.attributes), ...Object.keys(y.attributes)])];
  const order = new Map(label?.attributes.map((d, i) => [d.key, i]) ?? []);
  keys.sort((p, q) => (order.get(p) ?? Infinity) - (order.get(q) ?? Infinity) || compareIds(p, q));
  return keys
    .map((key) => ({ key, a: x.attributes[key] ?? null, b: y.attributes[key] ?? null }))
    .filter((c) => JSON.stringify(c.a) !== JSON.stringify(c.b));
}

function spanSummary(pair: Pair, labels: Map<string, Label>): string {
  const name = (x: Annotation) => labels.get(x.labelId)?.name ?? 'An unknown label';
  const { a, b } = pair;
  switch (pair.kind) {
    case 'agree':
      return `${name(a!)} ${quoted(a!.quote)} in both`;
    case 'attribute': {
      const label = labels.get(a!.labelId);
      const defs = new Map(label?.attributes.map((d) => [d.key, d.name]) ?? []);
      return attributeChanges(a!, b!, label)
        .map((c) => `${defs.get(c.key) ?? c.key}: ${valueText(c.a)} in A, ${valueText(c.b)} in B`)
        .join('; ');
    }
    case 'label':
      return `${name(a!)} in A, ${name(b!)} in B (${quoted(a!.quote)})`;
    case 'boundaries':
      return `${name(a!)} in both, with other boundaries: ${quoted(a!.quote)} in A, ${quoted(b!.quote)} in B`;
    case 'only_a':
      return `${name(a!)} ${quoted(a!.quote)} only in A`;
    case 'only_b':
      return `${name(b!)} ${quoted(b!.quote)} only in B`;
  }
}

function linkSummary(ra: Relation | null, rb: Relation | null, annotations: Map<string, Annotation>, labels: Map<string, Label>): string {
  const r = (ra ?? rb)!;
  const type = (x: Relation) => labels.get(x.labelId)?.name ?? 'An unknown link type';
  const between = `${quoted(annotations.get(r.fromId)?.quote ?? '?')} → ${quoted(annotations.get(r.toId)?.quote ?? '?')}`;
  if (ra && rb) {
    return ra.labelId === rb.labelId ? `Link ${between}, ${type(ra)} in both` : `Link ${between}: ${type(ra)} in A, ${type(rb)} in B`;
  }
  return `Link ${between}, ${type(r)}, only in ${ra ? 'A' : 'B'}`;
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return 'not set';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

function quoted(text: string, max = 40): string {
  const points = Array.from(text);
  return `“${points.length <= max ? text : `${points.slice(0, max - 1).join('').trimEnd()}…`}”`;
}

function signature(fragments: readonly Fragment[]): string {
  return fragments.map((f) => `${f.start}-${f.end}`).join(',');
}

function extentOf(fragments: readonly Fragment[]): { start: number; end: number } {
  return { start: fragments[0]!.start, end: fragments[fragments.length - 1]!.end };
}

function unionExtent(items: readonly ({ fragments: readonly Fragment[] } | null | undefined)[]): { start: number; end: number } {
  let start = Infinity;
  let end = -Infinity;
  for (const item of items) {
    if (!item) continue;
    const extent = extentOf(item.fragments);
    start = Math.min(start, extent.start);
    end = Math.max(end, extent.end);
  }
  return start === Infinity ? { start: 0, end: 0 } : { start, end };
}

/** Code points two sorted, non-overlapping fragment lists have in common. */
export function overlapLength(x: readonly Fragment[], y: readonly Fragment[]): number {
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const p = x[i]!;
    const q = y[j]!;
    total += Math.max(0, Math.min(p.end, q.end) - Math.max(p.start, q.start));
    if (p.end < q.end) i++;
    else j++;
  }
  return total;
}

function isEmpty(record: Record<string, unknown>): boolean {
  for (const _ in record) return false;
  return true;
}

const compareIds = (p: string, q: string) => (p < q ? -1 : p > q ? 1 : 0);
