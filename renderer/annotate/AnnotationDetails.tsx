import type { Annotation, Label } from '../../schema/model';

interface Props {
  annotation: Annotation | null;
  label: Label | null;
  onDelete(id: string): void;
}

/** The side panel: what the selected annotation is, where it is, and what can be done with it. */
export function AnnotationDetails({ annotation, label, onDelete }: Props) {
  return (
    <aside className="details" aria-labelledby="details-title">
      <h2 id="details-title">Annotation</h2>
      {!annotation ? (
        <p className="hint">Click a highlight to see it here.</p>
      ) : (
        <>
          <dl>
            <dt>Label</dt>
            <dd>
              <span
                className="swatch"
                style={{ backgroundColor: label?.color ?? 'transparent' }}
                aria-hidden="true"
              />
              {label?.name ?? 'Unknown label'}
            </dd>
            <dt>Text</dt>
            <dd>
              <blockquote>{annotation.quote}</blockquote>
            </dd>
            <dt>Offsets (code points)</dt>
            <dd>
              {annotation.fragments.map((f) => `${f.start}–${f.end}`).join(', ')}
            </dd>
          </dl>
          <button
            type="button"
            className="danger"
            aria-keyshortcuts="Delete"
            onClick={() => onDelete(annotation.id)}
          >
            Delete annotation
          </button>
        </>
      )}
    </aside>
  );
}
