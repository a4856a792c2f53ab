import { useId, type ReactNode } from 'react';
import { useModalDialog } from './useModalDialog';

interface Props {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
}

/** Asks before something that cannot be taken back. Cancel has the focus. */
export function ConfirmDialog({ open, title, children, confirmLabel, onConfirm, onCancel }: Props) {
  const dialog = useModalDialog(open, onCancel);
  const titleId = useId();
  return (
    <dialog ref={dialog} className="confirm-dialog" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {children}
      <div className="dialog-buttons">
        <button type="button" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
