import fc from 'fast-check';
import { KEY_ENTER_COMMAND, PASTE_COMMAND, REDO_COMMAND, UNDO_COMMAND } from 'lexical';
import { describe, it } from 'vitest';
import { articleText } from '../../electron/testing/arbitraries';
import { codePointLength } from '../../schema/text-edits';
import { annotation, startEditing, type EditSession } from './testing/edit-session';

// Real Chromium and real Lexical (the `browser` project of vitest.config.ts), as edit-mode.test.ts.

/** What a person does; positions are fractions of the text, so they fit any length. */
type Step =
  | { kind: 'type'; at: number; text: string }
  | { kind: 'delete'; at: number; to: number }
  | { kind: 'backspace' | 'enter' | 'lineBreak'; at: number }
  | { kind: 'paste'; at: number; to: number; text: string; html: boolean }
  | { kind: 'undo' | 'redo' };

const at = fc.double({ min: 0, max: 1, noNaN: true });
const typed = fc.constantFrom('x', 'the ', ' ', '👍', 'é', 'ab');
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('type' as const), at, text: typed }),
  fc.record({ kind: fc.constant('delete' as const), at, to: at }),
  fc.record({ kind: fc.constantFrom('backspace' as const, 'enter' as const, 'lineBreak' as const), at }),
  fc.record({
    kind: fc.constant('paste' as const),
    at,
    to: at,
    text: fc.constantFrom('one\r\ntwo', 'a\n\nb 🇺🇦', 'cafe\u0301', 'x'),
    html: fc.boolean(),
  }),
  fc.record({ kind: fc.constantFrom('undo' as const, 'redo' as const) }),
);

/** A caret position of the text near `fraction`: never inside a surrogate pair. */
function caret(text: string, fraction: number): number {
  let offset = Math.floor(fraction * text.length);
  if (offset > 0 && /[\uD800-\uDBFF]/.test(text[offset - 1]!)) offset--;
  return offset;
}

function run(session: EditSession, s: Step): void {
  const text = session.text();
  switch (s.kind) {
    case 'type':
      session.select(caret(text, s.at));
      session.edit((selection) => selection.insertText(s.text));
      break;
    case 'delete': {
      const [from, to] = [caret(text, s.at), caret(text, s.to)].sort((a, b) => a - b);
      session.select(from!, to);
      session.edit((selection) => selection.removeText());
      break;
    }
    case 'backspace':
      session.select(caret(text, s.at));
      session.edit((selection) => selection.deleteCharacter(true));
      break;
    case 'enter':
    case 'lineBreak':
      session.select(caret(text, s.at));
      session.dispatch(KEY_ENTER_COMMAND, new KeyboardEvent('keydown', { key: 'Enter', shiftKey: s.kind === 'lineBreak' }));
      break;
    case 'paste': {
      const [from, to] = [caret(text, s.at), caret(text, s.to)].sort((a, b) => a - b);
      session.select(from!, to);
      const data = new DataTransfer();
      if (s.html) data.setData('text/html', `<p>${s.text.replaceAll('\n\n', '</p><p>')}</p>`);
      else data.setData('text/plain', s.text);
      session.dispatch(PASTE_COMMAND, new ClipboardEvent('paste', { clipboardData: data }));
      break;
    }
    case 'undo':
      session.dispatch(UNDO_COMMAND, undefined);
      break;
    case 'redo':
      session.dispatch(REDO_COMMAND, undefined);
      break;
  }
}

const spans = (text: string) => {
  const length = codePointLength(text);
  return fc.array(
    fc
      .tuple(fc.nat(length), fc.nat(length))
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) })),
    { maxLength: 6 },
  );
};

describe('registerEditMode (properties)', () => {
  it('keeps edits, annotations and the offset index in step with the editor through any edits, undos and redos', () => {
    fc.assert(
      fc.property(
        articleText(6)
          .filter((t) => t.length > 0)
          .chain((text) => fc.tuple(fc.constant(text), spans(text))),
        fc.array(step, { minLength: 1, maxLength: 14 }),
        ([text, fragments], steps) => {
          const session = startEditing(text, fragments.map((f, i) => annotation(`a${i}`, f)));
          for (const s of steps) {
            run(session, s);
            session.check();
          }
          session.stop();
        },
      ),
      { numRuns: 120 },
    );
  });
});
