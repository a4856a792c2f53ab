import { storedText } from '../../schema/text';

/** Elements whose text stands apart from what comes before and after it, as a paragraph. */
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION',
  'TABLE', 'TR', 'UL',
]);
/** Elements with no text a reader sees. */
const HIDDEN = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'HEAD', 'TITLE', 'IFRAME', 'OBJECT', 'SVG']);

/**
 * What pasting (or dropping) `data` puts into the article: its plain text, or where it holds only
 * HTML, the text that HTML shows. Line ends become LF (the editor's line breaks); characters stay
 * as they were copied. Null when it holds no text at all. Markup never reaches the article.
 */
export function pastedText(data: DataTransfer): string | null {
  const plain = data.getData('text/plain');
  if (plain) return asTyped(plain);
  const html = data.getData('text/html');
  if (html) return asTyped(textOfHtml(html));
  return null;
}

const asTyped = (text: string) => storedText(text).replace(/\r\n?/g, '\n');

/**
 * The text an HTML fragment shows, paragraphs apart by a blank line and `<br>` as a line break,
 * runs of white space as one space. Parsed by DOMParser into a document with no window: nothing
 * in it runs or loads.
 */
export function textOfHtml(html: string): string {
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  const out: string[] = [];
  /** A paragraph break is owed before the next text. */
  let breakOwed = false;
  const write = (text: string) => {
    if (breakOwed && out.length > 0) out.push('\n\n');
    breakOwed = false;
    out.push(text);
  };
  const walk = (node: Node) => {
    if (node instanceof Text) {
      const text = node.data.replace(/\s+/g, ' ');
      const atLineStart = out.length === 0 || breakOwed || out.at(-1)!.endsWith('\n');
      const trimmed = atLineStart ? text.trimStart() : text;
      if (trimmed) write(trimmed);
      return;
    }
    if (!(node instanceof Element) || HIDDEN.has(node.tagName.toUpperCase())) return;
    if (node.tagName === 'BR') {
      out.push('\n');
      return;
    }
    const block = BLOCKS.has(node.tagName);
    if (block) breakOwed = true;
    node.childNodes.forEach(walk);
    if (block) breakOwed = true;
  };
  walk(body);
  return out
    .join('')
    .replace(/ +\n/g, '\n')
    .trim();
}
