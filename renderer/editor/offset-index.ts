import {
  $getRoot,
  $isElementNode,
  $isLineBreakNode,
  $isTextNode,
  type LexicalEditor,
} from 'lexical';

/**
 * Maps UTF-16 offsets of the canonical text to DOM positions in the rendered article and back.
 * Built once per document after Lexical has rendered it. Paragraph gaps ("\n\n") and line breaks
 * ("\n") have no DOM text; offsets inside them resolve to the nearest text.
 */
export class OffsetIndex {
  /** Start offset of each DOM text node, ascending, and the nodes themselves. */
  private readonly starts: number[] = [];
  private readonly texts: Text[] = [];
  /** Start offset of every DOM node that stands for part of the text (text, br, paragraph). */
  private readonly startOfNode = new Map<Node, number>();
  /** End offset of each paragraph element. */
  private readonly endOfNode = new Map<Node, number>();
  private readonly root: HTMLElement;
  length = 0;

  private constructor(root: HTMLElement) {
    this.root = root;
  }

  static build(editor: LexicalEditor): OffsetIndex {
    const root = editor.getRootElement();
    if (!root) throw new Error('The article editor has no root element.');
    const index = new OffsetIndex(root);
    editor.getEditorState().read(() => {
      let offset = 0;
      $getRoot()
        .getChildren()
        .forEach((block, i) => {
          if (i > 0) offset += 2;
          const blockElement = editor.getElementByKey(block.getKey());
          if (blockElement) index.startOfNode.set(blockElement, offset);
          if ($isElementNode(block)) {
            for (const child of block.getChildren()) {
              const element = editor.getElementByKey(child.getKey());
              if ($isTextNode(child) && element?.firstChild instanceof Text) {
                index.starts.push(offset);
                index.texts.push(element.firstChild);
                index.startOfNode.set(element, offset);
                index.startOfNode.set(element.firstChild, offset);
              } else if ($isLineBreakNode(child) && element) {
                index.startOfNode.set(element, offset);
              }
              offset += child.getTextContentSize();
            }
          }
          if (blockElement) index.endOfNode.set(blockElement, offset);
        });
      index.length = offset;
    });
    return index;
  }

  /** A live DOM Range over `[start, end)`, or null when that span holds no rendered text. */
  range(start: number, end: number): Range | null {
    const bounds = this.bounds(start, end);
    if (!bounds) return null;
    const range = document.createRange();
    range.setStart(bounds.from.node, bounds.from.offset);
    range.setEnd(bounds.to.node, bounds.to.offset);
    return range;
  }

  /**
   * A StaticRange over `[start, end)`, or null. Highlights hold these: the article never changes
   * while shown, and unlike live Ranges they cost the browser nothing on later DOM changes.
   */
  staticRange(start: number, end: number): StaticRange | null {
    const bounds = this.bounds(start, end);
    if (!bounds) return null;
    return new StaticRange({
      startContainer: bounds.from.node,
      startOffset: bounds.from.offset,
      endContainer: bounds.to.node,
      endOffset: bounds.to.offset,
    });
  }

  /** The client rects of `[start, end)`, measured with one reused Range. */
  clientRects(start: number, end: number): DOMRect[] {
    const bounds = this.bounds(start, end);
    if (!bounds) return [];
    this.measurer.setStart(bounds.from.node, bounds.from.offset);
    this.measurer.setEnd(bounds.to.node, bounds.to.offset);
    return Array.from(this.measurer.getClientRects());
  }

  private readonly measurer = document.createRange();

  /** The DOM ends of `[start, end)`, or null when they enclose no text. */
  private bounds(start: number, end: number): { from: Point; to: Point } | null {
    const from = this.point(start, 'forward');
    const to = this.point(end, 'backward');
    if (!from || !to) return null;
    if (from.text > to.text || (from.text === to.text && from.offset >= to.offset)) return null;
    return { from, to };
  }

  /**
   * The span of text drawn between two client y coordinates, as UTF-16 offsets: found by binary
   * search over the rendered lines, so it costs a few layout reads whatever the length.
   */
  spanBetween(top: number, bottom: number): { start: number; end: number } {
    const n = this.texts.length;
    if (n === 0) return { start: 0, end: 0 };
    const box = (i: number) => this.texts[i]!.parentElement!.getBoundingClientRect();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (box(mid).bottom < top) lo = mid + 1;
      else hi = mid;
    }
    const first = lo;
    hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (box(mid).top > bottom) hi = mid - 1;
      else lo = mid;
    }
    return { start: this.starts[first]!, end: this.starts[lo]! + this.texts[lo]!.length };
  }

  /** The UTF-16 offset of a DOM position (a selection end, a caret), or null if it is not ours. */
  offsetOf(node: Node, offset: number): number | null {
    if (!node.isConnected) return null;
    if (node === this.root || this.root.contains(node)) {
      if (node instanceof Text) {
        const start = this.startOfNode.get(node);
        return start === undefined ? null : start + Math.min(offset, node.length);
      }
      const child = node.childNodes[offset];
      return child ? this.startOf(child) : this.endOf(node);
    }
    // Outside the article: before it or after it.
    if (node.contains(this.root)) {
      let child: Node = this.root;
      while (child.parentNode !== node) child = child.parentNode!;
      return offset <= indexInParent(child) ? 0 : this.length;
    }
    const position = this.root.compareDocumentPosition(node);
    if (position & Node.DOCUMENT_POSITION_PRECEDING) return 0;
    if (position & Node.DOCUMENT_POSITION_FOLLOWING) return this.length;
    return null;
  }

  /**
   * The DOM position of an offset. A range's start (`forward`) at the end of a text node moves to
   * the start of the next one, and its end (`backward`) at the start of one moves back to the end
   * of the previous one, so that a range never wraps a line break or paragraph gap needlessly.
   */
  private point(offset: number, bias: 'forward' | 'backward'): Point | null {
    if (this.texts.length === 0) return null;
    // The last text node that starts at or before `offset`.
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const start = this.starts[lo]!;
    const node = this.texts[lo]!;
    if (offset <= start) {
      const previous = this.texts[lo - 1];
      return bias === 'backward' && previous && offset === start
        ? { node: previous, text: lo - 1, offset: previous.length }
        : { node, text: lo, offset: 0 };
    }
    if (offset < start + node.length) return { node, text: lo, offset: offset - start };
    // At the end of this text node, or in the gap after it.
    const next = this.texts[lo + 1];
    if (bias === 'forward' && next) return { node: next, text: lo + 1, offset: 0 };
    return { node, text: lo, offset: node.length };
  }

  /** Where a DOM node's part of the text begins. */
  private startOf(node: Node): number | null {
    const known = this.startOfNode.get(node);
    if (known !== undefined) return known;
    if (node.firstChild) return this.startOf(node.firstChild);
    // A node with no text of its own (Lexical's placeholder <br> in an empty paragraph).
    return node.parentNode ? this.offsetOf(node.parentNode, indexInParent(node) + 1) : null;
  }

  /** Where a DOM node's part of the text ends. */
  private endOf(node: Node): number | null {
    if (node === this.root) return this.length;
    const known = this.endOfNode.get(node);
    if (known !== undefined) return known;
    if (node instanceof Text) return this.offsetOf(node, node.length);
    if (node.lastChild) return this.endOf(node.lastChild);
    const start = this.startOfNode.get(node);
    if (start !== undefined) return start + 1; // a line break
    return node.parentNode ? this.offsetOf(node.parentNode, indexInParent(node) + 1) : null;
  }
}

/** A DOM position in the article's text: the node, its place among the text nodes, the offset. */
interface Point {
  node: Text;
  text: number;
  offset: number;
}

function indexInParent(node: Node): number {
  return Array.prototype.indexOf.call(node.parentNode!.childNodes, node) as number;
}
