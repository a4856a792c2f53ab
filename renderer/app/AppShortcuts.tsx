import { ShortcutSheet } from '../common/ShortcutSheet';

const SHORTCUTS = [
  ['Ctrl/⌘ + F', 'Search the library'],
  ['Ctrl/⌘ + N', 'New workspace (in the app’s menu)'],
  ['Ctrl/⌘ + O', 'Open a workspace (in the app’s menu)'],
  ['Ctrl/⌘ + I', 'Import (in the app’s menu)'],
  ['Ctrl/⌘ + E', 'Export (in the app’s menu)'],
  ['Ctrl/⌘ + 1 – 5', 'Library, Annotate, Review, Agreement, Analytics (in the app’s menu)'],
  ['Ctrl/⌘ + ,', 'Settings (in the app’s menu)'],
  ['Drop files or folders on the window', 'Import them'],
  ['?', 'This list (in an article or a review: that view’s keys)'],
] as const;

/** The keys that work everywhere; the annotate and review views have sheets of their own. */
export function AppShortcuts({ open, onClose }: { open: boolean; onClose(): void }) {
  return <ShortcutSheet open={open} onClose={onClose} title="Keyboard shortcuts" shortcuts={SHORTCUTS} />;
}
