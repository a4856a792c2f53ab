import { useState } from 'react';

interface Props {
  note: string | null;
  onSave(note: string | null): void;
}

/** The free-text note of an annotation, saved when the person leaves the field. */
export function NoteField({ note, onSave }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  const stored = note ?? '';
  const commit = () => {
    if (draft !== null && draft !== stored) onSave(draft.trim() === '' ? null : draft);
    setDraft(null);
  };
  return (
    <p className="note-field">
      <label htmlFor="annotation-note">Note</label>
      <textarea id="annotation-note" rows={3} value={draft ?? stored} onChange={(e) => setDraft(e.target.value)} onBlur={commit} />
    </p>
  );
}
