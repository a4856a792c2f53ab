import { z } from 'zod';

/** UUID v7 ids: time-ordered, so ids from different workspaces merge without clashes. */
export const Id = z.uuid();

/** `[start, end)` in Unicode code points of the document's canonical text. */
export const Fragment = z
  .object({
    start: z.int().nonnegative(),
    end: z.int().positive(),
  })
  .refine((f) => f.start < f.end, { message: 'start must be before end' });
export type Fragment = z.infer<typeof Fragment>;

/** A key for attribute values: letters, digits and underscores. */
const AttributeKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'use letters, digits and _');

/** One attribute a label's annotations (or links) can carry. */
export const AttributeDef = z.discriminatedUnion('type', [
  z.object({
    key: AttributeKey,
    name: z.string().trim().min(1).max(60),
    type: z.literal('choice'),
    options: z.array(z.string().trim().min(1).max(80)).min(1).max(50),
  }),
  z.object({ key: AttributeKey, name: z.string().trim().min(1).max(60), type: z.literal('boolean') }),
  z.object({ key: AttributeKey, name: z.string().trim().min(1).max(60), type: z.literal('text') }),
  z.object({ key: AttributeKey, name: z.string().trim().min(1).max(60), type: z.literal('number') }),
]);
export type AttributeDef = z.infer<typeof AttributeDef>;

export const AttributeDefs = z
  .array(AttributeDef)
  .max(30)
  .refine((defs) => new Set(defs.map((d) => d.key)).size === defs.length, {
    message: 'attribute keys must be different from each other',
  });

/** The value an attribute of each type takes; null means "not set". */
export type AttributeValue = string | number | boolean;

export const LabelKind = z.enum(['span', 'relation']);

/** Hotkeys are the digits 1-9. */
export const Hotkey = z.string().regex(/^[1-9]$/, 'a hotkey is one of the digits 1-9');

export const Label = z.object({
  id: Id,
  name: z.string().min(1),
  color: z.string().regex(/^#[0-9a-f]{6}$/i),
  hotkey: Hotkey.nullable(),
  kind: LabelKind,
  position: z.int(),
  attributes: AttributeDefs,
});
export type Label = z.infer<typeof Label>;

export const Annotator = z.object({
  id: Id,
  name: z.string(),
  isLocal: z.boolean(),
});
export type Annotator = z.infer<typeof Annotator>;

export const Annotation = z.object({
  id: Id,
  documentId: Id,
  annotatorId: Id,
  labelId: Id,
  fragments: z.array(Fragment).min(1),
  /** The fragments' text joined by one space, as brat does. */
  quote: z.string(),
  note: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Annotation = z.infer<typeof Annotation>;

/** A link from one annotation to another of the same document, typed by a relation label. */
export const Relation = z.object({
  id: Id,
  documentId: Id,
  annotatorId: Id,
  labelId: Id,
  fromId: Id,
  toId: Id,
  attributes: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Relation = z.infer<typeof Relation>;

export const DocumentStatus = z.enum(['not started', 'in progress', 'done']);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

export const DocumentSummary = z.object({
  id: Id,
  title: z.string(),
  outlet: z.string().nullable(),
  author: z.string().nullable(),
  publishedAt: z.string().nullable(),
  url: z.string().nullable(),
  originFile: z.string().nullable(),
  originFormat: z.string(),
  sha256: z.string(),
  /** Length of the canonical text in code points. */
  length: z.int(),
  annotationCount: z.int(),
  wordCount: z.int(),
  /** The local annotator's status for this document. */
  status: DocumentStatus,
  createdAt: z.string(),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

export const Document = DocumentSummary.extend({
  version: z.int().positive(),
  text: z.string(),
});
export type Document = z.infer<typeof Document>;

/** What a change did to a document's annotations and links, for the renderer to apply. */
export interface Changes {
  annotations: { put: Annotation[]; deleted: string[] };
  relations: { put: Relation[]; deleted: string[] };
}

/** What Undo and Redo would do next in a document, described for their buttons. */
export interface HistoryState {
  undo: string | null;
  redo: string | null;
}

/** The reply to every change of annotations or links. */
export interface ChangeResult {
  changes: Changes;
  history: HistoryState;
  /** The article as it is now, when the change gave it another text (an edit, a revert, or undoing one). */
  document?: Document;
}

/** A committed text of an article. */
export interface TextVersion {
  version: number;
  sha256: string;
  /** In code points. */
  length: number;
  createdAt: string;
  /** The version it was edited from; null for a text that was imported. */
  baseVersion: number | null;
  /** Who edited it; null for a text that was imported. */
  author: string | null;
  /** What the edit did, in words ("Edited the text", "Replaced “andnbsp” with “ ” (2)"). */
  description: string | null;
  current: boolean;
}

/** A row of the library: an article with its counts per label (by label id). */
export interface LibraryRow extends DocumentSummary {
  labelCounts: Record<string, number>;
  /** With a search: where the words were found, the matches between \u0002 and \u0003. */
  snippet: string | null;
}

/** A page of the library: its rows, and how many rows there are in all. */
export interface LibraryPage {
  total: number;
  /** True when a search found more than `total` (it stops counting there). */
  more: boolean;
  rows: LibraryRow[];
}

export interface Collection {
  id: string;
  name: string;
  size: number;
}
