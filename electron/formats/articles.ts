/**
 * Article files, whatever their format: one reader per extension. The caller checks the size
 * limit (MAX_TEXT_SIZE) before reading the bytes.
 */
import { extname } from 'node:path';
import { badInput } from '../../schema/errors';
import { readDocx } from './docx';
import { readHtml } from './html';
import { readMarkdown } from './markdown';
import { readTextFile } from './plain-text';
import type { ImportedDocument } from './types';

type Reader = (bytes: Uint8Array, source: string) => Promise<ImportedDocument>;

const READERS: Record<string, Reader> = {
  '.txt': readTextFile,
  '.text': readTextFile,
  '.md': readMarkdown,
  '.markdown': readMarkdown,
  '.html': readHtml,
  '.htm': readHtml,
  '.docx': readDocx,
};

/** The extensions of the article files Byline reads, lower case with the dot. */
export const ARTICLE_EXTENSIONS: readonly string[] = Object.keys(READERS);

/** Reads an article file by its extension (case does not matter). */
export function readArticleFile(path: string, bytes: Uint8Array): Promise<ImportedDocument> {
  const extension = extname(path).toLowerCase();
  const reader = Object.hasOwn(READERS, extension) ? READERS[extension] : undefined;
  if (!reader) {
    return Promise.reject(
      badInput(
        `${path} cannot be imported as an article: Byline reads plain text (.txt, .text), Markdown (.md, .markdown), ` +
          `web pages (.html, .htm) and Word documents (.docx), not ${extension || 'files without an extension'}.`,
      ),
    );
  }
  return reader(bytes, path);
}
