/**
 * Adjudication: the reviewer's verdicts on the differences between two layers of an article
 * (review/diff.ts), and the reviewed layer they write.
 *
 * The reviewed layer is an annotator of its own ("<reviewer> (reviewed)", annotators.reviewed_by
 * naming the reviewer), so it exports, imports and is compared like any other layer. A verdict
 * copies annotations (fragments, label, note, attributes) and links into it under new ids, or
 * the reviewer's own span (edit), or nothing (reject); resolving again first withdraws what the
 * earlier verdict wrote, and unresolving withdraws it all. A link is written between the copies
 * its two ends have in the reviewed layer, so the spans at its ends are resolved first; when a
 * span's copy goes (resolved again, unresolved), the verdicts on the links written to it go too.
 *
 * Every change is logged: the reviewed layer's annotations and links as any other (with their
 * before and after), and each verdict as a change of its document ({ review } before and after).
 * They run as one action each, recorded as final ('discarded'): Undo in the annotate view does not
 * take a review back, since it would remove the copies and leave the verdict; unresolve does.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Annotation, Annotator, Fragment, Relation } from '../../schema/model';
import type { DifferenceKind, ResolveRequest, Resolution, ReviewSession, ReviewUpdate, Verdict, VerdictRecord } from '../../schema/review';
import type { ExchangeReview } from '../../schema/exchange';
import { badInput, notFound } from '../../schema/errors';
import { sliceCodePoints } from '../../schema/text';
import type { z } from 'zod';
import { diffLayers, type LayerDiff, type RawDifference } from '../review/diff';
import { findAnnotation, putAnnotation } from './annotations';
import { documentText, getDocumentSummary } from './documents';
import { appendEvent } from './events';
import { getLabel, listLabels } from './labels';
import { findRelation, listRelations, putRelation, relationsOf } from './relations';
import type { Workspace } from './workspace';

export interface ReviewTarget {
  documentId: string;
  layerA: string;
  layerB: string;
}

/** One item a verdict wrote into the reviewed layer, and the ids of A and B it stands for. */
interface Written {
  id: string;
  from: string[];
}

interface VerdictRow {
  key: string;
  kind: DifferenceKind;
  verdict: Verdict;
  comment: string | null;
  reviewerId: string;
  reviewedLayer: string;
  aIds: string;
  bIds: string;
  written: string;
  resolvedAt: string;
}

const VERDICT_COLUMNS = `key, kind, verdict, comment, reviewer_id AS reviewerId, reviewed_layer AS reviewedLayer,
  a_ids AS aIds, b_ids AS bIds, written, resolved_at AS resolvedAt`;

/** The reviewer's reviewed layer (the local annotator's), made on first use; its name follows theirs. */
export function reviewedLayer(ws: Workspace): Annotator {
  const reviewer = ws.localAnnotator;
  const name = `${reviewer.name} (reviewed)`;
  const row = ws.statement('SELECT id, name FROM annotators WHERE reviewed_by = ?').get(reviewer.id) as
    | { id: string; name: string }
    | undefined;
  if (row) {
    if (row.name !== name) ws.statement('UPDATE annotators SET name = ? WHERE id = ?').run(name, row.id);
    return { id: row.id, name, isLocal: false };
  }
  const id = uuidv7();
  ws.statement('INSERT INTO annotators (id, name, is_local, created_at, reviewed_by) VALUES (?, ?, 0, ?, ?)').run(
    id,
    name,
    new Date().toISOString(),
    reviewer.id,
  );
  return { id, name, isLocal: false };
}

/** The article a review shows: the view lays it out while the host compares the layers (openReview). */
export function reviewArticle(ws: Workspace, documentId: string): ReviewSession['document'] {
  return { id: documentId, title: getDocumentSummary(ws, documentId).title, text: documentText(ws, documentId).text };
}

/** The differences between layer A and layer B of an article, with the reviewer's verdicts so far. */
export function openReview(ws: Workspace, target: ReviewTarget): ReviewSession {
  return ws.transaction(() => sessionOf(ws, load(ws, target)));
}

/** Records a verdict on one difference, replacing an earlier one, and writes the reviewed layer. */
export function resolveDifference(ws: Workspace, request: z.infer<typeof ResolveRequest>): ReviewUpdate {
  const target = { documentId: request.documentId, layerA: request.layerA, layerB: request.layerB };
  return ws.transaction(() => {
    const loaded = load(ws, target);
    const before = verdictRows(ws, loaded);
    const difference = loaded.diff.differences.find((d) => d.key === request.key);
    if (!difference) throw missingDifference(request.key);
    if (request.verdict === 'edit' && !request.edit) {
      throw badInput('An edit verdict needs the span to store instead: its label and fragments.');
    }
    if (request.verdict !== 'edit' && request.edit) throw badInput(`A span to store is given only with the verdict edit, not ${request.verdict}.`);
    if (request.verdict === 'edit' && difference.key.startsWith('link:')) {
      throw badInput('A link difference cannot be edited into a span: take A, B or both, or reject it.');
    }
    inReviewAction(ws, target.documentId, `Review: ${verdictName(request.verdict)} for ${difference.summary}`, () =>
      resolveOne(ws, loaded, difference, request.verdict, request.comment ?? null, request.edit),
    );
    // Only the reviewed layer changed: A, B and their differences are as loaded.
    return updateOf(ws, loaded, before);
  });
}

/** Withdraws the verdict on one difference and what it wrote into the reviewed layer. */
export function unresolveDifference(ws: Workspace, target: ReviewTarget & { key: string }): ReviewUpdate {
  return ws.transaction(() => {
    const loaded = load(ws, target);
    const row = verdictRow(ws, loaded, target.key);
    if (!row) throw notFound(`The difference ${target.key} has no verdict to withdraw.`);
    const before = verdictRows(ws, loaded);
    inReviewAction(ws, target.documentId, `Review: withdraw the verdict on ${target.key}`, () => withdraw(ws, loaded, row));
    return updateOf(ws, loaded, before);
  });
}

/** Takes A for every `agree` difference without a verdict, spans before links, in one step. */
export function acceptAgreements(ws: Workspace, target: ReviewTarget): ReviewUpdate {
  return ws.transaction(() => {
    const loaded = load(ws, target);
    const before = verdictRows(ws, loaded);
    const resolved = new Set(before.map((r) => r.key));
    const open = loaded.diff.differences.filter((d) => d.kind === 'agree' && !resolved.has(d.key));
    const spans = open.filter((d) => d.key.startsWith('span:'));
    const links = open.filter((d) => d.key.startsWith('link:'));
    if (open.length > 0) {
      inReviewAction(ws, target.documentId, `Review: accept ${open.length} agreements`, () => {
        for (const difference of spans) resolveOne(ws, loaded, difference, 'take_a', null, undefined, true);
        for (const difference of links) {
          // A link whose ends were not both taken stays open for the reviewer.
          if (endsWritten(ws, loaded, loaded.relations.get(difference.a[0]!)!)) resolveOne(ws, loaded, difference, 'take_a', null, undefined, true);
        }
      });
    }
    return updateOf(ws, loaded, before);
  });
}

/** Every verdict given on this article's differences (any reviewer), newest first. */
export function verdictsInDocument(ws: Workspace, documentId: string): VerdictRecord[] {
  const rows = ws
    .statement(
      `SELECT v.layer_a AS layerA, v.layer_b AS layerB, ${VERDICT_COLUMNS.replaceAll('reviewer_id', 'v.reviewer_id')}, p.name AS reviewerName
       FROM review_verdicts v JOIN annotators p ON p.id = v.reviewer_id
       WHERE v.document_id = ? ORDER BY v.resolved_at DESC, v.key`,
    )
    .all(documentId) as (VerdictRow & { layerA: string; layerB: string; reviewerName: string })[];
  return rows.map((row) => ({
    key: row.key,
    kind: row.kind,
    layerA: row.layerA,
    layerB: row.layerB,
    a: JSON.parse(row.aIds) as string[],
    b: JSON.parse(row.bIds) as string[],
    verdict: row.verdict,
    comment: row.comment,
    reviewer: { id: row.reviewerId, name: row.reviewerName },
    resolvedAt: row.resolvedAt,
    reviewedIds: (JSON.parse(row.written) as Written[]).map((w) => w.id),
  }));
}

/**
 * The verdicts an exchange file carries for a document: those of reviews that involve an exported
 * layer (A, B or the reviewed layer); `layers` null means every layer is exported.
 */
export function exchangeReviewsOf(ws: Workspace, documentId: string, layers: readonly string[] | null): ExchangeReview[] {
  const rows = ws
    .statement(
      `SELECT v.layer_a AS layerA, a.name AS layerAName, v.layer_b AS layerB, b.name AS layerBName,
              v.key, v.kind, v.verdict, v.comment, v.reviewer_id AS reviewerId, r.name AS reviewerName,
              v.reviewed_layer AS reviewedLayer, l.name AS reviewedLayerName,
              v.a_ids AS aIds, v.b_ids AS bIds, v.written, v.resolved_at AS resolvedAt
       FROM review_verdicts v
       JOIN annotators a ON a.id = v.layer_a JOIN annotators b ON b.id = v.layer_b
       JOIN annotators r ON r.id = v.reviewer_id JOIN annotators l ON l.id = v.reviewed_layer
       WHERE v.document_id = ? ORDER BY v.resolved_at, v.key`,
    )
    .all(documentId) as (VerdictRow & { layerA: string; layerAName: string; layerB: string; layerBName: string; reviewerName: string; reviewedLayerName: string })[];
  const exported = layers ? new Set(layers) : null;
  return rows
    .filter((row) => !exported || exported.has(row.layerA) || exported.has(row.layerB) || exported.has(row.reviewedLayer))
    .map((row) => ({
      layerA: { id: row.layerA, name: row.layerAName },
      layerB: { id: row.layerB, name: row.layerBName },
      key: row.key,
      kind: row.kind,
      verdict: row.verdict,
      comment: row.comment,
      reviewer: { id: row.reviewerId, name: row.reviewerName },
      reviewedLayer: { id: row.reviewedLayer, name: row.reviewedLayerName },
      a: JSON.parse(row.aIds) as string[],
      b: JSON.parse(row.bIds) as string[],
      reviewed: (JSON.parse(row.written) as Written[]).map((w) => w.id),
      resolvedAt: row.resolvedAt,
    }));
}

/**
 * Stores a verdict from an exchange file (a review sent back): added, or replacing an older
 * verdict of the same reviewer on the same difference. Returns what it did. The annotators it
 * names are added (not local) when this workspace does not have them.
 */
export function putImportedReview(ws: Workspace, documentId: string, review: ExchangeReview): 'added' | 'updated' | 'unchanged' {
  for (const person of [review.layerA, review.layerB, review.reviewer, review.reviewedLayer]) {
    ws.statement('INSERT INTO annotators (id, name, is_local, created_at) VALUES (?, ?, 0, ?) ON CONFLICT (id) DO NOTHING').run(
      person.id,
      person.name,
      new Date().toISOString(),
    );
  }
  // Whose reviewed layer it is, unless this workspace knows another one of theirs (the same person
  // reviewing in two workspaces has a reviewed layer in each).
  ws.statement(
    `UPDATE annotators SET reviewed_by = @reviewer WHERE id = @layer AND reviewed_by IS NULL AND id <> @reviewer
       AND NOT EXISTS (SELECT 1 FROM annotators WHERE reviewed_by = @reviewer)`,
  ).run({ reviewer: review.reviewer.id, layer: review.reviewedLayer.id });
  const where = 'document_id = ? AND layer_a = ? AND layer_b = ? AND reviewer_id = ? AND key = ?';
  const at = [documentId, review.layerA.id, review.layerB.id, review.reviewer.id, review.key];
  const stored = ws.statement(`SELECT ${VERDICT_COLUMNS} FROM review_verdicts WHERE ${where}`).get(...at) as VerdictRow | undefined;
  if (stored && !(Date.parse(review.resolvedAt) > Date.parse(stored.resolvedAt))) return 'unchanged';
  const written: Written[] = review.reviewed.map((id) => ({ id, from: [] }));
  if (stored) ws.statement(`DELETE FROM review_verdicts WHERE ${where}`).run(...at);
  insertVerdict(ws, {
    documentId,
    layerA: review.layerA.id,
    layerB: review.layerB.id,
    key: review.key,
    reviewerId: review.reviewer.id,
    reviewedLayer: review.reviewedLayer.id,
    kind: review.kind,
    verdict: review.verdict,
    comment: review.comment,
    a: review.a,
    b: review.b,
    written,
    resolvedAt: review.resolvedAt,
  });
  appendEvent(ws, {
    documentId,
    entity: 'document',
    entityId: documentId,
    action: 'change',
    before: { review: stored ? snapshotOf(review.layerA.id, review.layerB.id, stored) : null },
    after: { review: { layerA: review.layerA.id, layerB: review.layerB.id, key: review.key, kind: review.kind, verdict: review.verdict, comment: review.comment, reviewerId: review.reviewer.id, written } },
  });
  return stored ? 'updated' : 'added';
}

/** Removes a verdict its reviewer withdrew elsewhere (a team sync); what it wrote goes with its own rows. */
export function removeImportedReview(ws: Workspace, documentId: string, at: { layerA: string; layerB: string; reviewerId: string; key: string }): void {
  const where = 'document_id = ? AND layer_a = ? AND layer_b = ? AND reviewer_id = ? AND key = ?';
  const values = [documentId, at.layerA, at.layerB, at.reviewerId, at.key];
  const stored = ws.statement(`SELECT ${VERDICT_COLUMNS} FROM review_verdicts WHERE ${where}`).get(...values) as VerdictRow | undefined;
  if (!stored) return;
  ws.statement(`DELETE FROM review_verdicts WHERE ${where}`).run(...values);
  appendEvent(ws, {
    documentId,
    entity: 'document',
    entityId: documentId,
    action: 'change',
    before: { review: snapshotOf(at.layerA, at.layerB, stored) },
    after: { review: null },
  });
}

// --- the session --------------------------------------------------------------------------

interface Loaded {
  target: ReviewTarget;
  reviewer: Annotator;
  reviewed: Annotator;
  layerA: Annotator;
  layerB: Annotator;
  /** Annotations and links of A and B, by id; each layer's spans in document order and its links. */
  annotations: Map<string, Annotation>;
  relations: Map<string, Relation>;
  layers: { a: Annotation[]; b: Annotation[]; relationsA: Relation[]; relationsB: Relation[] };
  diff: LayerDiff;
}

function load(ws: Workspace, target: ReviewTarget): Loaded {
  // Refuses an article that is not in the workspace.
  getDocumentSummary(ws, target.documentId);
  if (target.layerA === target.layerB) throw badInput('Choose two different layers to review: A and B are the same layer.');
  const reviewed = reviewedLayer(ws);
  const layerA = annotator(ws, target.layerA, 'A');
  const layerB = annotator(ws, target.layerB, 'B');
  for (const layer of [layerA, layerB]) {
    if (layer.id === reviewed.id) {
      throw badInput(`“${reviewed.name}” is where this review writes its verdicts: compare two other layers.`);
    }
  }
  const a = layerAnnotations(ws, target.documentId, layerA.id);
  const b = layerAnnotations(ws, target.documentId, layerB.id);
  const relations = listRelations(ws, target.documentId);
  const relationsA = relations.filter((r) => r.annotatorId === layerA.id);
  const relationsB = relations.filter((r) => r.annotatorId === layerB.id);
  const diff = diffLayers({ a, b, relationsA, relationsB, labels: listLabels(ws) });
  return {
    target,
    reviewer: ws.localAnnotator,
    reviewed,
    layerA,
    layerB,
    annotations: new Map([...a, ...b].map((x) => [x.id, x])),
    relations: new Map([...relationsA, ...relationsB].map((r) => [r.id, r])),
    layers: { a, b, relationsA, relationsB },
    diff,
  };
}

/**
 * One layer's annotations in an article, in document order: one query over fragments joined to
 * annotations (the per-row subqueries of listAnnotations took most of opening a large review).
 */
function layerAnnotations(ws: Workspace, documentId: string, annotatorId: string): Annotation[] {
  const rows = ws
    .statement(
      `SELECT a.id, a.label_id AS labelId, a.quote, a.note, a.attributes, a.created_at AS createdAt,
              a.updated_at AS updatedAt, f.start, f."end"
       FROM annotations a JOIN fragments f ON f.annotation_id = a.id
       WHERE a.document_id = ? AND a.annotator_id = ?
       ORDER BY a.id, f.seq`,
    )
    .all(documentId, annotatorId) as (Omit<Annotation, 'fragments' | 'attributes' | 'documentId' | 'annotatorId'> & {
    attributes: string;
    start: number;
    end: number;
  })[];
  const annotations: Annotation[] = [];
  let last: Annotation | undefined;
  for (const { start, end, attributes, ...row } of rows) {
    if (last?.id === row.id) {
      last.fragments.push({ start, end });
      continue;
    }
    last = {
      ...row,
      documentId,
      annotatorId,
      attributes: attributes === '{}' ? {} : (JSON.parse(attributes) as Record<string, unknown>),
      fragments: [{ start, end }],
    };
    annotations.push(last);
  }
  return annotations.sort((x, y) => x.fragments[0]!.start - y.fragments[0]!.start || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

function annotator(ws: Workspace, id: string, which: 'A' | 'B'): Annotator {
  const row = ws.statement('SELECT id, name, is_local AS isLocal FROM annotators WHERE id = ?').get(id) as
    | { id: string; name: string; isLocal: number }
    | undefined;
  if (!row) throw notFound(`There is no annotator with id ${id} to review as layer ${which}.`);
  return { ...row, isLocal: row.isLocal === 1 };
}

function sessionOf(ws: Workspace, loaded: Loaded): ReviewSession {
  const rows = new Map(verdictRows(ws, loaded).map((r) => [r.key, r]));
  const differences = loaded.diff.differences.map((d) => ({ ...d, resolution: resolutionOf(rows.get(d.key)) }));
  const { a, b, relationsA, relationsB } = loaded.layers;
  const span = (x: Annotation) => ({ id: x.id, labelId: x.labelId, fragments: x.fragments });
  const link = (r: Relation) => ({ id: r.id, labelId: r.labelId, fromId: r.fromId, toId: r.toId });
  return {
    document: reviewArticle(ws, loaded.target.documentId),
    layerA: loaded.layerA,
    layerB: loaded.layerB,
    reviewed: loaded.reviewed,
    spans: { a: a.map(span), b: b.map(span) },
    links: { a: relationsA.map(link), b: relationsB.map(link) },
    differences,
    ...counts(loaded, rows),
  };
}

/** The differences whose verdict is not what it was (`before`: the verdict rows then), and the counts now. */
function updateOf(ws: Workspace, loaded: Loaded, before: VerdictRow[]): ReviewUpdate {
  const was = new Map(before.map((r) => [r.key, r]));
  const rows = new Map(verdictRows(ws, loaded).map((r) => [r.key, r]));
  const resolutions: ReviewUpdate['resolutions'] = [];
  for (const { key } of loaded.diff.differences) {
    const then = was.get(key);
    const now = rows.get(key);
    if (then === now || (then && now && sameVerdict(then, now))) continue;
    resolutions.push({ key, resolution: resolutionOf(now) });
  }
  return { reviewed: loaded.reviewed, resolutions, ...counts(loaded, rows) };
}

function counts(loaded: Loaded, rows: Map<string, VerdictRow>): Pick<ReviewSession, 'resolved' | 'total' | 'status'> {
  const total = loaded.diff.differences.length;
  let resolved = 0;
  for (const d of loaded.diff.differences) if (rows.has(d.key)) resolved++;
  return { resolved, total, status: resolved === total ? 'reviewed' : resolved === 0 ? 'not reviewed' : 'in review' };
}

function resolutionOf(row: VerdictRow | undefined): Resolution | null {
  if (!row) return null;
  return {
    verdict: row.verdict,
    comment: row.comment,
    reviewerId: row.reviewerId,
    resolvedAt: row.resolvedAt,
    reviewedIds: (JSON.parse(row.written) as Written[]).map((w) => w.id),
  };
}

function sameVerdict(x: VerdictRow, y: VerdictRow): boolean {
  return x.verdict === y.verdict && x.comment === y.comment && x.resolvedAt === y.resolvedAt && x.written === y.written;
}

function verdictRows(ws: Workspace, loaded: Loaded): VerdictRow[] {
  return ws
    .statement(
      `SELECT ${VERDICT_COLUMNS} FROM review_verdicts
       WHERE document_id = ? AND layer_a = ? AND layer_b = ? AND reviewer_id = ?`,
    )
    .all(loaded.target.documentId, loaded.layerA.id, loaded.layerB.id, loaded.reviewer.id) as VerdictRow[];
}

function verdictRow(ws: Workspace, loaded: Loaded, key: string): VerdictRow | undefined {
  return ws
    .statement(
      `SELECT ${VERDICT_COLUMNS} FROM review_verdicts
       WHERE document_id = ? AND layer_a = ? AND layer_b = ? AND reviewer_id = ? AND key = ?`,
    )
    .get(loaded.target.documentId, loaded.layerA.id, loaded.layerB.id, loaded.reviewer.id, key) as VerdictRow | undefined;
}

// --- writing verdicts ---------------------------------------------------------------------

function resolveOne(
  ws: Workspace,
  loaded: Loaded,
  difference: RawDifference,
  verdict: Verdict,
  comment: string | null,
  edit: { labelId: string; fragments: Fragment[] } | undefined,
  /** Known to have no verdict yet (accepting agreements): no need to look. */
  open = false,
): void {
  const earlier = open ? undefined : verdictRow(ws, loaded, difference.key);
  if (earlier) withdraw(ws, loaded, earlier, false);
  const written = difference.key.startsWith('link:')
    ? writeLinks(ws, loaded, difference, verdict)
    : verdict === 'edit'
      ? [writeEdit(ws, loaded, difference, edit!)]
      : writeSpans(ws, loaded, difference, verdict);
  const row = {
    documentId: loaded.target.documentId,
    layerA: loaded.layerA.id,
    layerB: loaded.layerB.id,
    key: difference.key,
    reviewerId: loaded.reviewer.id,
    reviewedLayer: loaded.reviewed.id,
    kind: difference.kind,
    verdict,
    comment: comment?.trim() ? comment : null,
    a: difference.a,
    b: difference.b,
    written,
    resolvedAt: new Date().toISOString(),
  };
  insertVerdict(ws, row);
  const after = { ...row, aIds: '', bIds: '', written: JSON.stringify(written) };
  appendEvent(ws, {
    documentId: loaded.target.documentId,
    entity: 'document',
    entityId: loaded.target.documentId,
    action: 'change',
    before: { review: earlier ? snapshotOf(loaded.layerA.id, loaded.layerB.id, earlier) : null },
    after: { review: snapshotOf(loaded.layerA.id, loaded.layerB.id, after) },
  });
}

/**
 * Deletes a verdict and what it wrote; links written to a span copy that goes lose their verdicts
 * too. `logged`: false when a new verdict replaces it (that one logs both before and after).
 */
function withdraw(ws: Workspace, loaded: Loaded, row: VerdictRow, logged = true): void {
  const gone = new Set<string>();
  for (const item of JSON.parse(row.written) as Written[]) {
    if (findAnnotation(ws, item.id)) {
      for (const relation of relationsOf(ws, item.id)) {
        putRelation(ws, relation.id, null);
        gone.add(relation.id);
      }
      putAnnotation(ws, item.id, null);
    } else if (findRelation(ws, item.id)) {
      putRelation(ws, item.id, null);
    }
  }
  ws.statement(
    'DELETE FROM review_verdicts WHERE document_id = ? AND layer_a = ? AND layer_b = ? AND reviewer_id = ? AND key = ?',
  ).run(loaded.target.documentId, loaded.layerA.id, loaded.layerB.id, loaded.reviewer.id, row.key);
  if (logged) logWithdrawal(ws, loaded.target.documentId, loaded.layerA.id, loaded.layerB.id, row);
  if (gone.size === 0) return;
  // Verdicts on links (of any pair of layers this reviewer compared here) that wrote a link now gone.
  const dependent = ws
    .statement(
      `SELECT layer_a AS layerA, layer_b AS layerB, ${VERDICT_COLUMNS} FROM review_verdicts
       WHERE document_id = ? AND reviewer_id = ? AND key LIKE 'link:%'`,
    )
    .all(loaded.target.documentId, loaded.reviewer.id) as (VerdictRow & { layerA: string; layerB: string })[];
  for (const link of dependent) {
    const written = JSON.parse(link.written) as Written[];
    if (!written.some((w) => gone.has(w.id))) continue;
    for (const w of written) putRelation(ws, w.id, null);
    ws.statement(
      'DELETE FROM review_verdicts WHERE document_id = ? AND layer_a = ? AND layer_b = ? AND reviewer_id = ? AND key = ?',
    ).run(loaded.target.documentId, link.layerA, link.layerB, loaded.reviewer.id, link.key);
    logWithdrawal(ws, loaded.target.documentId, link.layerA, link.layerB, link);
  }
}

function logWithdrawal(ws: Workspace, documentId: string, layerA: string, layerB: string, row: VerdictRow): void {
  appendEvent(ws, {
    documentId,
    entity: 'document',
    entityId: documentId,
    action: 'change',
    before: { review: snapshotOf(layerA, layerB, row) },
    after: { review: null },
  });
}

function writeSpans(ws: Workspace, loaded: Loaded, difference: RawDifference, verdict: Verdict): Written[] {
  const taken = [
    ...(verdict === 'take_a' || verdict === 'take_both' ? difference.a : []),
    ...(verdict === 'take_b' || verdict === 'take_both' ? difference.b : []),
  ].map((id) => loaded.annotations.get(id)!);
  const written: Written[] = [];
  const now = new Date().toISOString();
  for (const source of taken) {
    // Taking both of two equal spans keeps one.
    const same = written.find((w) => sameSpan(loaded.annotations.get(w.from[0]!)!, source));
    if (same) {
      same.from.push(source.id);
      continue;
    }
    const id = uuidv7();
    putAnnotation(ws, id, { ...source, id, annotatorId: loaded.reviewed.id, createdAt: now, updatedAt: now }, { absent: true });
    written.push({ id, from: [source.id] });
  }
  return written;
}

function writeEdit(ws: Workspace, loaded: Loaded, difference: RawDifference, edit: { labelId: string; fragments: Fragment[] }): Written {
  const label = getLabel(ws, edit.labelId);
  if (label.kind !== 'span') throw badInput(`“${label.name}” is a link type, not a label for spans.`);
  const { text, offsets } = documentText(ws, loaded.target.documentId);
  const fragments = [...edit.fragments].sort((p, q) => p.start - q.start);
  fragments.forEach((f, i) => {
    if (f.start >= f.end) throw badInput(`Fragment ${f.start}–${f.end} is empty: its start must be before its end.`);
    if (f.end > offsets.codePointLength) {
      throw badInput(`Fragment ${f.start}–${f.end} ends past the end of the document (${offsets.codePointLength} characters).`);
    }
    const previous = fragments[i - 1];
    if (previous && f.start < previous.end) throw badInput(`Fragments ${previous.start}–${previous.end} and ${f.start}–${f.end} overlap.`);
  });
  const now = new Date().toISOString();
  const id = uuidv7();
  const annotation: Annotation = {
    id,
    documentId: loaded.target.documentId,
    annotatorId: loaded.reviewed.id,
    labelId: label.id,
    fragments: fragments.map(({ start, end }) => ({ start, end })),
    quote: fragments.map((f) => sliceCodePoints(text, offsets, f.start, f.end)).join(' '),
    note: null,
    attributes: {},
    createdAt: now,
    updatedAt: now,
  };
  putAnnotation(ws, id, annotation, { absent: true });
  return { id, from: [...difference.a, ...difference.b] };
}

function writeLinks(ws: Workspace, loaded: Loaded, difference: RawDifference, verdict: Verdict): Written[] {
  if (verdict === 'reject') return [];
  const taken = [
    ...(verdict === 'take_a' || verdict === 'take_both' ? difference.a : []),
    ...(verdict === 'take_b' || verdict === 'take_both' ? difference.b : []),
  ].map((id) => loaded.relations.get(id)!);
  const written: Written[] = [];
  const made = new Map<string, Written>();
  const now = new Date().toISOString();
  for (const source of taken) {
    const fromId = copyOf(ws, loaded, source.fromId);
    const toId = copyOf(ws, loaded, source.toId);
    if (fromId === toId) throw badInput(`Both ends of the link ${difference.summary} are one span in the reviewed layer: a link joins two spans.`);
    const signature = `${fromId}>${toId}>${source.labelId}`;
    const same = made.get(signature);
    if (same) {
      same.from.push(source.id);
      continue;
    }
    const id = uuidv7();
    putRelation(ws, id, { ...source, id, annotatorId: loaded.reviewed.id, fromId, toId, createdAt: now, updatedAt: now }, { absent: true });
    const item = { id, from: [source.id] };
    made.set(signature, item);
    written.push(item);
  }
  return written;
}

/** Whether both ends of a link have a copy in the reviewed layer. */
function endsWritten(ws: Workspace, loaded: Loaded, relation: Relation): boolean {
  try {
    copyOf(ws, loaded, relation.fromId);
    copyOf(ws, loaded, relation.toId);
    return true;
  } catch {
    return false;
  }
}

/** The reviewed layer's span standing for an annotation of A or B: what its span's verdict wrote. */
function copyOf(ws: Workspace, loaded: Loaded, annotationId: string): string {
  const key = loaded.diff.spanKeyOf.get(annotationId)!;
  const quote = `“${loaded.annotations.get(annotationId)?.quote ?? annotationId}”`;
  const row = verdictRow(ws, loaded, key);
  if (!row) throw badInput(`Resolve the span ${quote} first: a link is taken between the spans the reviewed layer has at its ends.`);
  const written = (JSON.parse(row.written) as Written[]).filter((w) => findAnnotation(ws, w.id));
  const copy = written.find((w) => w.from.includes(annotationId)) ?? written[0];
  if (!copy) {
    throw badInput(`The reviewed layer has nothing at ${quote} (its verdict: ${verdictName(row.verdict)}), so a link to it cannot be taken.`);
  }
  return copy.id;
}

function insertVerdict(
  ws: Workspace,
  v: {
    documentId: string;
    layerA: string;
    layerB: string;
    key: string;
    reviewerId: string;
    reviewedLayer: string;
    kind: DifferenceKind;
    verdict: Verdict;
    comment: string | null;
    a: string[];
    b: string[];
    written: Written[];
    resolvedAt: string;
  },
): void {
  ws.statement(
    `INSERT INTO review_verdicts (document_id, layer_a, layer_b, key, reviewer_id, reviewed_layer, kind, verdict, comment,
                                  a_ids, b_ids, written, resolved_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    v.documentId,
    v.layerA,
    v.layerB,
    v.key,
    v.reviewerId,
    v.reviewedLayer,
    v.kind,
    v.verdict,
    v.comment,
    JSON.stringify(v.a),
    JSON.stringify(v.b),
    JSON.stringify(v.written),
    v.resolvedAt,
  );
}

/** Runs review work as one action, final at once (see the module's comment), its events carrying its id. */
function inReviewAction(ws: Workspace, documentId: string, description: string, work: () => void): void {
  const id = uuidv7();
  ws.statement(
    `INSERT INTO actions (id, document_id, annotator_id, kind, description, state, at) VALUES (?, ?, ?, 'edit', ?, 'discarded', ?)`,
  ).run(id, documentId, ws.localAnnotator.id, description, new Date().toISOString());
  ws.actionId = id;
  try {
    work();
  } finally {
    ws.actionId = null;
  }
}

function snapshotOf(layerA: string, layerB: string, row: VerdictRow) {
  return {
    layerA,
    layerB,
    key: row.key,
    kind: row.kind,
    verdict: row.verdict,
    comment: row.comment,
    reviewerId: row.reviewerId,
    written: JSON.parse(row.written) as Written[],
  };
}

function sameSpan(x: Annotation, y: Annotation): boolean {
  return (
    x.labelId === y.labelId &&
    JSON.stringify(x.fragments) === JSON.stringify(y.fragments) &&
    JSON.stringify(x.attributes) === JSON.stringify(y.attributes) &&
    x.note === y.note
  );
}

function missingDifference(key: string) {
  return notFound(`This review has no difference ${key} (the layers may have changed since it was opened): open the review again.`);
}

function verdictName(verdict: Verdict): string {
  return { take_a: 'take A', take_b: 'take B', take_both: 'take both', edit: 'edit', reject: 'reject' }[verdict];
}
