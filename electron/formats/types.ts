/**
 * What every importer produces: documents in their stored text (schema/text.ts storedText), with whatever annotations, links
 * and label schema the file carries, in Byline's terms. The store writes these (store/ingest.ts);
 * importers never touch the workspace.
 */
import type { ImportWarning } from '../../schema/api';
import type { AttributeDef, AttributeValue, Fragment } from '../../schema/model';

export interface ImportedAnnotation {
  /** The annotation's id in the source file ("T4" in brat, a region id in Label Studio). */
  ref: string;
  /** Name of a span label. */
  label: string;
  /** Code points of the document's text, sorted, not overlapping. */
  fragments: Fragment[];
  attributes: Record<string, AttributeValue>;
  note: string | null;
  /** What the source says that Byline has no field for, kept so that nothing is lost. */
  extras: Record<string, unknown>;
}

export interface ImportedRelation {
  /** The link's id in the source ("R2"; for a brat event "E1", shared by all its roles). */
  ref: string;
  /** Name of a relation label (a link type, or an event role). */
  type: string;
  /** `ref`s of annotations of the same document. */
  from: string;
  to: string;
  extras: Record<string, unknown>;
}

export interface ImportedLabel {
  name: string;
  kind: 'span' | 'relation';
  attributes: AttributeDef[];
}

export interface ImportedDocument {
  /** The file it came from, for messages and the library's origin column. */
  source: string;
  /** 'text', 'markdown', 'html', 'docx', 'brat', 'doccano', 'prodigy', 'label-studio'. */
  format: string;
  title: string;
  /** The text as decoded from its file, without a BOM (schema/text.ts storedText); every offset counts its code points. */
  text: string;
  outlet: string | null;
  author: string | null;
  /** ISO 8601 date or date-time, as precise as the source says. */
  publishedAt: string | null;
  url: string | null;
  /** Whose annotations these are; null when the file does not say (the person chooses). */
  annotator: string | null;
  annotations: ImportedAnnotation[];
  relations: ImportedRelation[];
  /** Labels and link types the file declares or uses, with their attributes. */
  labels: ImportedLabel[];
  /** Lines read with a difference, or left out, while the rest of the file was imported. */
  warnings?: ImportWarning[];
}

/** A document without annotations, from a file that is only an article. */
export function articleDocument(
  fields: Pick<ImportedDocument, 'source' | 'format' | 'title' | 'text'> &
    Partial<Pick<ImportedDocument, 'outlet' | 'author' | 'publishedAt' | 'url'>>,
): ImportedDocument {
  return {
    outlet: null,
    author: null,
    publishedAt: null,
    url: null,
    ...fields,
    annotator: null,
    annotations: [],
    relations: [],
    labels: [],
  };
}
