import { useEffect, useId, useMemo, useState } from 'react';
import type { Annotator, Collection } from '../../schema/model';
import type { AgreementReport, AgreementRequest, PairAgreement } from '../../schema/review';
import { call, messageOf } from '../api';
import { ConfusionHeatmap, LabelF1Chart } from './AgreementCharts';
import { agreementCsv, annotatorId, annotatorName, figure, pairTitle, percent } from './agreement-format';
import { DisagreementList } from './DisagreementList';
import type { DisagreementFocus } from './useDisagreements';
import { AnnotatorChoice } from '../common/AnnotatorChoice';
import { collectionOption, ScopeChoice } from '../common/ScopeChoice';
import { plural } from '../common/plural';

interface Props {
  /** The article offered as the scope ("this article"), when the view was opened from one. */
  documentId: string | null;
}

type ScopeKind = AgreementRequest['scope']['kind'];

/** Agreement between annotators over an article, a collection or the workspace: table, charts, CSV. */
export function AgreementView({ documentId }: Props) {
  const id = useId();
  const [annotators, setAnnotators] = useState<Annotator[]>([]);
  const [collections, setCollections] = useState<Collection[]>([]);
  const [documentTitle, setDocumentTitle] = useState<string | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [scopeKind, setScopeKind] = useState<ScopeKind>(documentId ? 'document' : 'all');
  const [collection, setCollection] = useState('');
  const [result, setResult] = useState<{ report: AgreementReport; scope: AgreementRequest['scope'] } | null>(null);
  const [pairIndex, setPairIndex] = useState(0);
  const [focus, setFocus] = useState<DisagreementFocus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    Promise.all([
      call('annotators.list', {}),
      call('collections.list', {}),
      documentId ? call('documents.open', { id: documentId }) : Promise.resolve(null),
    ]).then(
      ([annotators, collections, opened]) => {
        if (!current) return;
        setAnnotators(annotators);
        setCollections(collections);
        setCollection(collections[0]?.id ?? '');
        // Me and the first colleague, as the review view starts; among those who tagged the article, if one is open.
        const present = new Set(opened?.annotations.map((a) => a.annotatorId));
        const here = opened ? annotators.filter((a) => present.has(a.id)) : annotators;
        const pool = here.length >= 2 ? here : annotators;
        setChosen(new Set(pool.slice(0, 2).map((a) => a.id)));
        setDocumentTitle(opened?.document.title ?? null);
      },
      (error: unknown) => current && setError(messageOf(error)),
    );
    return () => {
      current = false;
    };
  }, [documentId]);

  const scope: AgreementRequest['scope'] | null =
    scopeKind === 'document'
      ? documentId
        ? { kind: 'document', id: documentId }
        : null
      : scopeKind === 'collection'
        ? collection
          ? { kind: 'collection', id: collection }
          : null
        : { kind: 'all' };

  const compute = async () => {
    if (!scope || chosen.size < 2) return;
    setBusy(true);
    setFocus(null);
    try {
      // In the order they are listed, so that pairs read the same way every time.
      const annotatorIds = annotators.filter((a) => chosen.has(a.id)).map((a) => a.id);
      const report = await call('agreement.compute', { annotatorIds, scope });
      setResult({ report, scope });
      setPairIndex(0);
      setError(null);
    } catch (error) {
      setError(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const report = result?.report ?? null;
  const pair = report?.pairs[pairIndex] ?? null;
  const csvUrl = useMemo(
    () => (report ? URL.createObjectURL(new Blob([`\uFEFF${agreementCsv(report)}`], { type: 'text/csv' })) : null),
    [report],
  );
  useEffect(() => () => void (csvUrl && URL.revokeObjectURL(csvUrl)), [csvUrl]);

  return (
    <main className="agreement report-view" aria-labelledby={`${id}-title`}>
      <div className="toolbar">
        <h1 id={`${id}-title`}>Agreement</h1>
      </div>
      <form
        className="report-form"
        onSubmit={(event) => {
          event.preventDefault();
          void compute();
        }}
      >
        <AnnotatorChoice legend="Annotators (two or more)" annotators={annotators} chosen={chosen} onChange={setChosen} />
        <ScopeChoice
          legend="Over"
          value={scopeKind}
          onChange={setScopeKind}
          options={[
            ...(documentId ? [{ kind: 'document' as const, label: `This article${documentTitle ? `: ${documentTitle}` : ''}` }] : []),
            collectionOption(collections, collection, setCollection),
            { kind: 'all', label: 'The whole workspace' },
          ]}
        />
        <div className="agreement-actions">
          <button type="submit" className="primary" disabled={busy || !scope || chosen.size < 2}>
            {busy ? 'Computing…' : 'Compute agreement'}
          </button>
          {chosen.size < 2 && <span className="hint">Choose at least two annotators.</span>}
          {report && csvUrl && (
            <a className="button-link" href={csvUrl} download="agreement.csv">
              Export the figures as CSV
            </a>
          )}
        </div>
      </form>
      {error && (
        <p role="alert" className="notice notice-error">
          {error}
        </p>
      )}
      {report && (
        <div className="agreement-results">
          <p className="report-summary" role="status">
            {plural(report.documents, 'article')} with annotations from{' '}
            {report.annotators.map((a) => a.name).join(', ')}. Krippendorff’s alpha (nominal, token-wise, all{' '}
            {report.annotators.length}): <strong data-figure="alpha">{figure(report.alpha)}</strong>
          </p>
          <PairsTable report={report} selected={pairIndex} onSelect={(i) => (setPairIndex(i), setFocus(null))} />
          {pair && (
            <PairDetails
              report={report}
              pair={pair}
              onFocus={setFocus}
            />
          )}
          {pair && focus && result && (
            <DisagreementList
              layers={[annotatorId(report, pair.a), annotatorId(report, pair.b)]}
              title={pairTitle(report, pair)}
              focus={focus}
              scope={result.scope}
              documentTitle={documentTitle}
              onClose={() => setFocus(null)}
            />
          )}
        </div>
      )}
    </main>
  );
}

function PairsTable({ report, selected, onSelect }: { report: AgreementReport; selected: number; onSelect(i: number): void }) {
  return (
    <table className="figures" aria-label="Agreement per pair">
      <thead>
        <tr>
          <th scope="col">Pair</th>
          <th scope="col">Articles</th>
          <th scope="col">Span F1 exact (micro)</th>
          <th scope="col">Span F1 overlap (micro)</th>
          <th scope="col">Span F1 exact (macro)</th>
          <th scope="col">Span F1 overlap (macro)</th>
          <th scope="col">Token kappa</th>
          <th scope="col">Tokens</th>
          <th scope="col">Link F1</th>
        </tr>
      </thead>
      <tbody>
        {report.pairs.map((pair, i) => (
          <tr key={`${pair.a}|${pair.b}`}>
            <th scope="row">
              {report.pairs.length > 1 ? (
                <button type="button" className="link-button" aria-pressed={i === selected} onClick={() => onSelect(i)}>
                  {pairTitle(report, pair)}
                </button>
              ) : (
                pairTitle(report, pair)
              )}
            </th>
            <td>{pair.documents}</td>
            <td>{figure(pair.spans.micro.exact.f1)}</td>
            <td>{figure(pair.spans.micro.overlap.f1)}</td>
            <td>{figure(pair.spans.macro.exact)}</td>
            <td>{figure(pair.spans.macro.overlap)}</td>
            <td>{figure(pair.tokenKappa)}</td>
            <td>{pair.tokens}</td>
            <td>{figure(pair.links.f1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PairDetails({ report, pair, onFocus }: { report: AgreementReport; pair: PairAgreement; onFocus(f: DisagreementFocus): void }) {
  const title = pairTitle(report, pair);
  const nameA = annotatorName(report, pair.a);
  const nameB = annotatorName(report, pair.b);
  const { labels, counts } = pair.confusion;
  if (pair.documents === 0) {
    return (
      <section className="pair-details" aria-labelledby="pair-title">
        <h2 id="pair-title">{title}</h2>
        <p>
          {nameA} and {nameB} have not both worked on any article here: there is nothing to compare.
        </p>
      </section>
    );
  }
  return (
    <section className="pair-details" aria-labelledby="pair-title">
      <h2 id="pair-title">{title}</h2>
      <p className="hint">Click a label, a bar or a cell for the articles behind it.</p>
      <div className="pair-grid">
        <table className="figures" aria-label={`Span agreement per label, ${title}`}>
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">F1 exact</th>
              <th scope="col">F1 overlap</th>
              <th scope="col">In {nameA}</th>
              <th scope="col">In {nameB}</th>
              <th scope="col">Matched exactly</th>
              <th scope="col">Matched overlapping</th>
            </tr>
          </thead>
          <tbody>
            {pair.spans.perLabel.map((l) => (
              <tr key={l.label}>
                <th scope="row">
                  <button type="button" className="link-button" onClick={() => onFocus({ kind: 'label', label: l.label })}>
                    {l.label}
                  </button>
                </th>
                <td>{figure(l.exact.f1)}</td>
                <td>{figure(l.overlap.f1)}</td>
                <td>{l.exact.a}</td>
                <td>{l.exact.b}</td>
                <td>{l.exact.matched}</td>
                <td>{l.overlap.matched}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">All labels (micro)</th>
              <td>{figure(pair.spans.micro.exact.f1)}</td>
              <td>{figure(pair.spans.micro.overlap.f1)}</td>
              <td>{pair.spans.micro.exact.a}</td>
              <td>{pair.spans.micro.exact.b}</td>
              <td>{pair.spans.micro.exact.matched}</td>
              <td>{pair.spans.micro.overlap.matched}</td>
            </tr>
            <tr>
              <th scope="row">Mean over labels (macro)</th>
              <td>{figure(pair.spans.macro.exact)}</td>
              <td>{figure(pair.spans.macro.overlap)}</td>
              <td colSpan={4} />
            </tr>
          </tbody>
        </table>
        <LabelF1Chart pair={pair} title={`F1 per label, ${title}`} onLabel={(label) => onFocus({ kind: 'label', label })} />
        <table className="figures confusion" aria-label={`Token confusion, ${title}`}>
          <thead>
            <tr>
              <th scope="col">
                {nameA} ↓ / {nameB} →
              </th>
              {labels.map((l) => (
                <th key={l} scope="col">
                  {l}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((row, i) => (
              <tr key={row}>
                <th scope="row">{row}</th>
                {labels.map((column, j) => {
                  const n = counts[i]![j]!;
                  return (
                    <td key={column}>
                      {i !== j && n > 0 ? (
                        <button
                          type="button"
                          className="link-button"
                          aria-label={`${n} tokens: ${row} in ${nameA}, ${column} in ${nameB}`}
                          onClick={() => onFocus({ kind: 'cell', row, column })}
                        >
                          {n}
                        </button>
                      ) : (
                        n
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <ConfusionHeatmap
          pair={pair}
          title={`Token confusion, ${title}`}
          nameA={nameA}
          nameB={nameB}
          onCell={(row, column) => onFocus({ kind: 'cell', row, column })}
        />
      </div>
      {pair.attributes.length > 0 && (
        <table className="figures" aria-label={`Attribute agreement on matched spans, ${title}`}>
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Attribute</th>
              <th scope="col">Compared</th>
              <th scope="col">Agreed</th>
              <th scope="col">Percent</th>
              <th scope="col">Kappa</th>
            </tr>
          </thead>
          <tbody>
            {pair.attributes.map((a) => (
              <tr key={`${a.label}|${a.key}`}>
                <th scope="row">{a.label}</th>
                <td>{a.name}</td>
                <td>{a.compared}</td>
                <td>{a.agreed}</td>
                <td>{percent(a.percent)}</td>
                <td>{figure(a.kappa)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
