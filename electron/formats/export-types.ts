/**
 * What every exporter is given: documents one at a time, each with the annotations and links of
 * the layers chosen, everything resolved to names as well as ids. Exporters write text to a sink
 * as they go, so no export ever holds a whole corpus in memory.
 */
import type { Annotator, AttributeValue, DocumentStatus, Fragment, Label } from '../../schema/model';

export interface ExportAnnotation {
  id: string;
  labelId: string;
  /** The label's name. */
  label: string;
  annotatorId: string;
  /** The annotator's name. */
  annotator: string;
  /** Code points of the document's text, sorted, not overlapping. */
  fragments: Fragment[];
  /** The fragments' text joined by one space. */
  quote: string;
  note: string | null;
  attributes: Record<string, AttributeValue>;
  createdAt: string;
  updatedAt: string;
  /** Its id in the file it was imported from ("T4"), if it was imported. */
  externalRef: string | null;
  /** What that file said that Byline has no field for (see formats/types.ts). */
  extras: Record<string, unknown>;
}

export interface ExportRelation {
  id: string;
  labelId: string;
  /** The link type's name. */
  type: string;
  annotatorId: string;
  annotator: string;
  fromId: string;
  toId: string;
  attributes: Record<string, AttributeValue>;
  createdAt: string;
  updatedAt: string;
  externalRef: string | null;
  extras: Record<string, unknown>;
}

export interface ExportDocument {
  id: string;
  title: string;
  outlet: string | null;
  author: string | null;
  publishedAt: string | null;
  url: string | null;
  originFile: string | null;
  originFormat: string;
  /** The current version of the canonical text, and its hash. */
  version: number;
  text: string;
  sha256: string;
  createdAt: string;
  /** The local annotator's status for the document. */
  status: DocumentStatus;
  /** In document order (by first fragment, then id). */
  annotations: ExportAnnotation[];
  relations: ExportRelation[];
}

export interface ExportContext {
  /** The whole label schema (span labels and link types). */
  labels: Label[];
  /** The annotators whose layers are exported. */
  annotators: Annotator[];
  /** When the export started, ISO 8601. */
  exportedAt: string;
  /** The workspace's local annotator, who exports: the exchange file names them, and `status` is theirs. */
  exportedBy: Annotator;
}

/** Where an exporter's text goes; `write` resolves when the sink can take more. */
export interface TextSink {
  write(chunk: string): Promise<void>;
}

/** A one-file format: a header, one piece per document, a footer. */
export interface ExportWriter {
  begin(out: TextSink, context: ExportContext): Promise<void>;
  document(out: TextSink, doc: ExportDocument, context: ExportContext): Promise<void>;
  end(out: TextSink, context: ExportContext): Promise<void>;
}
