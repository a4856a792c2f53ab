import { createEmptyHistoryState, registerHistory } from '@lexical/history';
import { registerPlainText } from '@lexical/plain-text';
import { mergeRegister } from '@lexical/utils';
import {
  $createRangeSelectionFromDom,
  $getSelection,
  $isRangeSelection,
  $setSelection,
  COMMAND_PRIORITY_HIGH,
  CONTROLLED_TEXT_INSERTION_COMMAND,
  DRAGSTART_COMMAND,
  DROP_COMMAND,
  HISTORIC_TAG,
  INSERT_PARAGRAPH_COMMAND,
  KEY_BACKSPACE_COMMAND,
  KEY_DELETE_COMMAND,
  KEY_ENTER_COMMAND,
  KEY_ESCAPE_COMMAND,
  PASTE_COMMAND,
  PASTE_TAG,
  type EditorState,
  type LexicalEditor,
} from 'lexical';
import type { Annotation, Fragment } from '../../schema/model';
import { mapFragment, mapFragments, type TextEdit } from '../../schema/text-edits';
import { appendEdit } from './edit-list';
import { pastedText } from './pasted-text';
import { $blocks, blockChange, type Blocks } from './update-edit';

/** Where an edit session is: what to commit, and where the annotations are now. */
export interface EditState {
  /** The edits so far (schema/text-edits.ts), turning the text as it was into the text now. */
  edits: readonly TextEdit[];
  /** The annotations that keep some text, moved with it. */
  annotations: readonly Annotation[];
  /** The annotations none of whose text is left: committing deletes them. */
  deleted: readonly Annotation[];
}

/** Which of the root's children an update changed (all of them for an undo or redo), and its edit. */
export interface EditChange {
  from: number;
  removed: number;
  added: number;
  /** Null for an undo or redo, and for an update that changed no text. */
  edit: TextEdit | null;
  historic: boolean;
}

export interface EditModeOptions {
  /** Every annotation on the text, of every layer: they all move with it. */
  annotations: readonly Annotation[];
  onChange(state: EditState, change: EditChange): void;
  onEscape(): void;
}

/** How long typing keeps adding to one undo step, in ms (Lexical's own default). */
const UNDO_MERGE_DELAY = 300;

/**
 * Makes the article editable as plain text, and keeps the edits and the annotations in step with
 * every update: each update's edit (found from the blocks it touched, see update-edit.ts) goes on
 * the edit list and moves the annotations. Undo and redo are Lexical's history; an editor state it
 * brings back brings back the edits made up to it, and the annotations are moved anew by them,
 * so an annotation whose text is restored is back too. Returns the cleanup, which makes the
 * article read-only again.
 */
export function registerEditMode(editor: LexicalEditor, options: EditModeOptions): () => void {
  const base = options.annotations;
  const initial = editor.getEditorState();
  let blocks = initial.read($blocks);
  let state: EditState = { edits: [], annotations: base, deleted: [] };
  /** The edits that led to each editor state (with its blocks): what an undo to it restores. */
  const records = new WeakMap<EditorState, { edits: readonly TextEdit[]; blocks: Blocks }>();
  records.set(initial, { edits: [], blocks });
  const history = createEmptyHistoryState();
  // The state on entering is where undo stops; Lexical would otherwise not undo the first edit.
  history.current = { editor, editorState: initial };

  /**
   * Lexical hears of a click's new caret from the selectionchange event, a task later: a key
   * pressed before then would act where the caret was. So keys that act at the caret take it
   * from the page first.
   */
  const $caretFromPage = () => {
    const dom = $createRangeSelectionFromDom(window.getSelection(), editor);
    const known = $getSelection();
    if (dom && !(known && dom.is(known))) $setSelection(dom);
    return false;
  };

  const insertPlainText = (data: DataTransfer | null) => {
    const text = data ? pastedText(data) : null;
    const selection = $getSelection();
    if (text && $isRangeSelection(selection)) selection.insertRawText(text);
  };

  // Lexical's core leaves contenteditable to whoever renders the root (its React component does).
  const root = editor.getRootElement();
  const followEditable = (editable: boolean) => root?.setAttribute('contenteditable', String(editable));
  editor.setEditable(true);
  followEditable(true);
  // Chrome checks the spelling of the whole editable text again on each key (10 ms a key at
  // 600,000 characters), and a news article's names would be underlined throughout anyway.
  root?.setAttribute('spellcheck', 'false');
  const unregister = mergeRegister(
    editor.registerEditableListener(followEditable),
    registerPlainText(editor),
    registerHistory(editor, history, UNDO_MERGE_DELAY),
    // Enter starts a new paragraph ("\n\n" in the text); Shift+Enter breaks the line ("\n").
    editor.registerCommand(KEY_BACKSPACE_COMMAND, $caretFromPage, COMMAND_PRIORITY_HIGH),
    editor.registerCommand(KEY_DELETE_COMMAND, $caretFromPage, COMMAND_PRIORITY_HIGH),
    editor.registerCommand(
      KEY_ENTER_COMMAND,
      (event) => {
        event?.preventDefault();
        $caretFromPage();
        const selection = $getSelection();
        if (!$isRangeSelection(selection)) return false;
        if (event?.shiftKey) selection.insertLineBreak();
        else selection.insertParagraph();
        return true;
      },
      COMMAND_PRIORITY_HIGH,
    ),
    editor.registerCommand(
      INSERT_PARAGRAPH_COMMAND,
      () => {
        const selection = $getSelection();
        if (!$isRangeSelection(selection)) return false;
        selection.insertParagraph();
        return true;
      },
      COMMAND_PRIORITY_HIGH,
    ),
    // Pasting puts in plain text only, in canonical form, as its own undo step.
    editor.registerCommand(
      PASTE_COMMAND,
      (event) => {
        event.preventDefault();
        const data = 'clipboardData' in event ? event.clipboardData : 'dataTransfer' in event ? event.dataTransfer : null;
        editor.update(() => insertPlainText(data), { tag: PASTE_TAG });
        return true;
      },
      COMMAND_PRIORITY_HIGH,
    ),
    // The browser's own paste and drop inputs (beforeinput with a DataTransfer): the same.
    editor.registerCommand(
      CONTROLLED_TEXT_INSERTION_COMMAND,
      (input) => {
        if (typeof input === 'string' || !input.dataTransfer) return false;
        insertPlainText(input.dataTransfer);
        return true;
      },
      COMMAND_PRIORITY_HIGH,
    ),
    // Dragging text would move it: a deletion and an insertion in one update, which cannot be
    // told from replacing all that lies between. So nothing is dragged or dropped; paste instead.
    editor.registerCommand(
      DRAGSTART_COMMAND,
      (event) => {
        event.preventDefault();
        return true;
      },
      COMMAND_PRIORITY_HIGH,
    ),
    editor.registerCommand(
      DROP_COMMAND,
      (event) => {
        event.preventDefault();
        return true;
      },
      COMMAND_PRIORITY_HIGH,
    ),
    editor.registerCommand(
      KEY_ESCAPE_COMMAND,
      () => {
        options.onEscape();
        return true;
      },
      COMMAND_PRIORITY_HIGH,
    ),
    editor.registerUpdateListener(({ editorState, prevEditorState, dirtyElements, dirtyLeaves, tags }) => {
      const dirty = dirtyElements.size > 0 || dirtyLeaves.size > 0;
      if (tags.has(HISTORIC_TAG) && dirty) {
        // Lexical restores a copy of the state the history holds, which is history.current now.
        // (Undo may first commit an empty update with the same tag: that is the branch below.)
        const record = records.get(editorState) ?? (history.current && records.get(history.current.editorState));
        if (!record) throw new Error('The edit mode lost track of an undo step.');
        records.set(editorState, record);
        const removed = blocks.keys.length;
        blocks = record.blocks;
        state = stateAfter(base, record.edits);
        options.onChange(state, { from: 0, removed, added: blocks.keys.length, edit: null, historic: true });
        return;
      }
      const change = blockChange(prevEditorState, editorState, dirtyElements, dirtyLeaves, blocks);
      if (change) {
        blocks = change.blocks;
        if (change.edit) state = withEdit(state, change.edit);
      }
      records.set(editorState, { edits: state.edits, blocks });
      if (change) {
        const { from, removed, added, edit } = change;
        options.onChange(state, { from, removed, added, edit, historic: false });
      }
    }),
  );
  return () => {
    unregister();
    editor.setEditable(false);
    root?.removeAttribute('contenteditable');
    root?.removeAttribute('spellcheck');
  };
}

/** The state after one more edit: only the annotations it moves are new objects. */
function withEdit(state: EditState, edit: TextEdit): EditState {
  const annotations: Annotation[] = [];
  let deleted = state.deleted;
  for (const annotation of state.annotations) {
    const fragments = movedFragments(annotation.fragments, edit);
    if (fragments === annotation.fragments) annotations.push(annotation);
    else if (fragments.length > 0) annotations.push({ ...annotation, fragments });
    else deleted = [...deleted, annotation];
  }
  return { edits: appendEdit(state.edits, edit), annotations, deleted };
}

/** The fragments after an edit: the same array when the edit leaves them all where they are. */
function movedFragments(fragments: Fragment[], edit: TextEdit): Fragment[] {
  for (let i = 0; i < fragments.length; i++) {
    if (mapFragment(fragments[i]!, edit) === fragments[i]) continue;
    const moved = fragments.slice(0, i);
    for (const fragment of fragments.slice(i)) {
      const mapped = mapFragment(fragment, edit);
      if (mapped) moved.push(mapped);
    }
    return moved;
  }
  return fragments;
}

/** The state the edits give the annotations as they were. */
export function stateAfter(base: readonly Annotation[], edits: readonly TextEdit[]): EditState {
  const annotations: Annotation[] = [];
  const deleted: Annotation[] = [];
  for (const annotation of base) {
    const fragments = edits.length === 0 ? annotation.fragments : mapFragments(annotation.fragments, edits);
    if (fragments === null) deleted.push(annotation);
    else annotations.push(fragments === annotation.fragments ? annotation : { ...annotation, fragments });
  }
  return { edits, annotations, deleted };
}
