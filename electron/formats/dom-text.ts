/**
 * The paragraphs of a DOM subtree as a reader sees them: each block element (p, h1-h6, li,
 * blockquote, pre, figcaption, table row...) is its own paragraph, inline elements run together,
 * whitespace collapses as HTML renders it (except in pre), <br> is a line break, table cells are
 * separated by tabs. Elements that never show text (script, style, iframe, media, form controls)
 * are skipped. Works on any DOM (linkedom here), so it uses node types, not DOM globals.
 */

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'CENTER', 'DD', 'DETAILS',
  'DIALOG', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2',
  'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP', 'HR', 'HTML', 'LEGEND', 'LI', 'MAIN', 'MENU', 'NAV',
  'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TFOOT', 'THEAD', 'TR', 'UL',
]);

const NEVER_TEXT = new Set([
  'APPLET', 'AREA', 'AUDIO', 'BASE', 'BUTTON', 'CANVAS', 'DATALIST', 'EMBED', 'FRAME', 'FRAMESET',
  'HEAD', 'IFRAME', 'IMG', 'INPUT', 'LINK', 'MAP', 'MATH', 'META', 'NOSCRIPT', 'OBJECT', 'OPTION',
  'PARAM', 'PICTURE', 'SCRIPT', 'SELECT', 'SOURCE', 'STYLE', 'SVG', 'TEMPLATE', 'TEXTAREA',
  'TITLE', 'TRACK', 'VIDEO',
]);

type Step = { node: Node; leaving: false } | { node: Element; leaving: true };

export function paragraphsOf(root: Node): string[] {
  const paragraphs: string[] = [];
  let pieces: string[] = [];
  let preformatted = 0;
  let piecesArePre = false;

  const flush = () => {
    const raw = pieces.join('');
    pieces = [];
    const paragraph = piecesArePre ? tidyPre(raw) : tidyFlow(raw);
    piecesArePre = preformatted > 0;
    if (paragraph !== '') paragraphs.push(paragraph);
  };

  // An explicit stack: saved pages nest deeper than recursion would like.
  const stack: Step[] = [{ node: root, leaving: false }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    if (step.leaving) {
      const tag = step.node.tagName.toUpperCase();
      if (BLOCKS.has(tag)) flush();
      if (tag === 'PRE') {
        preformatted--;
        piecesArePre = preformatted > 0;
      }
      continue;
    }
    const node = step.node;
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      const data = node.nodeValue ?? '';
      pieces.push(preformatted > 0 ? data : data.replace(/[ \t\n\r\f\u00A0]+/g, ' '));
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const element = node as Element;
    const tag = element.tagName.toUpperCase();
    if (NEVER_TEXT.has(tag)) continue;
    if (tag === 'BR') {
      pieces.push('\n');
      continue;
    }
    if ((tag === 'TD' || tag === 'TH') && element.previousElementSibling) pieces.push('\t');
    if (BLOCKS.has(tag)) flush();
    if (tag === 'PRE') {
      preformatted++;
      piecesArePre = true;
    }
    stack.push({ node: element, leaving: true });
    const children = element.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, leaving: false });
  }
  flush();
  return paragraphs;
}

/** Collapsed flow text: no spaces at line or cell edges, no blank lines inside a paragraph. */
function tidyFlow(raw: string): string {
  return raw
    .replace(/ {2,}/g, ' ')
    .replace(/ ?([\n\t]) ?/g, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^[\s]+|[\s]+$/g, '');
}

/** Preformatted text as written, without blank lines at its ends or trailing spaces. */
function tidyPre(raw: string): string {
  return raw
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
}
