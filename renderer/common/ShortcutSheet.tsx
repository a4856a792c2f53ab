import { useId, type ReactNode } from 'react';
import { useModalDialog } from './useModalDialog';

interface Props {
  open: boolean;
  onClose(): void;
  title: string;
  /** Keys and what they do, in the order a newcomer should read them. */
  shortcuts: readonly (readonly [string, string])[];
  children?: ReactNode;
}

/** A view's keys, as a modal list that ? opens. */
export function ShortcutSheet({ open, onClose, title, shortcuts, children }: Props) {
  const dialog = useModalDialog(open, onClose);
  const titleId = useId();
  return (
    <dialog ref={dialog} className="shortcut-sheet" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      <table>
        <tbody>
          {shortcuts.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {children}
      <div className="dialog-buttons">
        <button type="button" className="primary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}
