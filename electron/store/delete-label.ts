import { appendEvent } from './events';
import { deleteAnnotation } from './annotations';
import { discardHistory } from './history';
import { getLabel, labelUsage, type LabelUsage } from './labels';
import { putRelation } from './relations';
import type { Workspace } from './workspace';

/**
 * Deletes a label with everything tagged with it (logged, one event per annotation and link). The
 * undo history of the documents it touched ends here: it could not be replayed without the label.
 */
export function deleteLabel(ws: Workspace, id: string): LabelUsage {
  return ws.transaction(() => {
    const label = getLabel(ws, id);
    const usage = labelUsage(ws, id);
    const documents = ws
      .statement(
        `SELECT document_id FROM annotations WHERE label_id = $id
         UNION SELECT document_id FROM relations WHERE label_id = $id`,
      )
      .pluck()
      .all({ id }) as string[];
    const relations = ws.statement('SELECT id FROM relations WHERE label_id = ?').pluck().all(id) as string[];
    for (const relation of relations) putRelation(ws, relation, null);
    const annotations = ws.statement('SELECT id FROM annotations WHERE label_id = ?').pluck().all(id) as string[];
    for (const annotation of annotations) deleteAnnotation(ws, annotation);
    ws.statement('DELETE FROM labels WHERE id = ?').run(id);
    appendEvent(ws, { documentId: null, entity: 'label', entityId: id, action: 'delete', before: label });
    discardHistory(ws, documents);
    return usage;
  });
}
