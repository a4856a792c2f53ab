/**
 * Every figure of sourcing analytics, counted over the facts (facts.ts) in one pass per table for
 * the scope and filters asked for, and the spans behind one bar of them.
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
import { ensureFacts, KIND_CODES, type Choices, type Codes, type FactRows, type Facts } from './facts';
import { wilsonShare } from './wilson';

const TOP_SOURCES = 100;
const TOP_CUES = 50;
const TOP_DESCRIPTORS = 30;
const MOST_SPANS = 500;

const KIND_OF_CODE: readonly SourceKind[] = Object.entries(KIND_CODES)
  .sort((a, b) => a[1] - b[1])
  .map(([kind]) => kind as SourceKind);
const KINDS = KIND_OF_CODE.length;

/** Whether the filters keep row `i`; `byClaimLabel` also asks for the claim's label to be one of the claim labels. */
type Keep = (rows: FactRows, i: number, byClaimLabel: boolean) => boolean;

/** The articles (rowids) of the scope: every one (null), or a set, empty when the scope holds nothing. */
function scopeDocs(ws: Workspace, scope: AnalyticsFilters['scope']): Set<number> | null {
  switch (scope.kind) {
    case 'all':
      return null;
    case 'collection':
      if (!ws.statement('SELECT 1 FROM collections WHERE id = ?').get(scope.id)) throw notFound(`There is no collection with id ${scope.id}.`);
      return new Set(
        ws.statement('SELECT d.rowid FROM collection_documents cd JOIN documents d ON d.id = cd.document_id WHERE cd.collection_id = ?').pluck().all(scope.id) as number[],
      );
    case 'search': {
      const match = ftsQuery(scope.search);
      return new Set(match ? (ws.statement('SELECT rowid FROM search WHERE search MATCH ?').pluck().all(match) as number[]) : []);
    }
  }
}

/** Flags over a table of codes: 1 for each of `values` that any fact has. */
function flags(codes: Codes, values: readonly string[]): Uint8Array {
  const on = new Uint8Array(codes.values.length);
  for (const value of values) {
    const code = codes.find(value);
    if (code >= 0) on[code] = 1;
  }
  return on;
}

function keeperOf(ws: Workspace, facts: Facts, filters: AnalyticsFilters): Keep {
  const docs = scopeDocs(ws, filters.scope);
  // A layer no fact has keeps nothing: no row has the code -1.
  const annotator = filters.layerId === null ? null : facts.codes.annotators.find(filters.layerId);
  const outlets = filters.outlets.length > 0 ? flags(facts.codes.outlets, filters.outlets) : null;
  const from = filters.from ? Number(filters.from.replaceAll('-', '')) : null;
  const to = filters.to ? Number(filters.to.replaceAll('-', '')) : null;
  const labels = flags(facts.codes.labels, filters.claimLabelIds ?? facts.roles.claims.map((l) => l.id));
  return (rows, i, byClaimLabel) =>
    (docs === null || docs.has(rows.doc[i]!)) &&
    (annotator === null || rows.annotator[i] === annotator) &&
    (outlets === null || outlets[rows.outlet[i]!] === 1) &&
    (from === null || rows.day[i]! >= from) &&
    (to === null || (rows.day[i] !== 0 && rows.day[i]! <= to)) &&
    (!byClaimLabel || (rows.label[i]! >= 0 && labels[rows.label[i]!] === 1));
}

const noCounts = (): KindCounts => ({ anonymous: 0, named: 0, unsourced: 0 });
const total = (counts: KindCounts) => counts.anonymous + counts.named + counts.unsourced;
const sharesOf = (counts: KindCounts) => {
  const all = total(counts);
  return { anonymous: wilsonShare(counts.anonymous, all), named: wilsonShare(counts.named, all), unsourced: wilsonShare(counts.unsourced, all) };
};
const shareRow = (key: string, counts: KindCounts): ShareRow => ({ key, counts, total: total(counts), shares: sharesOf(counts) });

/** Counts by code and kind (code * KINDS + kind), as rows of KindCounts for the codes that have any. */
function countRows(cells: Int32Array, codes: Codes): { key: string; counts: KindCounts }[] {
  const rows = [];
  for (let code = 0; code < codes.values.length; code++) {
    const counts = noCounts();
    for (let kind = 0; kind < KINDS; kind++) counts[KIND_OF_CODE[kind]!] = cells[code * KINDS + kind]!;
    if (total(counts) > 0) rows.push({ key: codes.values[code]!, counts });
  }
  return rows;
}

/** Every figure of the Analytics view for these filters. */
export function computeAnalytics(ws: Workspace, filters: AnalyticsFilters): AnalyticsReport {
  const facts = ensureFacts(ws);
  const { roles } = facts;
  const pick = (l: { id: string; name: string }) => ({ id: l.id, name: l.name });
  const keep = keeperOf(ws, facts, filters);
  const claims = claimFigures(facts, keep);
  return {
    roles: {
      claims: (filters.claimLabelIds ? roles.claimCandidates.filter((l) => filters.claimLabelIds!.includes(l.id)) : roles.claims).map(pick),
      sources: roles.sources.map(pick),
      anonymous: roles.anonymous && pick(roles.anonymous),
      cue: roles.cue && pick(roles.cue),
      anonymityBy: facts.anonymityBy,
    },
    choices: { ...choices(ws, facts, filters), claimLabels: roles.claimCandidates.map(pick) },
    ...claims,
    sources: sourceRows(ws, facts, keep),
    anonymity: anonymityOf(facts, keep),
  };
}

/** What the filters can choose from in the scope: every outlet, the first and last day. */
function choices(ws: Workspace, facts: Facts, filters: AnalyticsFilters): Choices {
  const key = JSON.stringify(filters.scope);
  const known = facts.choices.get(key);
  if (known) return known;
  const docs = scopeDocs(ws, filters.scope);
  const found: Choices = { outlets: [], firstDay: null, lastDay: null };
  if (docs?.size !== 0) {
    const inScope = docs ? 'rowid IN (SELECT value FROM json_each(?))' : '1';
    const params = docs ? [JSON.stringify([...docs])] : [];
    found.outlets = ws.db.prepare(`SELECT DISTINCT coalesce(outlet, '') FROM documents WHERE ${inScope} ORDER BY 1`).pluck().all(...params) as string[];
    const days = ws.db
      .prepare(
        `SELECT min(substr(published_at, 1, 10)) AS first, max(substr(published_at, 1, 10)) AS last FROM documents
         WHERE published_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' AND ${inScope}`,
      )
      .get(...params) as { first: string | null; last: string | null };
    found.firstDay = days.first;
    found.lastDay = days.last;
  }
  facts.choices.set(key, found);
  return found;
}

/** The claims' figures: totals, by outlet, by month, and cues. */
function claimFigures(facts: Facts, keep: Keep): Pick<AnalyticsReport, 'totals' | 'byOutlet' | 'byMonth' | 'cues'> {
  const { claims, codes } = facts;
  const byOutlet = new Int32Array(codes.outlets.values.length * KINDS);
  const byMonth = new Int32Array(codes.months.values.length * KINDS);
  const byCue = new Int32Array(codes.cues.values.length * KINDS);
  let articles = 0;
  let lastDoc = -1;
  for (let i = 0; i < claims.length; i++) {
    if (!keep(claims, i, true)) continue;
    const kind = claims.kind[i]!;
    byOutlet[claims.outlet[i]! * KINDS + kind]!++;
    byMonth[claims.month[i]! * KINDS + kind]!++;
    if (claims.cue[i]! >= 0) byCue[claims.cue[i]! * KINDS + kind]!++;
    // The rows are ordered by article.
    if (claims.doc[i] !== lastDoc) {
      articles++;
      lastDoc = claims.doc[i]!;
    }
  }
  const outletRows = countRows(byOutlet, codes.outlets);
  const counts = noCounts();
  for (const row of outletRows) for (const kind of KIND_OF_CODE) counts[kind] += row.counts[kind];
  const cues: CueRow[] = countRows(byCue, codes.cues)
    .map(({ key, counts }) => ({ cue: key, counts, total: total(counts) }))
    .sort((a, b) => b.total - a.total || a.cue.localeCompare(b.cue))
    .slice(0, TOP_CUES);
  return {
    totals: { articles, claims: total(counts), counts, shares: sharesOf(counts) },
    byOutlet: outletRows.map((r) => shareRow(r.key, r.counts)).sort((a, b) => b.total - a.total || a.key.localeCompare(b.key)),
    // Months in order, undated last.
    byMonth: countRows(byMonth, codes.months)
      .map((r) => shareRow(r.key, r.counts))
      .sort((a, b) => ((a.key === '') !== (b.key === '') ? (a.key === '' ? 1 : -1) : a.key.localeCompare(b.key))),
    cues,
  };
}

/** Each source key's code under the person's merges; a merge's target no fact has gets a code of its own. */
function mergedKeys(ws: Workspace, facts: Facts): Int32Array {
  const { keys } = facts.codes;
  const merges = ws.statement('SELECT alias, into_key FROM source_merges').all() as { alias: string; into_key: string }[];
  const targets = merges.map((m) => [keys.find(m.alias), keys.code(m.into_key)] as const);
  const merged = Int32Array.from({ length: keys.values.length }, (_, code) => code);
  for (const [alias, into] of targets) if (alias >= 0) merged[alias] = into;
  return merged;
}

function sourceRows(ws: Workspace, facts: Facts, keep: Keep): SourceRow[] {
  const { sources, codes } = facts;
  const merged = mergedKeys(ws, facts);
  const size = codes.keys.values.length;
  const claimsOf = new Int32Array(size);
  const articlesOf = new Int32Array(size);
  const rowsOf = new Int32Array(size);
  const anonymousOf = new Int32Array(size);
  const lastClaim = new Int32Array(size).fill(-1);
  const lastDoc = new Int32Array(size).fill(-1);
  const outletClaims = new Map<number, number>();
  const outlets = codes.outlets.values.length;
  for (let i = 0; i < sources.length; i++) {
    if (sources.claim[i]! < 0 || !keep(sources, i, true)) continue;
    const key = merged[sources.key[i]!]!;
    rowsOf[key]!++;
    anonymousOf[key]! += sources.anonymous[i]!;
    // The rows are ordered by article and claim, so a key's rows of one claim (or article) come together.
    if (lastClaim[key] !== sources.claim[i]) {
      lastClaim[key] = sources.claim[i]!;
      claimsOf[key]!++;
      const cell = key * outlets + sources.outlet[i]!;
      outletClaims.set(cell, (outletClaims.get(cell) ?? 0) + 1);
    }
    if (lastDoc[key] !== sources.doc[i]) {
      lastDoc[key] = sources.doc[i]!;
      articlesOf[key]!++;
    }
  }
  const keyOf = (code: number) => codes.keys.values[code]!;
  const top = [...claimsOf.keys()]
    .filter((code) => claimsOf[code]! > 0)
    .sort((a, b) => claimsOf[b]! - claimsOf[a]! || (keyOf(a) < keyOf(b) ? -1 : 1))
    .slice(0, TOP_SOURCES);
  if (top.length === 0) return [];
  const names = spellings(facts, keep, merged, new Set(top));
  const aliases = ws
    .statement(`SELECT alias, into_key FROM source_merges WHERE into_key IN (SELECT value FROM json_each(?)) ORDER BY alias`)
    .all(JSON.stringify(top.map(keyOf))) as { alias: string; into_key: string }[];
  return top.map((code) => ({
    key: keyOf(code),
    name: names.get(code)?.trim() ?? keyOf(code),
    kind: anonymousOf[code]! * 2 > rowsOf[code]! ? 'anonymous' : 'named',
    claims: claimsOf[code]!,
    articles: articlesOf[code]!,
    outlets: codes.outlets.values
      .map((outlet, o) => ({ outlet, claims: outletClaims.get(code * outlets + o) ?? 0 }))
      .filter((o) => o.claims > 0)
      .sort((a, b) => b.claims - a.claims || (a.outlet < b.outlet ? -1 : 1)),
    merged: aliases.filter((m) => m.into_key === keyOf(code)).map((m) => m.alias),
  }));
}

/** Each source's spelling that most of its spans have, preferring those whose own key is the merged one. */
function spellings(facts: Facts, keep: Keep, merged: Int32Array, keys: Set<number>): Map<number, string> {
  const { sources, codes } = facts;
  const counts = new Map<number, Map<number, { n: number; own: boolean }>>();
  for (let i = 0; i < sources.length; i++) {
    const key = merged[sources.key[i]!]!;
    if (!keys.has(key) || sources.claim[i]! < 0 || !keep(sources, i, true)) continue;
    const names = counts.get(key) ?? new Map<number, { n: number; own: boolean }>();
    const spelling = names.get(sources.name[i]!) ?? { n: 0, own: sources.key[i] === key };
    spelling.n++;
    names.set(sources.name[i]!, spelling);
    counts.set(key, names);
  }
  const best = new Map<number, string>();
  for (const [key, names] of counts) {
    const ranked = [...names].map(([code, { n, own }]) => ({ name: codes.names.values[code]!, n, own }));
    ranked.sort((a, b) => Number(b.own) - Number(a.own) || b.n - a.n || (a.name < b.name ? -1 : 1));
    best.set(key, ranked[0]!.name);
  }
  return best;
}

/** Each anonymous source span once: whether a justification was given, and how it is described. */
function anonymityOf(facts: Facts, keep: Keep): AnalyticsReport['anonymity'] {
  const { sources, codes } = facts;
  const seen = new Set<number>();
  const justification = [0, 0, 0];
  const descriptors = new Int32Array(codes.descriptors.values.length);
  for (let i = 0; i < sources.length; i++) {
    if (sources.anonymous[i] !== 1 || seen.has(sources.span[i]!) || !keep(sources, i, false)) continue;
    seen.add(sources.span[i]!);
    justification[sources.justification[i]! + 1]!++;
    descriptors[sources.descriptor[i]!]!++;
  }
  return {
    justification: { notGiven: justification[1]!, given: justification[2]!, unrecorded: justification[0]! },
    descriptors: [...descriptors.keys()]
      .filter((code) => descriptors[code]! > 0)
      .map((code) => ({ descriptor: codes.descriptors.values[code]!, count: descriptors[code]! }))
      .sort((a, b) => b.count - a.count || (a.descriptor < b.descriptor ? -1 : 1))
      .slice(0, TOP_DESCRIPTORS),
  };
}

/** The spans one bar stands for (at most 500, by article date and title), and how many there are. */
export function analyticsSpans(ws: Workspace, { filters, bar }: SpansRequest): SpansList {
  const facts = ensureFacts(ws);
  const spans = barSpans(ws, facts, keeperOf(ws, facts, filters), bar);
  if (spans.size === 0) return { spans: [], total: 0 };
  const listed = ws.db
    .prepare(
      `SELECT a.id AS annotationId, d.id AS documentId, d.title, d.outlet, d.published_at AS publishedAt, a.quote
       FROM json_each(?) h JOIN annotations a ON a.rowid = h.value JOIN documents d ON d.id = a.document_id
       ORDER BY d.published_at IS NULL, d.published_at, d.title, (SELECT min(start) FROM fragments f WHERE f.annotation_id = a.id)
       LIMIT ${MOST_SPANS}`,
    )
    .all(JSON.stringify([...spans])) as AnalyticsSpan[];
  return { spans: listed, total: spans.size };
}

/** The spans (annotation rowids) of one bar. */
function barSpans(ws: Workspace, facts: Facts, keep: Keep, bar: AnalyticsBar): Set<number> {
  const { claims, sources, codes } = facts;
  const found = new Set<number>();
  const ofClaims = (column: Int32Array, code: number, kind: SourceKind, span: Int32Array) => {
    if (code < 0) return found;
    for (let i = 0; i < claims.length; i++) {
      if (column[i] === code && claims.kind[i] === KIND_CODES[kind] && keep(claims, i, true)) found.add(span[i]!);
    }
    return found;
  };
  const ofAnonymous = (test: (i: number) => boolean) => {
    for (let i = 0; i < sources.length; i++) if (sources.anonymous[i] === 1 && test(i) && keep(sources, i, false)) found.add(sources.span[i]!);
    return found;
  };
  switch (bar.figure) {
    case 'outlet':
      return ofClaims(claims.outlet, codes.outlets.find(bar.outlet), bar.kind, claims.id);
    case 'month':
      return ofClaims(claims.month, codes.months.find(bar.month), bar.kind, claims.id);
    case 'cue':
      return ofClaims(claims.cue, codes.cues.find(bar.cue), bar.kind, claims.cueSpan);
    case 'source': {
      const merged = mergedKeys(ws, facts);
      const key = codes.keys.find(bar.key);
      for (let i = 0; key >= 0 && i < sources.length; i++) {
        if (sources.claim[i]! >= 0 && merged[sources.key[i]!] === key && keep(sources, i, true)) found.add(sources.span[i]!);
      }
      return found;
    }
    case 'justification': {
      const given = bar.given === null ? -1 : Number(bar.given);
      return ofAnonymous((i) => sources.justification[i] === given);
    }
    case 'descriptor': {
      const code = codes.descriptors.find(bar.descriptor);
      return ofAnonymous((i) => sources.descriptor[i] === code);
    }
  }
}
