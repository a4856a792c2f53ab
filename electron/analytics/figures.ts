/**
 * Every figure of sourcing analytics, counted with SQL over the facts (facts.ts) in the scope and
 * filters asked for, and the spans behind one bar of them.
 */
import type {
  AnalyticsBar,
  AnalyticsFilters,
  AnalyticsReport,
  AnalyticsSpan,
  CueRow,
  KindCounts,
  ShareRow,
  SourceKind,
  SourceRow,
  SpansList,
  SpansRequest,
} from '../../schema/analytics';
import { notFound } from '../../schema/errors';
import { ftsQuery } from '../store/library';
import type { Workspace } from '../store/workspace';
import { ensureFacts, KIND_CODES, type Facts } from './facts';
import { wilsonShare } from './wilson';

const TOP_SOURCES = 100;
const TOP_CUES = 50;
const TOP_DESCRIPTORS = 30;
const MOST_SPANS = 500;

const KIND_OF_CODE: Record<number, SourceKind> = { [KIND_CODES.unsourced]: 'unsourced', [KIND_CODES.named]: 'named', [KIND_CODES.anonymous]: 'anonymous' };

interface Where {
  sql: string;
  params: unknown[];
}

/** The scope as a condition on a column of document rowids; null when it holds nothing. */
function scopeOf(ws: Workspace, scope: AnalyticsFilters['scope'], column: string): Where | null {
  switch (scope.kind) {
    case 'all':
      return { sql: '1', params: [] };
    case 'collection':
      if (!ws.statement('SELECT 1 FROM collections WHERE id = ?').get(scope.id)) throw notFound(`There is no collection with id ${scope.id}.`);
      return {
        sql: `${column} IN (SELECT d.rowid FROM collection_documents cd JOIN documents d ON d.id = cd.document_id WHERE cd.collection_id = ?)`,
        params: [scope.id],
      };
    case 'search': {
      const match = ftsQuery(scope.search);
      return match ? { sql: `${column} IN (SELECT rowid FROM search WHERE search MATCH ?)`, params: [match] } : null;
    }
  }
}

/**
 * The filters as a WHERE clause over a facts table aliased `t` (columns doc, annotator, outlet,
 * day and, for claims, `labelColumn`); null when the scope holds nothing.
 */
function whereOf(ws: Workspace, facts: Facts, filters: AnalyticsFilters, labelColumn: string | null): Where | null {
  const scope = scopeOf(ws, filters.scope, 't.doc');
  if (!scope) return null;
  const parts = [scope.sql];
  const params = [...scope.params];
  if (filters.layerId) {
    parts.push('t.annotator = ?');
    params.push(filters.layerId);
  }
  if (filters.outlets.length > 0) {
    parts.push(`t.outlet IN (${filters.outlets.map(() => '?').join(',')})`);
    params.push(...filters.outlets);
  }
  if (filters.from) {
    parts.push('t.day >= ?');
    params.push(Number(filters.from.replaceAll('-', '')));
  }
  if (filters.to) {
    parts.push('t.day <= ?');
    params.push(Number(filters.to.replaceAll('-', '')));
  }
  if (labelColumn) {
    const ids = filters.claimLabelIds ?? facts.roles.claims.map((l) => l.id);
    parts.push(`t.${labelColumn} IN (${ids.map(() => '?').join(',') || 'NULL'})`);
    params.push(...ids);
  }
  return { sql: parts.join(' AND '), params };
}

const noCounts = (): KindCounts => ({ anonymous: 0, named: 0, unsourced: 0 });
const total = (counts: KindCounts) => counts.anonymous + counts.named + counts.unsourced;
const sharesOf = (counts: KindCounts) => {
  const all = total(counts);
  return { anonymous: wilsonShare(counts.anonymous, all), named: wilsonShare(counts.named, all), unsourced: wilsonShare(counts.unsourced, all) };
};
const shareRow = (key: string, counts: KindCounts): ShareRow => ({ key, counts, total: total(counts), shares: sharesOf(counts) });

/** Every figure of the Analytics view for these filters. */
export function computeAnalytics(ws: Workspace, filters: AnalyticsFilters): AnalyticsReport {
  const facts = ensureFacts(ws);
  const { roles } = facts;
  const pick = (l: { id: string; name: string }) => ({ id: l.id, name: l.name });
  const report: AnalyticsReport = {
    roles: {
      claims: (filters.claimLabelIds ? roles.claimCandidates.filter((l) => filters.claimLabelIds!.includes(l.id)) : roles.claims).map(pick),
      sources: roles.sources.map(pick),
      anonymous: roles.anonymous && pick(roles.anonymous),
      cue: roles.cue && pick(roles.cue),
      anonymityBy: facts.anonymityBy,
    },
    choices: { ...choices(ws, filters), claimLabels: roles.claimCandidates.map(pick) },
    totals: { articles: 0, claims: 0, counts: noCounts(), shares: sharesOf(noCounts()) },
    byOutlet: [],
    byMonth: [],
    sources: [],
    cues: [],
    anonymity: { justification: { given: 0, notGiven: 0, unrecorded: 0 }, descriptors: [] },
  };
  const claims = whereOf(ws, facts, filters, 'label');
  if (!claims) return report;
  const db = ws.db;

  const cells = db
    .prepare(`SELECT outlet, month, kind, count(*) AS n FROM an_claims t WHERE ${claims.sql} GROUP BY outlet, month, kind`)
    .all(...claims.params) as { outlet: string; month: string; kind: number; n: number }[];
  const byOutlet = new Map<string, KindCounts>();
  const byMonth = new Map<string, KindCounts>();
  for (const cell of cells) {
    const kind = KIND_OF_CODE[cell.kind]!;
    report.totals.counts[kind] += cell.n;
    for (const [map, key] of [[byOutlet, cell.outlet], [byMonth, cell.month]] as const) {
      const counts = map.get(key) ?? noCounts();
      counts[kind] += cell.n;
      map.set(key, counts);
    }
  }
  report.totals.claims = total(report.totals.counts);
  report.totals.shares = sharesOf(report.totals.counts);
  report.totals.articles = db.prepare(`SELECT count(DISTINCT doc) FROM an_claims t WHERE ${claims.sql}`).pluck().get(...claims.params) as number;
  report.byOutlet = [...byOutlet].map(([key, counts]) => shareRow(key, counts)).sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
  // Months in order, undated last.
  report.byMonth = [...byMonth].map(([key, counts]) => shareRow(key, counts)).sort((a, b) => (a.key === '') !== (b.key === '') ? (a.key === '' ? 1 : -1) : a.key.localeCompare(b.key));

  report.cues = cueRows(ws, claims);
  const sources = whereOf(ws, facts, filters, 'claim_label');
  if (sources) report.sources = sourceRows(ws, sources);
  const anonymous = whereOf(ws, facts, filters, null);
  if (anonymous) report.anonymity = anonymityOf(ws, anonymous);
  return report;
}

/** What the filters can choose from in the scope: every outlet, the first and last day. */
function choices(ws: Workspace, filters: AnalyticsFilters): Omit<AnalyticsReport['choices'], 'claimLabels'> {
  const scope = scopeOf(ws, filters.scope, 't.rowid');
  if (!scope) return { outlets: [], firstDay: null, lastDay: null };
  const outlets = ws.db
    .prepare(`SELECT DISTINCT coalesce(t.outlet, '') FROM documents t WHERE ${scope.sql} ORDER BY 1`)
    .pluck()
    .all(...scope.params) as string[];
  const days = ws.db
    .prepare(
      `SELECT min(substr(t.published_at, 1, 10)) AS first, max(substr(t.published_at, 1, 10)) AS last FROM documents t
       WHERE t.published_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' AND ${scope.sql}`,
    )
    .get(...scope.params) as { first: string | null; last: string | null };
  return { outlets, firstDay: days.first, lastDay: days.last };
}

function cueRows(ws: Workspace, claims: Where): CueRow[] {
  const cells = ws.db
    .prepare(`SELECT cue, kind, count(*) AS n FROM an_claims t WHERE t.cue IS NOT NULL AND ${claims.sql} GROUP BY cue, kind`)
    .all(...claims.params) as { cue: string; kind: number; n: number }[];
  const rows = new Map<string, KindCounts>();
  for (const cell of cells) {
    const counts = rows.get(cell.cue) ?? noCounts();
    counts[KIND_OF_CODE[cell.kind]!] += cell.n;
    rows.set(cell.cue, counts);
  }
  return [...rows]
    .map(([cue, counts]) => ({ cue, counts, total: total(counts) }))
    .sort((a, b) => b.total - a.total || a.cue.localeCompare(b.cue))
    .slice(0, TOP_CUES);
}

/** Source facts under the person's merges: `key` is the merged one. */
const MERGED_SOURCES = `SELECT coalesce(m.into_key, s.key) AS key, s.* FROM an_sources s LEFT JOIN source_merges m ON m.alias = s.key`;

function sourceRows(ws: Workspace, where: Where): SourceRow[] {
  const db = ws.db;
  const filtered = `WITH t AS (${MERGED_SOURCES}) SELECT * FROM t WHERE t.claim IS NOT NULL AND ${where.sql}`;
  const top = db
    .prepare(
      `WITH f AS (${filtered}) SELECT key, count(DISTINCT claim) AS claims, count(DISTINCT doc) AS articles,
         sum(anonymous) * 2 > count(*) AS anonymous
       FROM f GROUP BY key ORDER BY claims DESC, key LIMIT ${TOP_SOURCES}`,
    )
    .all(...where.params) as { key: string; claims: number; articles: number; anonymous: number }[];
  if (top.length === 0) return [];
  const keys = top.map((t) => t.key);
  const inTop = `key IN (${keys.map(() => '?').join(',')})`;
  const outlets = db
    .prepare(`WITH f AS (${filtered}) SELECT key, outlet, count(DISTINCT claim) AS claims FROM f WHERE ${inTop} GROUP BY key, outlet ORDER BY claims DESC, outlet`)
    .all(...where.params, ...keys) as { key: string; outlet: string; claims: number }[];
  // The spelling most of the spans have, preferring those whose own name is the merged one.
  const names = db
    .prepare(
      `WITH f AS (${filtered}) SELECT f.key, f.name, count(*) AS n, f.key = (SELECT s.key FROM an_sources s WHERE s.span = f.span) AS own
       FROM f WHERE ${inTop} GROUP BY f.key, f.name ORDER BY own DESC, n DESC, f.name`,
    )
    .all(...where.params, ...keys) as { key: string; name: string }[];
  const merged = db
    .prepare(`SELECT alias, into_key FROM source_merges WHERE into_key IN (${keys.map(() => '?').join(',')}) ORDER BY alias`)
    .all(...keys) as { alias: string; into_key: string }[];
  return top.map((t) => ({
    key: t.key,
    name: names.find((n) => n.key === t.key)?.name.trim() ?? t.key,
    kind: t.anonymous ? 'anonymous' : 'named',
    claims: t.claims,
    articles: t.articles,
    outlets: outlets.filter((o) => o.key === t.key).map(({ outlet, claims }) => ({ outlet, claims })),
    merged: merged.filter((m) => m.into_key === t.key).map((m) => m.alias),
  }));
}

function anonymityOf(ws: Workspace, where: Where): AnalyticsReport['anonymity'] {
  const rows = ws.db
    .prepare(`SELECT justification AS j, count(DISTINCT span) AS n FROM an_sources t WHERE t.anonymous = 1 AND ${where.sql} GROUP BY justification`)
    .all(...where.params) as { j: number | null; n: number }[];
  const count = (j: number | null) => rows.find((r) => r.j === j)?.n ?? 0;
  const descriptors = ws.db
    .prepare(
      `SELECT lower(coalesce(descriptor, '')) AS descriptor, count(DISTINCT span) AS count FROM an_sources t
       WHERE t.anonymous = 1 AND ${where.sql} GROUP BY 1 ORDER BY count DESC, descriptor LIMIT ${TOP_DESCRIPTORS}`,
    )
    .all(...where.params) as { descriptor: string; count: number }[];
  return { justification: { given: count(1), notGiven: count(0), unrecorded: count(null) }, descriptors };
}

/** The spans one bar stands for (at most 500, by article date and title), and how many there are. */
export function analyticsSpans(ws: Workspace, { filters, bar }: SpansRequest): SpansList {
  const facts = ensureFacts(ws);
  const query = barQuery(ws, facts, filters, bar);
  if (!query) return { spans: [], total: 0 };
  const total = ws.db.prepare(`WITH hit AS (${query.sql}) SELECT count(DISTINCT span) FROM hit`).pluck().get(...query.params) as number;
  const spans = ws.db
    .prepare(
      `WITH hit AS (${query.sql})
       SELECT a.id AS annotationId, d.id AS documentId, d.title, d.outlet, d.published_at AS publishedAt, a.quote
       FROM (SELECT DISTINCT span FROM hit) h JOIN annotations a ON a.rowid = h.span JOIN documents d ON d.id = a.document_id
       ORDER BY d.published_at IS NULL, d.published_at, d.title, (SELECT min(start) FROM fragments f WHERE f.annotation_id = a.id)
       LIMIT ${MOST_SPANS}`,
    )
    .all(...query.params) as AnalyticsSpan[];
  return { spans, total };
}

/** The spans of one bar as a query with a column `span` (an annotation's rowid). */
function barQuery(ws: Workspace, facts: Facts, filters: AnalyticsFilters, bar: AnalyticsBar): Where | null {
  const claims = () => whereOf(ws, facts, filters, 'label');
  const kindCode = (kind: SourceKind) => KIND_CODES[kind];
  const on = (where: Where | null, sql: string, params: unknown[]): Where | null => where && { sql: sql.replace('$where', where.sql), params: [...where.params, ...params] };
  switch (bar.figure) {
    case 'outlet':
      return on(claims(), 'SELECT t.id AS span FROM an_claims t WHERE $where AND t.outlet = ? AND t.kind = ?', [bar.outlet, kindCode(bar.kind)]);
    case 'month':
      return on(claims(), 'SELECT t.id AS span FROM an_claims t WHERE $where AND t.month = ? AND t.kind = ?', [bar.month, kindCode(bar.kind)]);
    case 'cue':
      return on(claims(), 'SELECT t.cue_span AS span FROM an_claims t WHERE $where AND t.cue = ? AND t.kind = ?', [bar.cue, kindCode(bar.kind)]);
    case 'source':
      return on(
        whereOf(ws, facts, filters, 'claim_label'),
        `SELECT t.span FROM (${MERGED_SOURCES}) t WHERE t.claim IS NOT NULL AND $where AND t.key = ?`,
        [bar.key],
      );
    case 'justification':
      return on(
        whereOf(ws, facts, filters, null),
        `SELECT t.span FROM an_sources t WHERE t.anonymous = 1 AND $where AND t.justification IS ?`,
        [bar.given === null ? null : Number(bar.given)],
      );
    case 'descriptor':
      return on(
        whereOf(ws, facts, filters, null),
        `SELECT t.span FROM an_sources t WHERE t.anonymous = 1 AND $where AND lower(coalesce(t.descriptor, '')) = ?`,
        [bar.descriptor],
      );
  }
}
