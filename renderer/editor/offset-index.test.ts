import { $getRoot } from 'lexical';
import { describe, expect, it } from 'vitest';
import { afterThisTest, mountArticle as mount } from './testing/mount-article';

// These run in real Chromium (the `browser` project of vitest.config.ts): DOM Ranges, Lexical's
// rendering and Range.toString are the browser's own.

/** The DOM text nodes under `root`, in document order. */
function textNodes(root: Node): Text[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  while (walker.nextNode()) nodes.push(walker.currentNode as Text);
  return nodes;
}

/** Each non-empty line of `text` with its UTF-16 start: the text nodes the article must show. */
function lines(text: string): { start: number; line: string }[] {
  const out: { start: number; line: string }[] = [];
  let position = 0;
  for (const line of text.split('\n')) {
    if (line) out.push({ start: position, line });
    position += line.length + 1;
  }
  return out;
}

/** Each paragraph ("\n\n"-separated block) of `text` with its UTF-16 start and end. */
function paragraphs(text: string): { start: number; end: number; block: string }[] {
  const out: { start: number; end: number; block: string }[] = [];
  let position = 0;
  for (const block of text.split('\n\n')) {
    out.push({ start: position, end: position + block.length, block });
    position += block.length + 2;
  }
  return out;
}

const ASTRAL = 'Thumbs 👍 up from the desk.\n\nShe 👩‍💻 codes in Kyiv 🇺🇦 every day.';
const COMBINING = 'The band Spin\u0308al Tap.\n\nA lone n\u0308 and another n\u0308.';
const BLANKS = '\n\nFirst 👍 paragraph.\n\n\n\n\n\n\n\nSecond, line one\nline two 🇺🇦\n\nThird.\n\n';
const LINE_BREAKS = 'Title\n\n\nstarts with a break\n\n\n\nline\nbreak\n\n\n\nends with a break\n';
// As a Windows file has it, stored exactly: each CR stays in the text node before its line break.
const CRLF_DECOMPOSED = 'Jose\u0301 said:\r\n\r\nthe bridge is Sa\u0303o safe 👍.\r\nEnd.\r\n';

const TEXTS: [string, string][] = [
  ['astral characters (emoji, ZWJ sequence, flag)', ASTRAL],
  ['combining marks kept decomposed by NFC', COMBINING],
  ['blank lines and empty paragraphs at both ends', BLANKS],
  ['line breaks inside paragraphs (leading, inner, trailing)', LINE_BREAKS],
  ['a single line', 'Just one line 👩‍💻 here.'],
  ['CRLF line ends and decomposed accents, kept as the file has them', CRLF_DECOMPOSED],
];

describe('the test texts', () => {
  it('hold what they claim to', () => {
    expect(COMBINING).toContain('n\u0308');
    expect(CRLF_DECOMPOSED).toContain('\r\n\r\n');
    expect(CRLF_DECOMPOSED.normalize('NFC')).not.toBe(CRLF_DECOMPOSED);
    expect(ASTRAL.length).toBeGreaterThan(Array.from(ASTRAL).length);
  });
});

describe.each(TEXTS)('OffsetIndex over %s', (_name, text) => {
  it('renders the text exactly, one DOM text node per non-empty line', () => {
    const { editor, root, index } = mount(text);
    expect(editor.getEditorState().read(() => $getRoot().getTextContent())).toBe(text);
    expect(index.length).toBe(text.length);
    expect(textNodes(root).map((node) => node.data)).toEqual(lines(text).map((l) => l.line));
    expect(root.children.length).toBe(paragraphs(text).length);
  });

  it('maps every text-node position to the offset it stands for', () => {
    const { root, index } = mount(text);
    const nodes = textNodes(root);
    const expected = lines(text);
    expect(nodes.length).toBe(expected.length);
    nodes.forEach((node, n) => {
      const { start } = expected[n]!;
      for (let i = 0; i <= node.length; i++) expect(index.offsetOf(node, i)).toBe(start + i);
      // The span Lexical wraps each text node in: before and after its text.
      const span = node.parentNode!;
      expect(index.offsetOf(span, 0)).toBe(start);
      expect(index.offsetOf(span, 1)).toBe(start + node.length);
    });
  });

  it('maps element positions to paragraph, line break and text boundaries', () => {
    const { root, index } = mount(text);
    const blocks = paragraphs(text);
    const elements = Array.from(root.children) as HTMLElement[];
    expect(elements.length).toBe(blocks.length);
    elements.forEach((p, i) => {
      const { start, end } = blocks[i]!;
      expect(index.offsetOf(root, i)).toBe(start);
      expect(index.offsetOf(p, 0)).toBe(start);
      expect(index.offsetOf(p, p.childNodes.length)).toBe(end);
      // Before each child: a text span starts its line, a <br> for a "\n" stands at that "\n",
      // and Lexical's extra <br> (empty paragraph, trailing line break) is at the paragraph end.
      let cursor = start;
      p.childNodes.forEach((child, k) => {
        expect(index.offsetOf(p, k), `before child ${k} of paragraph ${i}`).toBe(cursor);
        if (child instanceof HTMLBRElement) {
          if (cursor < end && text[cursor] === '\n') cursor += 1;
        } else {
          cursor += child.textContent!.length;
        }
      });
      expect(cursor).toBe(end);
    });
    expect(index.offsetOf(root, root.childNodes.length)).toBe(text.length);
  });

  it('gives ranges whose text is the slice, within one text node', () => {
    const { index } = mount(text);
    for (const { start, line } of lines(text)) {
      for (let a = 0; a < line.length; a++) {
        for (let b = a + 1; b <= line.length; b++) {
          const range = index.range(start + a, start + b);
          expect(range, `range(${start + a}, ${start + b})`).not.toBeNull();
          expect(range!.toString()).toBe(text.slice(start + a, start + b));
        }
      }
    }
  });

  it('gives ranges across lines and paragraphs whose text is the slice without newlines', () => {
    const { index } = mount(text);
    let checked = 0;
    for (let s = 0; s < text.length; s++) {
      for (let e = s + 1; e <= text.length; e++) {
        const visible = text.slice(s, e).replaceAll('\n', '');
        if (!visible) continue; // covered by the null cases below
        const range = index.range(s, e);
        expect(range, `range(${s}, ${e})`).not.toBeNull();
        expect(range!.toString(), `range(${s}, ${e})`).toBe(visible);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(index.range(0, text.length)!.toString()).toBe(text.replaceAll('\n', ''));
  });
});

describe('OffsetIndex.range', () => {
  it('is null for empty spans', () => {
    const { index } = mount(ASTRAL);
    for (let s = 0; s <= ASTRAL.length; s++) expect(index.range(s, s)).toBeNull();
  });

  it('is null for spans of blank paragraphs at the start and end of the article', () => {
    const { index } = mount(BLANKS);
    expect(index.range(0, 2)).toBeNull(); // the empty first paragraph and its gap
    expect(index.range(BLANKS.length - 2, BLANKS.length)).toBeNull(); // the empty last one
  });

  // The contract: null when the span holds no rendered text. A span that is exactly a paragraph
  // gap, a run of empty paragraphs or a line break holds none.
  it('is null for a span that is only a paragraph gap', () => {
    const text = 'Alpha.\n\nBeta.';
    const { index } = mount(text);
    const range = index.range(6, 8); // "\n\n"
    expect(range?.toString()).toBeFalsy();
    expect(range).toBeNull();
  });

  it('is null for a span that is only empty paragraphs', () => {
    const text = 'Alpha.\n\n\n\n\n\nBeta.';
    const { index } = mount(text);
    expect(index.range(6, 12)).toBeNull(); // "\n\n\n\n\n\n"
    expect(index.range(8, 10)).toBeNull(); // inside the run
  });

  it('is null for a span that is only a line break', () => {
    const text = 'line\nbreak';
    const { index } = mount(text);
    expect(index.range(4, 5)).toBeNull(); // "\n"
  });

  it('starts at the next text when the span starts in a gap, and ends at the previous text', () => {
    const text = 'Alpha 👍.\n\n\n\nBeta 🇺🇦.';
    const { root, index } = mount(text);
    const [alpha, beta] = textNodes(root);
    const range = index.range(text.indexOf('\n') + 1, text.indexOf('Beta') + 2)!;
    expect(range.startContainer).toBe(beta);
    expect(range.startOffset).toBe(0);
    expect(range.toString()).toBe('Be');
    const back = index.range(2, text.indexOf('Beta') - 1)!;
    expect(back.endContainer).toBe(alpha);
    expect(back.endOffset).toBe(alpha!.length);
    expect(back.toString()).toBe('pha 👍.');
  });
});

describe('OffsetIndex.offsetOf', () => {
  it('maps the placeholder <br> of an empty paragraph to that paragraph', () => {
    const text = '\n\nAlpha.\n\n\n\nBeta.\n\n';
    const { root, index } = mount(text);
    const blocks = paragraphs(text);
    const empties = blocks
      .map((block, i) => ({ ...block, element: root.children[i] as HTMLElement }))
      .filter((b) => b.block === '');
    expect(empties.map((b) => b.start)).toEqual([0, 10, 19]);
    for (const { start, element } of empties) {
      const br = element.querySelector('br');
      expect(br, 'Lexical renders an empty paragraph with a <br>').not.toBeNull();
      expect(index.offsetOf(br!, 0)).toBe(start);
      expect(index.offsetOf(element, 0)).toBe(start);
      expect(index.offsetOf(element, element.childNodes.length)).toBe(start);
    }
  });

  it('maps a line break <br> to its "\\n"', () => {
    const text = 'one\ntwo 👍\nthree';
    const { root, index } = mount(text);
    const p = root.firstElementChild!;
    const brs = Array.from(p.querySelectorAll('br'));
    expect(brs.length).toBe(2);
    const before = (node: Node) => index.offsetOf(p, Array.prototype.indexOf.call(p.childNodes, node));
    expect(before(brs[0]!)).toBe(3);
    expect(before(brs[1]!)).toBe(text.lastIndexOf('\n'));
  });

  it('maps positions before the article to 0 and after it to its length', () => {
    const container = document.createElement('div');
    const before = document.createElement('p');
    before.textContent = 'Before the article';
    const after = document.createElement('p');
    after.textContent = 'After the article';
    document.body.append(container);
    afterThisTest(() => container.remove());
    container.append(before);
    const text = 'Alpha 👍.\n\nBeta.';
    const { root, index } = mount(text, container);
    container.append(after);
    const at = Array.prototype.indexOf.call(container.childNodes, root) as number;

    expect(index.offsetOf(before.firstChild!, 3)).toBe(0);
    expect(index.offsetOf(before, 1)).toBe(0);
    expect(index.offsetOf(container, 0)).toBe(0);
    expect(index.offsetOf(container, at)).toBe(0);
    expect(index.offsetOf(after.firstChild!, 3)).toBe(text.length);
    expect(index.offsetOf(after, 0)).toBe(text.length);
  });

  // (container, i) right after the article's root is a position after the article; so is the
  // end of <body>. Both are in an ancestor of the root, which compareDocumentPosition reports as
  // "preceding" (it contains the root).
  it('maps positions after the article in an ancestor element to its length', () => {
    const container = document.createElement('div');
    document.body.append(container);
    afterThisTest(() => container.remove());
    const text = 'Alpha 👍.\n\nBeta.';
    const { root, index } = mount(text, container);
    const after = document.createElement('p');
    after.textContent = 'After the article';
    container.append(after);
    const at = Array.prototype.indexOf.call(container.childNodes, root) as number;

    expect(index.offsetOf(container, at + 1)).toBe(text.length);
    expect(index.offsetOf(container, container.childNodes.length)).toBe(text.length);
    expect(index.offsetOf(document.body, document.body.childNodes.length)).toBe(text.length);
  });

  it('is null for nodes that are not in the document', () => {
    const { index } = mount('Alpha.');
    expect(index.offsetOf(document.createTextNode('loose'), 0)).toBeNull();
  });
});
