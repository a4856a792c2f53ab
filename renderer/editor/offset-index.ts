import {
  $getRoot,
  $isElementNode,
  $isLineBreakNode,
  $isTextNode,
  type LexicalEditor,
  type LexicalNode,
} from 'lexical';

/** A paragraph of the article (a child of Lexical's root) and its rendered text. */
interface Block {
  element: HTMLElement | null;
  /** UTF-16 offset of its start in the article. */
  start: number;
  length: number;
  /** Its DOM text nodes, and where each starts within the block. */
  texts: Text[];
  starts: number[];
  /** How many text nodes the blocks before it hold: its first text node's place among all of them. */
  firstText: number;
}

/**
 * Maps UTF-16 offsets of the canonical text to DOM positions in the rendered article and back.
 * Built after Lexical has rendered it; while the text is edited, `update` re-reads the paragraphs
 * an update changed and moves the rest, so a keystroke costs the same in any length of article.
 * Paragraph gaps ("\n\n") and line breaks ("\n") have no DOM text; offsets inside them resolve to
 * the nearest text.
 */
export class OffsetIndex {
  private blocks: Block[] = [];
  private textCount = 0;
  /** Where a DOM node that stands for part of the text (text, span, br, paragraph) begins in its block. */
  private readonly places = new WeakMap<Node, { block: Block; offset: number }>();
  /** The block of each paragraph element. */
  private readonly blockOfElement = new WeakMap<Node, Block>();
  private readonly root: HTMLElement;
  length = 0;

  private constructor(root: HTMLElement) {
    this.root = root;
  }

  static build(editor: LexicalEditor): OffsetIndex {
    const root = editor.getRootElement();
    if (!root) throw new Error('The article editor has no root element.');
    const index = new OffsetIndex(root);
    index.update(editor, 0, 0, editor.getEditorState().read(() => $getRoot().getChildrenSize()));
    return index;
  }

  /**
   * Takes in an update of the editor: from the root's child `from` on, `removed` paragraphs gave
   * way to `added` (new or changed) ones, which are read again; those after them only move.
   */
  update(editor: LexicalEditor, from: number, removed: number, added: number): void {
    const fresh = editor.getEditorState().read(() =>
      $getRoot()
        .getChildren()
        .slice(from, from + added)
        .map((node) => this.readBlock(editor, node)),
    );
    const gone = this.blocks.splice(from, removed, ...fresh);
    this.textCount += fresh.reduce((n, b) => n + b.texts.length, 0) - gone.reduce((n, b) => n + b.texts.length, 0);
    const previous = this.blocks[from - 1];
    let offset = previous ? previous.start + previous.length + 2 : 0;
    let firstText = previous ? previous.firstText + previous.texts.length : 0;
    for (let i = from; i < this.blocks.length; i++) {
      const block = this.blocks[i]!;
      block.start = offset;
      block.firstText = firstText;
      offset += block.length + 2;
      firstText += block.texts.length;
    }
    this.length = this.blocks.length > 0 ? offset - 2 : 0;
  }

  private readBlock(editor: LexicalEditor, node: LexicalNode): Block {
    const element = editor.getElementByKey(node.getKey());
    const block: Block = { element, start: 0, length: 0, texts: [], starts: [], firstText: 0 };
    if (element) {
      this.places.set(element, { block, offset: 0 });
      this.blockOfElement.set(element, block);
    }
    let offset = 0;
    if ($isElementNode(node)) {
      for (const child of node.getChildren()) {
        const childElement = editor.getElementByKey(child.getKey());
        if ($isTextNode(child) && childElement?.firstChild instanceof Text) {
          block.starts.push(offset);
          block.texts.push(childElement.firstChild);
          this.places.set(childElement, { block, offset });
          this.places.set(childElement.firstChild, { block, offset });
        } else if ($isLineBreakNode(child) && childElement) {
          this.places.set(childElement, { block, offset });
        }
        offset += child.getTextContentSize();
      }
    }
    block.length = offset;
    return block;
  }

  /** Text node `k` of the article (in document order), and where it starts. */
  private text(k: number): { node: Text; start: number; block: Block } {
    // The last block whose first text node is at or before k: the block holding it, since a
    // block without text shares its number with the next block that has some.
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.blocks[mid]!.firstText <= k) lo = mid;
      else hi = mid - 1;
    }
    const block = this.blocks[lo]!;
    const i = k - block.firstText;
    return { node: block.texts[i]!, start: block.start + block.starts[i]!, block };
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
    const n = this.textCount;
    if (n === 0) return { start: 0, end: 0 };
    // A paragraph of one text node is measured by its own box: a paragraph out of view in the
    // edit mode skips its layout (content-visibility), and the box of anything inside it would
    // lay it out, several milliseconds each time.
    const box = (k: number) => {
      const { node, block } = this.text(k);
      return (block.texts.length === 1 && block.element ? block.element : node.parentElement!).getBoundingClientRect();
    };
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
    const last = this.text(lo);
    return { start: this.text(first).start, end: last.start + last.node.length };
  }

  /** The UTF-16 offset of a DOM position (a selection end, a caret), or null if it is not ours. */
  offsetOf(node: Node, offset: number): number | null {
    if (!node.isConnected) return null;
    if (node === this.root || this.root.contains(node)) {
      if (node instanceof Text) {
        const place = this.places.get(node);
        return place === undefined ? null : place.block.start + place.offset + Math.min(offset, node.length);
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
    if (this.textCount === 0) return null;
    // The last text node that starts at or before `offset`.
    let lo = 0;
    let hi = this.textCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.text(mid).start <= offset) lo = mid;
      else hi = mid - 1;
    }
    const { start, node } = this.text(lo);
    if (offset <= start) {
      const previous = lo > 0 ? this.text(lo - 1).node : null;
      return bias === 'backward' && previous && offset === start
        ? { node: previous, text: lo - 1, offset: previous.length }
        : { node, text: lo, offset: 0 };
    }
    if (offset < start + node.length) return { node, text: lo, offset: offset - start };
    // At the end of this text node, or in the gap after it.
    if (bias === 'forward' && lo + 1 < this.textCount) return { node: this.text(lo + 1).node, text: lo + 1, offset: 0 };
    return { node, text: lo, offset: node.length };
  }

  /** Where a DOM node's part of the text begins. */
  private startOf(node: Node): number | null {
    const place = this.places.get(node);
    if (place !== undefined) return place.block.start + place.offset;
    if (node.firstChild) return this.startOf(node.firstChild);
    // A node with no text of its own (Lexical's placeholder <br> in an empty paragraph).
    return node.parentNode ? this.offsetOf(node.parentNode, indexInParent(node) + 1) : null;
  }

  /** Where a DOM node's part of the text ends. */
  private endOf(node: Node): number | null {
    if (node === this.root) return this.length;
    const block = this.blockOfElement.get(node);
    if (block !== undefined) return block.start + block.length;
    if (node instanceof Text) return this.offsetOf(node, node.length);
    if (node.lastChild) return this.endOf(node.lastChild);
    const place = this.places.get(node);
    if (place !== undefined) return place.block.start + place.offset + 1; // a line break
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
