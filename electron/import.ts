import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { MAX_TEXT_SIZE, type ImportOutcome } from '../schema/api';
import { BylineError } from '../schema/errors';
import { textHash } from '../schema/text';
import { articleFromText, readPlainText, type Article } from './formats/plain-text';
import { findDocumentByHash, insertDocument } from './store/documents';
import type { Workspace } from './store/workspace';

const TEXT_EXTENSIONS = new Set(['.txt', '.text']);

/** Imports one file. Never throws: a file that cannot be imported comes back as `failed`. */
export async function importFile(ws: Workspace, path: string): Promise<ImportOutcome> {
  return outcomeOf(path, async () => {
    const extension = extname(path).toLowerCase();
    if (!TEXT_EXTENSIONS.has(extension)) {
      throw new BylineError(
        'bad_input',
        `${path} cannot be imported: Byline reads plain-text articles (.txt), not ${extension || 'files without an extension'}.`,
      );
    }
    const { size } = await stat(path);
    if (size > MAX_TEXT_SIZE) {
      throw new BylineError(
        'bad_input',
        `${path} is ${megabytes(size)}, over the ${megabytes(MAX_TEXT_SIZE)} limit for text files.`,
      );
    }
    const article = await readPlainText(await readFile(path), path);
    return store(ws, article, 'text', path);
  });
}

/** Imports pasted text as an article. */
export function importText(ws: Workspace, raw: string): Promise<ImportOutcome> {
  return outcomeOf('clipboard', async () =>
    store(ws, articleFromText(raw, 'The pasted text'), 'clipboard', null),
  );
}

/** Stores an article unless the same text is already in the workspace. */
function store(ws: Workspace, article: Article, format: string, file: string | null): ImportOutcome {
  const source = file ?? 'clipboard';
  const existing = findDocumentByHash(ws, textHash(article.text));
  if (existing) return { status: 'duplicate', source, document: existing };
  const document = insertDocument(ws, {
    title: article.title,
    text: article.text,
    originFormat: format,
    originFile: file,
  });
  return { status: 'imported', source, document };
}

async function outcomeOf(
  source: string,
  work: () => Promise<ImportOutcome>,
): Promise<ImportOutcome> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BylineError) return { status: 'failed', source, reason: error.message };
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist' : (error as Error).message;
    return { status: 'failed', source, reason: `${source} could not be read: ${why}.` };
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
}
