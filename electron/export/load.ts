/**
 * Documents as exporters get them (formats/export-types.ts): one at a time, with the annotations
 * and links of the chosen layers, names resolved.
 */
import type { AttributeValue, DocumentStatus, Fragment } from '../../schema/model';
import type { ExportAnnotation, ExportDocument, ExportRelation } from '../formats/export-types';
import type { Workspace } from '../store/workspace';

interface AnnotationRow extends Omit<ExportAnnotation, 'fragments' | 'attributes' | 'extras'> {
  fragments: string;
  attributes: string;
  extras: string;
}

interface RelationRow extends Omit<ExportRelation, 'attributes' | 'extras'> {
  attributes: string;
  extras: string;
}

/** `annotatorIds`: the layers to export; null for all of them. */
export function loadExportDocument(ws: Workspace, id: string, annotatorIds: readonly string[] | null): ExportDocument {
  const layer = annotatorIds ? `AND x.annotator_id IN (${annotatorIds.map(() => '?').join(',') || 'NULL'})` : '';
  const document = ws.db
    .prepare(
      `SELECT d.id, d.title, d.outlet, d.author, d.published_at AS publishedAt, d.url, d.origin_file AS originFile,
              d.origin_format AS originFormat, d.version, v.text, v.sha256, d.created_at AS createdAt,
              coalesce(s.status, 'not started') AS status
       FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.version = d.version
       LEFT JOIN document_status s ON s.document_id = d.id AND s.annotator_id = ?
       WHERE d.id = ?`,
    )
    .get(ws.localAnnotator.id, id) as Omit<ExportDocument, 'annotations' | 'relations'> & { status: DocumentStatus };
  const annotations = (
    ws.db
      .prepare(
        `SELECT x.id, x.label_id AS labelId, l.name AS label, x.annotator_id AS annotatorId, p.name AS annotator,
                (SELECT json_group_array(json_array(f.start, f."end"))
                   FROM (SELECT start, "end" FROM fragments WHERE annotation_id = x.id ORDER BY seq) f) AS fragments,
                x.quote, x.note, x.attributes, x.created_at AS createdAt, x.updated_at AS updatedAt,
                x.external_ref AS externalRef, x.extras
         FROM annotations x JOIN labels l ON l.id = x.label_id JOIN annotators p ON p.id = x.annotator_id
         WHERE x.document_id = ? ${layer}
         ORDER BY (SELECT min(start) FROM fragments WHERE annotation_id = x.id), x.id`,
      )
      .all(id, ...(annotatorIds ?? [])) as AnnotationRow[]
  ).map(
    (row): ExportAnnotation => ({
      ...row,
      fragments: (JSON.parse(row.fragments) as [number, number][]).map(([start, end]): Fragment => ({ start, end })),
      attributes: JSON.parse(row.attributes) as Record<string, AttributeValue>,
      extras: JSON.parse(row.extras) as Record<string, unknown>,
    }),
  );
  const relations = (
    ws.db
      .prepare(
        `SELECT x.id, x.label_id AS labelId, l.name AS type, x.annotator_id AS annotatorId, p.name AS annotator,
                x.from_id AS fromId, x.to_id AS toId, x.attributes, x.created_at AS createdAt, x.updated_at AS updatedAt,
                x.external_ref AS externalRef, x.extras
         FROM relations x JOIN labels l ON l.id = x.label_id JOIN annotators p ON p.id = x.annotator_id
         WHERE x.document_id = ? ${layer}
         ORDER BY x.created_at, x.rowid`,
      )
      .all(id, ...(annotatorIds ?? [])) as RelationRow[]
  ).map(
    (row): ExportRelation => ({
      ...row,
      attributes: JSON.parse(row.attributes) as Record<string, AttributeValue>,
      extras: JSON.parse(row.extras) as Record<string, unknown>,
    }),
  );
  // A link of a chosen layer may join annotations of a layer left out: without both ends it is not exported.
  const exported = new Set(annotations.map((a) => a.id));
  return { ...document, annotations, relations: relations.filter((r) => exported.has(r.fromId) && exported.has(r.toId)) };
}
