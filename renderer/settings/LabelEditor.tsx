import { useState } from 'react';
import type { AttributeDef, Label } from '../../schema/model';
import { call, messageOf } from '../api';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { LabelSwatch } from '../common/LabelSwatch';
import type { UnderlineStyle } from '../editor/label-cues';
import { AttributeEditor } from './AttributeEditor';

interface Props {
  label: Label;
  /** The label's underline, beside its color (span labels only). */
  underline: UnderlineStyle | undefined;
  onChanged(): void;
}

interface Usage {
  annotations: number;
  relations: number;
  documents: number;
}

/** One label's name, color, hotkey and attributes, saved together; and deleting it. */
export function LabelEditor({ label, underline, onChanged }: Props) {
  const [name, setName] = useState(label.name);
  const [color, setColor] = useState(label.color);
  const [hotkey, setHotkey] = useState(label.hotkey ?? '');
  const [attributes, setAttributes] = useState<AttributeDef[]>(label.attributes);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [deleting, setDeleting] = useState<Usage | null>(null);
  const dirty =
    name !== label.name ||
    color !== label.color ||
    hotkey !== (label.hotkey ?? '') ||
    JSON.stringify(attributes) !== JSON.stringify(label.attributes);
  const headingId = `label-${label.id}`;

  const save = async () => {
    try {
      setError(null);
      await call('labels.update', {
        id: label.id,
        name,
        color,
        ...(label.kind === 'span' ? { hotkey: hotkey || null } : {}),
        attributes,
      });
      setSaved(true);
      onChanged();
    } catch (caught) {
      setError(messageOf(caught));
    }
  };

  const askToDelete = async () => {
    try {
      setError(null);
      const usage = await call('labels.usage', { id: label.id });
      if (usage.annotations + usage.relations === 0) await remove();
      else setDeleting(usage);
    } catch (caught) {
      setError(messageOf(caught));
    }
  };

  const remove = async () => {
    try {
      setDeleting(null);
      await call('labels.delete', { id: label.id });
      onChanged();
    } catch (caught) {
      setError(messageOf(caught));
    }
  };

  return (
    <form
      className="label-editor"
      aria-labelledby={headingId}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onChange={() => setSaved(false)}
    >
      <h3 id={headingId}>
        <LabelSwatch color={label.color} underline={underline} />
        {label.name}
      </h3>
      <div className="label-fields">
        <label>
          {label.kind === 'span' ? 'Label name' : 'Link type name'}
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} />
        </label>
        <label>
          Color
          <input type="color" value={color} onChange={(e) => setColor(e.target.value)} />
        </label>
        {label.kind === 'span' && (
          <label>
            Hotkey
            <select value={hotkey} onChange={(e) => setHotkey(e.target.value)}>
              <option value="">none</option>
              {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <AttributeEditor attributes={attributes} onChange={setAttributes} />
      {error && (
        <p role="alert" className="notice-error">
          {error}
        </p>
      )}
      <div className="dialog-buttons">
        {saved && !dirty && <span role="status">Saved.</span>}
        <button type="button" className="danger" onClick={() => void askToDelete()}>
          Delete {label.kind === 'span' ? 'label' : 'link type'}
        </button>
        <button type="submit" className="primary" disabled={!dirty}>
          Save
        </button>
      </div>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete “${label.name}”?`}
        confirmLabel={`Delete “${label.name}” and its ${label.kind === 'span' ? 'annotations' : 'links'}`}
        onConfirm={() => void remove()}
        onCancel={() => setDeleting(null)}
      >
        {deleting && (
          <p>
            “{label.name}” holds {plural(deleting.annotations, 'annotation')} and {plural(deleting.relations, 'link')} in{' '}
            {plural(deleting.documents, 'article')}. Deleting the label deletes them too, and this cannot be undone.
          </p>
        )}
      </ConfirmDialog>
    </form>
  );
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;
}
