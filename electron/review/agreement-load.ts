/**
 * What agreement reads from the workspace: which articles of the scope each annotator worked on,
 * then the articles' texts with those annotators' spans and links, a few articles per query with
 * statements prepared once (see export/load.ts for why batches).
 */
import { notFound } from '../../schema/errors';
import type { Fragment } from '../../schema/model';
import type { AgreementRequest } from '../../schema/review';
import type { Workspace } from '../store/workspace';

const BATCH = 16;

export interface LayerSpan {
  id: string;
  labelId: string;
  /** Sorted by start. */
  fragments: Fragment[];
  attributes: Record<string, unknown>;
}

export interface LayerLink {
  labelId: string;
  fromId: string;
  toId: string;
}

export interface Layer {
  spans: LayerSpan[];
  links: LayerLink[];
}

export interface AgreementDocument {
  id: string;
  text: string;
  /** The layers of the annotators who worked on it (see `worked`), by annotator id. */
  layers: Map<string, Layer>;
}

/**
 * The articles of the scope that at least one of `annotatorIds` worked on, in id order, each with
 * who did: an annotator worked on an article when they tagged something in it or marked it done.
 * The others are missing for it, not "tagged nothing".
 */
export function scopeDocuments(
  ws: Workspace,
  scope: AgreementRequest['scope'],
  annotatorIds: readonly string[],
): Map<string, Set<string>> {
  const marks = annotatorIds.map(() => '?').join(',');
  let within = '';
  const bound: string[] = [];
  if (scope.kind === 'document') {
    if (!ws.statement('SELECT 1 FROM documents WHERE id = ?').get(scope.id)) throw notFound(`There is no article with id ${scope.id}.`);
    within = 'AND document_id = ?';
    bound.push(scope.id);
  } else if (scope.kind === 'collection') {
    if (!ws.statement('SELECT 1 FROM collections WHERE id = ?').get(scope.id)) throw notFound(`There is no collection with id ${scope.id}.`);
    within = 'AND document_id IN (SELECT document_id FROM collection_documents WHERE collection_id = ?)';
    bound.push(scope.id);
  }
  const rows = ws
    .statement(
      `SELECT DISTINCT document_id AS documentId, annotator_id AS annotatorId FROM annotations
       WHERE annotator_id IN (${marks}) ${within}
       UNION
       SELECT document_id, annotator_id FROM document_status
       WHERE status = 'done' AND annotator_id IN (${marks}) ${within}
       ORDER BY 1`,
    )
    .all(...annotatorIds, ...bound, ...annotatorIds, ...bound) as { documentId: string; annotatorId: string }[];
  const worked = new Map<string, Set<string>>();
  for (const { documentId, annotatorId } of rows) {
    const who = worked.get(documentId);
    if (who) who.add(annotatorId);
    else worked.set(documentId, new Set([annotatorId]));
  }
  return worked;
}

/** document id, annotator id, annotation id, label id, attributes (JSON), start, end. */
type FragmentRow = [string, string, string, string, string, number, number];
/** document id, annotator id, label id, from id, to id. */
type LinkRow = [string, string, string, string, string];

/** The articles `worked` names, BATCH at a time, with the layers of those who worked on each. */
export function* loadAgreementDocuments(
  ws: Workspace,
  worked: Map<string, Set<string>>,
  annotatorIds: readonly string[],
): Generator<AgreementDocument, void, undefined> {
  const ids = [...worked.keys()];
  const marks = Array<string>(BATCH).fill('?').join(',');
  const layerMarks = annotatorIds.map(() => '?').join(',');
  const texts = ws.statement(
    `SELECT d.id, v.text FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.version = d.version
     WHERE d.id IN (${marks})`,
  );
  // Rows as arrays: a hundred thousand objects with named fields cost more than the query.
  const fragments = ws
    .statement(
      `SELECT x.document_id, x.annotator_id, x.id, x.label_id, x.attributes, f.start, f."end"
       FROM annotations x JOIN fragments f ON f.annotation_id = x.id
       WHERE x.document_id IN (${marks}) AND x.annotator_id IN (${layerMarks})`,
    )
    .raw(true);
  const links = ws
    .statement(
      `SELECT document_id, annotator_id, label_id, from_id, to_id
       FROM relations WHERE document_id IN (${marks}) AND annotator_id IN (${layerMarks})`,
    )
    .raw(true);

  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const padded = [...batch, ...Array<null>(BATCH - batch.length).fill(null)];
    const documents = new Map<string, AgreementDocument>();
    for (const { id, text } of texts.all(...padded) as { id: string; text: string }[]) {
      const layers = new Map<string, Layer>([...worked.get(id)!].map((a) => [a, { spans: [], links: [] }]));
      documents.set(id, { id, text, layers });
    }
    const spans = new Map<string, LayerSpan>();
    for (const [documentId, annotatorId, id, labelId, attributes, start, end] of fragments.all(...padded, ...annotatorIds) as FragmentRow[]) {
      const seen = spans.get(id);
      if (seen) {
        seen.fragments.push({ start, end });
        if (start < seen.fragments.at(-2)!.start) seen.fragments.sort((x, y) => x.start - y.start);
        continue;
      }
      const span: LayerSpan = {
        id,
        labelId,
        fragments: [{ start, end }],
        attributes: attributes === '{}' ? {} : (JSON.parse(attributes) as Record<string, unknown>),
      };
      spans.set(id, span);
      documents.get(documentId)?.layers.get(annotatorId)?.spans.push(span);
    }
    for (const [documentId, annotatorId, labelId, fromId, toId] of links.all(...padded, ...annotatorIds) as LinkRow[]) {
      documents.get(documentId)?.layers.get(annotatorId)?.links.push({ labelId, fromId, toId });
    }
    for (const id of batch) {
      const document = documents.get(id);
      if (!document) throw notFound(`There is no article with id ${id} (was it deleted meanwhile?).`);
      yield document;
    }
  }
}
