import { $getNodeByKey, $getRoot, $getSelection, $isElementNode, $isRangeSelection, $isRootNode, type EditorState, type LexicalNode, type NodeKey, type PointType } from 'lexical';
import { codePointLength, diffEdit, type TextEdit } from '../../schema/text-edits';

/** Lexical's text between two paragraphs (see article-content.ts). */
const GAP = '\n\n';

/** The root's children (paragraphs), as an editor state has them. */
export interface Blocks {
  keys: readonly NodeKey[];
  /** The length of each one's text, in code points. */
  lengths: readonly number[];
}

/** What one update did: from block `from` on, `removed` blocks gave way to `added` new or changed ones. */
export interface BlockChange {
  from: number;
  removed: number;
  added: number;
  /** The edit of the text; null when the update changed only how the text is split into nodes. */
  edit: TextEdit | null;
  blocks: Blocks;
}

/** The blocks of the active editor state. */
export function $blocks(): Blocks {
  const children = $getRoot().getChildren();
  return { keys: children.map((c) => c.getKey()), lengths: children.map((c) => codePointLength(c.getTextContent())) };
}

/**
 * The edit an update made, found from the blocks it touched alone (its dirty nodes and the root's
 * children), so that a keystroke costs the same in a long article as in a short one. Where the
 * changed text could be told apart in more than one way ("the the" losing a "the"), the edit is
 * put where the selection was before the update: that is where the person typed or deleted.
 */
export function blockChange(
  prev: EditorState,
  next: EditorState,
  dirtyElements: ReadonlyMap<NodeKey, unknown>,
  dirtyLeaves: ReadonlySet<NodeKey>,
  before: Blocks,
): BlockChange | null {
  if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return null;
  const keys = next.read(() => $getRoot().getChildrenKeys());
  const unchanged = (i: number, j: number) =>
    before.keys[i] === keys[j] && !dirtyElements.has(keys[j]!) && !dirtyLeaves.has(keys[j]!);
  const most = Math.min(before.keys.length, keys.length);
  let from = 0;
  while (from < most && unchanged(from, from)) from++;
  let kept = 0;
  while (kept < most - from && unchanged(before.keys.length - 1 - kept, keys.length - 1 - kept)) kept++;
  const removed = before.keys.length - kept - from;
  const added = keys.length - kept - from;
  if (removed === 0 && added === 0) return null;

  const changedKeys = before.keys.slice(from, from + removed);
  const { parts: oldParts, selection } = prev.read(() => ({
    parts: changedKeys.map((key) => $getNodeByKey(key)!.getTextContent()),
    selection: $selectionIn(changedKeys, from > 0),
  }));
  const newParts = next.read(() => keys.slice(from, from + added).map((key) => $getNodeByKey(key)!.getTextContent()));
  let offset = from > 0 ? 2 * (from - 1) : 0;
  for (let i = 0; i < from; i++) offset += before.lengths[i]!;
  const between = (parts: string[]) => stretch(parts, from > 0, kept > 0);
  return {
    from,
    removed,
    added,
    edit: diffEdit(between(oldParts), between(newParts), offset, selection ?? undefined),
    blocks: {
      keys,
      lengths: [
        ...before.lengths.slice(0, from),
        ...newParts.map(codePointLength),
        ...before.lengths.slice(before.lengths.length - kept),
      ],
    },
  };
}

/**
 * The text from the end of the last unchanged block before the change to the start of the first
 * one after it: the changed blocks with the gaps around them.
 */
function stretch(parts: readonly string[], after: boolean, before: boolean): string {
  if (parts.length === 0) return after && before ? GAP : '';
  return (after ? GAP : '') + parts.join(GAP) + (before ? GAP : '');
}

/** `[from, to]` of a selection, in UTF-16 units of the changed stretch; null when a point is outside it. */
export interface Anchor {
  from: number;
  to: number;
}

/** Where the active state's selection is in the stretch of the blocks `keys` (see stretch). */
function $selectionIn(keys: readonly NodeKey[], gapBefore: boolean): Anchor | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return null;
  const anchor = $pointIn(selection.anchor, keys, gapBefore);
  const focus = $pointIn(selection.focus, keys, gapBefore);
  if (anchor === null || focus === null) return null;
  return { from: Math.min(anchor, focus), to: Math.max(anchor, focus) };
}

function $pointIn(point: PointType, keys: readonly NodeKey[], gapBefore: boolean): number | null {
  const node = point.getNode();
  let block: LexicalNode;
  let inBlock: number;
  if ($isRootNode(node)) {
    const child = node.getChildAtIndex(point.offset);
    if (!child) return null;
    block = child;
    inBlock = 0;
  } else {
    const top = node.getTopLevelElement();
    if (!top) return null;
    block = top;
    inBlock = point.type === 'text' ? point.offset : 0;
    // What comes before the point in its block: earlier siblings, up to the block.
    let at: LexicalNode = node;
    if (point.type === 'element' && $isElementNode(node)) {
      inBlock = node.getChildren().slice(0, point.offset).reduce((sum, c) => sum + c.getTextContentSize(), 0);
    }
    while (at !== block) {
      for (let sibling = at.getPreviousSibling(); sibling; sibling = sibling.getPreviousSibling()) {
        inBlock += sibling.getTextContentSize();
      }
      at = at.getParentOrThrow();
    }
  }
  const index = keys.indexOf(block.getKey());
  if (index < 0) return null;
  let offset = gapBefore ? GAP.length : 0;
  for (let i = 0; i < index; i++) offset += $getNodeByKey(keys[i]!)!.getTextContentSize() + GAP.length;
  return offset + inBlock;
}

