/**
 * The one contract between the renderer and whichever host runs it (Electron IPC or the HTTP test
 * host): every channel, the shape of its request (validated by both hosts before any handler
 * runs) and the type of its response.
 */
import type { Command } from './commands';
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
  type Collection,
  type LibraryPage,
  type Document,
  type HistoryState,
  type Label,
  type Relation,
  type TextVersion,
} from './model';
import { ReplaceApply, ReplaceRule, ReplaceScope, type FixSuggestion, type ReplaceOutcome, type ReplacePreview } from './find-replace';
import { TextEdit } from './text-edits';
import { AcceptSuggestions, RejectSuggestions, type ArticleSuggestions } from './suggestions';
import { TeamConnect, type TeamStatus } from './team';
import { AnalyticsFilters, MergeSources, SpansRequest, type AnalyticsReport, type SpansList } from './analytics';
import { AgreementRequest, ResolveRequest, ReviewTarget, type AgreementReport, type ReviewSession, type ReviewUpdate, type VerdictRecord } from './review';

/** Largest article text accepted, in UTF-8 bytes (files) or UTF-16 units (pasted text). */
export const MAX_TEXT_SIZE = 50 * 1024 * 1024;

/**
 * An annotation or link of an imported file that could not be placed on this workspace's text of
 * its article (the file's text differs, and the edits made here since, or its quote, do not
 * place it), and why.
 */
export interface NotAnchored {
  /** The article's title and id. */
  document: string;
  kind: 'annotation' | 'link';
  id: string;
  quote: string;
  reason: string;
}

/**
 * Something an importer noticed in a file it imported all the same: a line read with a
 * difference (a brat text field that differs from the article only in whitespace), or a line left
 * out because it is broken (offsets past the end of the article) while the rest of the file is fine.
 */
export interface ImportWarning {
  /** The line of the file it is about, when it is about one. */
  line: number | null;
  /** 'kept': the line was imported, and the message says what differed; 'left out': it was not, and the message says why. */
  kind: 'kept' | 'left out';
  /** Names the file and line, and what differed or why. */
  message: string;
}

/** What became of one file (or pasted text) of an import. */
export type ImportOutcome =
  | {
      status: 'imported';
      source: string;
      /** How many articles it added (a dataset file can hold many). */
      documents: number;
      annotations: number;
      relations: number;
      /** Review verdicts an exchange file brought (a review sent back). */
      verdicts?: number;
      /** The first (often the only) article the file holds. */
      document: DocumentSummary;
      /** What could not be placed on a text that differs here (edited since, or a colleague's); the rest is imported. */
      notAnchored?: NotAnchored[];
      /** What the file had that was read with a difference, or left out; the rest is imported. */
      warnings?: ImportWarning[];
    }
  | {
      status: 'duplicate';
      source: string;
      documents: number;
      document: DocumentSummary;
      notAnchored?: NotAnchored[];
      warnings?: ImportWarning[];
    }
  | { status: 'failed'; source: string; reason: string }
  | { status: 'canceled'; source: string };

export interface ImportReport {
  jobId: string;
  canceled: boolean;
  outcomes: ImportOutcome[];
}

/** How an export ended. */
export type ExportOutcome =
  | { status: 'exported'; path: string; documents: number; annotations: number; relations: number; bytes: number }
  | { status: 'failed' | 'canceled'; reason: string };

/** What the host tells the renderer without being asked (over IPC, or Server-Sent Events). */
export type HostEvent =
  | { type: 'job.progress'; jobId: string; kind: 'import' | 'export'; done: number; total: number; current: string | null }
  | { type: 'import.finished'; report: ImportReport }
  | { type: 'export.finished'; jobId: string; outcome: ExportOutcome }
  /** A menu item (or another host-side trigger) asks the renderer to run one of its commands. */
  | { type: 'command'; command: Command }
  /** The host opened another workspace on its own (a file given to a second launch): the renderer starts over. */
  | { type: 'workspace.switched'; path: string }
  /** The OS asked to open files to import (a second launch, a file dropped on the dock icon): see imports.takeRequested. */
  | { type: 'imports.requested' }
  /** The team connection's state changed (electron/team). */
  | { type: 'team.status'; status: TeamStatus }
  /** A sync brought colleagues' annotations or links of these documents: views showing them load them again. */
  | { type: 'team.changed'; documentIds: string[] };

/** A workspace opened lately, most recent first; `missing` when its file is no longer there. */
export interface RecentWorkspace {
  path: string;
  /** The file's name without its folder and extension. */
  name: string;
  missing: boolean;
  /** Whether it is the workspace open now. */
  current: boolean;
}

export type BackupReason = 'before-migration' | 'daily' | 'before-restore';

/** One backup of the open workspace (electron/store/backup.ts). */
export interface BackupInfo {
  /** The file's name in the backups folder; what backups.restore takes. */
  name: string;
  /** When it was taken, ISO 8601 UTC. */
  takenAt: string;
  /** before-restore: the file a restore put aside. */
  reason: BackupReason;
  schemaVersion: number;
  bytes: number;
}

/** Help > About: what is running, for a bug report. */
export interface AboutInfo {
  name: string;
  version: string;
  /** "Electron", or "test host" when the app runs in a browser over the test host. */
  host: string;
  /** Electron, Chromium, Node and V8, as far as the host has them. */
  versions: { name: string; version: string }[];
  sqlite: string;
  workspace: { path: string; schemaVersion: number };
}

export const ExportFormat = z.enum(['exchange', 'exchange-gz', 'spacy-jsonl', 'prodigy-jsonl', 'doccano-jsonl', 'csv', 'w3c', 'conll', 'brat']);

export const ExportScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('documents'), ids: z.array(z.uuid()).min(1).max(100_000) }).strict(),
  z.object({ kind: z.literal('search'), search: z.string().min(1).max(500) }).strict(),
  z.object({ kind: z.literal('collection'), id: z.uuid() }).strict(),
]);

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
/** A calendar date, YYYY-MM-DD (a full ISO date-time is accepted too). */
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/, 'a date is YYYY-MM-DD');
const byDocument = z.object({ documentId: Id }).strict();
/** A file or folder on this computer, as the OS named it. */
const FilePath = z.string().min(1, 'a path cannot be empty').max(4096);

export interface OpenedDocument {
  document: Document;
  annotations: Annotation[];
  relations: Relation[];
  history: HistoryState;
  /** Review verdicts on this article's differences (schema/review.ts), newest first. */
  verdicts: VerdictRecord[];
}

export const channels = {
  /**
   * `nameChosen`: whether the person has named the local annotator yet (the app asks until they do).
   * `readOnly`: why the workspace is open read-only (it failed its integrity check), else null.
   */
  'workspace.info': response<{ path: string; schemaVersion: number; annotator: Annotator; nameChosen: boolean; readOnly: string | null }>()(none),
  /**
   * Waits for the integrity check the app runs off the main thread after opening a workspace
   * (seconds on a large one), and says why it is read-only, or null when it is sound.
   */
  'workspace.integrity': response<{ readOnly: string | null }>()(none),
  /** The backups of the open workspace, newest first. */
  'backups.list': response<BackupInfo[]>()(none),
  /**
   * Puts a listed backup in place of the workspace and reopens it; the current file is moved
   * aside into the backups folder (`movedAside`), never overwritten.
   */
  'backups.restore': response<{ restored: string; movedAside: string }>()(
    z.object({ name: z.string().min(1).max(200) }).strict(),
  ),

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

  /** A page of the library, sorted and filtered, or the hits of a search. */
  'library.query': response<LibraryPage>()(
    z
      .object({
        offset: z.int().nonnegative(),
        limit: z.int().min(1).max(500),
        sort: z.enum(['relevance', 'title', 'outlet', 'published', 'words', 'annotations', 'status', 'added']),
        descending: z.boolean(),
        search: z.string().max(500).nullable().optional(),
        outlet: z.string().max(300).nullable().optional(),
        from: IsoDate.nullable().optional(),
        to: IsoDate.nullable().optional(),
        status: DocumentStatus.nullable().optional(),
        label: z.object({ id: Id, present: z.boolean() }).strict().nullable().optional(),
        collectionId: Id.nullable().optional(),
      })
      .strict(),
  ),
  'library.outlets': response<string[]>()(none),
  'collections.list': response<Collection[]>()(none),
  'collections.create': response<Collection>()(z.object({ name: z.string().max(200) }).strict()),
  'collections.delete': response<null>()(byId),
  /** Adds documents to a collection; replies with its new size. */
  'collections.add': response<number>()(z.object({ id: Id, documentIds: z.array(Id).max(100_000) }).strict()),
  'collections.remove': response<number>()(z.object({ id: Id, documentIds: z.array(Id).max(100_000) }).strict()),
  'documents.open': response<OpenedDocument>()(byId),
  'documents.setStatus': response<DocumentSummary>()(z.object({ id: Id, status: DocumentStatus }).strict()),
  /** Edits an article's title, outlet, author, publication date or URL (blank clears). */
  'documents.update': response<DocumentSummary>()(
    z
      .object({
        id: Id,
        title: z.string().trim().min(1, 'an article needs a title').max(500).optional(),
        outlet: z.string().max(300).nullable().optional(),
        author: z.string().max(300).nullable().optional(),
        publishedAt: z.union([IsoDate, z.literal('')]).nullable().optional(),
        url: z.union([z.url({ protocol: /^https?$/ }), z.literal('')]).nullable().optional(),
      })
      .strict(),
  ),
  /**
   * Asks for files or a folder (the OS dialog in the app) and imports them in the background;
   * progress and the report arrive as HostEvents. `annotator` owns annotations from files that
   * do not name theirs.
   */
  'imports.start': response<{ jobId: string } | null>()(
    z.object({ what: z.enum(['files', 'folder']), annotator: z.string().trim().min(1).max(100) }).strict(),
  ),
  /**
   * Asks where to write (the OS save dialog in the app) and exports in the background; progress
   * and the outcome arrive as HostEvents. `annotatorIds`: the layers; null for all.
   */
  'exports.start': response<{ jobId: string } | null>()(
    z
      .object({
        format: ExportFormat,
        scope: ExportScope,
        annotatorIds: z.array(Id).min(1).nullable(),
        onlyDone: z.boolean(),
      })
      .strict(),
  ),
  /** Stops an import after the file it is on (what was stored stays), or an export (nothing is left). */
  'jobs.cancel': response<null>()(z.object({ jobId: z.string() }).strict()),
  'annotators.list': response<Annotator[]>()(none),
  /** Renames the local annotator (the name others see on this workspace's exported layer). */
  'annotators.rename': response<Annotator>()(
    z
      .object({
        name: z
          .string()
          .trim()
          .min(1, 'your name cannot be blank')
          .refine((name) => [...name].length <= 100, 'your name can be at most 100 characters'),
      })
      .strict(),
  ),

  /** The article a review shows (its title and text), to lay it out while review.open compares the layers. */
  'review.article': response<ReviewSession['document']>()(byId),
  /** The differences between two layers of an article, with the verdicts given so far. */
  'review.open': response<ReviewSession>()(ReviewTarget),
  /** Records a verdict on one difference (again: replaces it), writing the reviewed layer; replies with what changed. */
  'review.resolve': response<ReviewUpdate>()(ResolveRequest),
  /** Withdraws the verdict on one difference, and what it put into the reviewed layer. */
  'review.unresolve': response<ReviewUpdate>()(ReviewTarget.extend({ key: z.string().min(1).max(200) }).strict()),
  /** Takes every `agree` difference without a verdict into the reviewed layer, in one step. */
  'review.acceptAgreements': response<ReviewUpdate>()(ReviewTarget),
  /** Agreement figures between annotators over an article, a collection or the workspace. */
  'agreement.compute': response<AgreementReport>()(AgreementRequest),
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

  /** Asks where to create a workspace (the OS save dialog) and switches to it; null when canceled. */
  'workspace.new': response<{ path: string } | null>()(none),
  /** Asks for a workspace file (the OS open dialog) and switches to it; null when canceled. */
  'workspace.open': response<{ path: string } | null>()(none),
  /** Switches to a workspace opened before; a file that is gone is refused and leaves the list. */
  'workspace.openRecent': response<{ path: string }>()(z.object({ path: FilePath }).strict()),
  'workspace.recent': response<RecentWorkspace[]>()(none),
  /**
   * Imports files and folders the OS handed over (dropped on the window, or opened with Byline),
   * in the background like imports.start.
   */
  'imports.startPaths': response<{ jobId: string }>()(
    z.object({ paths: z.array(FilePath).min(1).max(10_000), annotator: z.string().trim().min(1).max(100) }).strict(),
  ),
  /** The files the OS asked to open since the last call (see the imports.requested HostEvent). */
  'imports.takeRequested': response<string[]>()(none),
  'app.about': response<AboutInfo>()(none),

  /**
   * Commits edits of an article's text (schema/text-edits.ts) as a new version, made from
   * `baseVersion` (refused when the article is at another version now), and moves every
   * annotation with them, as one undoable action. Refused when it would leave the text empty.
   */
  'documents.editText': response<ChangeResult>()(
    z
      .object({
        id: Id,
        baseVersion: z.int().positive(),
        edits: z.array(TextEdit).min(1).max(100_000),
        description: z.string().trim().min(1).max(300).optional(),
      })
      .strict(),
  ),
  /** Every text the article has had, newest first. */
  'documents.versions': response<TextVersion[]>()(byId),
  'documents.versionText': response<{ version: number; text: string }>()(
    z.object({ id: Id, version: z.int().positive() }).strict(),
  ),
  /** Makes an earlier version's text current again, as a new version; annotations move with the difference. */
  'documents.revert': response<ChangeResult>()(z.object({ id: Id, version: z.int().positive() }).strict()),
  /** The suggested fixes for scraping artifacts that apply to an article or a collection, with counts. */
  'text.suggestFixes': response<FixSuggestion[]>()(z.object({ scope: ReplaceScope }).strict()),
  /** Every change a rule would make, and its effect on annotations; changes nothing. */
  'text.preview': response<ReplacePreview>()(z.object({ rule: ReplaceRule, scope: ReplaceScope }).strict()),
  /** Makes the chosen changes of a preview, each article's as a new version (one undoable action per article). */
  'text.replace': response<ReplaceOutcome>()(ReplaceApply),

  /** Every figure of sourcing analytics for a scope and filters (electron/analytics), counted in a worker. */
  'analytics.compute': response<AnalyticsReport>()(AnalyticsFilters),
  /** The spans behind one bar, cell or row of the analytics. */
  'analytics.spans': response<SpansList>()(SpansRequest),
  /** Counts sources (by key) as another from now on, in every figure. */
  'analytics.mergeSources': response<null>()(MergeSources),
  'analytics.unmergeSource': response<null>()(z.object({ key: z.string().min(1).max(2000) }).strict()),
  /** What Byline suggests in an article (electron/suggest), worked out off the main thread. */
  'suggestions.list': response<ArticleSuggestions>()(byDocument),
  /** Takes suggestions into the person's layer, with their links, as one undoable action logged as "suggested". */
  'suggestions.accept': response<ChangeResult>()(AcceptSuggestions),
  /** Rejects suggestions for good (where the same words stay). */
  'suggestions.reject': response<null>()(RejectSuggestions),
  /** Turns the suggestions of one article off, or on again. */
  'suggestions.setOff': response<null>()(z.object({ documentId: Id, off: z.boolean() }).strict()),

  /** The team connection as the top bar shows it (electron/team): local, synced, N waiting, offline, error. */
  'team.status': response<TeamStatus>()(none),
  /** Connects the workspace to a team server as a PostgreSQL role; answers once connected, and syncs on in the background. */
  'team.connect': response<TeamStatus>()(TeamConnect),
  /** Stops syncing; everything stays in the workspace. */
  'team.disconnect': response<TeamStatus>()(none),
  /** Syncs now (a retry after an error, or when the person asks). */
  'team.sync': response<null>()(none),
} satisfies Record<Channel, { request: z.ZodType; response: unknown }>;

export { channelNames, EVENT_CHANNEL, isChannel, type Channel } from './channels';
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
  /** Calls `listener` with every HostEvent until the returned function is called. */
  subscribe(listener: (event: HostEvent) => void): () => void;
  /** Where files dropped on the window are on disk (what the OS knows and the page may not see). */
  droppedPaths(files: readonly File[]): Promise<string[]>;
}
