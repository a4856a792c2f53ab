/**
 * Sourcing analytics (electron/analytics): who the claims of a corpus are attributed to, how,
 * and how that differs by outlet and month. The request is a scope and filters; the report holds
 * every figure of the Analytics view and of `byline stats --json`.
 */
import { z } from 'zod';
import { Id } from './model';

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');

export const AnalyticsScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('collection'), id: Id }).strict(),
  z.object({ kind: z.literal('search'), search: z.string().trim().min(1).max(500) }).strict(),
]);
export type AnalyticsScope = z.infer<typeof AnalyticsScope>;

export const AnalyticsFilters = z
  .object({
    scope: AnalyticsScope,
    /** One annotator's layer (a reviewed layer is one too); null: every layer. */
    layerId: Id.nullable(),
    /** Outlets to keep; empty: every outlet. An article without one is the outlet "". */
    outlets: z.array(z.string().max(500)).max(1000),
    /** Published on or after / on or before (an article without a date is left out once either is set). */
    from: IsoDay.nullable(),
    to: IsoDay.nullable(),
    /** The labels whose spans count as claims; null: the workspace's claim labels (Claim, Content). */
    claimLabelIds: z.array(Id).max(200).nullable(),
  })
  .strict();
export type AnalyticsFilters = z.infer<typeof AnalyticsFilters>;

export const SourceKind = z.enum(['anonymous', 'named', 'unsourced']);
export type SourceKind = z.infer<typeof SourceKind>;
export const SOURCE_KINDS: readonly SourceKind[] = SourceKind.options;

/** One bar, cell or row of the view: what its articles list (analytics.spans) is about. */
export const AnalyticsBar = z.discriminatedUnion('figure', [
  z.object({ figure: z.literal('outlet'), outlet: z.string().max(500), kind: SourceKind }).strict(),
  z.object({ figure: z.literal('month'), month: z.string().max(20), kind: SourceKind }).strict(),
  z.object({ figure: z.literal('source'), key: z.string().max(2000) }).strict(),
  z.object({ figure: z.literal('cue'), cue: z.string().max(2000), kind: SourceKind }).strict(),
  z.object({ figure: z.literal('justification'), given: z.boolean().nullable() }).strict(),
  z.object({ figure: z.literal('descriptor'), descriptor: z.string().max(2000) }).strict(),
]);
export type AnalyticsBar = z.infer<typeof AnalyticsBar>;

export const SpansRequest = z.object({ filters: AnalyticsFilters, bar: AnalyticsBar }).strict();
export type SpansRequest = z.infer<typeof SpansRequest>;

/** Merges sources (by key) into another, for every figure of this workspace. */
export const MergeSources = z
  .object({ keys: z.array(z.string().min(1).max(2000)).min(1).max(1000), into: z.string().min(1).max(2000) })
  .strict();
export type MergeSources = z.infer<typeof MergeSources>;

/** A share with its 95% Wilson score interval. */
export interface Share {
  share: number;
  low: number;
  high: number;
}

export type KindCounts = Record<SourceKind, number>;

/** Claims of one outlet or month, by the kind of source they are attributed to. */
export interface ShareRow {
  /** The outlet ("" when none), or the month YYYY-MM ("" when undated). */
  key: string;
  counts: KindCounts;
  total: number;
  shares: Record<SourceKind, Share>;
}

export interface SourceRow {
  /** The merged, case-folded name: what merges and analytics.spans take. */
  key: string;
  /** The spelling most spans have. */
  name: string;
  kind: 'anonymous' | 'named';
  /** Claims attributed to it. */
  claims: number;
  articles: number;
  outlets: { outlet: string; claims: number }[];
  /** The keys merged into this one by the person. */
  merged: string[];
}

export interface CueRow {
  /** The cue as written, case-folded ("said", "according to"). */
  cue: string;
  counts: KindCounts;
  total: number;
}

export interface AnalyticsReport {
  /** Which labels played which part, so the view can say what it counted. */
  roles: {
    claims: { id: string; name: string }[];
    sources: { id: string; name: string }[];
    anonymous: { id: string; name: string } | null;
    cue: { id: string; name: string } | null;
    /** How an anonymous source is told from a named one: its label, or its words where no label says so. */
    anonymityBy: 'label' | 'words';
  };
  /** What the filters can choose from, in the scope. */
  choices: { outlets: string[]; claimLabels: { id: string; name: string }[]; firstDay: string | null; lastDay: string | null };
  totals: { articles: number; claims: number; counts: KindCounts; shares: Record<SourceKind, Share> };
  byOutlet: ShareRow[];
  byMonth: ShareRow[];
  /** The most quoted sources, most claims first (at most 100). */
  sources: SourceRow[];
  /** Cues by the kind of source of their claim, most used first (at most 50). */
  cues: CueRow[];
  /** Anonymous sources' attributes: whether a justification was given, and how they are described. */
  anonymity: {
    justification: { given: number; notGiven: number; unrecorded: number };
    descriptors: { descriptor: string; count: number }[];
  };
}

/** One span a bar stands for, to open the article at. */
export interface AnalyticsSpan {
  annotationId: string;
  documentId: string;
  title: string;
  outlet: string | null;
  publishedAt: string | null;
  quote: string;
}

export interface SpansList {
  spans: AnalyticsSpan[];
  /** How many there are in all (the list holds at most 500). */
  total: number;
}
