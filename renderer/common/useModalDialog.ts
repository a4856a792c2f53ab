import { useEffect, useEffectEvent, useRef } from 'react';

/**
 * A ref for a native <dialog> that is shown as a modal while `open`, and closed otherwise.
 * `onClose` runs when the user dismisses it (Escape). It runs on `cancel`, which fires in the
 * key press itself: the `close` event comes a task later, and a quick Enter on the opener can
 * land in between, reopening the dialog only for the late `close` to shut it again.
 */
export function useModalDialog(open: boolean, onClose: () => void) {
  const dialog = useRef<HTMLDialogElement>(null);
  const dismiss = useEffectEvent(onClose);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    let dismissedByKey = false;
    const dismissed = () => {
      dismissedByKey = true;
      // Closed here, before the owner hears of it: an owner that unmounts the dialog would
      // otherwise remove it while still open, and the focus would not go back to its opener.
      element.close();
      dismiss();
    };
    const closed = () => {
      if (dismissedByKey) dismissedByKey = false;
      else if (!element.open) dismiss();
    };
    element.addEventListener('cancel', dismissed);
    element.addEventListener('close', closed);
    return () => {
      element.removeEventListener('cancel', dismissed);
      element.removeEventListener('close', closed);
    };
  }, []);

  useEffect(() => {
    const element = dialog.current;
    if (open && element && !element.open) element.showModal();
    if (!open && element?.open) element.close();
  }, [open]);
  return dialog;
}
