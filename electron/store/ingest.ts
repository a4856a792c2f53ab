/**
 * Writes what an importer read (formats/types.ts) into the workspace, in one transaction per
 * document: the article (found by its text hash, or added), the annotator, any labels and
 * attributes the workspace lacks, and the annotations and links. Ids of imported annotations and
 * links are derived from the text hash, the annotator and the id in the file, so importing the
 * same file again finds them all present and changes nothing.
 *
 * The article is found by its comparison form (schema/text.ts matchHash): the same article with
 * other line ends or normalization, or an earlier text of it (edited here since). The file's
 * offsets are of its own text, so they are placed on the current one as the exchange import
 * places them (store/text-placement.ts). Annotations that cannot be placed, and links to them,
 * are left out and listed with the reason.
 */
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';
import type { NotAnchored } from '../../schema/api';
import type { Annotation, DocumentSummary, Label, Relation } from '../../schema/model';
import { mergeAttributes } from '../../schema/attributes';
import { badInput } from '../../schema/errors';
import { colorForNewLabel } from '../../schema/palette';
import type { ImportedDocument, ImportedLabel } from '../formats/types';
import { putAnnotation } from './annotations';
import { findDocumentByMatchHash, getDocumentSummary, insertDocument, versionHashes } from './documents';
import { appendEvent } from './events';
import { createLabel, listLabels } from './labels';
import { putRelation } from './relations';
import { textPlacement } from './text-placement';
import type { Workspace } from './workspace';

/** The namespace of Byline's name-based (v5) ids for imported annotations and links. */
const IMPORT_NAMESPACE = '4f1c1f0e-6a55-4f0c-9b53-6f0e0c7b1a2d';

export interface IngestResult {
  document: DocumentSummary;
  /** False when the text was already in the workspace. */
  newDocument: boolean;
  /** Annotations and links added (those already present are not counted). */
  added: { annotations: number; relations: number };
  /** Annotations and links of the file that could not be placed on the article's current text, and why. */
  notAnchored: NotAnchored[];
}

export interface IngestOptions {
  /** Whose annotations these are when the file does not say. */
  annotator: string;
}

export function ingest(ws: Workspace, imported: ImportedDocument, options: IngestOptions): IngestResult {
  return ws.transaction(() => {
    // Ids come from the comparison form's hash: the same file read against a copy of its text
    // with other line ends finds its annotations present, as does a file imported before texts
    // were kept exactly (their hash was that of this form).
    const { sha256, matchSha256: match } = versionHashes(imported.text);
    const existing = findDocumentByMatchHash(ws, match);
    const document =
      existing ??
      insertDocument(ws, {
        title: imported.title,
        text: imported.text,
        originFormat: imported.format,
        originFile: imported.source,
        outlet: imported.outlet,
        author: imported.author,
        publishedAt: imported.publishedAt,
        url: imported.url,
      });
    const added = { annotations: 0, relations: 0 };
    const notAnchored: NotAnchored[] = [];
    if (imported.annotations.length > 0 || imported.relations.length > 0) {
      const annotatorName = imported.annotator ?? options.annotator;
      const annotatorId = annotatorIdFor(ws, annotatorName);
      const labels = ensureLabels(ws, imported);
      const idOf = (ref: string) => uuidv5(`${match}\n${annotatorName}\nannotation\n${ref}`, IMPORT_NAMESPACE);
      const { place, quoteInFile } = textPlacement(ws, document.id, { text: imported.text, sha256 });
      const now = new Date().toISOString();
      const leaveOut = (kind: NotAnchored['kind'], id: string, quote: string, reason: string) =>
        notAnchored.push({ document: `${document.title} (${document.id})`, kind, id, quote, reason });

      // In a document that is new, nothing is stored yet; otherwise skip what a former import stored.
      const stored = (table: 'annotations' | 'relations', id: string) =>
        !!existing && ws.statement(`SELECT 1 FROM ${table} WHERE id = ?`).get(id) !== undefined;
      /** The file's annotations left out, by ref, with their quotes in the file. */
      const left = new Map<string, string>();
      for (const a of imported.annotations) {
        const id = idOf(a.ref);
        if (stored('annotations', id)) continue;
        const placed = place(a.fragments);
        if ('reason' in placed) {
          const quote = quoteInFile(a.fragments);
          left.set(a.ref, quote);
          leaveOut('annotation', id, quote, placed.reason);
          continue;
        }
        const annotation: Annotation = {
          id,
          documentId: document.id,
          annotatorId,
          labelId: labels.span.get(a.label)!.id,
          fragments: placed.fragments,
          quote: placed.quote,
          note: a.note,
          attributes: a.attributes,
          createdAt: now,
          updatedAt: now,
        };
        putAnnotation(ws, id, annotation, { source: { externalRef: a.ref, extras: a.extras }, absent: true });
        added.annotations++;
      }

      const refs = new Set(imported.annotations.map((a) => a.ref));
      imported.relations.forEach((r, position) => {
        if (!refs.has(r.from) || !refs.has(r.to)) {
          throw badInput(`${imported.source}: ${r.ref} links ${r.from} and ${r.to}, but one of them is not in the file.`);
        }
        const id = uuidv5(`${match}\n${annotatorName}\nrelation\n${r.ref}\n${position}`, IMPORT_NAMESPACE);
        const end = left.has(r.from) ? r.from : left.has(r.to) ? r.to : null;
        if (end !== null) {
          const quoteOf = (ref: string) => left.get(ref) ?? quoteInFile(imported.annotations.find((a) => a.ref === ref)!.fragments);
          leaveOut('link', id, `“${quoteOf(r.from)}” → “${quoteOf(r.to)}”`, `its end “${left.get(end)}” could not be anchored`);
          return;
        }
        if (stored('relations', id)) return;
        const relation: Relation = {
          id,
          documentId: document.id,
          annotatorId,
          labelId: labels.relation.get(r.type)!.id,
          fromId: idOf(r.from),
          toId: idOf(r.to),
          attributes: {},
          createdAt: now,
          updatedAt: now,
        };
        putRelation(ws, id, relation, { source: { externalRef: r.ref, extras: r.extras }, absent: true });
        added.relations++;
      });
    }
    return { document: getDocumentSummary(ws, document.id), newDocument: !existing, added, notAnchored };
  });
}

/** The annotator of that name, added (not as the local one) when the workspace has none. */
function annotatorIdFor(ws: Workspace, name: string): string {
  if (name === ws.localAnnotator.name) return ws.localAnnotator.id;
  const row = ws.statement('SELECT id FROM annotators WHERE name = ? ORDER BY is_local DESC LIMIT 1').get(name) as
    | { id: string }
    | undefined;
  if (row) return row.id;
  const id = uuidv7();
  ws.statement('INSERT INTO annotators (id, name, is_local, created_at) VALUES (?, ?, 0, ?)').run(
    id,
    name,
    new Date().toISOString(),
  );
  return id;
}

/**
 * The labels the document uses, by kind and name: existing ones (gaining attributes they lack)
 * or new ones, added to the schema. Names match regardless of case, and an underscore matches a
 * space: brat types cannot hold spaces, so "Anonymous_attribution" is the label "Anonymous attribution".
 */
function ensureLabels(ws: Workspace, imported: ImportedDocument) {
  const wanted = new Map<string, ImportedLabel>();
  const want = (label: ImportedLabel) => {
    const key = `${label.kind}\n${label.name}`;
    const known = wanted.get(key);
    wanted.set(key, known ? { ...known, attributes: mergeAttributes(known.attributes, label.attributes) } : label);
  };
  for (const label of imported.labels) want(label);
  for (const a of imported.annotations) want({ name: a.label, kind: 'span', attributes: [] });
  for (const r of imported.relations) want({ name: r.type, kind: 'relation', attributes: [] });

  const byKind = { span: new Map<string, Label>(), relation: new Map<string, Label>() };
  const existing = listLabels(ws);
  for (const label of wanted.values()) {
    let found = existing.find((l) => l.kind === label.kind && sameLabelName(l.name, label.name));
    if (!found) {
      found = createLabel(ws, {
        name: label.name,
        kind: label.kind,
        color: colorForNewLabel(existing.length),
        hotkey: null,
        attributes: label.attributes,
      });
      existing.push(found);
    } else {
      const attributes = mergeAttributes(found.attributes, label.attributes);
      if (attributes.length !== found.attributes.length || JSON.stringify(attributes) !== JSON.stringify(found.attributes)) {
        ws.statement('UPDATE labels SET attributes = ? WHERE id = ?').run(JSON.stringify(attributes), found.id);
        appendEvent(ws, { documentId: null, entity: 'label', entityId: found.id, action: 'change', before: found, after: { ...found, attributes } });
        found = { ...found, attributes };
      }
    }
    byKind[label.kind].set(label.name, found);
  }
  return byKind;
}

const labelKey = (name: string) => name.toLowerCase().replace(/[\s_]+/g, ' ').trim();
const sameLabelName = (a: string, b: string) => labelKey(a) === labelKey(b);

