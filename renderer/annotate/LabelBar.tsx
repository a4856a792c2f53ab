import type { Label } from '../../schema/model';
import { LabelSwatch } from '../common/LabelSwatch';
import { underlineStyles } from '../editor/label-cues';

interface Props {
  labels: readonly Label[];
  snapToWords: boolean;
  onSnapToWords(on: boolean): void;
  onApply(labelId: string): void;
}

/** One button per label (its hotkey does the same), and whether selections snap to words. */
export function LabelBar({ labels, snapToWords, onSnapToWords, onApply }: Props) {
  const underlines = underlineStyles(labels);
  return (
    <div className="label-bar" role="toolbar" aria-label="Labels">
      {labels
        .filter((label) => label.kind === 'span')
        .map((label) => (
          <button
            key={label.id}
            type="button"
            className="label-button"
            aria-keyshortcuts={label.hotkey ?? undefined}
            // Keep the text selection: a mouse press on a button would otherwise clear it.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onApply(label.id)}
          >
            <LabelSwatch color={label.color} underline={underlines.get(label.id)} />
            {label.name}
            {label.hotkey && <kbd aria-hidden="true">{label.hotkey}</kbd>}
          </button>
        ))}
      <label className="snap-toggle">
        <input type="checkbox" checked={snapToWords} onChange={(event) => onSnapToWords(event.target.checked)} />
        Snap to words
      </label>
      <span className="label-bar-hint">Select text, then press a number or click a label. ? lists all keys.</span>
    </div>
  );
}
