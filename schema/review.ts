/**
 * Review and agreement, as both hosts and the renderer see them: the differences between two
 * annotators' layers in one article, the reviewer's verdicts on them, and agreement figures.
 * Offsets are code points, as everywhere (model.ts).
 */
import { z } from 'zod';
import type { Annotator, Fragment } from './model';

/**
 * How two layers differ at one place, in document order:
 * - agree: same label, same fragments (and the same attributes);
 * - label: same fragments, another label;
 * - boundaries: overlapping, same label, other fragments;
 * - only_a / only_b: nothing of the other layer overlaps it with that label or fragments;
 * - attribute: matched spans (agree) whose attribute values differ;
 * - link: a link whose two ends matched in both layers exists in one layer only, or with another type.
 */
export const DifferenceKind = z.enum(['agree', 'label', 'boundaries', 'only_a', 'only_b', 'attribute', 'link']);
export type DifferenceKind = z.infer<typeof DifferenceKind>;

/** What a reviewer decided for one difference. `edit` stores the reviewer's own span instead. */
export const Verdict = z.enum(['take_a', 'take_b', 'take_both', 'edit', 'reject']);
export type Verdict = z.infer<typeof Verdict>;

export interface Resolution {
  verdict: Verdict;
  comment: string | null;
  reviewerId: string;
  resolvedAt: string;
  /** What the verdict put into the reviewed layer: annotation ids (relation ids for a link). */
  reviewedIds: string[];
}

export interface Difference {
  /**
   * Stable for the same annotations: the kind's letter and the ids involved, e.g.
   * `span:<idA>|<idB>` or `link:<idA>|`. A verdict is kept under this key.
   */
  key: string;
  kind: DifferenceKind;
  /** Where it starts and ends (the union of both sides), for order, painting and scrolling. */
  start: number;
  end: number;
  /** Annotation ids of layer A involved (relation ids for a link difference). */
  a: string[];
  b: string[];
  /** One sentence for the list: "Claim in A, Source in B", "Kind: person in A, organization in B". */
  summary: string;
  resolution: Resolution | null;
}

/** A span of layer A or B as the review view needs it: what to paint (its quote is the text it covers). */
export interface ReviewSpan {
  id: string;
  labelId: string;
  fragments: Fragment[];
}

/** A link of layer A or B: its type, for the label a link difference is about. */
export interface ReviewLink {
  id: string;
  labelId: string;
  fromId: string;
  toId: string;
}

type ReviewStatus = 'not reviewed' | 'in review' | 'reviewed';

/**
 * The review of one article between two layers, as the review view shows it, in one reply: the
 * article, both layers and their differences. Nothing of the reviewed layer's content: each
 * difference's resolution names what its verdict wrote there.
 */
export interface ReviewSession {
  document: { id: string; title: string; text: string };
  layerA: Annotator;
  layerB: Annotator;
  /** The reviewed layer: an annotator of its own, owned by the reviewer (the local annotator). */
  reviewed: Annotator;
  /** Each layer's spans in document order (first start, then id), and its links. */
  spans: { a: ReviewSpan[]; b: ReviewSpan[] };
  links: { a: ReviewLink[]; b: ReviewLink[] };
  differences: Difference[];
  resolved: number;
  total: number;
  /** 'reviewed' once every difference has a verdict. */
  status: ReviewStatus;
}

/**
 * What resolving, withdrawing or accepting agreements changed in a session: the verdict each
 * affected difference has now (withdrawing a span's verdict can withdraw the verdicts on links
 * written to it too), and the counts. The view patches its session with it.
 */
export interface ReviewUpdate {
  /** The reviewed layer the verdicts write to. */
  reviewed: Annotator;
  resolutions: { key: string; resolution: Resolution | null }[];
  resolved: number;
  total: number;
  status: ReviewStatus;
}

/** A review of one article between two layers. */
export const ReviewTarget = z.object({ documentId: z.uuid(), layerA: z.uuid(), layerB: z.uuid() }).strict();

export const ResolveRequest = ReviewTarget.extend({
  key: z.string().min(1).max(200),
  verdict: Verdict,
  comment: z.string().max(10_000).nullable().optional(),
  /** For `edit`: the span the reviewer stores instead (label and fragments). */
  edit: z
    .object({
      labelId: z.uuid(),
      fragments: z.array(z.object({ start: z.int().nonnegative(), end: z.int().positive() })).min(1),
    })
    .strict()
    .optional(),
}).strict();

/** Precision, recall and F1 of B against A (symmetric in F1), with the counts behind them. */
export interface Scores {
  /** Spans (or links, or values) in A, in B, and matched between them. */
  a: number;
  b: number;
  matched: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface LabelScores {
  label: string;
  exact: Scores;
  overlap: Scores;
}

export interface AttributeAgreement {
  label: string;
  /** The attribute's key and display name. */
  key: string;
  name: string;
  /** Matched span pairs where at least one side set it. */
  compared: number;
  agreed: number;
  percent: number | null;
  kappa: number | null;
}

/** Two layers compared over the chosen articles. */
export interface PairAgreement {
  a: string;
  b: string;
  /** Articles both worked on: each has an annotation there or marked it done (otherwise missing, not compared). */
  documents: number;
  spans: {
    perLabel: LabelScores[];
    micro: { exact: Scores; overlap: Scores };
    /** Mean F1 over labels; null when no label has spans. */
    macro: { exact: number | null; overlap: number | null };
  };
  /** Cohen's kappa over word tokens (Intl.Segmenter), untagged tokens labelled O. */
  tokenKappa: number | null;
  tokens: number;
  /** Token-level confusion: rows A's label, columns B's, `labels` includes 'O'. */
  confusion: { labels: string[]; counts: number[][] };
  /** Links whose two ends matched (exact): F1 over those. */
  links: Scores;
  attributes: AttributeAgreement[];
}

export interface AgreementReport {
  annotators: Annotator[];
  /** Articles in the scope that at least one of the annotators worked on (an annotation there, or marked done). */
  documents: number;
  pairs: PairAgreement[];
  /** Krippendorff's alpha, nominal, token-wise, over all the annotators (missing data allowed). */
  alpha: number | null;
}

/** Agreement between annotators over one article, a collection, or the whole workspace. */
export const AgreementRequest = z
  .object({
    annotatorIds: z.array(z.uuid()).min(2).max(50),
    scope: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('all') }).strict(),
      z.object({ kind: z.literal('document'), id: z.uuid() }).strict(),
      z.object({ kind: z.literal('collection'), id: z.uuid() }).strict(),
    ]),
  })
  .strict();
export type AgreementRequest = z.infer<typeof AgreementRequest>;

/**
 * A verdict given on a difference of this article, by this workspace's reviewer or one whose
 * review file was imported: what the annotate view shows a colleague on their own tags (those
 * whose ids are in `a` or `b`). `OpenedDocument.verdicts` lists them.
 */
export interface VerdictRecord {
  key: string;
  kind: DifferenceKind;
  /** The two layers compared (annotator ids). */
  layerA: string;
  layerB: string;
  /** Annotation ids of each side (link ids for a link difference). */
  a: string[];
  b: string[];
  verdict: Verdict;
  comment: string | null;
  reviewer: { id: string; name: string };
  resolvedAt: string;
  /** What the verdict put into the reviewer's reviewed layer. */
  reviewedIds: string[];
}
