import { useId, useState } from 'react';
import type { LibraryRow } from '../../schema/model';
import { call, messageOf } from '../api';
import { useModalDialog } from '../common/useModalDialog';

interface Props {
  row: LibraryRow;
  onSaved(): void;
  onClose(): void;
}

/** Edits an article's title, outlet, author, publication date and URL. */
export function MetadataDialog({ row, onSaved, onClose }: Props) {
  const dialog = useModalDialog(true, onClose);
  const id = useId();
  const [fields, setFields] = useState({
    title: row.title,
    outlet: row.outlet ?? '',
    author: row.author ?? '',
    publishedAt: row.publishedAt?.slice(0, 10) ?? '',
    url: row.url ?? '',
  });
  const [error, setError] = useState<string | null>(null);
  const field = (key: keyof typeof fields, label: string, type = 'text') => (
    <p>
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type={type}
        value={fields[key]}
        onChange={(e) => setFields({ ...fields, [key]: e.target.value })}
      />
    </p>
  );
  const save = async () => {
    try {
      await call('documents.update', { id: row.id, ...fields });
      onSaved();
    } catch (caught) {
      setError(messageOf(caught));
    }
  };
  return (
    <dialog ref={dialog} className="metadata-dialog" aria-labelledby={`${id}-title`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2 id={`${id}-title`}>Article details</h2>
        {field('title', 'Title')}
        {field('outlet', 'Outlet')}
        {field('author', 'Author')}
        {field('publishedAt', 'Published', 'date')}
        {field('url', 'URL', 'url')}
        {error && (
          <p role="alert" className="notice-error">
            {error}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Save
          </button>
        </div>
      </form>
    </dialog>
  );
}
