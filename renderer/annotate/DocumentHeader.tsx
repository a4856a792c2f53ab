import { DocumentStatus, type Document, type HistoryState, type Label } from '../../schema/model';
import { LabelSwatch } from '../common/LabelSwatch';
import { underlineStyles } from '../editor/label-cues';
import { plural } from '../common/plural';

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
  /** The text is being edited (the edit mode), and being saved. */
  editing: boolean;
  saving: boolean;
  /** Enters the edit mode, or leaves it (saving the text). */
  onEditText(): void;
  /** How many texts the article has had (null while not known), and showing them. */
  versionCount: number | null;
  onVersions(): void;
  onFindReplace(): void;
}

/** The article's title, its counts per label, its status, undo and redo, and editing its text. */
export function DocumentHeader(props: Props) {
  const { document, labels, counts, total, history, editing } = props;
  /** While the text is edited, Ctrl+Z undoes typing and these wait: they would act on the text as it was. */
  const waitTitle = editing ? 'Finish editing the text first' : undefined;
  const underlines = underlineStyles(labels);
  return (
    <div className="annotate-header">
      <h1 id="article-title">{document.title}</h1>
      <ul className="label-counts" aria-label="Annotations per label">
        <li>{plural(total, 'annotation')}</li>
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
          aria-pressed={editing}
          aria-keyshortcuts="E"
          disabled={props.saving}
          onClick={props.onEditText}
        >
          {editing ? 'Done editing' : 'Edit text'}
        </button>
        <button
          type="button"
          disabled={editing || !history.undo}
          aria-keyshortcuts="Control+Z Meta+Z"
          title={waitTitle ?? (history.undo ? `Undo: ${history.undo}` : 'Nothing to undo')}
          onClick={props.onUndo}
        >
          Undo
        </button>
        <button
          type="button"
          disabled={editing || !history.redo}
          aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z"
          title={waitTitle ?? (history.redo ? `Redo: ${history.redo}` : 'Nothing to redo')}
          onClick={props.onRedo}
        >
          Redo
        </button>
        <button
          type="button"
          aria-haspopup="dialog"
          aria-keyshortcuts="Control+H"
          disabled={editing}
          title={waitTitle}
          onClick={props.onFindReplace}
        >
          Find &amp; replace
        </button>
        <button type="button" aria-haspopup="dialog" disabled={editing} title={waitTitle} onClick={props.onVersions}>
          {props.versionCount === null ? 'Versions' : `Versions (${props.versionCount})`}
        </button>
        <button type="button" aria-keyshortcuts="?" onClick={props.onShortcuts}>
          Shortcuts
        </button>
      </div>
    </div>
  );
}
