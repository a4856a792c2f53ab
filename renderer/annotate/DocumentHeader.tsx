import { DocumentStatus, type Document, type HistoryState, type Label } from '../../schema/model';
import { LabelSwatch } from '../common/LabelSwatch';
import { underlineStyles } from '../editor/label-cues';

interface Props {
  document: Document;
  labels: readonly Label[];
  counts: ReadonlyMap<string, number>;
  total: number;
  history: HistoryState;
  onUndo(): void;
  onRedo(): void;
  onStatus(status: DocumentStatus): void;
  onShortcuts(): void;
}

/** The article's title, its counts per label, its status, and undo and redo. */
export function DocumentHeader(props: Props) {
  const { document, labels, counts, total, history } = props;
  const underlines = underlineStyles(labels);
  return (
    <div className="annotate-header">
      <h1 id="article-title">{document.title}</h1>
      <ul className="label-counts" aria-label="Annotations per label">
        <li>{total === 1 ? '1 annotation' : `${total} annotations`}</li>
        {labels
          .filter((label) => label.kind === 'span')
          .map((label) => (
            <li key={label.id}>
              <LabelSwatch color={label.color} underline={underlines.get(label.id)} />
              {label.name}: {counts.get(label.id) ?? 0}
            </li>
          ))}
      </ul>
      <div className="header-tools">
        <label>
          Status{' '}
          <select
            value={document.status}
            onChange={(event) => props.onStatus(DocumentStatus.parse(event.target.value))}
          >
            {DocumentStatus.options.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={!history.undo}
          aria-keyshortcuts="Control+Z Meta+Z"
          title={history.undo ? `Undo: ${history.undo}` : 'Nothing to undo'}
          onClick={props.onUndo}
        >
          Undo
        </button>
        <button
          type="button"
          disabled={!history.redo}
          aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z"
          title={history.redo ? `Redo: ${history.redo}` : 'Nothing to redo'}
          onClick={props.onRedo}
        >
          Redo
        </button>
        <button type="button" aria-keyshortcuts="?" onClick={props.onShortcuts}>
          Shortcuts
        </button>
      </div>
    </div>
  );
}
