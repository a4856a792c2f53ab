import type { Annotator } from '../../schema/model';
import type { Workspace } from './workspace';

/** Everyone whose annotations the workspace holds: the local annotator first. */
export function listAnnotators(ws: Workspace): Annotator[] {
  return (
    ws.statement('SELECT id, name, is_local AS isLocal FROM annotators ORDER BY is_local DESC, name COLLATE NOCASE').all() as {
      id: string;
      name: string;
      isLocal: number;
    }[]
  ).map((a) => ({ ...a, isLocal: a.isLocal === 1 }));
}
