import type { Label } from '../../schema/model';
import { notFound } from '../../schema/errors';
import type { Workspace } from './workspace';

const COLUMNS = 'id, name, color, hotkey, kind, position';

export function listLabels(ws: Workspace): Label[] {
  return ws.statement(`SELECT ${COLUMNS} FROM labels ORDER BY position, name`).all() as Label[];
}

export function getLabel(ws: Workspace, id: string): Label {
  const label = ws.statement(`SELECT ${COLUMNS} FROM labels WHERE id = ?`).get(id) as Label | undefined;
  if (!label) throw notFound(`There is no label with id ${id}.`);
  return label;
}
