import type { RequestOf } from '../../schema/api';
import type { Annotation, Annotator, Label, Relation } from '../../schema/model';
import type { VerdictRecord } from '../../schema/review';
import { LabelSwatch } from '../common/LabelSwatch';
import { underlineStyles } from '../editor/label-cues';
import { AttributeFields } from './AttributeFields';
import { NoteField } from './NoteField';
import { verdictWords, verdictsOn } from './verdict-words';

interface Props {
  annotation: Annotation | null;
  /** The selected annotation is on its way to the workspace. */
  saving?: boolean;
  annotations: ReadonlyMap<string, Annotation>;
  relations: readonly Relation[];
  labels: readonly Label[];
  /** Whose the selected annotation is, when the article has several layers; only mine can be changed here. */
  owner: Annotator | null;
  readOnly: boolean;
  /** Review verdicts on the article, newest first: those about the selected annotation are shown. */
  verdicts: readonly VerdictRecord[];
  /** An annotator's name, for saying whose version a verdict kept. */
  nameOf(annotatorId: string): string;
  onUpdate(patch: RequestOf<'annotations.update'>): void;
  onDelete(id: string): void;
  onAddFragment(): void;
  onStartLinking(): void;
  onUnlink(relationId: string): void;
  onLinkType(relationId: string, labelId: string): void;
  onSelect(id: string): void;
}

/**
 * The selected annotation: whose, what and where it is, its attributes, note and links. A
 * colleague's annotation is shown read-only: their layer is theirs (review decides between layers).
 */
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
  const { annotation, label, labels, relations, annotations, owner, readOnly } = props;
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
        {linkTypes.length > 1 && direction === '→' && !readOnly && (
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
        {!readOnly && (
          <button
            type="button"
            className="small"
            aria-label={`Remove the link ${direction === '→' ? 'to' : 'from'} “${other?.quote ?? ''}”`}
            onClick={() => props.onUnlink(relation.id)}
          >
            Remove
          </button>
        )}
      </li>
    );
  };

  const ownerName = owner?.name ?? 'an unknown annotator';
  return (
    <>
      {readOnly && (
        <p className="read-only-note">
          {ownerName}’s annotation: colleagues’ layers are read-only here. Tag the text yourself to
          add yours, or hide their layer under Layers.
        </p>
      )}
      <Verdicts verdicts={verdictsOn(props.verdicts, annotation.id)} annotationId={annotation.id} nameOf={props.nameOf} />
      <fieldset className="details-fields" disabled={readOnly}>
        <dl>
          {(owner || readOnly) && (
            <>
              <dt>Layer</dt>
              <dd>{readOnly ? ownerName : `${ownerName} (you)`}</dd>
            </>
          )}
          <dt>Label</dt>
          <dd>
            {label && <LabelSwatch color={label.color} underline={underlineStyles(labels).get(label.id)} />}
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
                  {annotation.fragments.length > 1 && !readOnly && (
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
            {!readOnly && (
              <button
                type="button"
                className="small"
                onMouseDown={(e) => e.preventDefault()}
                onClick={props.onAddFragment}
              >
                Add selected text
              </button>
            )}
          </dd>
        </dl>

        <AttributeFields
          defs={label?.attributes ?? []}
          values={annotation.attributes}
          onChange={(key, value) => props.onUpdate({ id: annotation.id, attributes: { [key]: value } })}
        />
        <NoteField note={annotation.note} onSave={(note) => props.onUpdate({ id: annotation.id, note })} />
      </fieldset>

      <h3>Links</h3>
      {outgoing.length + incoming.length === 0 ? (
        <p className="hint">No links yet.</p>
      ) : (
        <ul className="links" aria-label="Links">
          {outgoing.map((r) => linkItem(r, r.toId, '→'))}
          {incoming.map((r) => linkItem(r, r.fromId, '←'))}
        </ul>
      )}
      {!readOnly && (
        <div className="detail-buttons">
          <button type="button" aria-keyshortcuts="L" onClick={props.onStartLinking}>
            Link to…
          </button>
          <button type="button" className="danger" aria-keyshortcuts="Delete" onClick={() => props.onDelete(annotation.id)}>
            Delete annotation
          </button>
        </div>
      )}
    </>
  );
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** What reviewers decided about this annotation: whether it was kept, by whom, when, and why. */
function Verdicts(props: { verdicts: VerdictRecord[]; annotationId: string; nameOf(id: string): string }) {
  const { verdicts, annotationId, nameOf } = props;
  if (verdicts.length === 0) return null;
  return (
    <>
      <h3 id="verdicts-title" className="verdicts-title">
        Review
      </h3>
      <ul className="verdicts" aria-labelledby="verdicts-title">
        {verdicts.map((v) => (
          <li key={`${v.reviewer.id} ${v.layerA} ${v.layerB} ${v.key}`}>
            <p className="verdict-head">
              <strong>{verdictWords(v, annotationId, nameOf).long}</strong>, by {v.reviewer.name} on{' '}
              <time dateTime={v.resolvedAt}>{dateFormat.format(new Date(v.resolvedAt))}</time>
            </p>
            {v.comment && (
              <p className="verdict-comment">
                <span className="visually-hidden">Comment: </span>“{v.comment}”
              </p>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
