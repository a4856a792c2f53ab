/**
 * An article's text versions: edits committed as a new version with every annotation moved along
 * (schema/text-edits.ts), the moves between versions that undo and redo make, the list of
 * versions, and reverting to one. Version rows are never deleted: undo only moves the pointer.
 */
import type { ChangeResult, TextVersion } from '../../schema/model';
import { badInput, notFound } from '../../schema/errors';
import { OffsetMap, sliceCodePoints, storedText } from '../../schema/text';
import { editsBetween } from '../../schema/text-diff';
import {
  applyEdits,
  codePointLength,
  fragmentMapper,
  invertEdits,
  shiftOf,
  untouchedStretches,
  type TextEdit,
  type Untouched,
} from '../../schema/text-edits';
import { deleteAnnotation, getAnnotation, putAnnotation } from './annotations';
import { documentText, rememberDocumentText, versionHashes, wordCount, type CachedText } from './documents';
import { appendEvent } from './events';
import { recordAction } from './history';
import type { Workspace } from './workspace';

export interface TextEditCommit {
  documentId: string;
  /** The version the edits were made on; refused unless it is still the current one. */
  baseVersion: number;
  edits: TextEdit[];
  /** How the version list names the edit; "Edited the text" when not given. */
  description?: string;
}

/**
 * Commits edits of an article's text as a new version, and moves every annotator's annotations
 * with them, as one undoable action. Annotations the edits only moved are shifted in bulk and not
 * logged one by one (the version event describes their move); resized, trimmed and deleted ones
 * (with their links) are logged. Edits that leave the text as it was change nothing.
 */
export function commitTextEdit(ws: Workspace, commit: TextEditCommit): ChangeResult {
  const { documentId, baseVersion, edits } = commit;
  const description = commit.description ?? 'Edited the text';
  return ws.transaction(() => {
    const { title, version } = currentVersion(ws, documentId);
    if (baseVersion !== version) {
      throw badInput(
        `“${title}” changed while this edit was being made: the edit was made on version ${baseVersion} of its ` +
          `text, and the article is at version ${version} now. Open the article again and redo the edit.`,
      );
    }
    const before = documentText(ws, documentId);
    const { text, untouched } = editedText(title, before, edits);
    return recordAction(ws, documentId, description, () => {
      if (text === before.text) return;
      const next = addVersion(ws, documentId, { baseVersion, edits, description, text });
      moveToVersion(ws, documentId, {
        from: version,
        ...next,
        stretches: untouched,
        edits: () => edits,
        logged: new Set(),
      });
    });
  });
}

/**
 * Moves an article from version `from` to `to` for undo or redo of the edit between them (one is
 * the other's base): the pointer, and the annotations the edit action did not log (`logged`, which
 * the replay restores from their snapshots). Shifted annotations are shifted back or forth; one
 * written outside the undo history since (an import, a review verdict) that the edits touched is
 * mapped through them, and logged.
 */
export function replayTextVersion(
  ws: Workspace,
  documentId: string,
  from: number,
  to: number,
  logged: ReadonlySet<string>,
): void {
  const { title, version } = currentVersion(ws, documentId);
  if (version !== from) {
    throw badInput(
      `The text of “${title}” is at version ${version} now, not ${from}: it changed outside the undo history, ` +
        `so this step cannot be replayed.`,
    );
  }
  const source = versionLink(ws, documentId, from);
  const target = versionLink(ws, documentId, to);
  const { text, sha256 } = storedVersion(ws, documentId, to);
  if (target.baseVersion === from && target.edits) {
    const edits = target.edits;
    moveToVersion(ws, documentId, {
      from,
      to,
      sha256,
      text,
      stretches: untouchedStretches(source.length, edits),
      edits: () => edits,
      logged,
    });
  } else if (source.baseVersion === to && source.edits) {
    const edits = source.edits;
    moveToVersion(ws, documentId, {
      from,
      to,
      sha256,
      text,
      // The stretches the edits left alone, seen from the edited text, moved back.
      stretches: untouchedStretches(target.length, edits).map((s) => ({
        start: s.start + s.shift,
        end: s.end + s.shift,
        shift: -s.shift,
      })),
      edits: () => invertEdits(text, edits),
      logged,
    });
  } else {
    throw new Error(`Version ${from} and version ${to} of document ${documentId} are not one edit apart.`);
  }
}

/** Every text the article has had, newest first. */
export function listVersions(ws: Workspace, documentId: string): TextVersion[] {
  currentVersion(ws, documentId);
  const rows = ws
    .statement(
      `SELECT v.version, v.sha256, v.length, v.created_at AS createdAt, v.base_version AS baseVersion,
              a.name AS author, v.description, v.version = d.version AS current
       FROM document_versions v
       JOIN documents d ON d.id = v.document_id
       LEFT JOIN annotators a ON a.id = v.annotator_id
       WHERE v.document_id = ? ORDER BY v.version DESC`,
    )
    .all(documentId) as (Omit<TextVersion, 'current'> & { current: number })[];
  return rows.map((row) => ({ ...row, current: row.current === 1 }));
}

/** The text of one version of an article. */
export function versionText(ws: Workspace, documentId: string, version: number): { version: number; text: string } {
  return { version, text: storedVersion(ws, documentId, version).text };
}

function storedVersion(ws: Workspace, documentId: string, version: number): { text: string; sha256: string } {
  const row = ws
    .statement('SELECT text, sha256 FROM document_versions WHERE document_id = ? AND version = ?')
    .get(documentId, version) as { text: string; sha256: string } | undefined;
  if (!row) {
    const { title } = currentVersion(ws, documentId);
    const versions = ws
      .statement('SELECT version FROM document_versions WHERE document_id = ? ORDER BY version')
      .pluck()
      .all(documentId) as number[];
    throw notFound(`“${title}” has no version ${version}; its versions are ${versions.join(', ')}.`);
  }
  return row;
}

/** Makes an earlier text of the article current again, as a new version; annotations move with the difference. */
export function revertToVersion(ws: Workspace, documentId: string, version: number): ChangeResult {
  return ws.transaction(() => {
    const current = currentVersion(ws, documentId);
    if (version === current.version) {
      throw badInput(`Version ${version} is already the current text of “${current.title}”: there is nothing to revert.`);
    }
    const old = versionText(ws, documentId, version).text;
    const edits = editsBetween(documentText(ws, documentId).text, old);
    if (edits.length === 0) {
      throw badInput(
        `The current text of “${current.title}” (version ${current.version}) is the same as version ${version}: there is nothing to revert.`,
      );
    }
    return commitTextEdit(ws, {
      documentId,
      baseVersion: current.version,
      edits,
      description: `Reverted to version ${version}`,
    });
  });
}

/** A colleague's version of an article's text, as a team server holds it (electron/team/pull.ts). */
export interface ArrivedVersion {
  text: string;
  sha256: string;
  /** The text it was made on; null for an article's first text. */
  parentSha256: string | null;
  /** The edits from that text to this one. */
  edits: TextEdit[] | null;
  annotatorId: string;
  description: string | null;
  createdAt: string;
}

/**
 * Takes a colleague's version of an article's text:
 * - one this workspace has already: nothing to do ('known');
 * - one made on the current text: it becomes current, and every annotation here moves with its
 *   edits, as with an edit made here (not an action of this person's undo history) ('current');
 * - one made on an older text, while this workspace edited it too: both are kept; it is added
 *   beside the current text, which stays, and the person takes it in Versions ('branch');
 * - one made on a text this workspace never had (history from before it had the article): left
 *   out ('unrelated').
 */
export function takeArrivedVersion(ws: Workspace, documentId: string, arrived: ArrivedVersion): 'known' | 'current' | 'branch' | 'unrelated' {
  const versionWith = (sha256: string) =>
    ws.statement('SELECT max(version) FROM document_versions WHERE document_id = ? AND sha256 = ?').pluck().get(documentId, sha256) as number | null;
  if (versionWith(arrived.sha256) !== null) return 'known';
  const base = arrived.parentSha256 === null ? null : versionWith(arrived.parentSha256);
  if (base === null || arrived.edits === null) return 'unrelated';
  const by = { annotatorId: arrived.annotatorId, createdAt: arrived.createdAt };
  const current = currentVersion(ws, documentId);
  const before = documentText(ws, documentId);
  if (before.sha256 !== arrived.parentSha256) {
    const description = `${arrived.description ?? 'Edited the text'} (a branch: made on version ${base} while this copy was edited too; revert to it to take it)`;
    addVersion(ws, documentId, { baseVersion: base, edits: arrived.edits, description, text: arrived.text }, by);
    return 'branch';
  }
  const { text, untouched } = editedText(current.title, before, arrived.edits);
  if (text !== arrived.text) {
    throw badInput(`A colleague’s version of “${current.title}” does not follow from its edits: its text is not the one they make.`);
  }
  const next = addVersion(ws, documentId, { baseVersion: base, edits: arrived.edits, description: arrived.description ?? 'Edited the text', text }, by);
  const edits = arrived.edits;
  moveToVersion(ws, documentId, { from: current.version, ...next, stretches: untouched, edits: () => edits, logged: new Set() });
  return 'current';
}

/**
 * The edits that turned version `fromVersion` of an article into its current text, in order
 * (empty when it is current), following each version's base; null when the current text was not
 * edited from that version (another branch, or a text that arrived whole).
 */
export function editsSinceVersion(ws: Workspace, documentId: string, fromVersion: number): TextEdit[] | null {
  let version = currentVersion(ws, documentId).version;
  const steps: TextEdit[][] = [];
  while (version !== fromVersion) {
    const link = findVersionLink(ws, documentId, version);
    // A base is always an older version; the check keeps a damaged chain from looping.
    if (!link?.edits || link.baseVersion === null || link.baseVersion >= version) return null;
    steps.push(link.edits);
    version = link.baseVersion;
  }
  return steps.reverse().flat();
}

function currentVersion(ws: Workspace, documentId: string): { title: string; version: number } {
  const row = ws.statement('SELECT title, version FROM documents WHERE id = ?').get(documentId) as
    | { title: string; version: number }
    | undefined;
  if (!row) throw notFound(`There is no document with id ${documentId}.`);
  return row;
}

/** The text after the edits and the stretches they left alone, or why it cannot be the article's text. */
function editedText(title: string, before: CachedText, edits: readonly TextEdit[]): { text: string; untouched: Untouched[] } {
  let edited: { text: string; untouched: Untouched[] };
  try {
    edited = { text: applyEdits(before.text, edits), untouched: untouchedStretches(before.offsets.codePointLength, edits) };
  } catch (error) {
    if (error instanceof RangeError) {
      throw badInput(`The edits do not fit the text of “${title}”: ${error.message}.`);
    }
    throw error;
  }
  if (!/\S/u.test(edited.text)) {
    throw badInput(`This edit would leave “${title}” empty; an article needs some text.`);
  }
  if (storedText(edited.text) !== edited.text) {
    throw badInput(`This edit would put a byte order mark at the start of “${title}”, which an article’s text never has.`);
  }
  return edited;
}

function addVersion(
  ws: Workspace,
  documentId: string,
  version: { baseVersion: number | null; edits: readonly TextEdit[] | null; description: string; text: string },
  /** Who made it and when, for a colleague's version; the local annotator, now, when left out. */
  by?: { annotatorId: string; createdAt: string },
): { to: number; sha256: string; text: string } {
  const next =
    (ws.statement('SELECT max(version) FROM document_versions WHERE document_id = ?').pluck().get(documentId) as number) +
    1;
  const { sha256, matchSha256 } = versionHashes(version.text);
  ws.statement(
    `INSERT INTO document_versions (document_id, version, text, sha256, match_sha256, length, created_at, base_version,
                                    edits, annotator_id, description)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    documentId,
    next,
    version.text,
    sha256,
    matchSha256,
    codePointLength(version.text),
    by?.createdAt ?? new Date().toISOString(),
    version.baseVersion,
    version.edits === null ? null : JSON.stringify(version.edits),
    by?.annotatorId ?? ws.localAnnotator.id,
    version.description,
  );
  return { to: next, sha256, text: version.text };
}

interface VersionLink {
  length: number;
  baseVersion: number | null;
  edits: TextEdit[] | null;
}

/** A version's place in the chain of edits, without its text. */
function findVersionLink(ws: Workspace, documentId: string, version: number): VersionLink | null {
  const row = ws
    .statement('SELECT length, base_version AS baseVersion, edits FROM document_versions WHERE document_id = ? AND version = ?')
    .get(documentId, version) as { length: number; baseVersion: number | null; edits: string | null } | undefined;
  return row ? { ...row, edits: row.edits === null ? null : (JSON.parse(row.edits) as TextEdit[]) } : null;
}

function versionLink(ws: Workspace, documentId: string, version: number): VersionLink {
  const link = findVersionLink(ws, documentId, version);
  if (!link) throw notFound(`Document ${documentId} has no version ${version}.`);
  return link;
}

interface VersionMove {
  from: number;
  to: number;
  /** The hash and text of version `to`. */
  sha256: string;
  text: string;
  /** The stretches of `from`'s text the edits left alone, ascending, and how far they moved. */
  stretches: Untouched[];
  /** The edits from `from`'s text to `to`'s, asked for only when they touched an annotation. */
  edits: () => TextEdit[];
  /** Annotations the action restores from its log itself. */
  logged: ReadonlySet<string>;
}

/** Points the article at another version, moves its annotations, and logs the move. */
function moveToVersion(ws: Workspace, documentId: string, move: VersionMove): void {
  const offsets = new OffsetMap(move.text);
  rememberDocumentText(ws, documentId, { version: move.to, sha256: move.sha256, text: move.text, offsets });
  ws.statement('UPDATE documents SET version = ?, word_count = ?, updated_at = ? WHERE id = ?').run(
    move.to,
    wordCount(move.text),
    new Date().toISOString(),
    documentId,
  );
  const touched = shiftUntouched(ws, documentId, move.stretches, move.logged);
  if (touched.length > 0) {
    const mapped = fragmentMapper(move.edits());
    const now = new Date().toISOString();
    for (const id of touched) {
      const annotation = getAnnotation(ws, id);
      const fragments = mapped(annotation.fragments);
      if (!fragments) {
        deleteAnnotation(ws, id);
        continue;
      }
      const quote = fragments.map((f) => sliceCodePoints(move.text, offsets, f.start, f.end)).join(' ');
      putAnnotation(ws, id, { ...annotation, fragments, quote, updatedAt: now }, { logUnchanged: true });
    }
  }
  appendEvent(ws, {
    documentId,
    entity: 'document',
    entityId: documentId,
    action: 'change',
    before: { version: move.from },
    after: { version: move.to },
  });
}

/**
 * Shifts, in one statement and without logging each, the fragments of the annotations that lie
 * in untouched stretches, and returns the ids of the others (except `skip`).
 */
function shiftUntouched(
  ws: Workspace,
  documentId: string,
  stretches: readonly Untouched[],
  skip: ReadonlySet<string>,
): string[] {
  const rows = ws
    .statement(
      `SELECT f.annotation_id, f.seq, f.start, f."end" FROM annotations a JOIN fragments f ON f.annotation_id = a.id
       WHERE a.document_id = ? ORDER BY f.annotation_id, f.seq`,
    )
    .raw()
    .all(documentId) as [string, number, number, number][];
  const touched: string[] = [];
  const shifts: [string, number, number][] = [];
  for (let i = 0; i < rows.length; ) {
    const id = rows[i]![0];
    let j = i;
    while (j < rows.length && rows[j]![0] === id) j++;
    if (!skip.has(id)) {
      const moved: [string, number, number][] = [];
      let untouched = true;
      for (let k = i; k < j && untouched; k++) {
        const [, seq, start, end] = rows[k]!;
        const shift = shiftOf(stretches, { start, end });
        if (shift === null) untouched = false;
        else if (shift !== 0) moved.push([id, seq, shift]);
      }
      if (untouched) shifts.push(...moved);
      else touched.push(id);
    }
    i = j;
  }
  if (shifts.length > 0) {
    ws.statement(
      `UPDATE fragments SET start = start + m.shift, "end" = "end" + m.shift
       FROM (SELECT value ->> 0 AS id, value ->> 1 AS seq, value ->> 2 AS shift FROM json_each(?)) AS m
       WHERE fragments.annotation_id = m.id AND fragments.seq = m.seq`,
    ).run(JSON.stringify(shifts));
  }
  return touched;
}
