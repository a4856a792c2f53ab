import { useModalDialog } from '../common/useModalDialog';

interface Props {
  open: boolean;
  onClose(): void;
}

const SHORTCUTS: [string, string][] = [
  ['N / P', 'Next / previous difference (↓ / ↑, Home and End in the list too)'],
  ['A', 'Take A: keep layer A’s version'],
  ['B', 'Take B: keep layer B’s version'],
  ['T', 'Take both'],
  ['E', 'Edit: keep the text selected in the article instead, with the label chosen for edits'],
  ['R', 'Reject: keep neither'],
  ['U', 'Withdraw the verdict on the selected difference'],
  ['C', 'Write a comment (it goes with the next verdict)'],
  ['Click the text', 'Select the difference there'],
  ['?', 'This list'],
];

/** The review view's keys. A verdict moves on to the next difference without one. */
export function ReviewShortcuts({ open, onClose }: Props) {
  const dialog = useModalDialog(open, onClose);
  return (
    <dialog ref={dialog} className="shortcut-sheet" aria-labelledby="review-shortcuts-title">
      <h2 id="review-shortcuts-title">Review shortcuts</h2>
      <table>
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">After a verdict, the next difference without one is selected.</p>
      <div className="dialog-buttons">
        <button type="button" className="primary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}
