import { ShortcutSheet } from '../common/ShortcutSheet';

const SHORTCUTS = [
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
] as const;

/** The review view's keys. */
export function ReviewShortcuts({ open, onClose }: { open: boolean; onClose(): void }) {
  return (
    <ShortcutSheet open={open} onClose={onClose} title="Review shortcuts" shortcuts={SHORTCUTS}>
      <p className="hint">After a verdict, the next difference without one is selected.</p>
    </ShortcutSheet>
  );
}
