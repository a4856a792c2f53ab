import { useEffect, useId, useRef, useState } from 'react';
import type { AnalyticsBar, AnalyticsFilters, AnalyticsReport, SpansList } from '../../schema/analytics';
import type { Annotator, Collection } from '../../schema/model';
import { call, messageOf } from '../api';
import { afterNextPaint } from '../common/after-paint';
import { collectionOption, ScopeChoice } from '../common/ScopeChoice';
import { AnonymityFigures, CuesFigure, ShareFigure, SourcesFigure } from './AnalyticsFigures';
import { countWithShare, KIND_NAMES, outletName } from './analytics-format';
import { AnalyticsSpans } from './AnalyticsSpans';
import { plural } from '../common/plural';

type ScopeKind = AnalyticsFilters['scope']['kind'];

/** Sourcing analytics over a scope: who claims are attributed to, how, by outlet and month; every figure a chart and a table. */
export function AnalyticsView() {
  const id = useId();
  const [annotators, setAnnotators] = useState<Annotator[]>([]);
  const [collections, setCollections] = useState<Collection[]>([]);
  const [scopeKind, setScopeKind] = useState<ScopeKind>('all');
  const [collection, setCollection] = useState('');
  const [searchDraft, setSearchDraft] = useState('');
  const [search, setSearch] = useState('');
  const [layerId, setLayerId] = useState<string | null>(null);
  const [outlet, setOutlet] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [claimLabelIds, setClaimLabelIds] = useState<string[] | null>(null);
  const [report, setReport] = useState<AnalyticsReport | null>(null);
  /** The question the report shown answers; it is busy while that is not the latest. */
  const [answered, setAnswered] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<{ bar: AnalyticsBar; what: string; list: SpansList | null } | null>(null);
  const [merges, setMerges] = useState(0);
  const figures = useRef<HTMLElement>(null);
  const painted = useRef(0);

  useEffect(() => {
    let current = true;
    Promise.all([call('annotators.list', {}), call('collections.list', {})]).then(
      ([annotators, collections]) => {
        if (!current) return;
        setAnnotators(annotators);
        setCollections(collections);
        setCollection(collections[0]?.id ?? '');
      },
      (error: unknown) => current && setError(messageOf(error)),
    );
    return () => {
      current = false;
    };
  }, []);

  const scope: AnalyticsFilters['scope'] | null =
    scopeKind === 'collection'
      ? collection
        ? { kind: 'collection', id: collection }
        : null
      : scopeKind === 'search'
        ? search
          ? { kind: 'search', search }
          : null
        : { kind: 'all' };
  const validDay = (day: string) => (/^\d{4}-\d{2}-\d{2}$/.test(day) ? day : null);
  const filters: AnalyticsFilters | null = scope && {
    scope,
    layerId,
    outlets: outlet ? [outlet] : [],
    from: validDay(from),
    to: validDay(to),
    claimLabelIds,
  };
  const key = JSON.stringify(filters);
  const question = `${key}#${merges}`;
  const busy = filters !== null && answered !== question;

  // Every change of the filters asks again; only the answer to the latest is shown.
  useEffect(() => {
    if (!key || key === 'null') return;
    let current = true;
    call('analytics.compute', JSON.parse(key) as AnalyticsFilters).then(
      (next) => {
        if (!current) return;
        setReport(next);
        setError(null);
        setAnswered(`${key}#${merges}`);
      },
      (error: unknown) => {
        if (!current) return;
        setError(messageOf(error));
        setAnswered(`${key}#${merges}`);
      },
    );
    return () => {
      current = false;
    };
  }, [key, merges]);

  // Charts draw in their own effects, which run before this one: once the frame is painted, say so.
  useEffect(() => {
    if (!report) return;
    afterNextPaint(() => figures.current?.setAttribute('data-painted', String(++painted.current)));
  }, [report]);

  const pick = (bar: AnalyticsBar, what: string) => {
    if (!filters) return;
    setPicked({ bar, what, list: null });
    call('analytics.spans', { filters, bar }).then(
      (list) => setPicked((shown) => (shown?.bar === bar ? { ...shown, list } : shown)),
      (error: unknown) => setError(messageOf(error)),
    );
  };
  const changeMerges = (work: Promise<null>) =>
    void work.then(
      () => setMerges((n) => n + 1),
      (error: unknown) => setError(messageOf(error)),
    );

  const claimLabels = report?.choices.claimLabels ?? [];
  const countedLabels = new Set(claimLabelIds ?? report?.roles.claims.map((l) => l.id) ?? []);
  const totals = report?.totals;

  return (
    <main className="analytics report-view" aria-labelledby={`${id}-title`}>
      <div className="toolbar">
        <h1 id={`${id}-title`}>Analytics</h1>
      </div>
      <form className="report-form" aria-label="Filters" onSubmit={(event) => (event.preventDefault(), setSearch(searchDraft.trim()))}>
        <ScopeChoice
          legend="Over"
          value={scopeKind}
          onChange={setScopeKind}
          options={[
            { kind: 'all', label: 'The whole workspace' },
            collectionOption(collections, collection, setCollection),
            {
              kind: 'search',
              label: 'Articles matching a search',
              detail: (
                <span className="search-scope">
                  <input type="search" aria-label="Search words" value={searchDraft} onChange={(e) => setSearchDraft(e.target.value)} />
                  <button type="submit">Search</button>
                </span>
              ),
            },
          ]}
        />
        <div className="analytics-selects">
          <label>
            Layer
            <select aria-label="Layer" value={layerId ?? ''} onChange={(e) => setLayerId(e.target.value || null)}>
              <option value="">All layers</option>
              {annotators.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                  {a.isLocal ? ' (you)' : ''}
                </option>
              ))}
            </select>
          </label>
          <label>
            Outlet
            <select aria-label="Outlet" value={outlet} onChange={(e) => setOutlet(e.target.value)}>
              <option value="">All outlets</option>
              {(report?.choices.outlets ?? []).filter((o) => o !== '').map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </label>
          <label>
            From
            <input type="date" value={from} min={report?.choices.firstDay ?? undefined} max={to || undefined} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            To
            <input type="date" value={to} min={from || undefined} max={report?.choices.lastDay ?? undefined} onChange={(e) => setTo(e.target.value)} />
          </label>
        </div>
        {claimLabels.length > 0 && (
          <fieldset>
            <legend>Claims are spans labeled</legend>
            {claimLabels.map((l) => (
              <label key={l.id} className="choice">
                <input
                  type="checkbox"
                  checked={countedLabels.has(l.id)}
                  onChange={(e) => {
                    const next = new Set(countedLabels);
                    if (e.target.checked) next.add(l.id);
                    else next.delete(l.id);
                    setClaimLabelIds(claimLabels.filter((c) => next.has(c.id)).map((c) => c.id));
                  }}
                />
                {l.name}
              </label>
            ))}
          </fieldset>
        )}
      </form>
      {error && (
        <p role="alert" className="notice notice-error">
          {error}
        </p>
      )}
      <section ref={figures} className="analytics-figures" aria-label="Figures" aria-busy={busy} data-painted="0">
        {report && totals && (
          <>
            <p className="report-summary" role="status">
              {busy ? 'Counting… ' : ''}
              {plural(totals.claims, 'claim')} in {plural(totals.articles, 'article')}{outlet ? ` of ${outletName(outlet)}` : ''}:{' '}
              {(['anonymous', 'named', 'unsourced'] as const).map((kind, i) => (
                <span key={kind}>
                  {i > 0 ? ', ' : ''}
                  {KIND_NAMES[kind].toLowerCase()} {countWithShare(totals.counts[kind], totals.shares[kind])}
                </span>
              ))}
              .
            </p>
            {totals.claims === 0 && (
              <p className="hint">
                Nothing to count here: tag claims ({report.roles.claims.map((l) => l.name).join(', ') || 'a Claim label'}) and link each to its source.
              </p>
            )}
            {picked && (
              <AnalyticsSpans what={picked.what} list={picked.list} onClose={() => setPicked(null)} />
            )}
            <div className="analytics-grid">
              <ShareFigure report={report} by="outlet" onPick={pick} />
              <ShareFigure report={report} by="month" onPick={pick} />
              <SourcesFigure
                report={report}
                onPick={pick}
                onMerge={(keys, into) => changeMerges(call('analytics.mergeSources', { keys, into }))}
                onUnmerge={(key) => changeMerges(call('analytics.unmergeSource', { key }))}
              />
              <CuesFigure report={report} onPick={pick} />
              <AnonymityFigures report={report} onPick={pick} />
            </div>
          </>
        )}
        {!report && busy && <p role="status">Counting…</p>}
      </section>
    </main>
  );
}
