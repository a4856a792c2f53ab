import { useId, useState } from 'react';
import { useModalDialog } from '../common/useModalDialog';

interface Props {
  open: boolean;
  /** The local annotator's name: the default owner of annotations whose file names none. */
  defaultAnnotator: string;
  onStart(what: 'files' | 'folder', annotator: string): void;
  onClose(): void;
}

/** Chooses what to import (files, or a whole folder) and who annotations without an author belong to. */
export function ImportDialog({ open, defaultAnnotator, onStart, onClose }: Props) {
  const dialog = useModalDialog(open, onClose);
  const id = useId();
  const [annotator, setAnnotator] = useState(defaultAnnotator);
  const start = (what: 'files' | 'folder') => {
    if (annotator.trim()) onStart(what, annotator.trim());
  };
  return (
    <dialog ref={dialog} className="import-dialog" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Import</h2>
      <p className="hint">
        Articles (.txt, .md, .html, .docx), brat annotations (.ann with their .txt and annotation.conf), and
        datasets from doccano, Prodigy or spaCy (.jsonl) and Label Studio (.json). The same article imported
        twice is kept once.
      </p>
      <label htmlFor={`${id}-annotator`}>Annotations whose file names no annotator belong to</label>
      <input
        id={`${id}-annotator`}
        type="text"
        value={annotator}
        onChange={(e) => setAnnotator(e.target.value)}
        maxLength={100}
      />
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" onClick={() => start('folder')} disabled={!annotator.trim()}>
          Choose a folder…
        </button>
        <button type="button" className="primary" onClick={() => start('files')} disabled={!annotator.trim()}>
          Choose files…
        </button>
      </div>
    </dialog>
  );
}
