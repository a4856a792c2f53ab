import { useModalDialog } from '../common/useModalDialog';

interface Props {
  open: boolean;
  onClose(): void;
}

const SHORTCUTS: [string, string][] = [
  ['1 – 9', 'Tag the selected text with that label, or change the selected annotation’s label'],
  ['Shift + drag, then the same number', 'Add the text as another fragment of the selected annotation'],
  ['Click a highlight', 'Select it (click again where highlights overlap for the next one)'],
  ['Tab / Shift + Tab', 'Next / previous annotation'],
  ['L', 'Link the selected annotation: then click the target, or Tab to it and press Enter'],
  ['Delete', 'Delete the selected annotation and its links'],
  ['Esc', 'Cancel linking, or deselect'],
  ['Ctrl/⌘ + Z', 'Undo'],
  ['Shift + Ctrl/⌘ + Z', 'Redo'],
  ['?', 'This list'],
];

export function ShortcutSheet({ open, onClose }: Props) {
  const dialog = useModalDialog(open, onClose);
  return (
    <dialog ref={dialog} className="shortcut-sheet" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
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
      <div className="dialog-buttons">
        <button type="button" className="primary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}
