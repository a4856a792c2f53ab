import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import type { Annotation, Label } from '../../schema/model';
import { LabelSwatch } from '../common/LabelSwatch';
import { underlineStyles } from '../editor/label-cues';

interface Props {
  annotations: readonly Annotation[];
  labels: readonly Label[];
  selectedId: string | null;
  /** The colleague whose annotation it is; null for my own. */
  ownerOf(annotation: Annotation): string | null;
  /** The newest review verdict about an annotation, in a word ("Taken", "Rejected"…); null without one. */
  verdictOf(annotation: Annotation): string | null;
  onSelect(id: string): void;
}

const ROW_HEIGHT = 30;

/** Every annotation of the article in document order, filterable by label; long lists stay light. */
export function AnnotationList({ annotations, labels, selectedId, ownerOf, verdictOf, onSelect }: Props) {
  const [labelFilter, setLabelFilter] = useState('');
  const scroller = useRef<HTMLDivElement>(null);
  const shown = useMemo(
    () => (labelFilter ? annotations.filter((a) => a.labelId === labelFilter) : annotations),
    [annotations, labelFilter],
  );
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const labelById = new Map(labels.map((l) => [l.id, l]));
  const underlines = underlineStyles(labels);

  return (
    <section className="annotation-list" aria-labelledby="annotation-list-title">
      <div className="annotation-list-head">
        <h2 id="annotation-list-title">All annotations</h2>
        <select aria-label="Show label" value={labelFilter} onChange={(e) => setLabelFilter(e.target.value)}>
          <option value="">All labels</option>
          {labels
            .filter((l) => l.kind === 'span')
            .map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
        </select>
      </div>
      <div className="annotation-list-scroller" ref={scroller}>
        <ul aria-label="Annotations in document order" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const annotation = shown[item.index]!;
            const label = labelById.get(annotation.labelId);
            const owner = ownerOf(annotation);
            const verdict = verdictOf(annotation);
            return (
              <li key={annotation.id} style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}>
                <button
                  type="button"
                  aria-current={annotation.id === selectedId ? 'true' : undefined}
                  onClick={() => onSelect(annotation.id)}
                >
                  {label && <LabelSwatch color={label.color} underline={underlines.get(label.id)} />}
                  <span className="visually-hidden">
                    {label?.name}
                    {owner && `, by ${owner}`}
                    {verdict && `, reviewed (${verdict})`}:{' '}
                  </span>
                  {owner && (
                    <span className="list-owner" aria-hidden="true">
                      {owner}
                    </span>
                  )}
                  {verdict && (
                    <span className="list-verdict" aria-hidden="true" title={`Reviewed: ${verdict}`}>
                      {verdict}
                    </span>
                  )}
                  {annotation.quote}
                </button>
              </li>
            );
          })}
        </ul>
        {shown.length === 0 && <p className="hint">No annotations{labelFilter ? ' with this label' : ''} yet.</p>}
      </div>
    </section>
  );
}
