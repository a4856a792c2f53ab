import type { RequestOf } from '../../schema/api';
import type { Annotation, Label, Relation } from '../../schema/model';
import { AttributeFields } from './AttributeFields';
import { NoteField } from './NoteField';

interface Props {
  annotation: Annotation | null;
  /** The selected annotation is on its way to the workspace. */
  saving?: boolean;
  annotations: ReadonlyMap<string, Annotation>;
  relations: readonly Relation[];
  labels: readonly Label[];
  onUpdate(patch: RequestOf<'annotations.update'>): void;
  onDelete(id: string): void;
  onAddFragment(): void;
  onStartLinking(): void;
  onUnlink(relationId: string): void;
  onLinkType(relationId: string, labelId: string): void;
  onSelect(id: string): void;
}

/** The selected annotation: what and where it is, its attributes, note and links. */
export function AnnotationDetails(props: Props) {
  const { annotation, labels } = props;
  return (
    <aside className="details" aria-labelledby="details-title">
      <h2 id="details-title">Annotation</h2>
      {!annotation ? (
        <p className="hint">{props.saving ? 'Saving…' : 'Click a highlight (or press Tab) to see it here.'}</p>
      ) : (
        <Details key={annotation.id} {...props} annotation={annotation} label={labels.find((l) => l.id === annotation.labelId)} />
      )}
    </aside>
  );
}

function Details(props: Props & { annotation: Annotation; label: Label | undefined }) {
  const { annotation, label, labels, relations, annotations } = props;
  const spanLabels = labels.filter((l) => l.kind === 'span');
  const linkTypes = labels.filter((l) => l.kind === 'relation');
  const quoteOf = (id: string) => annotations.get(id);
  const outgoing = relations.filter((r) => r.fromId === annotation.id);
  const incoming = relations.filter((r) => r.toId === annotation.id);

  const linkItem = (relation: Relation, otherId: string, direction: '→' | '←') => {
    const other = quoteOf(otherId);
    const type = labels.find((l) => l.id === relation.labelId);
    return (
      <li key={relation.id}>
        <span aria-hidden="true">{direction} </span>
        {direction === '→' ? `${type?.name ?? 'linked to'} ` : 'from '}
        <button type="button" className="link-button" onClick={() => props.onSelect(otherId)}>
          “{other?.quote ?? '…'}”
        </button>
        {direction === '←' && ` (${type?.name ?? 'link'})`}
        {linkTypes.length > 1 && direction === '→' && (
          <select
            aria-label="Link type"
            value={relation.labelId}
            onChange={(e) => props.onLinkType(relation.id, e.target.value)}
          >
            {linkTypes.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        )}
        <button
          type="button"
          className="small"
          aria-label={`Remove the link ${direction === '→' ? 'to' : 'from'} “${other?.quote ?? ''}”`}
          onClick={() => props.onUnlink(relation.id)}
        >
          Remove
        </button>
      </li>
    );
  };

  return (
    <>
      <dl>
        <dt>Label</dt>
        <dd>
          <span className="swatch" style={{ backgroundColor: label?.color ?? 'transparent' }} aria-hidden="true" />
          <select
            aria-label="Label"
            value={annotation.labelId}
            onChange={(e) => props.onUpdate({ id: annotation.id, labelId: e.target.value })}
          >
            {spanLabels.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </dd>
        <dt>Text</dt>
        <dd>
          <blockquote>{annotation.quote}</blockquote>
        </dd>
        <dt>{annotation.fragments.length > 1 ? 'Fragments (code points)' : 'Offsets (code points)'}</dt>
        <dd>
          <ul className="fragments" aria-label="Fragments">
            {annotation.fragments.map((f, i) => (
              <li key={`${f.start}-${f.end}`}>
                {f.start}–{f.end}
                {annotation.fragments.length > 1 && (
                  <button
                    type="button"
                    className="small"
                    aria-label={`Remove fragment ${f.start}–${f.end}`}
                    onClick={() =>
                      props.onUpdate({ id: annotation.id, fragments: annotation.fragments.filter((_, j) => j !== i) })
                    }
                  >
                    Remove
                  </button>
                )}
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="small"
            onMouseDown={(e) => e.preventDefault()}
            onClick={props.onAddFragment}
          >
            Add selected text
          </button>
        </dd>
      </dl>

      <AttributeFields
        defs={label?.attributes ?? []}
        values={annotation.attributes}
        onChange={(key, value) => props.onUpdate({ id: annotation.id, attributes: { [key]: value } })}
      />
      <NoteField note={annotation.note} onSave={(note) => props.onUpdate({ id: annotation.id, note })} />

      <h3>Links</h3>
      {outgoing.length + incoming.length === 0 ? (
        <p className="hint">No links yet.</p>
      ) : (
        <ul className="links" aria-label="Links">
          {outgoing.map((r) => linkItem(r, r.toId, '→'))}
          {incoming.map((r) => linkItem(r, r.fromId, '←'))}
        </ul>
      )}
      <div className="detail-buttons">
        <button type="button" aria-keyshortcuts="L" onClick={props.onStartLinking}>
          Link to…
        </button>
        <button type="button" className="danger" aria-keyshortcuts="Delete" onClick={() => props.onDelete(annotation.id)}>
          Delete annotation
        </button>
      </div>
    </>
  );
}
