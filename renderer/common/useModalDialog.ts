import { useEffect, useRef } from 'react';

/** A ref for a native <dialog> that is shown as a modal while `open`, and closed otherwise. */
export function useModalDialog(open: boolean) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (open && element && !element.open) element.showModal();
    if (!open && element?.open) element.close();
  }, [open]);
  return dialog;
}
