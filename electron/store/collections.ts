import { v7 as uuidv7 } from 'uuid';
import type { Collection } from '../../schema/model';
import { badInput, notFound } from '../../schema/errors';
import type { Workspace } from './workspace';

/** Named sets of documents (an assignment batch, a sample to export), to filter and export by. */
export function listCollections(ws: Workspace): Collection[] {
  return ws
    .statement(
      `SELECT c.id, c.name, (SELECT count(*) FROM collection_documents m WHERE m.collection_id = c.id) AS size
       FROM collections c ORDER BY c.name COLLATE NOCASE`,
    )
    .all() as Collection[];
}

export function createCollection(ws: Workspace, rawName: string): Collection {
  const name = rawName.trim().replace(/\s+/g, ' ');
  if (!name) throw badInput('A collection needs a name.');
  if (ws.statement('SELECT 1 FROM collections WHERE name = ?').get(name)) {
    throw badInput(`There is already a collection named “${name}”.`);
  }
  const id = uuidv7();
  ws.statement('INSERT INTO collections (id, name, created_at) VALUES (?, ?, ?)').run(id, name, new Date().toISOString());
  return { id, name, size: 0 };
}

export function deleteCollection(ws: Workspace, id: string): void {
  if (ws.statement('DELETE FROM collections WHERE id = ?').run(id).changes === 0) {
    throw notFound(`There is no collection with id ${id}.`);
  }
}

/** Adds documents to a collection (those already in it stay); returns its new size. */
export function addToCollection(ws: Workspace, id: string, documentIds: readonly string[]): number {
  return ws.transaction(() => {
    if (!ws.statement('SELECT 1 FROM collections WHERE id = ?').get(id)) throw notFound(`There is no collection with id ${id}.`);
    const add = ws.statement('INSERT OR IGNORE INTO collection_documents (collection_id, document_id) VALUES (?, ?)');
    for (const documentId of documentIds) add.run(id, documentId);
    return sizeOf(ws, id);
  });
}

export function removeFromCollection(ws: Workspace, id: string, documentIds: readonly string[]): number {
  return ws.transaction(() => {
    const remove = ws.statement('DELETE FROM collection_documents WHERE collection_id = ? AND document_id = ?');
    for (const documentId of documentIds) remove.run(id, documentId);
    return sizeOf(ws, id);
  });
}

function sizeOf(ws: Workspace, id: string): number {
  return ws.statement('SELECT count(*) FROM collection_documents WHERE collection_id = ?').pluck().get(id) as number;
}
