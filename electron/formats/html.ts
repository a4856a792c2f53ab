/**
 * Saved web pages (.html, .htm): the article that Mozilla Readability (Firefox's Reader View)
 * finds in the page, as paragraphs, with the page's metadata.
 *
 * The page is parsed by linkedom, a DOM that has no script engine, no network and no layout:
 * nothing from the page is ever executed or fetched. (jsdom would do the same with its defaults,
 * but it cannot be bundled by esbuild: it reads files next to its own sources at load time.)
 */
import { getBOMEncoding, TextDecoder } from '@exodus/bytes/encoding.js';
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import { ResultType, Sniffer } from 'encoding-sniffer/sniffer';
import { DOMParser } from 'linkedom';
import { badInput } from '../../schema/errors';
import { paragraphText } from './source-text';
import { paragraphsOf } from './dom-text';
import { authorName, cleanField, isoDate, webUrl } from './metadata';
import { decodeText, emptyFile, refuseKnownBinary } from './plain-text';
import { articleDocument, type ImportedDocument } from './types';

/** Less text than this (besides the headline) is not an article, whatever Readability says. */
const MIN_ARTICLE_CHARACTERS = 200;

export async function readHtml(bytes: Uint8Array, source: string): Promise<ImportedDocument> {
  if (bytes.length === 0) throw emptyFile(source);
  const html = await decodeHtml(bytes, source);
  const document = new DOMParser().parseFromString(html, 'text/html') as unknown as Document;

  // Read before Readability, which rewrites the document as it goes.
  const url = canonicalUrl(document);
  const extraDate = publishedDate(document);
  const readerable = isProbablyReaderable(document);

  let article: ReturnType<Readability<Element>['parse']>;
  try {
    article = new Readability<Element>(document, { serializer: (node) => node as Element, keepClasses: true }).parse();
  } catch (error) {
    throw badInput(`${source} could not be read as a web page: ${(error as Error).message}.`);
  }
  const content = article?.content;
  if (!article || !content || !readerable) throw noArticle(source);

  removeLeftovers(content);
  const paragraphs = paragraphsOf(content);
  if (paragraphs.join('').length < MIN_ARTICLE_CHARACTERS) throw noArticle(source);

  const outlet = cleanField(article.siteName);
  const title = articleTitle(article.title, outlet) ?? paragraphs[0]!;
  // Readability takes the headline out of the body (it duplicates the title); a reader sees it
  // above the article, and claims are made in headlines too.
  if (paragraphs[0] !== title) paragraphs.unshift(title);

  return articleDocument({
    source,
    format: 'html',
    title,
    text: paragraphText(paragraphs),
    outlet,
    author: authorName(article.byline),
    publishedAt: isoDate(article.publishedTime) ?? extraDate,
    url,
  });
}

const noArticle = (source: string) => badInput(`${source} has no article text that Byline could find.`);

/**
 * The page's text by the charset it declares (BOM, XML declaration, <meta charset> or
 * http-equiv, as a browser sniffs them). A page that declares none is read as a text file: UTF-8,
 * else the encoding chardet recognizes.
 */
async function decodeHtml(bytes: Uint8Array, source: string): Promise<string> {
  const sniffer = new Sniffer({ defaultEncoding: 'UTF-8' });
  sniffer.write(bytes);
  const bom = getBOMEncoding(bytes);
  // An XHTML page starts with an XML declaration, which file-type takes for an XML file.
  if (bom !== 'utf-16le' && bom !== 'utf-16be') await refuseKnownBinary(bytes, source, ['xml']);
  if (sniffer.resultType === ResultType.DEFAULT) return decodeText(bytes, source);
  try {
    // Not fatal: as in a browser, a stray bad byte becomes U+FFFD rather than losing the page.
    return new TextDecoder(sniffer.encoding).decode(bytes);
  } catch {
    throw badInput(`${source} declares the character set ${sniffer.encoding}, which Byline cannot decode.`);
  }
}

/** Readability's title, less a trailing " — Site name" (it only knows "|", "-", "/", ">", "»"). */
function articleTitle(title: string | null | undefined, outlet: string | null): string | null {
  let cleaned = cleanField(title);
  if (cleaned && outlet) {
    const suffix = new RegExp(`\\s+[|\\-–—:·•»/]\\s+${escapeRegExp(outlet)}$`, 'i');
    const shorter = cleaned.replace(suffix, '').trim();
    if (shorter !== '') cleaned = shorter;
  }
  return cleaned;
}

/** link rel=canonical, else og:url: the article's address on the web, when the page says it. */
function canonicalUrl(document: Document): string | null {
  const candidates = [
    ...Array.from(document.querySelectorAll('link[rel~="canonical" i]'), (link) => link.getAttribute('href')),
    ...Array.from(document.querySelectorAll('meta[property="og:url" i], meta[name="og:url" i]'), (meta) =>
      meta.getAttribute('content'),
    ),
  ];
  for (const candidate of candidates) {
    const url = webUrl(candidate);
    if (url) return url;
  }
  return null;
}

/** Dates Readability does not look for (it reads article:published_time and JSON-LD). */
function publishedDate(document: Document): string | null {
  const selectors = [
    'meta[itemprop="datePublished" i]',
    'meta[name="date" i]',
    'meta[name="pubdate" i]',
    'meta[name="publish-date" i]',
    'meta[name="dc.date" i]',
    'meta[name="dcterms.date" i]',
  ];
  for (const element of document.querySelectorAll(selectors.join(', '))) {
    const date = isoDate(element.getAttribute('content'));
    if (date) return date;
  }
  for (const time of document.querySelectorAll('time[itemprop="datePublished" i], time[pubdate]')) {
    const date = isoDate(time.getAttribute('datetime'));
    if (date) return date;
  }
  return null;
}

/** Class and id words of ad slots ("ad", "ads", "ad-slot", "inline-ad", "advert", "adsbygoogle"). */
const AD_WORD = /^(ads?|ad[-_].*|.*[-_]ads?|advert.*|adsbygoogle|dfp[-_].*|sponsored[-_]?.*)$/i;
/** What an ad slot's label says when it is all the element says. */
const AD_LABEL = /^(advertisement|advertising|sponsored( content)?|anzeige|publicité|publicidad|pubblicità)$/i;
/** Class and id words of a byline ("By Jane Doe"), as Readability looks for them. */
const BYLINE_WORD = /byline|author|writtenby/i;

/**
 * What Readability leaves in the article that is not the article: ad slots it kept (it removes
 * only "-ad-" and "ad-break" classes), and the byline when the page's metadata already named the
 * author (it removes the byline element only when it has to take the author from it).
 */
function removeLeftovers(content: Element): void {
  for (const element of Array.from(content.querySelectorAll('*'))) {
    if (!content.contains(element)) continue; // inside an element removed already
    const words = [...(element.getAttribute('class') ?? '').split(/\s+/), element.getAttribute('id') ?? ''];
    const text = cleanField(element.textContent) ?? '';
    if (words.some((word) => AD_WORD.test(word)) || AD_LABEL.test(text)) {
      element.remove();
      continue;
    }
    const bylineSign =
      /\bauthor\b/i.test(element.getAttribute('rel') ?? '') ||
      /author/i.test(element.getAttribute('itemprop') ?? '') ||
      words.some((word) => BYLINE_WORD.test(word));
    if (bylineSign && text.length > 0 && text.length < 100) blockOf(element, content)?.remove();
  }
}

/** The nearest block-level ancestor-or-self short enough to be a byline line, inside `content`. */
function blockOf(element: Element, content: Element): Element | null {
  for (let node: Element | null = element; node && node !== content; node = node.parentElement) {
    if (/^(P|DIV|LI|SECTION|HEADER|ADDRESS|H[1-6])$/i.test(node.tagName)) {
      return (cleanField(node.textContent) ?? '').length < 100 ? node : null;
    }
  }
  return null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
