import {
  $createRangeSelection,
  $getRoot,
  $getSelection,
  $isElementNode,
  $isLineBreakNode,
  $isRangeSelection,
  $setSelection,
  HISTORY_PUSH_TAG,
  type LexicalCommand,
  type LexicalEditor,
  type PointType,
  type RangeSelection,
} from 'lexical';
import { expect } from 'vitest';
import type { Annotation, Fragment } from '../../../schema/model';
import { applyEdits } from '../../../schema/text-edits';
import { OffsetMap } from '../../../schema/text';
import { registerEditMode, stateAfter, type EditState } from '../edit-mode';
import { OffsetIndex } from '../offset-index';
import { afterThisTest, mountArticle } from './mount-article';

/** An article in edit mode, as the article view runs it: the index follows every update. */
export interface EditSession {
  editor: LexicalEditor;
  root: HTMLDivElement;
  index: OffsetIndex;
  original: string;
  base: Annotation[];
  state(): EditState;
  text(): string;
  escapes: number;
  /** Sets the selection (UTF-16 offsets of the text now) in an update of its own, as a click does. */
  select(start: number, end?: number): void;
  /** Dispatches a command as a key press or the history does, and lets the update it makes commit. */
  dispatch<P>(command: LexicalCommand<P>, payload: P): void;
  /** Runs an edit on the selection, as one undo step. */
  edit(run: (selection: RangeSelection) => void): void;
  /** Checks what must hold after every update (see checkSession). */
  check(): void;
  /** Leaves the edit mode. */
  stop(): void;
}

/** An annotation for the tests: one span, by code point offsets. */
export function annotation(id: string, ...fragments: Fragment[]): Annotation {
  return {
    id,
    documentId: 'doc',
    annotatorId: 'me',
    labelId: 'claim',
    fragments,
    quote: '',
    note: null,
    attributes: {},
    createdAt: '',
    updatedAt: '',
  };
}

export function startEditing(original: string, base: Annotation[]): EditSession {
  const { editor, root, index } = mountArticle(original);
  let state: EditState = { edits: [], annotations: base, deleted: [] };
  const session: EditSession = {
    editor,
    root,
    index,
    original,
    base,
    escapes: 0,
    state: () => state,
    text: () => editor.getEditorState().read(() => $getRoot().getTextContent()),
    select(start, end = start) {
      editor.update(
        () => {
          const selection = $createRangeSelection();
          setPoint(selection.anchor, start);
          setPoint(selection.focus, end);
          $setSelection(selection);
        },
        { discrete: true },
      );
    },
    dispatch(command, payload) {
      editor.update(() => void editor.dispatchCommand(command, payload), { discrete: true });
    },
    edit(run) {
      editor.update(
        () => {
          const selection = $getSelection();
          if (!$isRangeSelection(selection)) throw new Error('no selection to edit at');
          run(selection);
        },
        { discrete: true, tag: HISTORY_PUSH_TAG },
      );
    },
    check: () => checkSession(session),
    stop: () => unregister(),
  };
  const unregister = registerEditMode(editor, {
    annotations: base,
    onChange(next, change) {
      state = next;
      index.update(editor, change.from, change.removed, change.added);
    },
    onEscape: () => session.escapes++,
  });
  afterThisTest(() => editor.isEditable() && unregister());
  return session;
}

/**
 * The edits turn the original into the text shown; the annotations are where those edits put
 * them; the index, kept up to date by updates, answers as one built afresh does.
 */
export function checkSession(session: EditSession): void {
  const text = session.text();
  const state = session.state();
  expect(applyEdits(session.original, state.edits)).toBe(text);
  const expected = stateAfter(session.base, state.edits);
  expect(state.annotations.map((a) => [a.id, a.fragments])).toEqual(expected.annotations.map((a) => [a.id, a.fragments]));
  expect(state.deleted.map((a) => a.id).sort()).toEqual(expected.deleted.map((a) => a.id).sort());
  const fresh = OffsetIndex.build(session.editor);
  expect(session.index.length).toBe(text.length);
  const walker = document.createTreeWalker(session.root, NodeFilter.SHOW_ALL);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const size = node instanceof Text ? node.length : node.childNodes.length;
    for (let i = 0; i <= size; i++) expect(session.index.offsetOf(node, i), `offsetOf a ${node.nodeName}, ${i}`).toBe(fresh.offsetOf(node, i));
  }
  for (let at = 0; at < text.length; at++) {
    expect(session.index.range(at, at + 1)?.toString() ?? null).toBe(fresh.range(at, at + 1)?.toString() ?? null);
  }
}

/** The text an annotation covers now, fragments joined by a space. */
export function coveredText(text: string, fragments: readonly Fragment[]): string {
  const map = new OffsetMap(text);
  return fragments.map((f) => text.slice(map.toUtf16(f.start), map.toUtf16(f.end))).join(' ');
}

/** Puts a selection point at a UTF-16 offset of the text, in the node that holds it. */
function setPoint(point: PointType, offset: number): void {
  let start = 0;
  for (const block of $getRoot().getChildren()) {
    const end = start + block.getTextContentSize();
    // An offset inside the gap between two paragraphs: the start of the later one.
    offset = Math.max(offset, start);
    if (offset <= end && $isElementNode(block)) {
      let at = start;
      const children = block.getChildren();
      for (let i = 0; i < children.length; i++) {
        const child = children[i]!;
        const size = child.getTextContentSize();
        if ($isLineBreakNode(child)) {
          if (offset === at) return point.set(block.getKey(), i, 'element');
        } else if (offset <= at + size) {
          return point.set(child.getKey(), offset - at, 'text');
        }
        at += size;
      }
      return point.set(block.getKey(), children.length, 'element');
    }
    start = end + 2;
  }
  throw new Error(`offset ${offset} is in no paragraph`);
}
