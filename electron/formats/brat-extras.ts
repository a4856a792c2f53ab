/**
 * What the brat importer keeps in `extras.brat` of annotations and links: the parts of a .ann file
 * Byline has no field for, and the ids and targets that let brat-write.ts give the same lines back.
 */
import { z } from 'zod';
import { comparisonText } from '../../schema/text';

// Extras travel in exchange files, which other tools may write: they are read through these
// schemas, and a part that does not fit is dropped (the line is then written as Byline's own).
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const Value = z.union([z.string(), z.number(), z.boolean()]);

/** An A (or M) line: its id, the attribute's name as the file spells it, and the key it is stored under. */
const BratAttributeLine = z.object({
  id: z.string(),
  name: z.string(),
  key: z.string(),
  /** Set when the line targets an event (E id) rather than the annotation itself. */
  target: z.string().optional(),
  /** Present only when the value could not go into the annotation's attributes (it already had one). */
  value: Value.optional(),
});
export type BratAttributeLine = z.infer<typeof BratAttributeLine>;

/** An N line: `N1\tReference T1 Wikipedia:534366\tBarack Obama`. */
const BratNormalization = z.object({
  id: z.string(),
  type: z.string(),
  db: z.string(),
  dbId: z.string(),
  text: z.string(),
  target: z.string().optional(),
});
export type BratNormalization = z.infer<typeof BratNormalization>;

/** A # line that is not the annotation's note (another type, or a second note). */
const BratComment = z.object({ id: z.string(), type: z.string(), text: z.string(), target: z.string().optional() });
export type BratComment = z.infer<typeof BratComment>;

/** An event (E line) whose trigger is this annotation. */
const BratEvent = z.object({ id: z.string(), type: z.string() });
export type BratEvent = z.infer<typeof BratEvent>;

const BratAnnotationExtras = z.object({
  /** The file listed the fragments out of order: indexes into the sorted fragments, in file order. */
  fragmentOrder: lenient(z.array(z.int().nonnegative())),
  /** Text after the span's text on the T line (brat allows a trailing comment there). */
  textTail: lenient(z.string()),
  /**
   * The T line's text field (without textTail) as the file has it, when it is not what Byline
   * would write for the span (its text on one line): a field that runs over several lines of the
   * .ann (a span across a line break; its raw line ends included), or that differs from the
   * article only in whitespace or Unicode normalization. brat-write.ts writes it back verbatim
   * while it still fits the span's text (fitsTextField).
   */
  textField: lenient(z.string()),
  attributes: lenient(z.array(BratAttributeLine)),
  /** Id (and, for an event's note, the E id) of the AnnotatorNotes line that gave the note. */
  note: lenient(z.object({ id: z.string(), target: z.string().optional() })),
  comments: lenient(z.array(BratComment)),
  normalizations: lenient(z.array(BratNormalization)),
  events: lenient(z.array(BratEvent)),
});
export type BratAnnotationExtras = z.infer<typeof BratAnnotationExtras>;

const BratRelationExtras = z.object({
  /** An R line's argument roles when they are not Arg1 and Arg2. */
  roles: lenient(z.tuple([z.string(), z.string()])),
  /** The argument was an event: the link goes to (or from) its trigger, and this is its E id. */
  fromEvent: lenient(z.string()),
  toEvent: lenient(z.string()),
  /** The n-th equivalence (`*`) line this link came from; its members are `from` and every `to`. */
  equiv: lenient(z.int().nonnegative()),
  attributes: lenient(z.array(BratAttributeLine.omit({ target: true }).extend({ value: Value }))),
  normalizations: lenient(z.array(BratNormalization)),
  comments: lenient(z.array(BratComment)),
});
export type BratRelationExtras = z.infer<typeof BratRelationExtras>;

/**
 * A line that starts with a brat id and a tab, by the rules the reader checks ids with (a kind
 * letter or # and a digit, or *, and no whitespace): the lines that end a T line's text field.
 */
export const ANNOTATION_LINE = /^(?:[TREAMN#]\d|\*)\S*\t/;

/** A text with every run of whitespace as one space, trimmed, in comparison form (CRLF and CR as LF, NFC). */
export function looseText(text: string): string {
  return comparisonText(text).replace(/\s+/g, ' ').trim();
}

/**
 * Whether a T line's text field stands for `text` (the span's fragments joined by one space, in
 * file order), but for whitespace and Unicode normalization.
 */
export function fitsTextField(field: string, text: string): boolean {
  return looseText(field) === looseText(text);
}

/**
 * Every field is lenient, so these never throw: a part that does not fit is left out. Extras
 * without a brat part (what Byline itself made) get one frozen empty reading: parsing `{}` for
 * every annotation was 3% of a brat export.
 */
const reader = <T extends object>(schema: z.ZodType<T>) => {
  const none = Object.freeze(schema.parse({}));
  return (extras: Record<string, unknown>): Readonly<T> => {
    const brat = extras['brat'];
    return brat && typeof brat === 'object' ? schema.parse(brat) : none;
  };
};

/** The brat parts of an annotation's extras. */
export const annotationBratExtras = reader(BratAnnotationExtras);
/** The brat parts of a link's extras. */
export const relationBratExtras = reader(BratRelationExtras);
