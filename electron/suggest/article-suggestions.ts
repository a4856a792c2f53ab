/**
 * What Byline suggests in one article: the built-in rules' attributions (attribution-rules.ts)
 * named by the workspace's own labels, and, for the labels the tagger has learned well enough from
 * this workspace (learned-model.ts), its spans instead. What the person has tagged or rejected
 * there is left out, and the links the rules found come with the spans they join.
 */
import { attributeProblem } from '../../schema/attributes';
import type { AttributeValue, Fragment, Label } from '../../schema/model';
import { SpanIndex, type Span } from '../../schema/span-index';
import { sliceCodePoints } from '../../schema/text';
import { suggestionKey, type ArticleSuggestions, type SuggestedLink, type Suggestion, type SuggestionSource } from '../../schema/suggestions';
import { documentText } from '../store/documents';
import { listLabels } from '../store/labels';
import { rejectionsIn, suggestionsOff } from '../store/suggestions';
import type { Workspace } from '../store/workspace';
import { suggestAttributions, type AnonymousSource, type Attribution } from './attribution-rules';
import type { LearnedModel } from './learned-model';
import { ruleFeaturesOf } from './rule-features';
import { tagSpans, taggerTokens } from './span-tagger';
import { sentences } from '../formats/export-tokens';

/** A label is suggested by the tagger once it has learned from this many of its spans. */
export const LEARNED_ENOUGH = 25;

export type Role = 'cue' | 'source' | 'anonymous' | 'content';

/** The label names that play each of the rules' roles: the default schema's, or PolNeAR's. */
export const ROLE_NAMES: Record<Role, readonly string[]> = {
  cue: ['cue'],
  source: ['source'],
  anonymous: ['anonymous attribution', 'anonymous source'],
  content: ['claim', 'content'],
};

/** The workspace's label for each of the rules' roles, by name (an anonymous source is a Source where there is no label of its own). */
function labelsForRoles(labels: readonly Label[]): Partial<Record<Role, Label>> {
  const span = labels.filter((l) => l.kind === 'span');
  const named = (role: Role) => span.find((l) => ROLE_NAMES[role].includes(l.name.toLowerCase()));
  const source = named('source');
  return { cue: named('cue'), source, anonymous: named('anonymous') ?? source, content: named('content') };
}

/** The link type for "claim attributed to source". */
function linkLabel(labels: readonly Label[]): Label | undefined {
  const relations = labels.filter((l) => l.kind === 'relation');
  return relations.find((l) => l.name.toLowerCase() === 'attributed to') ?? relations[0];
}

/** What the text says of an anonymous source, for the attributes the label has. */
function anonymousAttributes(label: Label, found: AnonymousSource): Record<string, AttributeValue> {
  const values: Record<string, AttributeValue | null> = {
    descriptor: found.descriptor,
    justification: found.justification,
    sources: found.sources,
  };
  const attributes: Record<string, AttributeValue> = {};
  for (const def of label.attributes) {
    const value = values[def.key];
    if (value !== undefined && value !== null && attributeProblem(def, value) === null) attributes[def.key] = value;
  }
  return attributes;
}

interface OwnSpan extends Span {
  id: string;
  labelId: string;
}

export interface Candidate {
  label: Label;
  span: Span;
  attributes: Record<string, AttributeValue>;
}

/**
 * What the rules and the tagger find in an article's text, before anything is left out: the slow
 * part (a long article takes hundreds of milliseconds), which depends only on the text, the
 * labels and the model, so suggestion-service.ts keeps it while those stay the same.
 */
export interface ArticleFindings {
  documentId: string;
  version: number;
  /** Says which text, labels and model the findings are of. */
  signature: string;
  attributions: Attribution[];
  candidates: Candidate[];
  source: SuggestionSource;
}

/** Names what findings depend on: the text's version and hash, the labels, the model. */
export function findingsSignature(ws: Workspace, documentId: string, learned: LearnedModel | null): string {
  return signatureOf(documentText(ws, documentId), listLabels(ws), learned);
}

function signatureOf(text: { version: number; sha256: string }, labels: readonly Label[], learned: LearnedModel | null): string {
  return `${text.version}|${text.sha256}|${labels.map((l) => `${l.id}:${l.name}:${l.kind}`).join(',')}|${learned?.trainedAt ?? 'rules'}`;
}

export function findInArticle(ws: Workspace, documentId: string, learned: LearnedModel | null): ArticleFindings {
  const current = documentText(ws, documentId);
  const { text, version } = current;
  const labels = listLabels(ws);
  const byId = new Map(labels.map((l) => [l.id, l]));
  const learnedLabels = learned
    ? Object.entries(learned.model.examples.perLabel)
        .filter(([id, n]) => n >= LEARNED_ENOUGH && byId.get(id)?.kind === 'span')
        .map(([id]) => byId.get(id)!)
    : [];
  const source: SuggestionSource =
    learned && learnedLabels.length > 0
      ? { kind: 'learned', texts: learned.model.examples.texts, spans: learned.model.examples.spans, trainedAt: learned.trainedAt, labels: learnedLabels.map((l) => l.name).sort() }
      : { kind: 'rules' };
  const roles = labelsForRoles(labels);
  const ofText = sentences(text);
  const attributions = suggestAttributions(text, ofText);
  const taggerLabels = new Set(learnedLabels.map((l) => l.id));
  const candidates: Candidate[] = [];
  const add = (label: Label | undefined, span: Span | null, attributes: Record<string, AttributeValue> = {}) => {
    if (label && span && !taggerLabels.has(label.id)) candidates.push({ label, span, attributes });
  };
  for (const found of attributions) {
    add(roles.cue, found.cue);
    add(roles.source, found.source);
    if (found.anonymous && roles.anonymous) add(roles.anonymous, found.anonymous, anonymousAttributes(roles.anonymous, found.anonymous));
    add(roles.content, found.content);
  }
  if (learned && taggerLabels.size > 0) {
    const tokens = taggerTokens(ofText);
    for (const span of tagSpans(learned.model, text, () => ruleFeaturesOf(attributions, tokens), tokens)) {
      const label = byId.get(span.label);
      if (label && taggerLabels.has(label.id)) candidates.push({ label, span, attributes: {} });
    }
  }
  return { documentId, version, signature: signatureOf(current, labels, learned), attributions, candidates, source };
}

/**
 * The article's suggestions from its findings: less what the person has tagged or rejected there.
 * `asLayer`: everything found, for a layer of its own (`byline suggest`): nothing is left out for
 * what the person tagged or rejected, or for the article being turned off.
 */
export function suggestArticle(ws: Workspace, findings: ArticleFindings, asLayer = false): ArticleSuggestions {
  const { documentId, version, attributions, candidates, source } = findings;
  const { text, offsets } = documentText(ws, documentId);
  if (!asLayer && suggestionsOff(ws, documentId)) return { documentId, version, suggestions: [], links: [], source, off: true };
  const labels = listLabels(ws);
  const roles = labelsForRoles(labels);

  const own: OwnSpan[] = asLayer ? [] : ws
    .statement(
      `SELECT a.id, a.label_id AS labelId, min(f.start) AS start, max(f."end") AS "end"
       FROM annotations a JOIN fragments f ON f.annotation_id = a.id
       WHERE a.document_id = ? AND a.annotator_id = ? GROUP BY a.id`,
    )
    .all(documentId, ws.localAnnotator.id) as OwnSpan[];
  const ownIndex = new SpanIndex(own);
  const rejected = new Set(asLayer ? [] : rejectionsIn(ws, documentId).map((r) => suggestionKey(r.labelId, r.fragment)));
  const taken = (c: Candidate) =>
    ownIndex.find(c.span, (a) => a.labelId === c.label.id || (a.start === c.span.start && a.end === c.span.end)) !== undefined;

  const suggestions = new Map<string, Suggestion>();
  for (const c of candidates) {
    const fragment: Fragment = { start: c.span.start, end: c.span.end };
    const key = suggestionKey(c.label.id, fragment);
    if (suggestions.has(key) || rejected.has(key) || taken(c)) continue;
    suggestions.set(key, { key, labelId: c.label.id, fragment, quote: sliceCodePoints(text, offsets, fragment.start, fragment.end), attributes: c.attributes });
  }
  const list = [...suggestions.values()].sort((a, b) => a.fragment.start - b.fragment.start || a.fragment.end - b.fragment.end);
  const links = suggestedLinks(attributions, roles, linkLabel(labels), new SpanIndex(list.map((s) => ({ ...s.fragment, suggestion: s }))), ownIndex);
  return { documentId, version, suggestions: list, links, source, off: false };
}

/** Each attribution's content linked to its source, where a suggestion or an own annotation stands for each end. */
function suggestedLinks(
  attributions: readonly Attribution[],
  roles: Partial<Record<Role, Label>>,
  type: Label | undefined,
  suggestions: SpanIndex<Span & { suggestion: Suggestion }>,
  own: SpanIndex<OwnSpan>,
): SuggestedLink[] {
  if (!type || !roles.content) return [];
  const endOf = (label: Label | undefined, span: Span | null) => {
    if (!label || !span) return null;
    const suggestion = suggestions.find(span, (s) => s.suggestion.labelId === label.id)?.suggestion;
    if (suggestion) return { id: suggestion.key, suggested: true };
    const annotation = own.find(span, (a) => a.labelId === label.id);
    return annotation ? { id: annotation.id, suggested: false } : null;
  };
  const links = new Map<string, SuggestedLink>();
  for (const found of attributions) {
    const from = endOf(roles.content, found.content);
    const to = found.anonymous ? endOf(roles.anonymous, found.anonymous) : endOf(roles.source, found.source);
    if (from && to && from.id !== to.id && (from.suggested || to.suggested)) {
      links.set(`${from.id}>${to.id}`, { labelId: type.id, from: from.id, to: to.id });
    }
  }
  return [...links.values()];
}
