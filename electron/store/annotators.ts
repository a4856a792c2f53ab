import type { Annotator } from '../../schema/model';
import { badInput } from '../../schema/errors';
import type { Workspace } from './workspace';

/** Longest name an annotator may have, in characters (as the API allows). */
export const MAX_ANNOTATOR_NAME = 100;

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

/**
 * Whether the person has chosen the local annotator's name. Until then it is the OS account
 * name (or "Me"), and the app asks for it.
 */
export function localNameChosen(ws: Workspace): boolean {
  return ws.statement('SELECT named_at IS NOT NULL AS chosen FROM annotators WHERE id = ?').pluck().get(ws.localAnnotator.id) === 1;
}

/**
 * Names the local annotator: the name colleagues see on this workspace's layer. Everything
 * already tagged follows, since annotations point at the annotator, not at the name.
 */
export function renameLocalAnnotator(ws: Workspace, name: string): Annotator {
  const wanted = name.trim();
  if (wanted === '') throw badInput('Your name cannot be blank: colleagues see it on your layer.');
  if ([...wanted].length > MAX_ANNOTATOR_NAME) {
    throw badInput(`Your name can be at most ${MAX_ANNOTATOR_NAME} characters; this one has ${[...wanted].length}.`);
  }
  // Imports find annotators by name, so two layers of one name would merge on the next import.
  const taken = ws
    .statement('SELECT name FROM annotators WHERE id <> ? AND name = ? COLLATE NOCASE')
    .pluck()
    .get(ws.localAnnotator.id, wanted) as string | undefined;
  if (taken !== undefined) {
    throw badInput(`A colleague's layer in this workspace is already named “${taken}”: choose a name they do not have.`);
  }
  ws.statement('UPDATE annotators SET name = ?, named_at = ? WHERE id = ?').run(
    wanted,
    new Date().toISOString(),
    ws.localAnnotator.id,
  );
  // The workspace keeps its local annotator for the session; imports compare names with it.
  ws.localAnnotator.name = wanted;
  return { ...ws.localAnnotator };
}
