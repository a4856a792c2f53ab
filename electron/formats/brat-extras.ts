/**
 * What the brat importer keeps in `extras.brat` of annotations and links: the parts of a .ann file
 * Byline has no field for, and the ids and targets that let brat-write.ts give the same lines back.
 */
import type { AttributeValue } from '../../schema/model';

/** An A (or M) line: its id, the attribute's name as the file spells it, and the key it is stored under. */
export interface BratAttributeLine {
  id: string;
  name: string;
  key: string;
  /** Set when the line targets an event (E id) rather than the annotation itself. */
  target?: string;
  /** Present only when the value could not go into the annotation's attributes (it already had one). */
  value?: AttributeValue;
}

/** An N line: `N1\tReference T1 Wikipedia:534366\tBarack Obama`. */
export interface BratNormalization {
  id: string;
  type: string;
  db: string;
  dbId: string;
  text: string;
  target?: string;
}

/** A # line that is not the annotation's note (another type, or a second note). */
export interface BratComment {
  id: string;
  type: string;
  text: string;
  target?: string;
}

/** An event (E line) whose trigger is this annotation. */
export interface BratEvent {
  id: string;
  type: string;
}

export interface BratAnnotationExtras {
  /** The file listed the fragments out of order: indexes into the sorted fragments, in file order. */
  fragmentOrder?: number[];
  /** Text after the span's text on the T line (brat allows a trailing comment there). */
  textTail?: string;
  attributes?: BratAttributeLine[];
  /** Id (and, for an event's note, the E id) of the AnnotatorNotes line that gave the note. */
  note?: { id: string; target?: string };
  comments?: BratComment[];
  normalizations?: BratNormalization[];
  events?: BratEvent[];
}

export interface BratRelationExtras {
  /** An R line's argument roles when they are not Arg1 and Arg2. */
  roles?: [string, string];
  /** The argument was an event: the link goes to (or from) its trigger, and this is its E id. */
  fromEvent?: string;
  toEvent?: string;
  /** The n-th equivalence (`*`) line this link came from; its members are `from` and every `to`. */
  equiv?: number;
  attributes?: Array<Omit<BratAttributeLine, 'target'> & { value: AttributeValue }>;
  normalizations?: BratNormalization[];
  comments?: BratComment[];
}

export function bratExtras<T extends object>(extras: Record<string, unknown>): T {
  const brat = extras['brat'];
  return (brat && typeof brat === 'object' ? brat : {}) as T;
}
