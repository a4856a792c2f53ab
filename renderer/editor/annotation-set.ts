import type { Annotation, Changes, Relation } from '../../schema/model';

/** A document's annotations in document order, and the same by id. */
export interface AnnotationSet {
  readonly list: readonly Annotation[];
  readonly byId: ReadonlyMap<string, Annotation>;
}

export function annotationSet(annotations: readonly Annotation[]): AnnotationSet {
  const list = [...annotations].sort(byPosition);
  return { list, byId: new Map(list.map((a) => [a.id, a])) };
}

/**
 * The annotations after a change. A change touches a few annotations of thousands: they are
 * inserted in place, and unchanged annotations stay the same objects.
 */
export function applyAnnotationChanges(set: AnnotationSet, changes: Changes['annotations']): AnnotationSet {
  if (changes.put.length === 0 && changes.deleted.length === 0) return set;
  const replaced = new Set([...changes.deleted, ...changes.put.map((a) => a.id)]);
  const list = set.list.filter((a) => !replaced.has(a.id));
  const byId = new Map(set.byId);
  for (const id of changes.deleted) byId.delete(id);
  for (const annotation of changes.put) {
    list.splice(insertionPoint(list, annotation), 0, annotation);
    byId.set(annotation.id, annotation);
  }
  return { list, byId };
}

function insertionPoint(sorted: readonly Annotation[], annotation: Annotation): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byPosition(sorted[mid]!, annotation) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The links after a change. */
export function applyRelationChanges(list: readonly Relation[], changes: Changes['relations']): Relation[] {
  if (changes.put.length === 0 && changes.deleted.length === 0) return list as Relation[];
  const replaced = new Set([...changes.deleted, ...changes.put.map((r) => r.id)]);
  return [...list.filter((r) => !replaced.has(r.id)), ...changes.put];
}

/** Document order: by first fragment, then by id so that equal starts keep a stable order. */
export function byPosition(a: Annotation, b: Annotation): number {
  return a.fragments[0]!.start - b.fragments[0]!.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
