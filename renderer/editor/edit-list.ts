import { codePointLength, type TextEdit } from '../../schema/text-edits';

/**
 * The edits of an edit session with one more at the end. Typing, backspacing or deleting forward
 * right where the last edit ended makes that edit longer instead of adding one, so a session keeps
 * a few edits rather than one per key (the host maps every annotation through each of them).
 * A merge is made only where the one edit moves every annotation exactly as the two do
 * (edit-list.property.test.ts checks it): text deleted is the same, and text typed on goes in
 * where the earlier text went in.
 */
export function appendEdit(edits: readonly TextEdit[], edit: TextEdit): TextEdit[] {
  const last = edits.at(-1);
  const merged = last ? mergeEdits(last, edit) : undefined;
  if (merged === undefined) return isNoOp(edit) ? [...edits] : [...edits, edit];
  const rest = edits.slice(0, -1);
  return merged === null ? rest : [...rest, merged];
}

/** The one edit doing what `first` then `second` do; null when together they do nothing, undefined when they are not one edit. */
function mergeEdits(first: TextEdit, second: TextEdit): TextEdit | null | undefined {
  const inserted = codePointLength(first.text);
  const tail = first.start + inserted;
  let merged: TextEdit | undefined;
  if (second.start === tail && second.end === tail) {
    // Typing on after what the first edit put in.
    merged = { start: first.start, end: first.end, text: first.text + second.text };
  } else if (second.text === '' && second.end === tail && second.start >= first.start) {
    // Backspacing over some of what the first edit put in.
    merged = { start: first.start, end: first.end, text: sliceCodePoints(first.text, second.start - first.start) };
  } else if (second.text === '' && second.end === tail) {
    // Backspacing over all of it and on into the text before it.
    merged = { start: second.start, end: first.end, text: '' };
  } else if (first.text === '' && second.text === '' && second.start === first.start) {
    // Deleting forward where the first deletion was.
    merged = { start: first.start, end: first.end + (second.end - second.start), text: '' };
  }
  if (merged === undefined) return undefined;
  return isNoOp(merged) ? null : merged;
}

const isNoOp = (edit: TextEdit) => edit.start === edit.end && edit.text === '';

/** The first `count` code points of a text. */
function sliceCodePoints(text: string, count: number): string {
  let units = 0;
  for (let i = 0; i < count; i++) units += text.codePointAt(units)! > 0xffff ? 2 : 1;
  return text.slice(0, units);
}
