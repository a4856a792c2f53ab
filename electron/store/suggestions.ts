/**
 * What the workspace keeps of suggestions: the ones rejected (never proposed again where the same
 * words are), the articles they are off for, and accepting them into the person's layer.
 */
import type { Fragment } from '../../schema/model';
import { badInput } from '../../schema/errors';
import { sliceCodePoints } from '../../schema/text';
import type { AcceptSuggestions, RejectSuggestions } from '../../schema/suggestions';
import { createAnnotation, findAnnotation } from './annotations';
import { documentText } from './documents';
import { createRelation } from './relations';
import type { Workspace } from './workspace';

export interface Rejection {
  labelId: string;
  fragment: Fragment;
  quote: string;
}

/** How far (in UTF-16 units) a rejected quote is looked for from where it was, after the text changed. */
const MOVED_AT_MOST = 1000;

/**
 * The suggestions rejected in an article, where their words are now: at the same offsets, or,
 * after an edit of the text moved them, the nearest place with the same words (within
 * MOVED_AT_MOST). A rejection whose words are gone holds nowhere.
 */
export function rejectionsIn(ws: Workspace, documentId: string): Rejection[] {
  const { text, offsets } = documentText(ws, documentId);
  const rows = ws
    .statement('SELECT label_id AS labelId, start, "end", quote FROM suggestion_rejections WHERE document_id = ?')
    .all(documentId) as { labelId: string; start: number; end: number; quote: string }[];
  return rows.flatMap((r) => {
    if (r.end <= offsets.codePointLength && sliceCodePoints(text, offsets, r.start, r.end) === r.quote) {
      return [{ labelId: r.labelId, fragment: { start: r.start, end: r.end }, quote: r.quote }];
    }
    const was = offsets.toUtf16(Math.min(r.start, offsets.codePointLength));
    const places = [text.lastIndexOf(r.quote, was), text.indexOf(r.quote, was)].filter((at) => at >= 0 && Math.abs(at - was) <= MOVED_AT_MOST);
    if (places.length === 0) return [];
    const at = places.reduce((a, b) => (Math.abs(a - was) <= Math.abs(b - was) ? a : b));
    const start = offsets.toCodePoint(at);
    return [{ labelId: r.labelId, fragment: { start, end: start + [...r.quote].length }, quote: r.quote }];
  });
}

function checkVersion(ws: Workspace, documentId: string, version: number) {
  const current = documentText(ws, documentId);
  if (current.version !== version) {
    throw badInput(
      `The article's text is at version ${current.version} now, not ${version}: these suggestions were made for another text. Open the article again.`,
    );
  }
  return current;
}

export function rejectSuggestions(ws: Workspace, request: RejectSuggestions): void {
  const { text, offsets } = checkVersion(ws, request.documentId, request.version);
  const insert = ws.statement(
    `INSERT OR REPLACE INTO suggestion_rejections (document_id, label_id, start, "end", quote, annotator_id, at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const at = new Date().toISOString();
  ws.transaction(() => {
    for (const { labelId, fragment } of request.spans) {
      if (fragment.end > offsets.codePointLength) throw badInput(`A rejected suggestion ends at ${fragment.end}, past the end of the article.`);
      insert.run(request.documentId, labelId, fragment.start, fragment.end, sliceCodePoints(text, offsets, fragment.start, fragment.end), ws.localAnnotator.id, at);
    }
  });
}

/**
 * Creates the accepted spans in the local layer, and the links among them and to the local
 * layer's annotations, logged with the origin "suggested". Run it inside `recordAction`.
 * Returns the new annotations' ids by suggestion key.
 */
export function acceptSuggestions(ws: Workspace, request: AcceptSuggestions): Map<string, string> {
  checkVersion(ws, request.documentId, request.version);
  const ids = new Map<string, string>();
  ws.actionOrigin = 'suggested';
  try {
    for (const span of request.spans) {
      ids.set(
        span.key,
        createAnnotation(ws, { documentId: request.documentId, labelId: span.labelId, fragments: [span.fragment], attributes: span.attributes }),
      );
    }
    const exists = ws.statement('SELECT 1 FROM relations WHERE from_id = ? AND to_id = ? AND label_id = ?');
    for (const link of request.links) {
      const from = ids.get(link.from) ?? ownAnnotation(ws, request.documentId, link.from);
      const to = ids.get(link.to) ?? ownAnnotation(ws, request.documentId, link.to);
      // A link whose other end is still only a suggestion comes with that one, when it is accepted.
      if (!from || !to || exists.get(from, to, link.labelId)) continue;
      createRelation(ws, { fromId: from, toId: to, labelId: link.labelId });
    }
  } finally {
    ws.actionOrigin = null;
  }
  return ids;
}

function ownAnnotation(ws: Workspace, documentId: string, id: string): string | null {
  const annotation = /^[0-9a-f-]{36}$/.test(id) ? findAnnotation(ws, id) : null;
  return annotation && annotation.documentId === documentId && annotation.annotatorId === ws.localAnnotator.id ? id : null;
}

export function suggestionsOff(ws: Workspace, documentId: string): boolean {
  return ws.statement('SELECT 1 FROM suggestions_off WHERE document_id = ?').get(documentId) !== undefined;
}

export function setSuggestionsOff(ws: Workspace, documentId: string, off: boolean): void {
  documentText(ws, documentId);
  if (off) ws.statement('INSERT OR IGNORE INTO suggestions_off (document_id, at) VALUES (?, ?)').run(documentId, new Date().toISOString());
  else ws.statement('DELETE FROM suggestions_off WHERE document_id = ?').run(documentId);
}
