/**
 * Find and replace over the workspace: what a rule would change in an article or in every article
 * of a collection (and what that does to their annotations), the suggested fixes that apply, and
 * making the changes a person kept, each article's as a new text version.
 */
import {
  editsOf,
  findChanges,
  findSomeChanges,
  FixId,
  PREVIEW_LIMIT,
  replaceDescription,
  withEffects,
  type DocumentChanges,
  type FixSuggestion,
  type ReplaceApply,
  type ReplaceOutcome,
  type ReplacePreview,
  type ReplaceRule,
  type ReplaceScope,
} from '../../schema/find-replace';
import { badInput, BylineError, notFound } from '../../schema/errors';
import { FIXES } from '../../schema/text-fixes';
import { listAnnotations } from './annotations';
import { documentText, getDocumentSummary } from './documents';
import { commitTextEdit } from './text-versions';
import type { Workspace } from './workspace';

/** Examples a suggested fix shows. */
const EXAMPLES = 3;

interface Article {
  id: string;
  title: string;
}

/** The articles a scope covers, by title. */
function articlesIn(ws: Workspace, scope: ReplaceScope): Article[] {
  if (scope.kind === 'document') {
    const { id, title } = getDocumentSummary(ws, scope.id);
    return [{ id, title }];
  }
  if (!ws.statement('SELECT 1 FROM collections WHERE id = ?').get(scope.id)) {
    throw notFound(`There is no collection with id ${scope.id}.`);
  }
  return ws
    .statement(
      `SELECT d.id, d.title FROM collection_documents m JOIN documents d ON d.id = m.document_id
       WHERE m.collection_id = ? ORDER BY d.title COLLATE NOCASE, d.id`,
    )
    .all(scope.id) as Article[];
}

/** Every change a rule would make in the scope, with its effect on annotations; changes nothing. */
export function previewReplace(ws: Workspace, rule: ReplaceRule, scope: ReplaceScope): ReplacePreview {
  // An invalid pattern is refused even where there is no text to search.
  findChanges('', rule);
  const documents: DocumentChanges[] = [];
  let total = 0;
  let listed = 0;
  for (const article of articlesIn(ws, scope)) {
    const { version, text } = documentText(ws, article.id);
    const found = findSomeChanges(text, rule, PREVIEW_LIMIT - listed);
    total += found.total;
    const shown = found.changes;
    if (shown.length === 0) continue;
    listed += shown.length;
    const { changes, moved } = withEffects(shown, listAnnotations(ws, article.id));
    documents.push({ documentId: article.id, title: article.title, version, changes, moved });
  }
  return { documents, total, truncated: listed < total };
}

/** The suggested fixes that apply somewhere in the scope, with how often and a few examples. */
export function suggestFixes(ws: Workspace, scope: ReplaceScope): FixSuggestion[] {
  const found = new Map(FixId.options.map((fix) => [fix, { count: 0, examples: [] as string[] }]));
  for (const article of articlesIn(ws, scope)) {
    const { text } = documentText(ws, article.id);
    for (const [fix, tally] of found) {
      const changes = findChanges(text, { kind: 'fix', fix });
      tally.count += changes.length;
      for (const change of changes.slice(0, EXAMPLES - tally.examples.length)) {
        tally.examples.push(`${change.context.before}${change.before}${change.context.after}`);
      }
    }
  }
  return [...found]
    .filter(([, tally]) => tally.count > 0)
    .map(([fix, tally]) => ({ fix, name: FIXES[fix].name, ...tally }));
}

/**
 * Makes the chosen changes of a preview: in each article still at the version previewed, the
 * rule's changes that start where a chosen one did, as one new version (one undoable action).
 * An article whose text changed since, that is gone, or that refuses the edit is left alone with
 * the reason.
 */
export function applyReplace(ws: Workspace, request: ReplaceApply): ReplaceOutcome {
  findChanges('', request.rule);
  const outcome: ReplaceOutcome = { documents: 0, replacements: 0, annotationsDeleted: 0, skipped: [] };
  for (const selection of request.selected) {
    let title = selection.documentId;
    try {
      title = getDocumentSummary(ws, selection.documentId).title;
      replaceIn(ws, request.rule, selection, outcome);
    } catch (error) {
      if (!(error instanceof BylineError)) throw error;
      outcome.skipped.push({ documentId: selection.documentId, title, reason: error.message });
    }
  }
  return outcome;
}

/** Makes the chosen changes in one article and counts them, or throws why it cannot. */
function replaceIn(ws: Workspace, rule: ReplaceRule, selection: ReplaceApply['selected'][number], outcome: ReplaceOutcome): void {
  const { documentId, starts } = selection;
  const { version, text } = documentText(ws, documentId);
  if (version !== selection.version) {
    throw badInput(`Its text changed after the preview (version ${selection.version} then, ${version} now): preview again.`);
  }
  const chosen = new Set(starts);
  const kept = findChanges(text, rule).filter((change) => chosen.has(change.start));
  if (kept.length === 0) throw badInput('None of the chosen changes is in its text.');
  const result = commitTextEdit(ws, {
    documentId,
    baseVersion: version,
    edits: editsOf(kept),
    description: replaceDescription(rule, kept.length),
  });
  outcome.documents++;
  outcome.replacements += kept.length;
  outcome.annotationsDeleted += result.changes.annotations.deleted.length;
}
