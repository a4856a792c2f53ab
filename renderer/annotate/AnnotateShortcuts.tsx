import { ShortcutSheet } from '../common/ShortcutSheet';

const SHORTCUTS = [
  ['1 – 9', 'Tag the selected text with that label, or change the selected annotation’s label'],
  ['Shift + drag, then the same number', 'Add the text as another fragment of the selected annotation'],
  ['Click a highlight', 'Select it (click again where highlights overlap for the next one)'],
  ['Tab / Shift + Tab', 'Next / previous annotation or suggestion'],
  ['Enter (a suggestion selected)', 'Accept the suggestion into your layer (a label key: accept it as that label)'],
  ['Backspace (a suggestion selected)', 'Reject the suggestion; it is not proposed there again'],
  ['L', 'Link the selected annotation: then click the target, or Tab to it and press Enter'],
  ['Delete', 'Delete the selected annotation and its links'],
  ['Esc', 'Cancel linking, or deselect'],
  ['Ctrl/⌘ + Z', 'Undo'],
  ['Shift + Ctrl/⌘ + Z', 'Redo'],
  ['E', 'Edit the text (annotations move with it); Esc or “Done editing” saves it as a new version'],
  ['While editing: Enter / Shift + Enter', 'New paragraph / line break'],
  ['While editing: Ctrl/⌘ + Z, Shift + Ctrl/⌘ + Z', 'Undo / redo typing (after saving, Undo takes back the whole edit)'],
  ['Ctrl + H', 'Find and replace in the text, with suggested fixes for scraping artifacts'],
  ['?', 'This list'],
] as const;

/** The annotate view's keys. */
export function AnnotateShortcuts({ open, onClose }: { open: boolean; onClose(): void }) {
  return <ShortcutSheet open={open} onClose={onClose} title="Keyboard shortcuts" shortcuts={SHORTCUTS} />;
}
