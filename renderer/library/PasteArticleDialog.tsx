import { useEffect, useId, useState } from 'react';
import type { ImportOutcome } from '../../schema/api';
import { titleFromText } from '../../schema/text';
import { call, messageOf } from '../api';
import { useModalDialog } from '../common/useModalDialog';

interface Props {
  open: boolean;
  onClose(): void;
  onImported(outcome: ImportOutcome): void;
}

/** Paste an article's text (the clipboard fills it in when the host allows reading it). Mount it to open it afresh. */
export function PasteArticleDialog({ open, onClose, onImported }: Props) {
  const dialog = useModalDialog(open, onClose);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const textId = useId();

  useEffect(() => {
    navigator.clipboard
      ?.readText()
      .then((clip) => setText((current) => current || clip))
      .catch(() => {
        // Reading the clipboard needs permission; pasting into the box still works.
      });
  }, []);

  const submit = async () => {
    setBusy(true);
    try {
      const outcome = await call('documents.importText', { text });
      if (outcome.status === 'failed') setError(outcome.reason);
      else onImported(outcome);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };

  const title = titleFromText(text);
  return (
    <dialog ref={dialog} className="paste-dialog" aria-labelledby={`${textId}-title`}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <h2 id={`${textId}-title`}>New article from clipboard</h2>
        <label htmlFor={textId}>Article text</label>
        <textarea
          id={textId}
          value={text}
          onChange={(event) => setText(event.target.value)}
          rows={14}
          placeholder="Paste the article here (Ctrl+V)."
          autoFocus
        />
        <p className="hint">{title ? `Title: ${title}` : 'The first line becomes the title.'}</p>
        {error && (
          <p role="alert" className="notice-error">
            {error}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Add to library
          </button>
        </div>
      </form>
    </dialog>
  );
}
