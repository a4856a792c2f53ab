/**
 * `byline suggest evaluate`: trains the span tagger (span-tagger.ts, with the built-in rules'
 * suggestions as features) on one folder of brat files and scores what it suggests on another,
 * per label, by exact span and by shared tokens (span-scores.ts), and the links from a content
 * to its source.
 */
import { BylineError } from '../../schema/errors';
import { sentences, wordTokens } from '../formats/export-tokens';
import type { ImportedAnnotation, ImportedDocument } from '../formats/types';
import { SpanIndex, type Span } from '../../schema/span-index';
import { ROLE_NAMES, type Role } from './article-suggestions';
import { suggestAttributions, type Attribution } from './attribution-rules';
import { readBratPair } from '../import/run-import';
import { findImportUnits } from '../import/sources';
import { ruleFeatures, ruleFeaturesOf } from './rule-features';
import { scores, spanScores, type LabeledSpan, type Scores } from './span-scores';
import { taggerTokens, tagSpans, trainTagger, type TrainingText } from './span-tagger';

export interface Evaluation {
  train: { folder: string; articles: number; spans: number };
  test: { folder: string; articles: number; spans: number };
  labels: Array<{ label: string; exact: Scores; overlap: Scores }>;
  /**
   * Content linked to its source (a brat event's Content and Source, or a relation from a claim to
   * a source): a suggested link matches when each end is exactly a fragment of the person's.
   */
  links: Scores;
}

/** A person's link, by its ends' fragments. */
interface GoldLink {
  content: readonly Span[];
  source: readonly Span[];
}

interface Example extends TrainingText {
  links: GoldLink[];
}

const plays = (role: Role, label: string) => ROLE_NAMES[role].includes(label.toLowerCase());
const isSource = (label: string) => plays('source', label) || plays('anonymous', label);

/**
 * The articles of a folder of brat files with their spans, a span per fragment: a quotation broken by
 * its cue ("“…,” said Caddell. “…”") is two spans of Content, as a tagger finds it, not one span over
 * the cue and source between. An article annotated by several people counts once, with the first
 * of their files by name.
 */
export async function readBratExamples(folder: string): Promise<Example[]> {
  const units = (await findImportUnits([folder])).flatMap((unit) => (unit.kind === 'brat' ? [unit] : []));
  if (units.length === 0) throw new BylineError('bad_input', `${folder} has no brat .ann files with their .txt.`);
  const seen = new Set<string>();
  const examples: Example[] = [];
  for (const unit of units) {
    if (seen.has(unit.txt)) continue;
    seen.add(unit.txt);
    const doc = await readBratPair(unit);
    const spans = doc.annotations.flatMap((a) => a.fragments.map((f) => ({ label: a.label, start: f.start, end: f.end })));
    examples.push({ text: doc.text, spans, links: goldLinks(doc) });
  }
  return examples;
}

/** The content-to-source links of an imported brat file: of each event's arguments, and of relations. */
function goldLinks(doc: ImportedDocument): GoldLink[] {
  const byRef = new Map(doc.annotations.map((a) => [a.ref, a]));
  const links = new Map<string, GoldLink>();
  const link = (content: ImportedAnnotation, source: ImportedAnnotation) =>
    links.set(`${content.ref}>${source.ref}`, { content: content.fragments, source: source.fragments });
  const arguments_ = new Map<string, ImportedAnnotation[]>();
  for (const relation of doc.relations) {
    const [from, to] = [byRef.get(relation.from), byRef.get(relation.to)];
    if (!from || !to) continue;
    if (plays('content', from.label) && isSource(to.label)) link(from, to);
    const group = `${relation.ref}|${relation.from}`;
    arguments_.set(group, [...(arguments_.get(group) ?? []), to]);
  }
  for (const args of arguments_.values()) {
    for (const content of args.filter((a) => plays('content', a.label))) for (const source of args.filter((a) => isSource(a.label))) link(content, source);
  }
  return [...links.values()];
}

/** The links the rules see between the spans suggested: an attribution's content to its source, where a suggested span stands for each. */
function suggestedLinks(attributions: readonly Attribution[], suggested: readonly LabeledSpan[]): [LabeledSpan, LabeledSpan][] {
  const index = new SpanIndex(suggested);
  const pairs = new Map<string, [LabeledSpan, LabeledSpan]>();
  for (const found of attributions) {
    const source = found.source ?? found.anonymous;
    const from = found.content && index.find(found.content, (s) => plays('content', s.label));
    const to = source && index.find(source, (s) => isSource(s.label));
    if (from && to) pairs.set(`${from.start}-${from.end}>${to.start}-${to.end}`, [from, to]);
  }
  return [...pairs.values()];
}

/** How many suggested links are a person's (each of theirs matched once). */
function matchedLinks(gold: readonly GoldLink[], suggested: readonly [LabeledSpan, LabeledSpan][]): number {
  const same = (a: Span, fragments: readonly Span[]) => fragments.some((f) => f.start === a.start && f.end === a.end);
  const left = [...gold];
  let matched = 0;
  for (const [content, source] of suggested) {
    const k = left.findIndex((g) => same(content, g.content) && same(source, g.source));
    if (k < 0) continue;
    left.splice(k, 1);
    matched++;
  }
  return matched;
}

export async function evaluateSuggestions(trainFolder: string, testFolder: string, seed = 1): Promise<Evaluation> {
  const [train, test] = [await readBratExamples(trainFolder), await readBratExamples(testFolder)];
  const model = trainTagger(train, { seed, extra: ruleFeatures });
  const totals = new Map<string, { exact: [number, number, number]; overlap: [number, number, number] }>();
  const links = [0, 0, 0];
  for (const { text, spans, links: gold } of test) {
    const ofText = sentences(text);
    const attributions = suggestAttributions(text, ofText);
    const tokens = taggerTokens(ofText);
    const suggested: LabeledSpan[] = tagSpans(model, text, () => ruleFeaturesOf(attributions, tokens), tokens);
    const pairs = suggestedLinks(attributions, suggested);
    links[0]! += matchedLinks(gold, pairs);
    links[1]! += pairs.length;
    links[2]! += gold.length;
    for (const s of spanScores(spans, suggested, wordTokens(text))) {
      const total = totals.get(s.label) ?? { exact: [0, 0, 0], overlap: [0, 0, 0] };
      for (const kind of ['exact', 'overlap'] as const) {
        total[kind][0] += s[kind].matched;
        total[kind][1] += s[kind].found;
        total[kind][2] += s[kind].expected;
      }
      totals.set(s.label, total);
    }
  }
  const count = (examples: TrainingText[]) => examples.reduce((n, e) => n + e.spans.length, 0);
  return {
    train: { folder: trainFolder, articles: train.length, spans: count(train) },
    test: { folder: testFolder, articles: test.length, spans: count(test) },
    labels: [...totals]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([label, t]) => ({ label, exact: scores(...t.exact), overlap: scores(...t.overlap) })),
    links: scores(links[0]!, links[1]!, links[2]!),
  };
}
