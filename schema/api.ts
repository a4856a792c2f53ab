/**
 * The one contract between the renderer and whichever host runs it (Electron IPC or the HTTP test
 * host): every channel, the shape of its request (validated by both hosts before any handler
 * runs) and the type of its response.
 */
import { z } from 'zod';
import type { Channel } from './channels';
import { Annotation, Annotator, Document, DocumentSummary, Fragment, Id, Label } from './model';

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

export const channels = {
  'workspace.info': response<{ path: string; schemaVersion: number; annotator: Annotator }>()(none),
  'labels.list': response<Label[]>()(none),
  'library.list': response<DocumentSummary[]>()(none),
  'documents.open': response<{ document: Document; annotations: Annotation[] }>()(
    z.object({ id: Id }).strict(),
  ),
  /** Asks the host for files (the OS dialog in the app) and imports each one. */
  'documents.importFiles': response<ImportReport>()(none),
  /** Imports pasted text as a new article. */
  'documents.importText': response<ImportOutcome>()(
    z.object({ text: z.string().max(MAX_TEXT_SIZE) }).strict(),
  ),
  'annotations.create': response<Annotation>()(
    z.object({ documentId: Id, labelId: Id, fragments: z.array(Fragment).min(1) }).strict(),
  ),
  'annotations.setLabel': response<Annotation>()(z.object({ id: Id, labelId: Id }).strict()),
  'annotations.delete': response<{ id: string }>()(z.object({ id: Id }).strict()),
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
