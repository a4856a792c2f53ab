import type { ChartConfiguration } from 'chart.js';
import { useMemo, useState } from 'react';
import { SOURCE_KINDS, type AnalyticsBar, type AnalyticsReport, type ShareRow, type SourceRow } from '../../schema/analytics';
import { countWithShare, KIND_COLORS, KIND_NAMES, monthName, outletName, percent } from './analytics-format';
import { Figure } from './Figure';
import { themed } from '../charts/chart-theme';
import { FigureChart } from '../charts/FigureChart';
import { heatmapConfig } from '../charts/heatmap';

type Pick = (bar: AnalyticsBar, what: string) => void;

/** The head of a table of claims by kind: its first column, a column per kind, and the claims in all. */
function KindsHead({ first }: { first: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        {SOURCE_KINDS.map((kind) => (
          <th scope="col" key={kind}>
            {KIND_NAMES[kind]}
          </th>
        ))}
        <th scope="col">Claims</th>
      </tr>
    </thead>
  );
}

/** Claims by the kind of their source, per outlet or per month: stacked shares, with counts and intervals in the table. */
export function ShareFigure({ report, by, onPick }: { report: AnalyticsReport; by: 'outlet' | 'month'; onPick: Pick }) {
  const rows = by === 'outlet' ? report.byOutlet : report.byMonth;
  const name = by === 'outlet' ? outletName : monthName;
  const title = by === 'outlet' ? 'Sources of claims by outlet' : 'Sources of claims by month';
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: {
        labels: rows.map((r) => name(r.key)),
        datasets: SOURCE_KINDS.map((kind) => ({
          label: KIND_NAMES[kind],
          data: rows.map((r) => r.shares[kind].share * 100),
          backgroundColor: KIND_COLORS[kind],
          stack: 'claims',
        })),
      },
      options: themed({
        scales: { x: { stacked: true }, y: { stacked: true, min: 0, max: 100, title: { display: true, text: '% of claims' } } },
        plugins: {
          tooltip: {
            callbacks: {
              label: (context) => {
                const row = rows[context.dataIndex]!;
                const kind = SOURCE_KINDS[context.datasetIndex]!;
                return `${KIND_NAMES[kind]}: ${countWithShare(row.counts[kind], row.shares[kind])}`;
              },
            },
          },
        },
      }),
    }),
    [rows, name],
  );
  const pick = (row: ShareRow, kind: (typeof SOURCE_KINDS)[number]) =>
    onPick(by === 'outlet' ? { figure: 'outlet', outlet: row.key, kind } : { figure: 'month', month: row.key, kind }, `${KIND_NAMES[kind]} claims, ${name(row.key)}`);
  const description = rows
    .map((r) => `${name(r.key)}: ${SOURCE_KINDS.map((k) => `${KIND_NAMES[k].toLowerCase()} ${percent(r.shares[k].share)}`).join(', ')}`)
    .join('; ');
  return (
    <Figure
      title={title}
      figures={[by]}
      report={report}
      chart={(files) => (
        <FigureChart
          files={files}
          config={config}
          label={`Stacked bars of the share of claims by the kind of their source, ${by === 'outlet' ? 'per outlet' : 'per month'}. ${description}`}
          onPick={(dataset, index) => pick(rows[index]!, SOURCE_KINDS[dataset]!)}
        />
      )}
      table={
        <table className="figures" aria-label={title}>
          <KindsHead first={by === 'outlet' ? 'Outlet' : 'Month'} />
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{name(row.key)}</th>
                {SOURCE_KINDS.map((kind) => (
                  <td key={kind}>
                    <button type="button" className="link-button" disabled={row.counts[kind] === 0} onClick={() => pick(row, kind)}>
                      {countWithShare(row.counts[kind], row.shares[kind])}
                    </button>
                  </td>
                ))}
                <td>{row.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

const CHART_SOURCES = 15;

/** The most quoted sources: a bar each (the first 15), the table of all with their outlets, and merging the ticked ones. */
export function SourcesFigure(props: {
  report: AnalyticsReport;
  onPick: Pick;
  onMerge(keys: string[], into: string): void;
  onUnmerge(key: string): void;
}) {
  const { report, onPick } = props;
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const [chosenInto, setInto] = useState('');
  const tickedRows = report.sources.filter((s) => ticked.has(s.key));
  const into = tickedRows.some((s) => s.key === chosenInto) ? chosenInto : (tickedRows[0]?.key ?? '');
  const tick = (key: string, on: boolean) => {
    const next = new Set(ticked);
    if (on) next.add(key);
    else next.delete(key);
    setTicked(next);
  };
  const shown = useMemo(() => report.sources.slice(0, CHART_SOURCES), [report.sources]);
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: {
        labels: shown.map((s) => s.name),
        datasets: [{ label: 'Claims', data: shown.map((s) => s.claims), backgroundColor: shown.map((s) => KIND_COLORS[s.kind]) }],
      },
      options: themed({
        indexAxis: 'y',
        scales: { x: { title: { display: true, text: 'Claims attributed' } }, y: {} },
        plugins: { legend: { display: false } },
      }),
    }),
    [shown],
  );
  const pick = (s: SourceRow) => onPick({ figure: 'source', key: s.key }, `Claims attributed to ${s.name}`);
  const title = 'Most quoted sources';
  return (
    <Figure
      title={title}
      figures={['source', 'source_outlet']}
      report={report}
      note={<p className="hint">Names count together regardless of case; merge the ones that are one source. Bars: blue named, magenta anonymous.</p>}
      chart={(files) => (
        <FigureChart
          files={files}
          config={config}
          className="chart-tall"
          label={`Bar chart of the ${shown.length} most quoted sources. ${shown.map((s) => `${s.name}: ${s.claims}`).join('; ')}`}
          onPick={(_dataset, index) => pick(shown[index]!)}
        />
      )}
      table={
        <>
          <form
            className="source-merge"
            aria-label="Merge sources"
            onSubmit={(event) => {
              event.preventDefault();
              props.onMerge(tickedRows.map((s) => s.key), into);
              setTicked(new Set());
            }}
          >
            {tickedRows.length < 2 ? (
              <p className="hint">Tick two or more sources in the Merge column to count them as one.</p>
            ) : (
              <>
                <label>
                  Merge the {tickedRows.length} ticked sources into
                  <select aria-label="Merged name" value={into} onChange={(e) => setInto(e.target.value)}>
                    {tickedRows.map((s) => (
                      <option key={s.key} value={s.key}>
                        {s.name}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="submit">Merge</button>
              </>
            )}
          </form>
          <table className="figures" aria-label={title}>
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Kind</th>
                <th scope="col">Claims</th>
                <th scope="col">Articles</th>
                <th scope="col">Outlets</th>
                <th scope="col">Merge</th>
              </tr>
            </thead>
            <tbody>
              {report.sources.map((s) => (
                <tr key={s.key}>
                  <th scope="row">
                    <button type="button" className="link-button" onClick={() => pick(s)}>
                      {s.name}
                    </button>
                    {s.merged.map((alias) => (
                      <span key={alias} className="merged-alias">
                        {' '}
                        + {alias}{' '}
                        <button type="button" className="link-button" onClick={() => props.onUnmerge(alias)} aria-label={`Count “${alias}” on its own again`}>
                          (unmerge)
                        </button>
                      </span>
                    ))}
                  </th>
                  <td>{s.kind}</td>
                  <td>{s.claims}</td>
                  <td>{s.articles}</td>
                  <td className="outlets-cell">{s.outlets.map((o) => `${outletName(o.outlet)} ${o.claims}`).join(', ')}</td>
                  <td>
                    <input type="checkbox" aria-label={`Merge “${s.name}”`} checked={ticked.has(s.key)} onChange={(e) => tick(s.key, e.target.checked)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      }
    />
  );
}

const CHART_CUES = 15;
const kinds = SOURCE_KINDS.map((k) => KIND_NAMES[k]);

/** Cues by the kind of source of their claim: a heat map of the first 15, and the table of all. */
export function CuesFigure({ report, onPick }: { report: AnalyticsReport; onPick: Pick }) {
  const shown = useMemo(() => report.cues.slice(0, CHART_CUES), [report.cues]);
  const config = useMemo(
    () =>
      heatmapConfig({
        label: 'Claims',
        cells: shown.flatMap((c) => SOURCE_KINDS.map((kind) => ({ x: KIND_NAMES[kind], y: c.cue, v: c.counts[kind] }))),
        columns: kinds,
        rows: shown.map((c) => c.cue),
        rgb: '47, 127, 216',
        describe: (cell) => `“${cell.y}”, ${cell.x.toLowerCase()}: ${cell.v} claims`,
      }),
    [shown],
  );
  const pick = (cue: string, kind: (typeof SOURCE_KINDS)[number]) => onPick({ figure: 'cue', cue, kind }, `“${cue}”, ${KIND_NAMES[kind].toLowerCase()} claims`);
  const title = 'Cues by kind of source';
  const noCue = report.roles.cue === null;
  return (
    <Figure
      title={title}
      figures={['cue']}
      report={report}
      note={
        <p className="hint">
          {noCue
            ? 'This workspace has no label named “Cue”: add one and link cue words (“said”, “according to”) to their claim or source to count them here.'
            : `Claims without any source: ${report.totals.counts.unsourced}.`}
        </p>
      }
      chart={(files) => (
        <FigureChart
          files={files}
          config={config}
          className="chart-tall"
          label={`Heat map of the ${shown.length} most used cues (rows) by the kind of source of their claim (columns); the table “${title}” holds the same counts.`}
          onPick={(_dataset, index) => {
            const cue = shown[Math.floor(index / SOURCE_KINDS.length)];
            if (cue) pick(cue.cue, SOURCE_KINDS[index % SOURCE_KINDS.length]!);
          }}
        />
      )}
      table={
        <table className="figures" aria-label={title}>
          <KindsHead first="Cue" />
          <tbody>
            {report.cues.map((c) => (
              <tr key={c.cue}>
                <th scope="row">{c.cue}</th>
                {SOURCE_KINDS.map((kind) => (
                  <td key={kind}>
                    <button type="button" className="link-button" disabled={c.counts[kind] === 0} onClick={() => pick(c.cue, kind)}>
                      {c.counts[kind]}
                    </button>
                  </td>
                ))}
                <td>{c.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

/** A bar chart of counts with its table: the anonymous sources' justification and descriptors. */
function CountsFigure(props: {
  report: AnalyticsReport;
  title: string;
  figure: 'justification' | 'descriptor';
  column: string;
  rows: { name: string; count: number; bar: AnalyticsBar; what: string }[];
  onPick: Pick;
  note?: string;
}) {
  const { rows, onPick } = props;
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: { labels: rows.map((r) => r.name), datasets: [{ label: 'Anonymous sources', data: rows.map((r) => r.count), backgroundColor: KIND_COLORS.anonymous }] },
      options: themed({ scales: { x: {}, y: { title: { display: true, text: 'Anonymous sources' } } }, plugins: { legend: { display: false } } }),
    }),
    [rows],
  );
  return (
    <Figure
      title={props.title}
      figures={[props.figure]}
      report={props.report}
      note={props.note ? <p className="hint">{props.note}</p> : undefined}
      chart={(files) => (
        <FigureChart
          files={files}
          config={config}
          label={`Bar chart: ${props.title}. ${rows.map((r) => `${r.name}: ${r.count}`).join('; ')}`}
          onPick={(_dataset, index) => onPick(rows[index]!.bar, rows[index]!.what)}
        />
      )}
      table={
        <table className="figures" aria-label={props.title}>
          <thead>
            <tr>
              <th scope="col">{props.column}</th>
              <th scope="col">Anonymous sources</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.name}>
                <th scope="row">{r.name}</th>
                <td>
                  <button type="button" className="link-button" disabled={r.count === 0} onClick={() => onPick(r.bar, r.what)}>
                    {r.count}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

export function AnonymityFigures({ report, onPick }: { report: AnalyticsReport; onPick: Pick }) {
  const { justification, descriptors } = report.anonymity;
  const justifications = useMemo(
    () => [
      { name: 'Given', count: justification.given, bar: { figure: 'justification', given: true } as const, what: 'Anonymous sources with a justification' },
      { name: 'Not given', count: justification.notGiven, bar: { figure: 'justification', given: false } as const, what: 'Anonymous sources without a justification' },
      { name: 'Not recorded', count: justification.unrecorded, bar: { figure: 'justification', given: null } as const, what: 'Anonymous sources whose justification is not recorded' },
    ],
    [justification],
  );
  const described = useMemo(
    () =>
      descriptors.map((d) => ({
        name: d.descriptor || '(not described)',
        count: d.count,
        bar: { figure: 'descriptor', descriptor: d.descriptor } as const,
        what: `Anonymous sources described as “${d.descriptor || '(not described)'}”`,
      })),
    [descriptors],
  );
  const by = report.roles.anonymityBy === 'label' ? `the label “${report.roles.anonymous?.name}”` : 'their words (“officials”, “a source”…)';
  return (
    <>
      <CountsFigure
        report={report}
        title="Anonymous sources: justification given"
        figure="justification"
        column="Justification"
        rows={justifications}
        onPick={onPick}
        note={`Anonymous sources are told by ${by}; the justification is their attribute “Justification given”. Every anonymous source counts here, whatever the label of the claims it is attributed to.`}
      />
      <CountsFigure
        report={report}
        title="Anonymous sources: descriptors"
        figure="descriptor"
        column="Described as"
        rows={described}
        onPick={onPick}
        note="Their attribute “Descriptor”, else the word that describes them."
      />
    </>
  );
}
