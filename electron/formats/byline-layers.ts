/**
 * Byline's own JSONL exports (jsonl-export.ts) say more than spaCy/Prodigy and doccano can hold:
 * whose each span and link is, which spans are fragments of one annotation, and each annotation's
 * note and attributes. Read back, such a record becomes one document per annotator, with every
 * annotation whole again. A link goes with the layer of its ends (Byline exports a link only with
 * both its ends). Records from other tools carry none of this and pass through unchanged.
 */
import type { AttributeValue } from '../../schema/model';
import { AttributeSchema } from './attribute-schema';
import { labelsOf } from './dataset-common';
import type { ImportedAnnotation, ImportedDocument, ImportedRelation } from './types';

export interface AnnotationMark {
  /** The Byline annotation the span is (a fragment of). */
  id: string | null;
  annotator: string | null;
  note: string | null;
  attributes: Record<string, AttributeValue>;
}

/** By the ref of the imported annotation (one span or entity). */
export type BylineMarks = Map<string, AnnotationMark>;

/**
 * What a record says of one annotation, when it says it the way Byline writes it; else null.
 * `idKey`: where the annotation's Byline id is (`byline_id` on a Prodigy span, `id` in doccano's meta).
 */
export function annotationMark(value: Record<string, unknown>, idKey: 'byline_id' | 'id'): AnnotationMark | null {
  const id = typeof value[idKey] === 'string' ? value[idKey] : null;
  const annotator = typeof value['annotator'] === 'string' && value['annotator'] !== '' ? value['annotator'] : null;
  if (id === null && annotator === null) return null;
  return { id, annotator, note: typeof value['note'] === 'string' ? value['note'] : null, attributes: attributeValues(value['attributes']) };
}

function attributeValues(value: unknown): Record<string, AttributeValue> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, AttributeValue] => ['string', 'number', 'boolean'].includes(typeof entry[1])),
  );
}

export function restoreBylineLayers(doc: ImportedDocument, marks: BylineMarks): ImportedDocument[] {
  if (marks.size === 0) return [doc];

  // Fragments of one annotation (same Byline id and label) become one annotation again, under the first one's ref.
  const whole = new Map<string, ImportedAnnotation>();
  const refOf = new Map<string, string>();
  const schema = new AttributeSchema();
  const annotations: ImportedAnnotation[] = [];
  for (const a of doc.annotations) {
    const mark = marks.get(a.ref);
    const key = mark?.id ? `${mark.id}\n${a.label}` : null;
    const first = key ? whole.get(key) : undefined;
    if (first) {
      first.fragments = [...first.fragments, ...a.fragments].sort((x, y) => x.start - y.start);
      refOf.set(a.ref, first.ref);
      continue;
    }
    const restored: ImportedAnnotation = mark
      ? { ...a, note: mark.note ?? a.note, attributes: { ...a.attributes, ...mark.attributes }, extras: withoutMarks(a.extras) }
      : a;
    for (const [k, value] of Object.entries(restored.attributes)) schema.add(a.label, k, k, value);
    if (key) whole.set(key, restored);
    refOf.set(a.ref, a.ref);
    annotations.push(restored);
  }
  const relations = doc.relations.map((r): ImportedRelation => ({ ...r, from: refOf.get(r.from) ?? r.from, to: refOf.get(r.to) ?? r.to }));

  const layerOf = new Map(annotations.map((a) => [a.ref, marks.get(a.ref)?.annotator ?? doc.annotator]));
  const layers = [...new Set(layerOf.values())];
  // A link between two layers could not be stored in either: then the record stays one layer.
  const split = layers.length > 1 && relations.every((r) => layerOf.get(r.from) === layerOf.get(r.to));
  const layer = (annotator: string | null, chosen: ImportedAnnotation[], links: ImportedRelation[]): ImportedDocument => ({
    ...doc,
    annotator,
    annotations: chosen,
    relations: links,
    labels: labelsOf(chosen, links, schema),
  });
  if (!split) return [layer(layers.length === 1 ? layers[0]! : doc.annotator, annotations, relations)];
  return layers.map((annotator) =>
    layer(
      annotator,
      annotations.filter((a) => layerOf.get(a.ref) === annotator),
      relations.filter((r) => layerOf.get(r.from) === annotator),
    ),
  );
}

const MARK_KEYS = new Set(['byline_id', 'annotator', 'note', 'attributes']);

/** The span's extras without what Byline wrote into it for itself (now restored to fields). */
function withoutMarks(extras: Record<string, unknown>): Record<string, unknown> {
  const prodigy = extras['prodigy'];
  if (!prodigy || typeof prodigy !== 'object') return extras;
  const rest = Object.fromEntries(Object.entries(prodigy).filter(([key]) => !MARK_KEYS.has(key)));
  const { prodigy: _, ...others } = extras;
  return Object.keys(rest).length > 0 ? { ...others, prodigy: rest } : others;
}
