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

export const Label = z.object({
  id: Id,
  name: z.string().min(1),
  color: z.string().regex(/^#[0-9a-f]{6}$/i),
  hotkey: z.string().nullable(),
  kind: z.enum(['span', 'relation']),
  position: z.int(),
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
  createdAt: z.string(),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

export const Document = DocumentSummary.extend({
  version: z.int().positive(),
  text: z.string(),
});
export type Document = z.infer<typeof Document>;
