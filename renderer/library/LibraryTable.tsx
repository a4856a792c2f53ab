import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { Label, LibraryRow } from '../../schema/model';
import { documentHref } from '../app/route';
import { LabelSwatch } from '../common/LabelSwatch';
import { underlineStyles } from '../editor/label-cues';
import { Snippet } from './Snippet';
import { useLibraryPages, type LibraryFilter } from './useLibraryPages';

type SortColumn = Exclude<LibraryFilter['sort'], 'relevance'>;

interface Props {
  filter: LibraryFilter;
  labels: readonly Label[];
  selected: ReadonlySet<string>;
  onToggle(id: string): void;
  onSort(column: SortColumn): void;
  onEdit(row: LibraryRow): void;
  /** The total once known, for the toolbar's count (`more`: a search found more than that). */
  onTotal(total: number, more: boolean): void;
}

const COLUMNS: { column: SortColumn | null; title: string; className: string }[] = [
  { column: 'title', title: 'Title', className: 'col-title' },
  { column: 'outlet', title: 'Outlet', className: 'col-outlet' },
  { column: 'published', title: 'Published', className: 'col-date' },
  { column: 'words', title: 'Words', className: 'col-number' },
  { column: 'annotations', title: 'Annotations', className: 'col-annotations' },
  { column: 'status', title: 'Status', className: 'col-status' },
  { column: 'added', title: 'Added', className: 'col-date' },
];

/** The library as a virtualized table: only the rows on screen exist, loaded a page at a time. */
export function LibraryTable({ filter, labels, selected, onToggle, onSort, onEdit, onTotal }: Props) {
  const { total, more, rows, error, ensure } = useLibraryPages(filter);
  const scroller = useRef<HTMLDivElement>(null);
  const rowHeight = filter.search ? 64 : 40;
  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => ensure(first, last), [ensure, first, last]);
  useEffect(() => {
    if (total !== null) onTotal(total, more);
  }, [total, more, onTotal]);

  const spanLabels = labels.filter((l) => l.kind === 'span');
  const sortState = (column: SortColumn | null) =>
    column === filter.sort ? (filter.descending ? 'descending' : 'ascending') : undefined;

  if (error) return <p role="alert">{error}</p>;
  return (
    <div className="library-grid" role="table" aria-label="Articles" aria-rowcount={(total ?? 0) + 1}>
      <div role="rowgroup" className="library-head">
        <div role="row" className="library-row" aria-rowindex={1}>
          <div role="columnheader" className="col-select">
            <span className="visually-hidden">Selected</span>
          </div>
          {COLUMNS.map(({ column, title, className }) => (
            <div key={title} role="columnheader" className={className} aria-sort={sortState(column)}>
              {column ? (
                <button type="button" className="sort-button" onClick={() => onSort(column)}>
                  {title}
                  <span aria-hidden="true">{sortState(column) === 'ascending' ? ' ▲' : sortState(column) === 'descending' ? ' ▼' : ''}</span>
                </button>
              ) : (
                title
              )}
            </div>
          ))}
          <div role="columnheader" className="col-edit">
            <span className="visually-hidden">Edit</span>
          </div>
        </div>
      </div>
      <div className="library-scroller" ref={scroller}>
        {total === 0 && <p className="hint">{filter.search ? 'Nothing found.' : 'No articles match.'}</p>}
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rows.get(item.index);
            return (
              <div
                key={item.index}
                role="row"
                aria-rowindex={item.index + 2}
                className="library-row"
                style={{ transform: `translateY(${item.start}px)`, height: rowHeight }}
              >
                {row ? (
                  <Row
                    row={row}
                    labels={spanLabels}
                    find={filter.search ?? null}
                    selected={selected.has(row.id)}
                    onToggle={() => onToggle(row.id)}
                    onEdit={() => onEdit(row)}
                  />
                ) : (
                  <div role="cell" className="col-title hint">
                    Loading…
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function Row({
  row,
  labels,
  find,
  selected,
  onToggle,
  onEdit,
}: {
  row: LibraryRow;
  labels: readonly Label[];
  find: string | null;
  selected: boolean;
  onToggle(): void;
  onEdit(): void;
}) {
  const cues = underlineStyles(labels);
  return (
    <>
      <div role="cell" className="col-select">
        <input type="checkbox" checked={selected} onChange={onToggle} aria-label={`Select “${row.title}”`} />
      </div>
      <div role="cell" className="col-title">
        <a href={documentHref(row.id, find)}>{row.title}</a>
        {row.snippet && <Snippet text={row.snippet} />}
      </div>
      <div role="cell" className="col-outlet">
        {row.outlet ?? ''}
      </div>
      <div role="cell" className="col-date">
        {row.publishedAt?.slice(0, 10) ?? ''}
      </div>
      <div role="cell" className="col-number">
        {row.wordCount.toLocaleString()}
      </div>
      <div role="cell" className="col-annotations">
        {row.annotationCount === 0 ? (
          '0'
        ) : (
          <ul className="count-chips" aria-label={`${row.annotationCount} annotations`}>
            {labels
              .filter((l) => row.labelCounts[l.id])
              .map((l) => (
                <li key={l.id} title={l.name}>
                  <LabelSwatch color={l.color} underline={cues.get(l.id)} />
                  <span className="visually-hidden">{l.name}: </span>
                  {row.labelCounts[l.id]}
                </li>
              ))}
          </ul>
        )}
      </div>
      <div role="cell" className="col-status">
        {row.status}
      </div>
      <div role="cell" className="col-date">
        {row.createdAt.slice(0, 10)}
      </div>
      <div role="cell" className="col-edit">
        <button type="button" className="small" aria-label={`Edit details of “${row.title}”`} onClick={onEdit}>
          Edit
        </button>
      </div>
    </>
  );
}
