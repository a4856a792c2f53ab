import type { Collection } from '../../schema/model';

interface Props {
  collections: readonly Collection[];
  value: string;
  onChange(id: string): void;
}

/** A choice of collection, each with its size. */
export function CollectionSelect({ collections, value, onChange }: Props) {
  return (
    <select aria-label="Collection" value={value} onChange={(e) => onChange(e.target.value)}>
      {collections.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name} ({c.size})
        </option>
      ))}
    </select>
  );
}
