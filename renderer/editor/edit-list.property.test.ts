import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fragment } from '../../schema/model';
import { applyEdits, codePointLength, mapFragments, type TextEdit } from '../../schema/text-edits';
import { appendEdit } from './edit-list';

/** What a person does next, relative to where the last edit ended (the caret). */
type Intent =
  | { kind: 'type'; text: string }
  | { kind: 'backspace'; count: number }
  | { kind: 'delete'; count: number }
  | { kind: 'elsewhere'; at: number; length: number; text: string };

const typed = fc.array(fc.constantFrom('a', 'b', ' ', '👍', 'é', '\n'), { minLength: 1, maxLength: 3 }).map((p) => p.join(''));
const intent: fc.Arbitrary<Intent> = fc.oneof(
  fc.record({ kind: fc.constant('type' as const), text: typed }),
  fc.record({ kind: fc.constant('backspace' as const), count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('delete' as const), count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({
    kind: fc.constant('elsewhere' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.integer({ min: 0, max: 3 }),
    text: fc.oneof(fc.constant(''), typed),
  }),
);

const text = fc.array(fc.constantFrom('a', 'b', 'c', ' ', '👍', '\n'), { minLength: 1, maxLength: 30 }).map((p) => p.join(''));
const fragment = (length: number) =>
  fc
    .tuple(fc.nat(length), fc.nat(length))
    .filter(([a, b]) => a !== b)
    .map(([a, b]): Fragment => ({ start: Math.min(a, b), end: Math.max(a, b) }));
const fragments = (length: number) => fc.array(fragment(length), { minLength: 1, maxLength: 3 });

/** The edits a run of intents makes, one per key, as the edit mode sees them. */
function editsOf(original: string, intents: readonly Intent[]): TextEdit[] {
  const edits: TextEdit[] = [];
  let length = codePointLength(original);
  let caret = 0;
  for (const step of intents) {
    let edit: TextEdit | null = null;
    if (step.kind === 'type') edit = { start: caret, end: caret, text: step.text };
    else if (step.kind === 'backspace' && caret > 0) edit = { start: Math.max(0, caret - step.count), end: caret, text: '' };
    else if (step.kind === 'delete' && caret < length) edit = { start: caret, end: Math.min(length, caret + step.count), text: '' };
    else if (step.kind === 'elsewhere') {
      const start = Math.floor(step.at * length);
      edit = { start, end: Math.min(length, start + step.length), text: step.text };
    }
    if (!edit) continue;
    edits.push(edit);
    length += codePointLength(edit.text) - (edit.end - edit.start);
    caret = edit.start + codePointLength(edit.text);
  }
  return edits;
}

describe('appendEdit (properties)', () => {
  it('makes a list that changes the text and moves every span exactly as the edits one by one do', () => {
    fc.assert(
      fc.property(
        text.chain((t) => fc.tuple(fc.constant(t), fc.array(fragments(codePointLength(t)), { minLength: 1, maxLength: 5 }))),
        fc.array(intent, { minLength: 1, maxLength: 25 }),
        ([original, spans], intents) => {
          const edits = editsOf(original, intents);
          const merged = edits.reduce<TextEdit[]>((list, edit) => appendEdit(list, edit), []);
          expect(merged.length).toBeLessThanOrEqual(edits.length);
          expect(applyEdits(original, merged)).toBe(applyEdits(original, edits));
          for (const span of spans) expect(mapFragments(span, merged)).toEqual(mapFragments(span, edits));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps a run of typing, of backspacing and of deleting forward as one edit each', () => {
    const typing = ['H', 'e', 'l', 'l', 'o'].map((ch, i): TextEdit => ({ start: 3 + i, end: 3 + i, text: ch }));
    expect(typing.reduce<TextEdit[]>(appendEdit, [])).toEqual([{ start: 3, end: 3, text: 'Hello' }]);
    const backspacing = [9, 8, 7].map((at): TextEdit => ({ start: at - 1, end: at, text: '' }));
    expect(backspacing.reduce<TextEdit[]>(appendEdit, [])).toEqual([{ start: 6, end: 9, text: '' }]);
    const deleting = [0, 1, 2].map((): TextEdit => ({ start: 4, end: 5, text: '' }));
    expect(deleting.reduce<TextEdit[]>(appendEdit, [])).toEqual([{ start: 4, end: 7, text: '' }]);
    // Typing a word and taking it back again leaves nothing to commit.
    const undone = [...typing, ...[8, 7, 6, 5, 4].map((at): TextEdit => ({ start: at - 1, end: at, text: '' }))];
    expect(undone.reduce<TextEdit[]>(appendEdit, [])).toEqual([]);
  });

  it('keeps typing after a deletion elsewhere as its own edit', () => {
    const edits: TextEdit[] = [
      { start: 10, end: 12, text: '' },
      { start: 2, end: 2, text: 'x' },
    ];
    expect(edits.reduce<TextEdit[]>(appendEdit, [])).toEqual(edits);
  });
});
