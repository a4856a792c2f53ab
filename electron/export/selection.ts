/** Which documents an export covers, in a stable order (the order they were added). */
import { notFound } from '../../schema/errors';
import { ftsQuery } from '../store/library';
import type { Workspace } from '../store/workspace';

export type ExportScope =
  | { kind: 'all' }
  | { kind: 'documents'; ids: string[] }
  | { kind: 'search'; search: string }
  | { kind: 'collection'; id: string };

export interface Selection {
  scope: ExportScope;
  /** Only documents the local annotator marked done. */
  onlyDone: boolean;
}

export function selectDocuments(ws: Workspace, { scope, onlyDone }: Selection): string[] {
  const where: string[] = [];
  const params: unknown[] = [];
  let from = 'documents d';
  switch (scope.kind) {
    case 'all':
      break;
    case 'documents':
      where.push(`d.id IN (${scope.ids.map(() => '?').join(',') || 'NULL'})`);
      params.push(...scope.ids);
      break;
    case 'search': {
      const match = ftsQuery(scope.search);
      if (!match) return [];
      from = 'search CROSS JOIN documents d ON d.rowid = search.rowid';
      where.push('search MATCH ?');
      params.push(match);
      break;
    }
    case 'collection':
      if (!ws.statement('SELECT 1 FROM collections WHERE id = ?').get(scope.id)) {
        throw notFound(`There is no collection with id ${scope.id}.`);
      }
      where.push('d.id IN (SELECT document_id FROM collection_documents WHERE collection_id = ?)');
      params.push(scope.id);
      break;
  }
  if (onlyDone) {
    where.push("EXISTS (SELECT 1 FROM document_status s WHERE s.document_id = d.id AND s.annotator_id = ? AND s.status = 'done')");
    params.push(ws.localAnnotator.id);
  }
  return ws.db
    .prepare(`SELECT d.id FROM ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.created_at, d.id`)
    .pluck()
    .all(...params) as string[];
}
