import { v7 as uuidv7 } from 'uuid';
import type { AttributeDef, Label } from '../../schema/model';
import { badInput, notFound } from '../../schema/errors';
import { appendEvent } from './events';
import type { Workspace } from './workspace';

interface LabelRow extends Omit<Label, 'attributes'> {
  attributes: string;
}

const SELECT = 'SELECT id, name, color, hotkey, kind, position, attributes FROM labels';

const fromRow = (row: LabelRow): Label => ({
  ...row,
  attributes: JSON.parse(row.attributes) as AttributeDef[],
});

export function listLabels(ws: Workspace): Label[] {
  return (ws.statement(`${SELECT} ORDER BY position, name`).all() as LabelRow[]).map(fromRow);
}

export function getLabel(ws: Workspace, id: string): Label {
  const row = ws.statement(`${SELECT} WHERE id = ?`).get(id) as LabelRow | undefined;
  if (!row) throw notFound(`There is no label with id ${id}.`);
  return fromRow(row);
}

export interface LabelFields {
  name: string;
  color: string;
  kind: Label['kind'];
  hotkey: string | null;
  attributes: AttributeDef[];
}

export function createLabel(ws: Workspace, fields: LabelFields): Label {
  return ws.transaction(() => {
    const name = checkName(ws, fields.name, fields.kind, null);
    checkHotkey(ws, fields.hotkey, fields.kind, null);
    const position =
      (ws.statement('SELECT coalesce(max(position), 0) AS p FROM labels').get() as { p: number }).p + 1;
    const id = uuidv7();
    ws.statement(
      'INSERT INTO labels (id, name, color, hotkey, kind, position, attributes) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(id, name, fields.color, fields.hotkey, fields.kind, position, JSON.stringify(fields.attributes));
    const label = getLabel(ws, id);
    appendEvent(ws, { documentId: null, entity: 'label', entityId: id, action: 'create', after: label });
    return label;
  });
}

/** Renames, recolors, rebinds or redefines a label. Its id stays, so nothing tagged with it changes. */
export function updateLabel(ws: Workspace, id: string, patch: Partial<Omit<LabelFields, 'kind'>>): Label {
  return ws.transaction(() => {
    const before = getLabel(ws, id);
    const next = { ...before, ...patch };
    next.name = checkName(ws, next.name, next.kind, id);
    checkHotkey(ws, next.hotkey, next.kind, id);
    ws.statement('UPDATE labels SET name = ?, color = ?, hotkey = ?, attributes = ? WHERE id = ?').run(
      next.name,
      next.color,
      next.hotkey,
      JSON.stringify(next.attributes),
      id,
    );
    const after = getLabel(ws, id);
    appendEvent(ws, { documentId: null, entity: 'label', entityId: id, action: 'change', before, after });
    return after;
  });
}

export interface LabelUsage {
  annotations: number;
  relations: number;
  documents: number;
}

export function labelUsage(ws: Workspace, id: string): LabelUsage {
  getLabel(ws, id);
  return ws
    .statement(
      `SELECT (SELECT count(*) FROM annotations WHERE label_id = $id) AS annotations,
              (SELECT count(*) FROM relations WHERE label_id = $id) AS relations,
              (SELECT count(DISTINCT document_id) FROM (
                 SELECT document_id FROM annotations WHERE label_id = $id
                 UNION SELECT document_id FROM relations WHERE label_id = $id)) AS documents`,
    )
    .get({ id }) as LabelUsage;
}

/** Names are unique among labels of a kind (a link type may share a span label's name). */
function checkName(ws: Workspace, raw: string, kind: Label['kind'], id: string | null): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (!name) throw badInput('A label needs a name.');
  const clash = ws
    .statement('SELECT id FROM labels WHERE lower(name) = lower(?) AND kind = ? AND id IS NOT ?')
    .get(name, kind, id) as { id: string } | undefined;
  if (clash) {
    throw badInput(`There is already a ${kind === 'span' ? 'label' : 'link type'} named “${name}”.`);
  }
  return name;
}

function checkHotkey(ws: Workspace, hotkey: string | null, kind: Label['kind'], id: string | null): void {
  if (hotkey === null) return;
  if (kind === 'relation') throw badInput('Link types have no hotkey: links are made with L.');
  const holder = ws.statement('SELECT name FROM labels WHERE hotkey = ? AND id IS NOT ?').get(hotkey, id) as
    | { name: string }
    | undefined;
  if (holder) throw badInput(`Hotkey ${hotkey} is already used by “${holder.name}”.`);
}
