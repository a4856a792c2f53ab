/**
 * The way from an older text of an article to its current one through the edits made here
 * (text-versions.ts), for placing what a colleague annotated on that older text.
 */
import type { Fragment } from '../../schema/model';
import { fragmentMapper, mapFragments, type TextEdit } from '../../schema/text-edits';
import { editsSinceVersion } from './text-versions';
import type { Workspace } from './workspace';

export interface VersionPath {
  /** The older version. */
  from: number;
  /** The edits from its text to the current one, in order. */
  edits: TextEdit[];
  /** Where fragments on the older text are on the current one, or null when none survives. */
  map(fragments: readonly Fragment[]): Fragment[] | null;
  /** Why fragments that `map` placed nowhere could not be placed: the version whose edits removed the last of their text. */
  whyRemoved(fragments: readonly Fragment[]): string;
}

/**
 * The path from the article's text with this hash to its current text, or null when no version
 * with that hash is one the current text was edited from. A text can come back (a revert), so
 * the newest such version is taken: its path is the shortest.
 */
export function versionPathFromHash(ws: Workspace, documentId: string, sha256: string): VersionPath | null {
  const versions = ws
    .statement('SELECT version FROM document_versions WHERE document_id = ? AND sha256 = ? ORDER BY version DESC')
    .pluck()
    .all(documentId, sha256) as number[];
  for (const from of versions) {
    const edits = editsSinceVersion(ws, documentId, from);
    if (edits) {
      return { from, edits, map: fragmentMapper(edits), whyRemoved: (fragments) => `its text was removed when the article was edited here, in version ${removedIn(ws, documentId, from, edits, fragments)}` };
    }
  }
  return null;
}

/**
 * Walks the versions between `from` and the current one: those on the path are the ones the
 * current text was edited from, and how many of `edits` lie before each tells where it is.
 */
function removedIn(ws: Workspace, documentId: string, from: number, edits: readonly TextEdit[], fragments: readonly Fragment[]): number {
  const later = ws
    .statement('SELECT version FROM document_versions WHERE document_id = ? AND version > ? ORDER BY version')
    .pluck()
    .all(documentId, from) as number[];
  for (const version of later) {
    const rest = editsSinceVersion(ws, documentId, version);
    if (rest && !mapFragments(fragments, edits.slice(0, edits.length - rest.length))) return version;
  }
  throw new Error(`The edits since version ${from} of document ${documentId} leave some of the fragments: nothing removed them.`);
}
