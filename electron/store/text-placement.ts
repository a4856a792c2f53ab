/**
 * Where the annotations of a file go on an article here when they count offsets in another text
 * of it than the current one (the file was made before an edit here, or from a copy with other
 * line ends or normalization, or a colleague corrected the text), for the brat/JSONL import
 * (ingest.ts) and the exchange import (ingest-exchange.ts) alike:
 *
 * 1. the file's text is the current text: as they are;
 * 2. it is a version here, or has the comparison form of one (schema/text.ts), from which the
 *    current text was edited: mapped onto that version's exact text (through the comparison
 *    form), then through the edits made since (text-versions.ts), as the edits moved what was
 *    here; what the edits removed is told with the version that removed it;
 * 3. otherwise: re-anchored by quote and the text around it (formats/text-quote.ts).
 */
import type { Fragment } from '../../schema/model';
import { matchHash, OffsetMap, sameTextMapper, sliceCodePoints } from '../../schema/text';
import { fragmentMapper, mapFragments, type TextEdit } from '../../schema/text-edits';
import { reanchor, type Text } from '../formats/text-quote';
import { documentText } from './documents';
import { editsSinceVersion } from './text-versions';
import type { Workspace } from './workspace';

export type Placed = { fragments: Fragment[]; quote: string } | { reason: string };

export interface TextPlacement {
  /** 'same': the file's text is the current one; 'mapped': rule 2; 'quote': rule 3. */
  kind: 'same' | 'mapped' | 'quote';
  /** Where fragments of the file's text go on the current text, with their quote there; or why nowhere. */
  place(fragments: readonly Fragment[]): Placed;
  /** The text of fragments in the file's text. */
  quoteInFile(fragments: readonly Fragment[]): string;
}

export function textPlacement(ws: Workspace, documentId: string, file: { text: string; sha256: string }): TextPlacement {
  const theirs: Text = { text: file.text, offsets: new OffsetMap(file.text) };
  const quoteInFile = (fragments: readonly Fragment[]) => quoteIn(theirs, fragments);
  const here = documentText(ws, documentId);
  if (here.sha256 === file.sha256) return { kind: 'same', quoteInFile, place: (fragments) => ({ fragments: [...fragments], quote: quoteInFile(fragments) }) };
  const landed = (fragments: Fragment[]) => ({ fragments, quote: quoteIn(here, fragments) });

  const path = versionPath(ws, documentId, file);
  if (path) {
    return {
      kind: 'mapped',
      quoteInFile,
      place: (fragments) => {
        const onVersion = path.onVersion(fragments);
        if (!onVersion) return { reason: 'its text is only part of a character in this workspace’s text of the article' };
        const moved = path.map(onVersion);
        return moved ? landed(moved) : { reason: `its text was removed when the article was edited here, in version ${removedIn(ws, documentId, path, onVersion)}` };
      },
    };
  }
  return {
    kind: 'quote',
    quoteInFile,
    place: (fragments) => {
      const anchored = reanchor(theirs, here, fragments);
      return 'reason' in anchored ? anchored : landed(anchored.fragments);
    },
  };
}

interface VersionPath {
  /** The version the file's text is (or has the comparison form of). */
  from: number;
  /** Fragments of the file's text on that version's text; null when one shrinks to nothing. */
  onVersion(fragments: readonly Fragment[]): Fragment[] | null;
  /** The edits from that version's text to the current one, in order, and a mapper built once for them. */
  edits: TextEdit[];
  map(fragments: readonly Fragment[]): Fragment[] | null;
}

/**
 * The newest version with the file's text (else with its comparison form) that the current text
 * was edited from: a text can come back (a revert), and the newest has the shortest path.
 */
function versionPath(ws: Workspace, documentId: string, file: { text: string; sha256: string }): VersionPath | null {
  const versions = ws
    .statement(
      `SELECT version, sha256, text FROM document_versions WHERE document_id = ? AND (sha256 = ? OR match_sha256 = ?)
       ORDER BY sha256 = ? DESC, version DESC`,
    )
    .all(documentId, file.sha256, matchHash(file.text), file.sha256) as Array<{ version: number; sha256: string; text: string }>;
  for (const candidate of versions) {
    const edits = editsSinceVersion(ws, documentId, candidate.version);
    if (!edits) continue;
    let onVersion: VersionPath['onVersion'] = (fragments) => [...fragments];
    if (candidate.sha256 !== file.sha256) {
      const mapper = sameTextMapper(file.text, candidate.text);
      if (!mapper) continue;
      onVersion = (fragments) => {
        const mapped = fragments.map(mapper);
        return mapped.every((f) => f !== null) ? (mapped as Fragment[]) : null;
      };
    }
    return { from: candidate.version, onVersion, edits, map: fragmentMapper(edits) };
  }
  return null;
}

/**
 * The version whose edits removed the last of the fragments' text: walking the versions after
 * the path's start, those on the path are the ones the current text was edited from, and how
 * many of the path's edits lie before each tells where it is.
 */
function removedIn(ws: Workspace, documentId: string, path: VersionPath, fragments: readonly Fragment[]): number {
  const later = ws
    .statement('SELECT version FROM document_versions WHERE document_id = ? AND version > ? ORDER BY version')
    .pluck()
    .all(documentId, path.from) as number[];
  for (const version of later) {
    const rest = editsSinceVersion(ws, documentId, version);
    if (rest && !mapFragments(fragments, path.edits.slice(0, path.edits.length - rest.length))) return version;
  }
  throw new Error(`The edits since version ${path.from} of document ${documentId} leave some of the fragments: nothing removed them.`);
}

const quoteIn = ({ text, offsets }: Text, fragments: readonly Fragment[]) =>
  fragments.map((f) => sliceCodePoints(text, offsets, f.start, f.end)).join(' ');
