/**
 * Takes a Byline exchange file (schema/exchange.ts) into a workspace, keeping every id and field:
 * the file is another workspace's own record, not a foreign format to translate.
 *
 * - Labels: by id; else by kind and name (the file's id then maps to the label here); else added
 *   with their id, color, position and attributes, and their hotkey unless another label has it.
 *   A label found gains the attributes (and choices) it lacks.
 * - Annotators: by id. The one that is this workspace's local annotator stays local; the others
 *   are added, not local, with their id and name.
 * - Documents: by id; else by the hash of the text's comparison form, current or earlier (the
 *   same text under another id, or with other line ends or normalization, is the same article,
 *   and the file's annotations go onto it); else added with their id and every field, the text
 *   exactly as the file has it. When the article found has another text now, each annotation is
 *   placed on it as store/text-placement.ts says: mapped through the comparison form and the
 *   edits made here since, or re-anchored by its quote. Those whose text the edits removed, or
 *   that cannot be re-anchored, and links to them, are left out and listed in the result with
 *   the reason.
 * - Annotations and links: by id, added with their ids, fragments, quotes, notes, attributes,
 *   timestamps, externalRef and extras, each logged like any other change. One already here is
 *   replaced only by a newer version of itself (a later updatedAt); nothing here is deleted.
 * - Document status: the file carries its exporter's; it is stored for that annotator unless the
 *   workspace has a status for them set after the file was written.
 * - Review verdicts (version 2): added, or replacing an older verdict of the same reviewer on the
 *   same difference (store/review.ts putImportedReview), with the annotators they name.
 *
 * One file, one transaction: a file is one colleague's hand-over, its labels and annotators are
 * shared by all its documents, and a streamed file may turn out bad at its last line; so a file
 * that fails stores nothing. Importing the same file again finds everything present and writes
 * nothing, not even events.
 */
import type { ExchangeDocument, ExchangeFile, ExchangeHeader, ExchangeLabel } from '../../schema/exchange';
import { mergeAttributes } from '../../schema/attributes';
import { badInput } from '../../schema/errors';
import type { Annotation, DocumentStatus, Fragment, Label, Relation } from '../../schema/model';
import { matchHash, OffsetMap } from '../../schema/text';
import type { ExchangeItem } from '../formats/exchange';
import { findAnnotation, putAnnotation, sameApartFromTime, type SourceRecord } from './annotations';
import { getDocumentSummary, putAnnotatorStatus, versionHashes, wordCount } from './documents';
import { appendEvent } from './events';
import { discardHistory } from './history';
import { getLabel } from './labels';
import { findRelation, putRelation } from './relations';
import { putImportedReview } from './review';
import { textPlacement, type Placed, type TextPlacement } from './text-placement';
import type { Workspace } from './workspace';

export interface ExchangeIngestResult {
  documents: { added: number; matched: number };
  /** Added, and replaced by a newer version from the file. */
  annotations: { added: number; updated: number };
  relations: { added: number; updated: number };
  labels: { added: number; matched: number };
  annotators: { added: number };
  /** Document statuses set or changed. */
  statuses: number;
  /** Review verdicts added, and replaced by a newer verdict from the file. */
  reviews: { added: number; updated: number };
  /** Annotations placed on another text of their article by their quote (see the module's comment). */
  reanchored: number;
  /** Annotations moved onto their article's current text through the edits made here since the file's text. */
  mapped: number;
  /** Annotations and links of the file that could not be placed on this workspace's text, and why. */
  notAnchored: NotAnchored[];
  /** The workspace id of each of the file's documents, in the file's order. */
  documentIds: string[];
}

export interface NotAnchored {
  /** The article's title and id here. */
  document: string;
  documentId: string;
  kind: 'annotation' | 'link';
  id: string;
  /** The annotation's quote; for a link, its two ends' quotes. */
  quote: string;
  reason: string;
}

export interface ExchangeIngestOptions {
  /** The file's name, for messages. */
  source?: string;
  /**
   * A team server's copy of a colleague's layer (electron/team): its annotations and links replace
   * the ones here whenever they differ, not only when newer (an undo there brings back an older
   * version), and it carries no document status.
   */
  fromTeamServer?: boolean;
}

/** Stores a whole exchange file (see readExchange) in one transaction. */
export function ingestExchange(ws: Workspace, file: ExchangeFile, options: ExchangeIngestOptions = {}): ExchangeIngestResult {
  return ws.transaction(() => {
    const ingest = new ExchangeIngest(ws, file, options.source ?? 'The exchange file', options.fromTeamServer ?? false);
    file.documents.forEach((doc, index) => ingest.document(doc, index));
    return ingest.finish();
  });
}

/**
 * Stores an exchange file as it is read (see readExchangeStream), a document at a time, in one
 * transaction that spans the reading: a problem at any line stores nothing of the file. The
 * connection stays in that transaction across the reads' awaits, so use a connection of its own
 * (the import worker's), not one other work shares meanwhile.
 */
export async function ingestExchangeStream(
  ws: Workspace,
  items: AsyncIterable<ExchangeItem>,
  options: ExchangeIngestOptions = {},
): Promise<ExchangeIngestResult> {
  const source = options.source ?? 'The exchange file';
  const nested = ws.db.inTransaction;
  ws.db.exec(nested ? 'SAVEPOINT ingest_exchange' : 'BEGIN IMMEDIATE');
  try {
    let ingest: ExchangeIngest | null = null;
    for await (const item of items) {
      if (item.type === 'header') ingest = new ExchangeIngest(ws, item.header, source, false);
      else if (!ingest) throw new Error('readExchangeStream yields the header before any document.');
      else ingest.document(item.document, item.index);
    }
    if (!ingest) throw badInput(`${source} has no header: it is not a Byline exchange file.`);
    const result = ingest.finish();
    ws.db.exec(nested ? 'RELEASE ingest_exchange' : 'COMMIT');
    return result;
  } catch (error) {
    if (ws.db.inTransaction) ws.db.exec(nested ? 'ROLLBACK TO ingest_exchange; RELEASE ingest_exchange' : 'ROLLBACK');
    throw error;
  }
}

interface StoredItem {
  documentId: string;
  annotatorId: string;
  updatedAt: string;
}

class ExchangeIngest {
  private readonly ws: Workspace;
  private readonly header: ExchangeHeader;
  private readonly source: string;
  private readonly fromTeamServer: boolean;
  /** The file's label ids -> this workspace's. */
  private readonly labelIds = new Map<string, string>();
  /** Annotators known to be in the workspace. */
  private readonly annotators = new Set<string>();
  /** Documents whose annotations or links were replaced: their undo history no longer fits. */
  private readonly replacedIn = new Set<string>();
  private readonly result: ExchangeIngestResult = {
    documents: { added: 0, matched: 0 },
    annotations: { added: 0, updated: 0 },
    relations: { added: 0, updated: 0 },
    labels: { added: 0, matched: 0 },
    annotators: { added: 0 },
    statuses: 0,
    reviews: { added: 0, updated: 0 },
    reanchored: 0,
    mapped: 0,
    notAnchored: [],
    documentIds: [],
  };

  constructor(ws: Workspace, header: ExchangeHeader, source: string, fromTeamServer: boolean) {
    this.ws = ws;
    this.header = header;
    this.source = source;
    this.fromTeamServer = fromTeamServer;
    header.labels.forEach((label, index) => this.labelIds.set(label.id, this.label(label, index)));
    for (const annotator of header.annotators) this.annotator(annotator);
  }

  document(doc: ExchangeDocument, index: number): void {
    const at = `${this.source}: documents.${index}`;
    const { id: documentId, title, placing } = this.placeDocument(doc);
    this.result.documentIds.push(documentId);
    /** The file's annotations left out (their text is not here), by id, with their quotes. */
    const left = new Map<string, string>();
    const leaveOut = (kind: NotAnchored['kind'], id: string, quote: string, reason: string) =>
      this.result.notAnchored.push({ document: `${title} (${documentId})`, documentId, kind, id, quote, reason });
    doc.annotations.forEach((a, i) => {
      const placed = this.place(placing, a);
      if ('reason' in placed) {
        left.set(a.id, a.quote);
        leaveOut('annotation', a.id, a.quote, placed.reason);
        return;
      }
      const next: Annotation = {
        id: a.id,
        documentId,
        annotatorId: a.annotatorId,
        labelId: this.labelIds.get(a.labelId)!,
        fragments: placed.fragments,
        quote: placed.quote,
        note: a.note,
        attributes: a.attributes,
        createdAt: a.createdAt,
        updatedAt: a.updatedAt,
      };
      const stored = this.ws
        .statement('SELECT document_id AS documentId, annotator_id AS annotatorId, updated_at AS updatedAt FROM annotations WHERE id = ?')
        .get(a.id) as StoredItem | undefined;
      if (!stored) {
        putAnnotation(this.ws, a.id, next, { source: sourceRecord(a), absent: true });
        this.keepExtras('annotations', a);
        this.result.annotations.added++;
        return;
      }
      if (stored.documentId !== documentId || stored.annotatorId !== a.annotatorId) {
        throw badInput(`${at}.annotations.${i}: this workspace has an annotation with the id ${a.id} in another article or by another annotator.`);
      }
      if (!this.replaces(a.updatedAt, stored.updatedAt) || sameApartFromTime(findAnnotation(this.ws, a.id)!, next)) return;
      putAnnotation(this.ws, a.id, next);
      this.replacedIn.add(documentId);
      this.result.annotations.updated++;
    });
    const quoteOf = (id: string) => left.get(id) ?? doc.annotations.find((a) => a.id === id)?.quote ?? id;
    doc.relations.forEach((r, i) => {
      if (left.has(r.fromId) || left.has(r.toId)) {
        const end = left.has(r.fromId) ? r.fromId : r.toId;
        leaveOut('link', r.id, `“${quoteOf(r.fromId)}” → “${quoteOf(r.toId)}”`, `its end “${left.get(end)}” could not be anchored`);
        return;
      }
      const next: Relation = {
        id: r.id,
        documentId,
        annotatorId: r.annotatorId,
        labelId: this.labelIds.get(r.labelId)!,
        fromId: r.fromId,
        toId: r.toId,
        attributes: r.attributes,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
      };
      const stored = this.ws
        .statement(
          `SELECT document_id AS documentId, annotator_id AS annotatorId, updated_at AS updatedAt,
                  from_id AS fromId, to_id AS toId FROM relations WHERE id = ?`,
        )
        .get(r.id) as (StoredItem & { fromId: string; toId: string }) | undefined;
      if (!stored) {
        putRelation(this.ws, r.id, next, { source: sourceRecord(r), absent: true });
        this.keepExtras('relations', r);
        this.result.relations.added++;
        return;
      }
      if (stored.documentId !== documentId || stored.annotatorId !== r.annotatorId || stored.fromId !== r.fromId || stored.toId !== r.toId) {
        throw badInput(`${at}.relations.${i}: this workspace has a link with the id ${r.id} between other annotations.`);
      }
      if (!this.replaces(r.updatedAt, stored.updatedAt) || sameApartFromTime(findRelation(this.ws, r.id)!, next)) return;
      putRelation(this.ws, r.id, next);
      this.replacedIn.add(documentId);
      this.result.relations.updated++;
    });
    if (!this.fromTeamServer) this.status(documentId, doc.status);
    for (const review of doc.reviews ?? []) {
      const done = putImportedReview(this.ws, documentId, review);
      if (done !== 'unchanged') this.result.reviews[done]++;
    }
  }

  /** Whether a version of the file replaces the one stored (see ExchangeIngestOptions.fromTeamServer). */
  private replaces(fileUpdatedAt: string, storedUpdatedAt: string): boolean {
    return this.fromTeamServer || isLater(fileUpdatedAt, storedUpdatedAt);
  }

  finish(): ExchangeIngestResult {
    discardHistory(this.ws, [...this.replacedIn]);
    return this.result;
  }

  /** The workspace's id for the file's label, found or added. */
  private label(label: ExchangeLabel, index: number): string {
    const byId = this.ws.statement('SELECT 1 FROM labels WHERE id = ?').get(label.id) ? getLabel(this.ws, label.id) : null;
    if (byId && byId.kind !== label.kind) {
      throw badInput(
        `${this.source}: labels.${index}: “${label.name}” is a ${kindName(label.kind)} in the file, but this workspace has a ` +
          `${kindName(byId.kind)} “${byId.name}” with the same id (${label.id}).`,
      );
    }
    const byName = byId
      ? null
      : (this.ws.statement('SELECT id FROM labels WHERE kind = ? AND lower(name) = lower(?)').get(label.kind, label.name) as
          | { id: string }
          | undefined);
    const found = byId ?? (byName ? getLabel(this.ws, byName.id) : null);
    if (found) {
      this.result.labels.matched++;
      // The team's labels are its admin's to change: a team server's version replaces this one.
      // A file's only adds the attributes and choices this workspace lacks.
      const next: Label = this.fromTeamServer
        ? { ...found, ...label, id: found.id, name: this.nameFree(label, found.id) ? label.name : found.name, hotkey: this.hotkeyFree(label.hotkey, found.id) ? label.hotkey : found.hotkey }
        : { ...found, attributes: mergeAttributes(found.attributes, label.attributes) };
      if (JSON.stringify(next) !== JSON.stringify(found)) {
        this.ws
          .statement('UPDATE labels SET name = ?, color = ?, hotkey = ?, position = ?, attributes = ? WHERE id = ?')
          .run(next.name, next.color, next.hotkey, next.position, JSON.stringify(next.attributes), found.id);
        appendEvent(this.ws, { documentId: null, entity: 'label', entityId: found.id, action: 'change', before: found, after: getLabel(this.ws, found.id) });
      }
      return found.id;
    }
    const added: Label = { ...label, hotkey: label.kind === 'span' && this.hotkeyFree(label.hotkey, null) ? label.hotkey : null };
    this.ws
      .statement('INSERT INTO labels (id, name, color, hotkey, kind, position, attributes) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(added.id, added.name, added.color, added.hotkey, added.kind, added.position, JSON.stringify(added.attributes));
    appendEvent(this.ws, { documentId: null, entity: 'label', entityId: added.id, action: 'create', after: getLabel(this.ws, added.id) });
    this.result.labels.added++;
    return added.id;
  }

  /** Whether no other label here has the hotkey. */
  private hotkeyFree(hotkey: string | null, own: string | null): boolean {
    return hotkey !== null && !this.ws.statement('SELECT 1 FROM labels WHERE hotkey = ? AND id IS NOT ?').get(hotkey, own);
  }

  /** Whether no other label of its kind here has the label's name. */
  private nameFree(label: ExchangeLabel, own: string): boolean {
    return !this.ws.statement('SELECT 1 FROM labels WHERE kind = ? AND lower(name) = lower(?) AND id <> ?').get(label.kind, label.name, own);
  }

  private annotator({ id, name }: { id: string; name: string }): void {
    if (this.annotators.has(id)) return;
    if (id !== this.ws.localAnnotator.id && !this.ws.statement('SELECT 1 FROM annotators WHERE id = ?').get(id)) {
      this.ws
        .statement('INSERT INTO annotators (id, name, is_local, created_at) VALUES (?, ?, 0, ?)')
        .run(id, name, new Date().toISOString());
      this.result.annotators.added++;
    }
    this.annotators.add(id);
  }

  /** Where an annotation of the file goes on this workspace's text, and its quote there; or why nowhere. */
  private place(placing: TextPlacement, annotation: { fragments: Fragment[]; quote: string }): Placed {
    const placed = placing.place(annotation.fragments);
    if (!('reason' in placed) && JSON.stringify(placed.fragments) !== JSON.stringify(annotation.fragments)) {
      if (placing.kind === 'mapped') this.result.mapped++;
      if (placing.kind === 'quote') this.result.reanchored++;
    }
    return placed;
  }

  /**
   * The workspace's id for the file's document: found by id or text hash, or added; and how the
   * file's annotations are placed on this workspace's text of it (see the module's comment).
   */
  private placeDocument(doc: ExchangeDocument): { id: string; title: string; placing: TextPlacement } {
    const found = (this.ws.statement('SELECT id, title FROM documents WHERE id = ?').get(doc.id) ??
      this.ws
        .statement(
          `SELECT d.id, d.title FROM document_versions v JOIN documents d ON d.id = v.document_id
           WHERE v.match_sha256 = ? ORDER BY v.sha256 = ? DESC, v.version = d.version DESC, d.created_at, d.id LIMIT 1`,
        )
        .get(matchHash(doc.text), doc.sha256)) as { id: string; title: string } | undefined;
    if (found) {
      this.result.documents.matched++;
      return { id: found.id, title: found.title, placing: textPlacement(this.ws, found.id, doc) };
    }
    const now = new Date().toISOString();
    this.ws
      .statement(
        `INSERT INTO documents (id, title, outlet, author, published_at, url, origin_file, origin_format, version,
                                word_count, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        doc.id,
        doc.title,
        doc.outlet,
        doc.author,
        doc.publishedAt,
        doc.url,
        doc.originFile,
        doc.originFormat,
        doc.version,
        wordCount(doc.text),
        doc.createdAt,
        now,
      );
    // The file has only the current text. Its version was made when the article was (version 1),
    // or at some time before the file was written.
    this.ws
      .statement(
        `INSERT INTO document_versions (document_id, version, text, sha256, match_sha256, length, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        doc.id,
        doc.version,
        doc.text,
        doc.sha256,
        versionHashes(doc.text).matchSha256,
        new OffsetMap(doc.text).codePointLength,
        doc.version === 1 ? doc.createdAt : this.header.exportedAt,
      );
    appendEvent(this.ws, { documentId: doc.id, entity: 'document', entityId: doc.id, action: 'create', after: getDocumentSummary(this.ws, doc.id) });
    this.result.documents.added++;
    return { id: doc.id, title: doc.title, placing: textPlacement(this.ws, doc.id, doc) };
  }

  /** The exporter's status for the document, unless the workspace has a later one for them. */
  private status(documentId: string, status: DocumentStatus): void {
    const exporter = this.header.exportedBy;
    const row = this.ws
      .statement('SELECT status, updated_at AS updatedAt FROM document_status WHERE document_id = ? AND annotator_id = ?')
      .get(documentId, exporter.id) as { status: DocumentStatus; updatedAt: string } | undefined;
    if (row ? row.status === status || !isLater(this.header.exportedAt, row.updatedAt) : status === 'not started') return;
    this.annotator(exporter);
    putAnnotatorStatus(this.ws, documentId, exporter.id, status, this.header.exportedAt, row?.status ?? 'not started');
    this.result.statuses++;
  }

  /**
   * putAnnotation and putRelation keep extras only with an externalRef (what importers give);
   * the file may have extras without one, which are kept all the same.
   */
  private keepExtras(table: 'annotations' | 'relations', item: { id: string; externalRef: string | null; extras: Record<string, unknown> }): void {
    if (item.externalRef === null && Object.keys(item.extras).length > 0) {
      this.ws.statement(`UPDATE ${table} SET extras = ? WHERE id = ?`).run(JSON.stringify(item.extras), item.id);
    }
  }
}

function sourceRecord(item: { externalRef: string | null; extras: Record<string, unknown> }): SourceRecord | undefined {
  return item.externalRef === null ? undefined : { externalRef: item.externalRef, extras: item.extras };
}

function isLater(a: string, b: string): boolean {
  return Date.parse(a) > Date.parse(b);
}

const kindName = (kind: Label['kind']) => (kind === 'span' ? 'label for spans' : 'link type');

