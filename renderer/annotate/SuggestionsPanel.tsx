import type { Label } from '../../schema/model';
import type { Suggestion, SuggestionSource } from '../../schema/suggestions';
import { LabelSwatch } from '../common/LabelSwatch';
import { underlineStyles } from '../editor/label-cues';

interface Props {
  suggestions: readonly Suggestion[];
  labels: readonly Label[];
  source: SuggestionSource | null;
  /** Turned off for this article. */
  off: boolean;
  selected: Suggestion | null;
  error: string | null;
  onAccept(keys: readonly string[]): void;
  onReject(keys: readonly string[]): void;
  onOff(off: boolean): void;
}

function sourceWords(source: SuggestionSource | null): string {
  if (!source) return 'Finding suggestions…';
  if (source.kind === 'rules') return 'From the built-in rules (they learn from your tags once there are 20).';
  return `Learned from ${source.spans} tags in ${source.texts} articles for ${source.labels.join(', ')}; the built-in rules for the rest.`;
}

/** The article's suggestions: where they come from, accepting a label's all at once, and turning them off here. */
export function SuggestionsPanel({ suggestions, labels, source, off, selected, error, onAccept, onReject, onOff }: Props) {
  const underlines = underlineStyles(labels);
  const byLabel = labels
    .filter((l) => l.kind === 'span')
    .map((label) => ({ label, keys: suggestions.filter((s) => s.labelId === label.id).map((s) => s.key) }))
    .filter((g) => g.keys.length > 0);
  const labelOf = (s: Suggestion) => labels.find((l) => l.id === s.labelId);

  return (
    <section className="suggestions-panel" aria-labelledby="suggestions-title">
      <div className="toolbar">
        <h2 id="suggestions-title">Suggestions {!off && source && <span className="count">({suggestions.length})</span>}</h2>
        <label>
          <input type="checkbox" checked={!off} onChange={(e) => onOff(!e.target.checked)} /> In this article
        </label>
      </div>
      {error && (
        <p role="alert" className="notice-error">
          {error}
        </p>
      )}
      {!off && <p className="hint">{sourceWords(source)}</p>}
      {selected && (
        <div className="suggestion-details" aria-label="Selected suggestion">
          <p>
            Suggested {labelOf(selected)?.name}: “{selected.quote}”
          </p>
          <div className="toolbar">
            <button type="button" onClick={() => onAccept([selected.key])} aria-keyshortcuts="Enter">
              Accept <kbd>Enter</kbd>
            </button>
            <button type="button" onClick={() => onReject([selected.key])} aria-keyshortcuts="Backspace">
              Reject <kbd>Backspace</kbd>
            </button>
          </div>
        </div>
      )}
      {!off && byLabel.length > 0 && (
        <ul className="suggestion-groups" aria-label="Suggestions by label">
          {byLabel.map(({ label, keys }) => (
            <li key={label.id}>
              <LabelSwatch color={label.color} underline={underlines.get(label.id)} />
              <span>
                {label.name}: {keys.length}
              </span>
              <button type="button" onClick={() => onAccept(keys)}>
                Accept all {keys.length} {label.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {!off && source && suggestions.length === 0 && <p className="hint">Nothing left to suggest here. Press Tab in the text to step through the annotations.</p>}
    </section>
  );
}
