import { useEffect, useMemo, useRef, useState } from 'react';
import type { Annotator, Label } from '../../schema/model';
import type { Difference, ReviewSession, ReviewSpan, Verdict } from '../../schema/review';
import { OffsetMap, sliceCodePoints } from '../../schema/text';
import { useCommands, useViewCommands } from '../app/commands';
import { ErrorNotice } from '../common/ErrorNotice';
import { agreementHref, documentHref, reviewHref } from '../app/route';
import { DifferenceList } from './DifferenceList';
import { KIND_NAMES, VERDICT_NAMES } from './difference-text';
import { ReviewArticle, type ReviewArticleHandle } from './ReviewArticle';
import { applyReviewColors } from './review-colors';
import { ReviewShortcuts } from './ReviewShortcuts';
import { VERDICT_KEYS, useReviewKeys } from './useReviewKeys';
import { useReviewSession, type Layers } from './useReviewSession';

interface Props {
  documentId: string;
  /** Layers asked for in the address; null: me and the first colleague. */
  layerA: string | null;
  layerB: string | null;
  /** A label name whose differences to show first (coming from the agreement view). */
  focusLabel: string | null;
}

const VERDICT_BUTTONS: { verdict: Verdict; title: string }[] = [
  { verdict: 'take_a', title: 'Take A' },
  { verdict: 'take_b', title: 'Take B' },
  { verdict: 'take_both', title: 'Take both' },
  { verdict: 'reject', title: 'Reject' },
];

const SNAP_SETTING = 'byline.snapToWords';

/** One article, two layers painted at once, their differences, and the reviewer's verdicts. */
export function ReviewView({ documentId, layerA, layerB, focusLabel }: Props) {
  const { model, actions } = useReviewSession(documentId, { a: layerA ?? undefined, b: layerB ?? undefined });
  const { document, labels, annotators, session, layers } = model;
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [comment, setComment] = useState<{ key: string | null; text: string }>({ key: null, text: '' });
  const [editLabel, setEditLabel] = useState('');
  const [showShortcuts, setShowShortcuts] = useState(false);
  const article = useRef<ReviewArticleHandle>(null);
  const commentField = useRef<HTMLTextAreaElement>(null);
  const snapToWords = useMemo(() => localStorage.getItem(SNAP_SETTING) !== 'off', []);

  useEffect(() => applyReviewColors(labels), [labels]);

  const differences = useMemo(() => session?.differences ?? [], [session]);
  const { layerAnnotations, labelsOf } = useLayerIndex(session, labels);

  // The first difference to show: one of the label asked for, else the first without a verdict.
  const firstKey = useMemo(() => {
    if (differences.length === 0) return null;
    // Asked for a label: its first disagreement, else its first agreement.
    const ofLabel = focusLabel
      ? (differences.find((d) => d.kind !== 'agree' && labelsOf(d).includes(focusLabel)) ??
        differences.find((d) => labelsOf(d).includes(focusLabel)))
      : undefined;
    return (ofLabel ?? differences.find((d) => !d.resolution) ?? differences[0]!).key;
  }, [differences, focusLabel, labelsOf]);
  const current = differences.findIndex((d) => d.key === selectedKey);
  const index = current >= 0 ? current : differences.findIndex((d) => d.key === firstKey);
  const difference: Difference | null = differences[index] ?? null;
  const commentText = comment.key === difference?.key ? comment.text : (difference?.resolution?.comment ?? '');
  const byId = useMemo(() => new Map([...(session?.spans.a ?? []), ...(session?.spans.b ?? [])].map((a) => [a.id, a])), [session]);
  const text = document?.text ?? '';
  const offsets = useMemo(() => new OffsetMap(text), [text]);
  const quoteOf = (span: ReviewSpan) => span.fragments.map((f) => sliceCodePoints(text, offsets, f.start, f.end)).join(' ');
  const spanLabels = labels.filter((l) => l.kind === 'span');
  const defaultEditLabel = (difference && byId.get(difference.a[0] ?? difference.b[0] ?? '')?.labelId) ?? spanLabels[0]?.id ?? '';
  const chosenEditLabel = editLabel || defaultEditLabel;

  const select = (at: number, focusList = false) => {
    const target = differences[at];
    if (!target) return;
    setSelectedKey(target.key);
    if (focusList) window.document.getElementById('difference-list')?.focus({ preventScroll: true });
  };

  /** After a verdict: the next difference without one, after this one (or before, wrapping). */
  const moveOn = (after: ReviewSession, key: string) => {
    const list = after.differences;
    const at = list.findIndex((d) => d.key === key);
    const next = [...list.slice(at + 1), ...list.slice(0, at + 1)].find((d) => !d.resolution);
    if (next) setSelectedKey(next.key);
  };

  const decide = async (verdict: Verdict) => {
    if (!difference || model.busy) return;
    let edit: { labelId: string; fragments: { start: number; end: number }[] } | undefined;
    if (verdict === 'edit') {
      const fragment = article.current?.selectedFragment() ?? null;
      if (!fragment || !chosenEditLabel) {
        actions.setError('Select the text to keep in the article first, then choose Edit.');
        return;
      }
      edit = { labelId: chosenEditLabel, fragments: [fragment] };
    }
    const key = difference.key;
    const after = await actions.resolve({ key, verdict, comment: commentText.trim() || null, ...(edit ? { edit } : {}) });
    if (!after) return;
    if (edit) article.current?.clearSelection();
    setComment({ key: null, text: '' });
    moveOn(after, key);
  };

  /** Accepts the agreements; from one of them, moves on to the next difference still open. */
  const acceptAgreements = async () => {
    const key = difference?.key;
    const after = await actions.acceptAgreements();
    if (after && key && after.differences.find((d) => d.key === key)?.resolution) moveOn(after, key);
  };

  const withdraw = async () => {
    if (difference?.resolution && !model.busy) await actions.unresolve(difference.key);
  };

  const commands = useCommands();
  useViewCommands({ shortcuts: () => setShowShortcuts(true) });

  useReviewKeys({
    step: (direction) => select(Math.max(0, Math.min(differences.length - 1, index + direction)), true),
    verdict: (verdict) => void decide(verdict),
    withdraw: () => void withdraw(),
    comment: () => commentField.current?.focus(),
    shortcuts: commands['help.shortcuts'],
  });

  const chooseLayers = (next: Layers) => {
    window.location.hash = reviewHref(documentId, next);
  };

  if (!document || !layers) {
    return (
      <main className="review">
        {model.error ? <p role="alert">{model.error}</p> : <p>Opening the review…</p>}
      </main>
    );
  }

  const nameOf = (id: string) => annotators.find((a) => a.id === id)?.name ?? 'unknown';
  const reviewedId = session?.reviewed.id;
  return (
    <main className="review" aria-labelledby="review-title">
      <div className="review-header">
        <h1 id="review-title">Review: {document.title}</h1>
        <LayerPicker
          annotators={annotators}
          layers={layers}
          reviewedId={reviewedId}
          onChange={chooseLayers}
        />
        <p className="review-counter" role="status">
          {session ? `${session.resolved} / ${session.total} resolved` : 'Comparing…'}
          {session?.status === 'reviewed' && <strong className="review-done"> · Article reviewed</strong>}
        </p>
        <div className="header-tools">
          <button
            type="button"
            disabled={!session || model.busy || !differences.some((d) => d.kind === 'agree' && !d.resolution)}
            onClick={() => void acceptAgreements()}
          >
            Accept all agreements
          </button>
          <button type="button" aria-keyshortcuts="?" onClick={commands['help.shortcuts']}>
            Shortcuts
          </button>
          <a href={documentHref(documentId)}>Annotate</a>
          <a href={agreementHref(documentId)}>Agreement</a>
        </div>
      </div>
      <p className="review-legend">
        <span className="legend-a">A: {nameOf(layers.a)}</span> tinted background ·{' '}
        <span className="legend-b">B: {nameOf(layers.b)}</span> underline
        {session && <> · verdicts go to the layer “{session.reviewed.name}”</>}
      </p>
      <div className="review-body">
        <div className="annotate-messages review-messages">
          {model.error && <ErrorNotice message={model.error} onDismiss={() => actions.setError(null)} />}
        </div>
        <ReviewArticle
          ref={article}
          text={document.text}
          offsets={offsets}
          layerA={layerAnnotations.a}
          layerB={layerAnnotations.b}
          focus={difference && { start: difference.start, end: difference.end }}
          snapToWords={snapToWords}
          onClickAt={(offset) => {
            if (offset === null) return;
            const hit = differences.findIndex((d) => d.start <= offset && offset < d.end);
            if (hit >= 0) select(hit);
          }}
        />
        <div className="side-panel">
          <section className="review-differences" aria-labelledby="differences-title">
            <h2 id="differences-title">
              Differences{' '}
              <span className="hint">
                {differences.length > 0 && index >= 0 ? `${index + 1} of ${differences.length}` : ''}
              </span>
            </h2>
            <DifferenceList differences={differences} selected={index} onSelect={(at) => select(at)} />
          </section>
          <section className="review-verdict" aria-labelledby="verdict-title">
            <h2 id="verdict-title">Verdict</h2>
            {difference ? (
              <>
                <p className="verdict-what">
                  <strong>{KIND_NAMES[difference.kind]}</strong>: {difference.summary}
                </p>
                <SideText label="A" spans={difference.a.map((id) => byId.get(id))} labels={labels} quoteOf={quoteOf} />
                <SideText label="B" spans={difference.b.map((id) => byId.get(id))} labels={labels} quoteOf={quoteOf} />
                <p className="verdict-state">
                  {difference.resolution
                    ? `${VERDICT_NAMES[difference.resolution.verdict]}${difference.resolution.comment ? `: “${difference.resolution.comment}”` : ''}`
                    : 'No verdict yet.'}
                </p>
                <div className="verdict-buttons" role="group" aria-label="Verdicts">
                  {VERDICT_BUTTONS.map(({ verdict, title }) => (
                    <button
                      key={verdict}
                      type="button"
                      disabled={model.busy}
                      aria-keyshortcuts={VERDICT_KEYS[verdict].toUpperCase()}
                      aria-pressed={difference.resolution?.verdict === verdict}
                      onClick={() => void decide(verdict)}
                    >
                      {title} <kbd aria-hidden="true">{VERDICT_KEYS[verdict].toUpperCase()}</kbd>
                    </button>
                  ))}
                  <button
                    type="button"
                    disabled={model.busy || !difference.resolution}
                    aria-keyshortcuts="U"
                    onClick={() => void withdraw()}
                  >
                    Withdraw verdict <kbd aria-hidden="true">U</kbd>
                  </button>
                </div>
                <div className="verdict-edit">
                  <label>
                    Label for an edit{' '}
                    <select value={chosenEditLabel} onChange={(e) => setEditLabel(e.target.value)}>
                      {spanLabels.map((l) => (
                        <option key={l.id} value={l.id}>
                          {l.name}
                        </option>
                      ))}
                    </select>
                  </label>
                  <button
                    type="button"
                    disabled={model.busy}
                    aria-keyshortcuts="E"
                    aria-pressed={difference.resolution?.verdict === 'edit'}
                    onClick={() => void decide('edit')}
                  >
                    Edit: keep the selected text <kbd aria-hidden="true">E</kbd>
                  </button>
                </div>
                <label className="verdict-comment">
                  Comment (optional, sent with the verdict)
                  <textarea
                    ref={commentField}
                    rows={2}
                    value={commentText}
                    onChange={(e) => setComment({ key: difference.key, text: e.target.value })}
                    onKeyDown={(e) => {
                      if (e.key === 'Escape') (e.target as HTMLTextAreaElement).blur();
                    }}
                  />
                </label>
              </>
            ) : (
              <p className="hint">{session ? 'Nothing to decide: the layers hold nothing here.' : 'Comparing the layers…'}</p>
            )}
          </section>
        </div>
      </div>
      {/* The list says its selected option itself while it has the focus; otherwise (a click in the
          article, a verdict button moving on) this reads the difference out. */}
      <p className="visually-hidden" role="status" aria-label="Selected difference">
        {difference && window.document.activeElement?.id !== 'difference-list'
          ? `Difference ${index + 1} of ${differences.length}: ${KIND_NAMES[difference.kind]}, ${difference.summary}`
          : ''}
      </p>
      <ReviewShortcuts open={showShortcuts} onClose={() => setShowShortcuts(false)} />
    </main>
  );
}

const NO_SPANS: ReviewSession['spans'] = { a: [], b: [] };

/** Each layer's spans in document order (as the session has them), and the label names a difference involves. */
function useLayerIndex(session: ReviewSession | null, labels: readonly Label[]) {
  const spans = session?.spans ?? NO_SPANS;
  const links = session?.links;
  const labelsOf = useMemo(() => {
    const names = new Map(labels.map((l) => [l.id, l.name]));
    const labelOf = new Map<string, string>();
    for (const item of [...spans.a, ...spans.b, ...(links?.a ?? []), ...(links?.b ?? [])]) labelOf.set(item.id, names.get(item.labelId) ?? '');
    return (d: Difference) => [...d.a, ...d.b].map((id) => labelOf.get(id) ?? '');
  }, [spans, links, labels]);
  return { layerAnnotations: spans, labelsOf };
}

function LayerPicker(props: {
  annotators: readonly Annotator[];
  layers: Layers;
  reviewedId: string | undefined;
  onChange(layers: Layers): void;
}) {
  const { annotators, layers, reviewedId, onChange } = props;
  const options = annotators.map((a) => (
    <option key={a.id} value={a.id}>
      {a.name}
      {a.isLocal ? ' (you)' : a.id === reviewedId ? ' (reviewed)' : ''}
    </option>
  ));
  return (
    <div className="layer-picker" role="group" aria-label="Layers compared">
      <label>
        Layer A{' '}
        <select value={layers.a} onChange={(e) => onChange(swapIfSame({ ...layers, a: e.target.value }, layers))}>
          {options}
        </select>
      </label>
      <label>
        Layer B{' '}
        <select value={layers.b} onChange={(e) => onChange(swapIfSame({ ...layers, b: e.target.value }, layers))}>
          {options}
        </select>
      </label>
    </div>
  );
}

/** Choosing for one side the layer the other side has swaps them. */
function swapIfSame(next: Layers, old: Layers): Layers {
  return next.a === next.b ? { a: old.b, b: old.a } : next;
}

/** What one side holds at the selected difference: each span's label and text (a link's ids are no span). */
function SideText(props: { label: 'A' | 'B'; spans: (ReviewSpan | undefined)[]; labels: readonly Label[]; quoteOf(span: ReviewSpan): string }) {
  const shown = props.spans.filter((a): a is ReviewSpan => a !== undefined);
  return (
    <p className={`side-text side-${props.label.toLowerCase()}`}>
      <strong>{props.label}:</strong>{' '}
      {shown.length === 0
        ? props.spans.length > 0
          ? 'a link'
          : 'nothing'
        : shown.map((a, i) => (
            <span key={a.id}>
              {i > 0 && '; '}
              {props.labels.find((l) => l.id === a.labelId)?.name} “{props.quoteOf(a)}”
            </span>
          ))}
    </p>
  );
}
