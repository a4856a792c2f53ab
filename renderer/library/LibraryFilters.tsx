import { DocumentStatus, type Collection, type Label } from '../../schema/model';
import type { LibraryFilter } from './useLibraryPages';

interface Props {
  filter: LibraryFilter;
  outlets: readonly string[];
  labels: readonly Label[];
  collections: readonly Collection[];
  onChange(patch: Partial<LibraryFilter>): void;
}

/** Narrows the library by outlet, date, status, a label present or absent, and collection. */
export function LibraryFilters({ filter, outlets, labels, collections, onChange }: Props) {
  const labelValue = filter.label ? `${filter.label.present ? '+' : '-'}${filter.label.id}` : '';
  return (
    <div className="library-filters" role="group" aria-label="Filters">
      <label>
        Outlet
        <select value={filter.outlet ?? ''} onChange={(e) => onChange({ outlet: e.target.value || null })}>
          <option value="">Any</option>
          {outlets.map((outlet) => (
            <option key={outlet} value={outlet}>
              {outlet}
            </option>
          ))}
        </select>
      </label>
      <label>
        Published from
        <input type="date" value={filter.from ?? ''} onChange={(e) => onChange({ from: e.target.value || null })} />
      </label>
      <label>
        to
        <input type="date" value={filter.to ?? ''} onChange={(e) => onChange({ to: e.target.value || null })} />
      </label>
      <label>
        Status
        <select
          value={filter.status ?? ''}
          onChange={(e) => onChange({ status: e.target.value ? DocumentStatus.parse(e.target.value) : null })}
        >
          <option value="">Any</option>
          {DocumentStatus.options.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </label>
      <label>
        Label
        <select
          value={labelValue}
          onChange={(e) => {
            const value = e.target.value;
            onChange({ label: value ? { id: value.slice(1), present: value.startsWith('+') } : null });
          }}
        >
          <option value="">Any</option>
          {labels
            .filter((l) => l.kind === 'span')
            .flatMap((l) => [
              <option key={`+${l.id}`} value={`+${l.id}`}>
                with {l.name}
              </option>,
              <option key={`-${l.id}`} value={`-${l.id}`}>
                without {l.name}
              </option>,
            ])}
        </select>
      </label>
      <label>
        Collection
        <select value={filter.collectionId ?? ''} onChange={(e) => onChange({ collectionId: e.target.value || null })}>
          <option value="">All articles</option>
          {collections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.size})
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
