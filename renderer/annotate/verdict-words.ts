import type { VerdictRecord } from '../../schema/review';

/** A verdict as the owner of one annotation reads it: a word for the list, a sentence for the details. */
export interface VerdictWords {
  short: 'Taken' | 'Not taken' | 'Both kept' | 'Rejected' | 'Edited';
  long: string;
}

/** The verdicts about an annotation (its id on either side of the difference), in the order given (newest first). */
export function verdictsOn(verdicts: readonly VerdictRecord[], annotationId: string): VerdictRecord[] {
  return verdicts.filter((v) => v.a.includes(annotationId) || v.b.includes(annotationId));
}

/** Annotation id -> the newest verdict about it, for marking list rows. */
export function newestVerdictByAnnotation(verdicts: readonly VerdictRecord[]): Map<string, VerdictRecord> {
  const newest = new Map<string, VerdictRecord>();
  for (const v of verdicts) {
    for (const id of [...v.a, ...v.b]) {
      const seen = newest.get(id);
      if (!seen || v.resolvedAt > seen.resolvedAt) newest.set(id, v);
    }
  }
  return newest;
}

/**
 * What a verdict did with this annotation. "Take A" on a difference where the annotation is on
 * side B means the other layer's version was kept, so the words depend on the side; where both
 * layers agreed, taking either side takes this one too.
 */
export function verdictWords(record: VerdictRecord, annotationId: string, nameOf: (annotatorId: string) => string): VerdictWords {
  switch (record.verdict) {
    case 'take_both':
      return { short: 'Both kept', long: 'Both kept' };
    case 'reject':
      return { short: 'Rejected', long: 'Rejected' };
    case 'edit':
      return { short: 'Edited', long: 'Replaced by the reviewer’s edit' };
    case 'take_a':
    case 'take_b': {
      const side = record.a.includes(annotationId) ? 'a' : 'b';
      const taken = record.verdict === 'take_a' ? 'a' : 'b';
      if (side === taken || record.kind === 'agree') return { short: 'Taken', long: 'Taken' };
      const other = nameOf(taken === 'a' ? record.layerA : record.layerB);
      return { short: 'Not taken', long: `Not taken: ${other}’s version was kept` };
    }
  }
}
