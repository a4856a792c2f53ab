/**
 * An analytics report as one tidy table (a row per figure, group and kind), the CSV that
 * `byline stats --csv` prints and each chart of the view saves its part of.
 */
import type { AnalyticsReport, KindCounts, Share, SourceKind } from './analytics';
import { SOURCE_KINDS } from './analytics';

export type FigureName = 'totals' | 'outlet' | 'month' | 'source' | 'source_outlet' | 'cue' | 'justification' | 'descriptor';

export const ROW_COLUMNS = ['figure', 'key', 'name', 'kind', 'count', 'share', 'share_low', 'share_high'] as const;
export type ReportRow = [FigureName, string, string, string, number, number | null, number | null, number | null];

const shareCells = (share: Share | undefined): [number | null, number | null, number | null] =>
  share ? [round(share.share), round(share.low), round(share.high)] : [null, null, null];
const round = (x: number) => Math.round(x * 1e6) / 1e6;

function byKind(figure: FigureName, key: string, counts: KindCounts, shares?: Record<SourceKind, Share>): ReportRow[] {
  return SOURCE_KINDS.map((kind) => [figure, key, '', kind, counts[kind], ...shareCells(shares?.[kind])]);
}

/** The rows of the figures asked for (all when none is named), in the report's order. */
export function reportRows(report: AnalyticsReport, figures?: readonly FigureName[]): ReportRow[] {
  const wanted = (figure: FigureName) => !figures || figures.includes(figure);
  const rows: ReportRow[] = [];
  if (wanted('totals')) rows.push(...byKind('totals', '', report.totals.counts, report.totals.shares));
  if (wanted('outlet')) for (const r of report.byOutlet) rows.push(...byKind('outlet', r.key, r.counts, r.shares));
  if (wanted('month')) for (const r of report.byMonth) rows.push(...byKind('month', r.key, r.counts, r.shares));
  for (const s of report.sources) {
    if (wanted('source')) rows.push(['source', s.key, s.name, s.kind, s.claims, null, null, null]);
    if (wanted('source_outlet')) for (const o of s.outlets) rows.push(['source_outlet', s.key, o.outlet, s.kind, o.claims, null, null, null]);
  }
  if (wanted('cue')) for (const c of report.cues) rows.push(...byKind('cue', c.cue, c.counts));
  if (wanted('justification')) {
    const j = report.anonymity.justification;
    rows.push(['justification', 'given', '', 'anonymous', j.given, null, null, null]);
    rows.push(['justification', 'not given', '', 'anonymous', j.notGiven, null, null, null]);
    rows.push(['justification', 'unrecorded', '', 'anonymous', j.unrecorded, null, null, null]);
  }
  if (wanted('descriptor')) for (const d of report.anonymity.descriptors) rows.push(['descriptor', d.descriptor, '', 'anonymous', d.count, null, null, null]);
  return rows;
}
