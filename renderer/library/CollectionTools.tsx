import { useState } from 'react';
import type { Collection } from '../../schema/model';
import { call } from '../api';
import { FindReplaceDialog } from '../common/FindReplaceDialog';
import { plural } from '../common/plural';

interface Props {
  collections: readonly Collection[];
  selected: ReadonlySet<string>;
  onChanged(message: string): void;
  onClearSelection(): void;
  onError(error: unknown): void;
}

/** Puts the selected articles into a collection, new or existing; finds and replaces text across one. */
export function CollectionTools({ collections, selected, onChanged, onClearSelection, onError }: Props) {
  const [target, setTarget] = useState('');
  const [name, setName] = useState('');
  const [replaceIn, setReplaceIn] = useState('');
  const [replacing, setReplacing] = useState<Collection | null>(null);
  const replaceTarget = collections.find((c) => c.id === replaceIn) ?? collections[0];
  const ids = [...selected];

  const addTo = async (collection: Collection | undefined) => {
    if (!collection) return;
    try {
      const size = await call('collections.add', { id: collection.id, documentIds: ids });
      onClearSelection();
      onChanged(`Added ${plural(ids.length, 'article')} to “${collection.name}” (${size} in all).`);
    } catch (error) {
      onError(error);
    }
  };

  const create = async () => {
    try {
      const collection = await call('collections.create', { name });
      setName('');
      await addTo(collection);
    } catch (error) {
      onError(error);
    }
  };

  return (
    <>
      <div className="collection-tools" role="group" aria-label="Collections">
        <span className="hint">{ids.length === 0 ? 'Select articles to add them to a collection.' : `${ids.length} selected`}</span>
        {ids.length > 0 && (
          <>
            <label>
              Add to
              <select value={target} onChange={(e) => setTarget(e.target.value)}>
                <option value="">choose a collection</option>
                {collections.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" disabled={!target} onClick={() => void addTo(collections.find((c) => c.id === target))}>
              Add
            </button>
            <label>
              or a new collection
              <input type="text" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
            </label>
            <button type="button" disabled={!name.trim()} onClick={() => void create()}>
              Create and add
            </button>
          </>
        )}
        {replaceTarget && (
          <span className="collection-replace">
            <label>
              Text of
              <select value={replaceTarget.id} onChange={(e) => setReplaceIn(e.target.value)}>
                {collections.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" aria-haspopup="dialog" onClick={() => setReplacing(replaceTarget)}>
              Find &amp; replace…
            </button>
          </span>
        )}
      </div>
      {/* Outside the group: its compact label style is not the dialog's. */}
      {replacing && (
        <FindReplaceDialog
          open
          scope={{ kind: 'collection', id: replacing.id }}
          scopeName={`the collection “${replacing.name}”`}
          onClose={(replaced) => {
            setReplacing(null);
            if (replaced) onChanged(`Replaced text in the collection “${replacing.name}”; Undo in an article takes its change back.`);
          }}
        />
      )}
    </>
  );
}
