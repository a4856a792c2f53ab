/**
 * Markdown articles (.md, .markdown): the text as a reader of the rendered page sees it, and the
 * YAML front matter as metadata. Parsed by micromark (CommonMark + GFM) into mdast.
 */
import type { Nodes, PhrasingContent, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { parse as parseYaml } from 'yaml';
import { badInput } from '../../schema/errors';
import { titleFromText } from '../../schema/text';
import { paragraphText } from './source-text';
import { authorName, cleanField, isoDate, webUrl } from './metadata';
import { decodeTextFile, emptyFile } from './plain-text';
import { articleDocument, type ImportedDocument } from './types';

export async function readMarkdown(bytes: Uint8Array, source: string): Promise<ImportedDocument> {
  const markdown = (await decodeTextFile(bytes, source)).replace(/^\uFEFF/, '');
  const tree = fromMarkdown(markdown, {
    extensions: [frontmatter(['yaml']), gfm()],
    mdastExtensions: [frontmatterFromMarkdown(['yaml']), gfmFromMarkdown()],
  });

  const first = tree.children[0];
  const matter = first?.type === 'yaml' ? frontMatter(first.value, source) : {};
  const found: Found = { paragraphs: [], notes: [], heading: null };
  collect(tree.children, found, 'paragraphs');
  const text = paragraphText([...found.paragraphs, ...found.notes]);
  if (text.trim() === '') throw emptyFile(source);

  const field = (...names: string[]) => names.map((name) => matter[name]).find((value) => value != null);
  return articleDocument({
    source,
    format: 'markdown',
    title: cleanField(field('title')) ?? found.heading ?? titleFromText(text),
    text,
    outlet: cleanField(field('outlet', 'site', 'site_name', 'publication')),
    author: authorName(field('author', 'authors', 'byline')),
    publishedAt: isoDate(field('date', 'published', 'published_at', 'publishedat', 'pubdate')),
    url: webUrl(field('url', 'canonical_url', 'canonical', 'link')),
  });
}

/** The front matter's fields, keys in lower case; what is not a mapping counts as none. */
function frontMatter(yaml: string, source: string): Record<string, unknown> {
  let value: unknown;
  try {
    // Warnings (an unknown tag, say) go to stderr otherwise; a tag we cannot read is a string to us.
    value = parseYaml(yaml, { logLevel: 'error' });
  } catch (error) {
    // yaml counts lines from the front matter's first line, the file from the "---" above it.
    const reason = ((error as Error).message.split('\n')[0] ?? '')
      .replace(/[.:]$/, '')
      .replace(/at line (\d+)/, (_, line: string) => `at line ${Number(line) + 1}`);
    throw badInput(`${source} has front matter that is not valid YAML: ${reason}.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key.toLowerCase(), field]));
}

/**
 * Block content in reading order: each heading, paragraph, list item's paragraph, quoted
 * paragraph, code block and table row is a paragraph. Raw HTML, link definitions and thematic
 * breaks show no text. Footnotes go to `notes`, as a rendered page shows them at the end.
 */
interface Found {
  paragraphs: string[];
  notes: string[];
  /** The first heading's text. */
  heading: string | null;
}

function collect(nodes: RootContent[], found: Found, into: 'paragraphs' | 'notes'): void {
  const push = (text: string) => {
    const tidy = text.replace(/ ?\n ?/g, '\n').trim();
    if (tidy !== '') found[into].push(tidy);
    return tidy;
  };
  for (const node of nodes) {
    switch (node.type) {
      case 'heading': {
        const text = push(inline(node.children));
        if (text !== '' && into === 'paragraphs') found.heading ??= text;
        break;
      }
      case 'paragraph':
        push(inline(node.children));
        break;
      case 'code':
        push(node.value);
        break;
      case 'table':
        for (const row of node.children) push(row.children.map((cell) => inline(cell.children).trim()).join('\t'));
        break;
      case 'footnoteDefinition':
        collect(node.children, found, 'notes');
        break;
      case 'html':
      case 'yaml':
      case 'definition':
      case 'thematicBreak':
        break;
      default:
        if ('children' in node) collect(node.children as RootContent[], found, into);
    }
  }
}

/** Inline content as read: emphasis and links are their text, code its code, images nothing. */
function inline(nodes: PhrasingContent[]): string {
  return nodes.map(inlineText).join('').replace(/ {2,}/g, ' ');
}

function inlineText(node: Nodes): string {
  switch (node.type) {
    case 'text':
      // A line break inside a paragraph is a space once rendered.
      return node.value.replace(/[ \t\r\n]+/g, ' ');
    case 'inlineCode':
      return node.value;
    case 'break':
      return '\n';
    case 'html':
    case 'image':
    case 'imageReference':
    case 'footnoteReference':
      return '';
    default:
      return 'children' in node ? inline(node.children as PhrasingContent[]) : '';
  }
}
