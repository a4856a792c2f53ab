import { KEY_ENTER_COMMAND, KEY_ESCAPE_COMMAND, PASTE_COMMAND, REDO_COMMAND, UNDO_COMMAND } from 'lexical';
import { describe, expect, it } from 'vitest';
import { annotation, coveredText, startEditing } from './testing/edit-session';

// Real Chromium and real Lexical (the `browser` project of vitest.config.ts): the edits come from
// Lexical's own updates, as typing makes them.

const TEXT = 'Board president , Helen Osei , said no sale.\n\nThe the vote is next month.';
const at = (phrase: string) => TEXT.indexOf(phrase);
const span = (id: string, phrase: string) => annotation(id, { start: at(phrase), end: at(phrase) + phrase.length });

/** The text each annotation covers now, by id. */
function covered(session: ReturnType<typeof startEditing>): Record<string, string> {
  const text = session.text();
  return Object.fromEntries(session.state().annotations.map((a) => [a.id, coveredText(text, a.fragments)]));
}

describe('registerEditMode', () => {
  it('shifts an annotation when text is typed before it and grows it when typed inside', () => {
    const session = startEditing(TEXT, [span('helen', 'Helen Osei'), span('sale', 'said no sale')]);
    session.select(at('Helen'));
    session.edit((s) => s.insertText('Ms. '));
    session.check();
    session.select(at('no sale') + 'Ms. '.length + 3);
    session.edit((s) => s.insertText('house '));
    session.check();
    expect(session.text()).toContain('Ms. Helen Osei , said no house sale.');
    expect(covered(session)).toEqual({ helen: 'Helen Osei', sale: 'said no house sale' });
    expect(session.editor.isEditable()).toBe(true);
  });

  it('puts a deletion where the caret was, even where the text around it repeats', () => {
    // Backspace after the first "The " of "The the vote": the second "the" keeps its tag.
    const session = startEditing(TEXT, [span('the', 'the vote')]);
    session.select(at('The the') + 4);
    for (let i = 0; i < 4; i++) session.edit((s) => s.deleteCharacter(true));
    session.check();
    expect(session.text()).toContain('\n\nthe vote is');
    expect(covered(session)).toEqual({ the: 'the vote' });
    expect(session.state().edits).toEqual([{ start: at('The the'), end: at('The the') + 4, text: '' }]);
  });

  it('trims an annotation a deletion crosses, and deletes one whose text is all gone', () => {
    const session = startEditing(TEXT, [span('helen', 'Helen Osei'), span('comma', ' , said'), span('vote', 'vote')]);
    session.select(at('Osei'), at(' said'));
    session.edit((s) => s.removeText());
    const vote = session.text().indexOf('vote');
    session.select(vote, vote + 4);
    session.edit((s) => s.removeText());
    session.check();
    expect(covered(session)).toEqual({ helen: 'Helen ', comma: ' said' });
    expect(session.state().deleted.map((a) => a.id)).toEqual(['vote']);
  });

  it('splits a paragraph with Enter and joins it again with Backspace, the text staying what Lexical holds', () => {
    const session = startEditing(TEXT, [span('osei', 'Helen Osei'), span('vote', 'vote is next')]);
    session.select(at(', said'));
    session.dispatch(KEY_ENTER_COMMAND, new KeyboardEvent('keydown', { key: 'Enter' }));
    session.check();
    expect(session.text()).toBe(TEXT.replace(', said', '\n\n, said'));
    expect(session.root.children.length).toBe(3);
    session.edit((s) => s.deleteCharacter(true));
    session.check();
    expect(session.text()).toBe(TEXT);
    expect(session.root.children.length).toBe(2);
    expect(covered(session)).toEqual({ osei: 'Helen Osei', vote: 'vote is next' });
  });

  it('breaks a line with Shift+Enter', () => {
    const session = startEditing(TEXT, []);
    session.select(at('said'));
    session.dispatch(KEY_ENTER_COMMAND, new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true }));
    session.check();
    expect(session.text()).toBe(TEXT.replace('said', '\nsaid'));
  });

  it('pastes HTML as its text, and plain text with LF line ends and its characters as copied', () => {
    const session = startEditing(TEXT, [span('helen', 'Helen Osei')]);
    session.select(at(' , Helen'), at('Helen'));
    const html = new DataTransfer();
    html.setData('text/html', '<p>: <b>Ms.</b> <img src="x.png" onerror="alert(1)">&amp; co</p><script>alert(2)</script>');
    session.dispatch(PASTE_COMMAND, new ClipboardEvent('paste', { clipboardData: html }));
    session.check();
    expect(session.text()).toContain('Board president: Ms. & coHelen Osei');
    expect(session.root.querySelector('b, img, script')).toBeNull();
    session.select(session.text().indexOf(' said'));
    const plain = new DataTransfer();
    plain.setData('text/plain', ' firmly\r\nand cafe\u0301');
    plain.setData('text/html', '<i>ignored</i>');
    session.dispatch(PASTE_COMMAND, new ClipboardEvent('paste', { clipboardData: plain }));
    session.check();
    expect(session.text()).toContain('Osei , firmly\nand cafe\u0301 said');
    expect(covered(session)).toEqual({ helen: 'Helen Osei' });
  });

  it('undoes and redoes inside the mode, bringing back an annotation whose text was deleted', () => {
    const session = startEditing(TEXT, [span('vote', 'vote'), span('helen', 'Helen Osei')]);
    session.select(at('vote'), at('vote') + 4);
    session.edit((s) => s.removeText());
    session.select(at('Helen'));
    session.edit((s) => s.insertText('Ms. '));
    expect(session.state().deleted.map((a) => a.id)).toEqual(['vote']);

    session.dispatch(UNDO_COMMAND, undefined);
    session.check();
    expect(session.text()).toBe(TEXT.replace('vote', ''));
    session.dispatch(UNDO_COMMAND, undefined);
    session.check();
    expect(session.text()).toBe(TEXT);
    expect(session.state().edits).toEqual([]);
    expect(covered(session)).toEqual({ vote: 'vote', helen: 'Helen Osei' });

    session.dispatch(REDO_COMMAND, undefined);
    session.dispatch(REDO_COMMAND, undefined);
    session.check();
    expect(session.state().deleted.map((a) => a.id)).toEqual(['vote']);
    expect(covered(session)).toEqual({ helen: 'Helen Osei' });

    // Typing after an undo starts from the state undone to.
    session.dispatch(UNDO_COMMAND, undefined);
    session.select(session.text().indexOf('said'));
    session.edit((s) => s.insertText('then '));
    session.check();
    expect(session.text()).toBe(TEXT.replace('vote', '').replace('said', 'then said'));
  });

  it('makes the article editable, leaves on Escape, and makes it read-only again when unregistered', () => {
    const session = startEditing(TEXT, []);
    session.dispatch(KEY_ESCAPE_COMMAND, new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(session.escapes).toBe(1);
    expect(session.root.getAttribute('contenteditable')).toBe('true');
    expect(session.root.spellcheck).toBe(false);
    session.editor.setEditable(false);
    expect(session.root.getAttribute('contenteditable')).toBe('false');
    session.editor.setEditable(true);
    session.stop();
    expect(session.editor.isEditable()).toBe(false);
    expect(session.root.hasAttribute('contenteditable')).toBe(false);
  });
});
