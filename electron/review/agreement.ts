/**
 * Agreement between annotators (layers) over one article, a collection or the workspace: for
 * every two of them, span F1 (exact and overlap), token-level Cohen's kappa with its confusion
 * matrix, link F1 and attribute agreement; and Krippendorff's alpha over all of them.
 *
 * An annotator who did not work on an article (no annotation there and not marked done) is
 * missing for it: a pair compares only the articles both worked on, and alpha leaves that
 * annotator's values out for its tokens (rather than counting them all as O).
 *
 * Links: a link counts when both its ends are spans matched exactly in the other layer (so span
 * disagreements are not counted twice); it agrees when the other layer links the matching ends
 * with the same type. Attributes: on exactly matched spans, per attribute of the label's schema,
 * over the pairs where at least one side set it; unset is a value of its own for kappa.
 */
import { badInput, notFound } from '../../schema/errors';
import type { Annotator, AttributeDef } from '../../schema/model';
import type { AgreementReport, AgreementRequest, AttributeAgreement, LabelScores, PairAgreement, Scores } from '../../schema/review';
import { wordTokens } from '../formats/export-tokens';
import { listAnnotators } from '../store/annotators';
import { listLabels } from '../store/labels';
import type { Workspace } from '../store/workspace';
import { AlphaAccumulator } from './agreement-alpha';
import { cohensKappa, PairTally } from './agreement-kappa';
import { loadAgreementDocuments, scopeDocuments, type Layer } from './agreement-load';
import { matchExact, matchOverlap, type MatchSpan } from './agreement-spans';
import { tokenLabels } from './agreement-tokens';


interface Counts {
  a: number;
  b: number;
  matched: number;
}

export interface SpanLabel {
  name: string;
  attributes: AttributeDef[];
}

/** What one pair adds up over the articles. */
class PairTotals {
  documents = 0;
  readonly exact: Counts[];
  readonly overlap: Counts[];
  readonly confusion: number[][];
  readonly links: Counts = { a: 0, b: 0, matched: 0 };
  /** By `label index:attribute key`. */
  readonly attributes = new Map<string, PairTally>();

  constructor(labels: number) {
    const zero = () => Array.from({ length: labels + 1 }, () => ({ a: 0, b: 0, matched: 0 }));
    this.exact = zero();
    this.overlap = zero();
    this.confusion = Array.from({ length: labels + 1 }, () => new Array<number>(labels + 1).fill(0));
  }
}

/** One article with every chosen annotator's spans and token labels (null: they did not work on it). */
export interface LabelledDocument {
  id: string;
  /** Word tokens of the text (formats/export-tokens.ts). */
  tokens: number;
  layers: (PreparedLayer | null)[];
}

export interface PreparedLayer {
  layer: Layer;
  /** The spans in document order, with label indexes into `labels`. */
  spans: (MatchSpan & { attributes: Record<string, unknown> })[];
  /** Per token, an index into `labels` (0 is O). */
  tokens: Int32Array;
}

/**
 * The articles of the request's scope that at least one of the annotators worked on, read and
 * labelled one at a time; `labels` names the label indexes (0 is O, then the span labels in the
 * label list's order: position, then name). It gives way to other work now and then.
 */
export function labelledDocuments(
  ws: Workspace,
  request: AgreementRequest,
): { annotators: Annotator[]; labels: SpanLabel[]; documents: number; each: Generator<LabelledDocument, void, undefined> } {
  const annotators = chosenAnnotators(ws, request.annotatorIds);
  const ids = annotators.map((a) => a.id);
  const labels: SpanLabel[] = [{ name: 'O', attributes: [] }];
  const labelIndex = new Map<string, number>();
  for (const label of listLabels(ws).filter((l) => l.kind === 'span')) {
    labelIndex.set(label.id, labels.length);
    labels.push({ name: label.name, attributes: label.attributes });
  }
  const worked = scopeDocuments(ws, request.scope, ids);

  function* each(): Generator<LabelledDocument, void, undefined> {
    for (const document of loadAgreementDocuments(ws, worked, ids)) {
      const tokens = wordTokens(document.text);
      const layers = ids.map((id): PreparedLayer | null => {
        const layer = document.layers.get(id);
        if (!layer) return null;
        const spans = layer.spans
          .map((s) => ({ id: s.id, label: labelIndex.get(s.labelId) ?? 0, fragments: s.fragments, attributes: s.attributes }))
          .filter((s) => s.label > 0)
          .sort(
            (x, y) =>
              x.fragments[0]!.start - y.fragments[0]!.start || x.fragments.at(-1)!.end - y.fragments.at(-1)!.end || x.label - y.label,
          );
        return { layer, spans, tokens: tokenLabels(tokens, spans) };
      });
      yield { id: document.id, tokens: tokens.length, layers };
    }
  }
  return { annotators, labels, documents: worked.size, each: each() };
}

export function computeAgreement(ws: Workspace, request: AgreementRequest): AgreementReport {
  const { annotators, labels, documents, each } = labelledDocuments(ws, request);
  const pairs: [number, number][] = [];
  for (let i = 0; i < annotators.length; i++) for (let j = i + 1; j < annotators.length; j++) pairs.push([i, j]);
  const totals = pairs.map(() => new PairTotals(labels.length - 1));
  const alpha = new AlphaAccumulator(labels.length);
  const unitCounts = new Float64Array(labels.length);
  const seen: number[] = [];

  for (const document of each) {
    pairs.forEach(([i, j], p) => {
      const a = document.layers[i];
      const b = document.layers[j];
      if (a && b) addPair(totals[p]!, a, b, labels);
    });
    const present = document.layers.filter((l): l is PreparedLayer => l !== null);
    if (present.length < 2) continue;
    if (present.length === 2) {
      const [a, b] = [present[0]!.tokens, present[1]!.tokens];
      for (let t = 0; t < document.tokens; t++) alpha.addTwo(a[t]!, b[t]!);
      continue;
    }
    for (let t = 0; t < document.tokens; t++) {
      for (const layer of present) {
        const label = layer.tokens[t]!;
        if (unitCounts[label] === 0) seen.push(label);
        unitCounts[label]!++;
      }
      alpha.addUnit(unitCounts, seen, present.length);
      for (const label of seen) unitCounts[label] = 0;
      seen.length = 0;
    }
  }

  return {
    annotators,
    documents,
    pairs: pairs.map(([i, j], p) => pairReport(annotators[i]!, annotators[j]!, totals[p]!, labels)),
    alpha: alpha.value(),
  };
}

/** The annotators asked for, in that order; an unknown or repeated id is refused. */
function chosenAnnotators(ws: Workspace, annotatorIds: readonly string[]): Annotator[] {
  const known = new Map(listAnnotators(ws).map((a) => [a.id, a]));
  const repeated = annotatorIds.find((id, k) => annotatorIds.indexOf(id) !== k);
  if (repeated) throw badInput(`annotatorIds: ${repeated} is given twice; agreement needs two or more different annotators.`);
  return annotatorIds.map((id) => {
    const found = known.get(id);
    if (!found) throw notFound(`annotatorIds: there is no annotator with id ${id} in this workspace.`);
    return found;
  });
}

function addPair(totals: PairTotals, a: PreparedLayer, b: PreparedLayer, labels: readonly SpanLabel[]): void {
  totals.documents++;
  for (const span of a.spans) {
    totals.exact[span.label]!.a++;
    totals.overlap[span.label]!.a++;
  }
  for (const span of b.spans) {
    totals.exact[span.label]!.b++;
    totals.overlap[span.label]!.b++;
  }
  const exact = matchExact(a.spans, b.spans);
  for (const [i] of exact) totals.exact[a.spans[i]!.label]!.matched++;
  for (const [i] of matchOverlap(a.spans, b.spans)) totals.overlap[a.spans[i]!.label]!.matched++;

  for (let t = 0; t < a.tokens.length; t++) totals.confusion[a.tokens[t]!]![b.tokens[t]!]!++;

  // Links between exactly matched spans.
  const toB = new Map(exact.map(([i, j]) => [a.spans[i]!.id, b.spans[j]!.id]));
  const toA = new Set(toB.values());
  const waiting = new Map<string, number>();
  for (const link of b.layer.links) {
    if (!toA.has(link.fromId) || !toA.has(link.toId)) continue;
    totals.links.b++;
    const key = `${link.labelId}|${link.fromId}|${link.toId}`;
    waiting.set(key, (waiting.get(key) ?? 0) + 1);
  }
  for (const link of a.layer.links) {
    const from = toB.get(link.fromId);
    const to = toB.get(link.toId);
    if (from === undefined || to === undefined) continue;
    totals.links.a++;
    const key = `${link.labelId}|${from}|${to}`;
    const left = waiting.get(key) ?? 0;
    if (left > 0) {
      waiting.set(key, left - 1);
      totals.links.matched++;
    }
  }

  // Attributes of exactly matched spans.
  for (const [i, j] of exact) {
    const x = a.spans[i]!;
    const y = b.spans[j]!;
    for (const def of labels[x.label]!.attributes) {
      const va = x.attributes[def.key];
      const vb = y.attributes[def.key];
      if ((va === undefined || va === null) && (vb === undefined || vb === null)) continue;
      const key = `${x.label}:${def.key}`;
      let tally = totals.attributes.get(key);
      if (!tally) totals.attributes.set(key, (tally = new PairTally()));
      tally.add(valueKey(va), valueKey(vb));
    }
  }
}

const valueKey = (value: unknown) => (value === undefined || value === null ? '(not set)' : JSON.stringify(value));

function scores({ a, b, matched }: Counts): Scores {
  return {
    a,
    b,
    matched,
    precision: b > 0 ? matched / b : null,
    recall: a > 0 ? matched / a : null,
    f1: a + b > 0 ? (2 * matched) / (a + b) : null,
  };
}

function sum(counts: readonly Counts[]): Counts {
  return counts.reduce((s, c) => ({ a: s.a + c.a, b: s.b + c.b, matched: s.matched + c.matched }), { a: 0, b: 0, matched: 0 });
}

const mean = (values: number[]) => (values.length > 0 ? values.reduce((s, v) => s + v, 0) / values.length : null);

function pairReport(a: Annotator, b: Annotator, totals: PairTotals, labels: readonly SpanLabel[]): PairAgreement {
  const used = labels.map((_, k) => k).filter((k) => k > 0 && totals.exact[k]!.a + totals.exact[k]!.b > 0);
  const perLabel: LabelScores[] = used.map((k) => ({ label: labels[k]!.name, exact: scores(totals.exact[k]!), overlap: scores(totals.overlap[k]!) }));
  const inConfusion = labels
    .map((_, k) => k)
    .filter((k) => k === 0 || totals.confusion[k]!.some((c) => c > 0) || totals.confusion.some((row) => row[k]! > 0));
  const counts = inConfusion.map((r) => inConfusion.map((c) => totals.confusion[r]![c]!));
  const tokens = counts.reduce((s, row) => s + row.reduce((t, c) => t + c, 0), 0);
  const attributes: AttributeAgreement[] = [];
  for (const k of used) {
    for (const def of labels[k]!.attributes) {
      const tally = totals.attributes.get(`${k}:${def.key}`);
      if (!tally) continue;
      attributes.push({
        label: labels[k]!.name,
        key: def.key,
        name: def.name,
        compared: tally.total,
        agreed: tally.agreed,
        percent: tally.total > 0 ? tally.agreed / tally.total : null,
        kappa: tally.kappa(),
      });
    }
  }
  return {
    a: a.id,
    b: b.id,
    documents: totals.documents,
    spans: {
      perLabel,
      micro: { exact: scores(sum(used.map((k) => totals.exact[k]!))), overlap: scores(sum(used.map((k) => totals.overlap[k]!))) },
      macro: {
        exact: mean(perLabel.map((l) => l.exact.f1!)),
        overlap: mean(perLabel.map((l) => l.overlap.f1!)),
      },
    },
    tokenKappa: cohensKappa(counts),
    tokens,
    confusion: { labels: inConfusion.map((k) => labels[k]!.name), counts },
    links: scores(totals.links),
    attributes,
  };
}
