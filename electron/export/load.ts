/**
 * Documents as exporters get them (formats/export-types.ts): one at a time, with the annotations
 * and links of the chosen layers, names resolved.
 *
 * They are read a few at a time (BATCH): with a query per document, the queries' own cost was
 * most of an export's reading (10,000 news articles: 2.1 s of queries one by one, 0.9 s eight at
 * a time), and a batch still keeps memory to a few megabytes of articles. Fragments come in a
 * query of their own and annotations are put in text order here: a subquery per annotation for
 * its fragments and another for its sort key were half of the reading.
 */
import { notFound } from '../../schema/errors';
import type { AttributeValue, DocumentStatus, Fragment } from '../../schema/model';
import type { ExportAnnotation, ExportDocument, ExportRelation } from '../formats/export-types';
import type { Workspace } from '../store/workspace';

/** Documents read together; every batch binds this many ids (the last one padded with nulls). */
const BATCH = 8;

type DocumentRow = Omit<ExportDocument, 'annotations' | 'relations'> & { status: DocumentStatus };

interface AnnotationRow extends Omit<ExportAnnotation, 'fragments' | 'attributes' | 'extras'> {
  documentId: string;
  attributes: string;
  extras: string;
}

interface FragmentRow extends Fragment {
  annotationId: string;
}

interface RelationRow extends Omit<ExportRelation, 'attributes' | 'extras'> {
  documentId: string;
  attributes: string;
  extras: string;
}

/** A JSON object column; most are `{}` (no attributes, nothing extra), which needs no parsing. */
const parseObject = (json: string): Record<string, unknown> =>
  json === '{}' ? {} : (JSON.parse(json) as Record<string, unknown>);

/** `annotatorIds`: the layers to export; null for all of them. */
export function loadExportDocument(ws: Workspace, id: string, annotatorIds: readonly string[] | null): ExportDocument {
  return loadBatch(ws, [id], annotatorIds)[0]!;
}

/** The documents `ids`, in that order, read BATCH at a time. */
export function* loadExportDocuments(
  ws: Workspace,
  ids: readonly string[],
  annotatorIds: readonly string[] | null,
): Generator<ExportDocument, void, undefined> {
  for (let i = 0; i < ids.length; i += BATCH) yield* loadBatch(ws, ids.slice(i, i + BATCH), annotatorIds);
}

/**
 * Up to BATCH documents with three queries, prepared once per workspace (and number of layers):
 * preparing them for every document cost as much as running them.
 */
function loadBatch(ws: Workspace, ids: readonly string[], annotatorIds: readonly string[] | null): ExportDocument[] {
  const marks = Array<string>(BATCH).fill('?').join(',');
  const padded = [...ids, ...Array<null>(BATCH - ids.length).fill(null)];
  const layer = annotatorIds ? `AND x.annotator_id IN (${annotatorIds.map(() => '?').join(',') || 'NULL'})` : '';
  const layers = annotatorIds ?? [];

  const documents = ws
    .statement(
      `SELECT d.id, d.title, d.outlet, d.author, d.published_at AS publishedAt, d.url, d.origin_file AS originFile,
              d.origin_format AS originFormat, d.version, v.text, v.sha256, d.created_at AS createdAt,
              coalesce(s.status, 'not started') AS status
       FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.version = d.version
       LEFT JOIN document_status s ON s.document_id = d.id AND s.annotator_id = ?
       WHERE d.id IN (${marks})`,
    )
    .all(ws.localAnnotator.id, ...padded) as DocumentRow[];

  const fragments = new Map<string, Fragment[]>();
  const fragmentRows = ws
    .statement(
      `SELECT f.annotation_id AS annotationId, f.start, f."end"
       FROM annotations x JOIN fragments f ON f.annotation_id = x.id
       WHERE x.document_id IN (${marks}) ${layer}
       ORDER BY f.annotation_id, f.seq`,
    )
    .all(...padded, ...layers) as FragmentRow[];
  for (const { annotationId, start, end } of fragmentRows) {
    const own = fragments.get(annotationId);
    if (own) own.push({ start, end });
    else fragments.set(annotationId, [{ start, end }]);
  }

  const annotations = groupByDocument(
    ws
      .statement(
        `SELECT x.document_id AS documentId, x.id, x.label_id AS labelId, l.name AS label, x.annotator_id AS annotatorId,
                p.name AS annotator, x.quote, x.note, x.attributes, x.created_at AS createdAt, x.updated_at AS updatedAt,
                x.external_ref AS externalRef, x.extras
         FROM annotations x JOIN labels l ON l.id = x.label_id JOIN annotators p ON p.id = x.annotator_id
         WHERE x.document_id IN (${marks}) ${layer}`,
      )
      .all(...padded, ...layers) as AnnotationRow[],
    ({ documentId: _, ...row }): ExportAnnotation => ({
      ...row,
      fragments: fragments.get(row.id) ?? [],
      attributes: parseObject(row.attributes) as Record<string, AttributeValue>,
      extras: parseObject(row.extras),
    }),
  );
  for (const own of annotations.values()) own.sort(byTextOrder);

  const relations = groupByDocument(
    ws
      .statement(
        `SELECT x.document_id AS documentId, x.id, x.label_id AS labelId, l.name AS type, x.annotator_id AS annotatorId,
                p.name AS annotator, x.from_id AS fromId, x.to_id AS toId, x.attributes, x.created_at AS createdAt,
                x.updated_at AS updatedAt, x.external_ref AS externalRef, x.extras
         FROM relations x JOIN labels l ON l.id = x.label_id JOIN annotators p ON p.id = x.annotator_id
         WHERE x.document_id IN (${marks}) ${layer}
         ORDER BY x.document_id, x.created_at, x.rowid`,
      )
      .all(...padded, ...layers) as RelationRow[],
    ({ documentId: _, ...row }): ExportRelation => ({
      ...row,
      attributes: parseObject(row.attributes) as Record<string, AttributeValue>,
      extras: parseObject(row.extras),
    }),
  );

  const byId = new Map(documents.map((d) => [d.id, d]));
  return ids.map((id): ExportDocument => {
    const document = byId.get(id);
    if (!document) throw notFound(`There is no document with id ${id} in this workspace (was it deleted during the export?).`);
    const own = annotations.get(id) ?? [];
    // A link of a chosen layer may join annotations of a layer left out: without both ends it is not exported.
    const exported = new Set(own.map((a) => a.id));
    const links = (relations.get(id) ?? []).filter((r) => exported.has(r.fromId) && exported.has(r.toId));
    return { ...document, annotations: own, relations: links };
  });
}

/** Text order: by where an annotation starts (its earliest fragment), then by id. */
function byTextOrder(a: ExportAnnotation, b: ExportAnnotation): number {
  return firstStart(a) - firstStart(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const firstStart = (a: ExportAnnotation) => a.fragments.reduce((min, f) => Math.min(min, f.start), Infinity);

/** Rows of several documents, each turned into what exporters get, by document in their order. */
function groupByDocument<R extends { documentId: string }, T>(rows: R[], convert: (row: R) => T): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.documentId);
    if (group) group.push(convert(row));
    else groups.set(row.documentId, [convert(row)]);
  }
  return groups;
}
