import sample from './sample-article.txt?raw';
import { articleFromText } from '../formats/plain-text';
import { insertDocument } from '../store/documents';
import type { Workspace } from '../store/workspace';

/** Puts the built-in sample article into a workspace that was just created. */
export function seedSampleArticle(ws: Workspace): void {
  const article = articleFromText(sample, 'The sample article');
  insertDocument(ws, { ...article, originFormat: 'sample' });
}
