import type { Annotation, Changes, Relation } from '../../schema/model';

/** The annotations after a change, still in document order. */
export function applyAnnotationChanges(list: readonly Annotation[], changes: Changes['annotations']): Annotation[] {
  if (changes.put.length === 0 && changes.deleted.length === 0) return list as Annotation[];
  const replaced = new Set([...changes.deleted, ...changes.put.map((a) => a.id)]);
  const next = list.filter((a) => !replaced.has(a.id));
  // A change touches a few annotations of thousands: insert them in place rather than sort all.
  for (const annotation of changes.put) next.splice(insertionPoint(next, annotation), 0, annotation);
  return next;
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
