/**
 * The one contract between the renderer and whichever host runs it (Electron IPC or the HTTP test
 * host): every channel, the shape of its request (validated by both hosts before any handler
 * runs) and the type of its response.
 */
import { z } from 'zod';
import type { Channel } from './channels';
import {
  AttributeDefs,
  DocumentStatus,
  DocumentSummary,
  Fragment,
  Hotkey,
  Id,
  LabelKind,
  type Annotation,
  type Annotator,
  type ChangeResult,
  type Document,
  type HistoryState,
  type Label,
  type Relation,
} from './model';

/** Largest article text accepted, in UTF-8 bytes (files) or UTF-16 units (pasted text). */
export const MAX_TEXT_SIZE = 50 * 1024 * 1024;

export const ImportOutcome = z.discriminatedUnion('status', [
  z.object({ status: z.literal('imported'), source: z.string(), document: DocumentSummary }),
  z.object({ status: z.literal('duplicate'), source: z.string(), document: DocumentSummary }),
  z.object({ status: z.literal('failed'), source: z.string(), reason: z.string() }),
]);
export type ImportOutcome = z.infer<typeof ImportOutcome>;

export const ImportReport = z.object({
  canceled: z.boolean(),
  outcomes: z.array(ImportOutcome),
});
export type ImportReport = z.infer<typeof ImportReport>;

const none = z.object({}).strict();

/** Declares a channel: `response<T>()(requestSchema)`; the response type is checked at compile time. */
function response<Res>() {
  return <Req extends z.ZodType>(request: Req) => ({ request, response: undefined as Res });
}

const Color = z.string().regex(/^#[0-9a-f]{6}$/i, 'a color is #rrggbb');
const LabelName = z.string().trim().min(1, 'a label needs a name').max(60);
/** Attribute values as the API accepts them; null clears a value. Checked against the label's schema by the handler. */
const AttributePatch = z.record(
  z.string(),
  z.union([z.string().max(10_000), z.number().finite(), z.boolean(), z.null()]),
);
const byId = z.object({ id: Id }).strict();
const byDocument = z.object({ documentId: Id }).strict();

export interface OpenedDocument {
  document: Document;
  annotations: Annotation[];
  relations: Relation[];
  history: HistoryState;
}

export const channels = {
  'workspace.info': response<{ path: string; schemaVersion: number; annotator: Annotator }>()(none),

  'labels.list': response<Label[]>()(none),
  'labels.create': response<Label>()(
    z
      .object({
        name: LabelName,
        color: Color,
        kind: LabelKind,
        hotkey: Hotkey.nullable().default(null),
        attributes: AttributeDefs.default([]),
      })
      .strict(),
  ),
  /** Renames, recolors, rebinds or redefines a label; its annotations keep it. */
  'labels.update': response<Label>()(
    z
      .object({
        id: Id,
        name: LabelName.optional(),
        color: Color.optional(),
        hotkey: Hotkey.nullable().optional(),
        attributes: AttributeDefs.optional(),
      })
      .strict(),
  ),
  'labels.usage': response<{ annotations: number; relations: number; documents: number }>()(byId),
  /** Deletes a label and everything tagged with it. */
  'labels.delete': response<{ annotations: number; relations: number; documents: number }>()(byId),

  'library.list': response<DocumentSummary[]>()(none),
  'documents.open': response<OpenedDocument>()(byId),
  'documents.setStatus': response<DocumentSummary>()(z.object({ id: Id, status: DocumentStatus }).strict()),
  /** Asks the host for files (the OS dialog in the app) and imports each one. */
  'documents.importFiles': response<ImportReport>()(none),
  /** Imports pasted text as a new article. */
  'documents.importText': response<ImportOutcome>()(
    z.object({ text: z.string().max(MAX_TEXT_SIZE) }).strict(),
  ),

  'annotations.create': response<ChangeResult>()(
    z.object({ documentId: Id, labelId: Id, fragments: z.array(Fragment).min(1) }).strict(),
  ),
  /** Changes any of label, note, attribute values (merged; null clears) and fragments. */
  'annotations.update': response<ChangeResult>()(
    z
      .object({
        id: Id,
        labelId: Id.optional(),
        note: z.string().max(100_000).nullable().optional(),
        attributes: AttributePatch.optional(),
        fragments: z.array(Fragment).min(1).optional(),
      })
      .strict(),
  ),
  /** Deletes an annotation and its links. */
  'annotations.delete': response<ChangeResult>()(byId),

  'relations.create': response<ChangeResult>()(
    z.object({ fromId: Id, toId: Id, labelId: Id.optional() }).strict(),
  ),
  'relations.update': response<ChangeResult>()(z.object({ id: Id, labelId: Id }).strict()),
  'relations.delete': response<ChangeResult>()(byId),

  'history.undo': response<ChangeResult>()(byDocument),
  'history.redo': response<ChangeResult>()(byDocument),
} satisfies Record<Channel, { request: z.ZodType; response: unknown }>;

export { channelNames, isChannel, type Channel } from './channels';
export type RequestOf<C extends Channel> = z.infer<(typeof channels)[C]['request']>;
export type ResponseOf<C extends Channel> = (typeof channels)[C]['response'];

export type ErrorCode = 'invalid_request' | 'not_found' | 'bad_input' | 'internal';

/** What every call returns over either host: errors travel as data, never as thrown IPC errors. */
export type Reply<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code: ErrorCode; message: string } };

/** `window.byline`, as the preload (Electron) or the bridge script (test host) defines it. */
export interface BylineBridge {
  invoke(channel: string, request: unknown): Promise<Reply<unknown>>;
}
