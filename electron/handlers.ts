/**
 * The handler table: what each channel of schema/api.ts does, over the store and the importers.
 * Both hosts (Electron IPC and the HTTP test host) call these same functions through dispatch.ts;
 * nothing here may import 'electron'.
 */
import type { Channel, RequestOf, ResponseOf } from '../schema/api';
import type { TeamStatus } from '../schema/team';
import { existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { AppSession } from './app-session';
import type { AppStateFile } from './app-state';
import { aboutApp, WORKSPACE_EXTENSIONS } from './about';
import { badInput } from '../schema/errors';
import { EXPORT_FORMATS } from './export/run-export';
import type { Jobs } from './jobs/jobs';
import { importText } from './import/run-import';
import { computeAgreement } from './review/agreement';
import {
  createAnnotation,
  deleteAnnotation,
  getAnnotation,
  listAnnotations,
  updateAnnotation,
} from './store/annotations';
import { deleteLabel } from './store/delete-label';
import {
  addToCollection,
  createCollection,
  deleteCollection,
  listCollections,
  removeFromCollection,
} from './store/collections';
import { documentStatus, getDocument, setDocumentStatus, updateDocumentMetadata } from './store/documents';
import { libraryOutlets, queryLibrary } from './store/library';
import { historyState, recordAction, redo, undo } from './store/history';
import { listAnnotators, localNameChosen, renameLocalAnnotator } from './store/annotators';
import { createLabel, getLabel, labelUsage, listLabels, updateLabel } from './store/labels';
import { createRelation, deleteRelation, getRelation, listRelations, setRelationType } from './store/relations';
import { acceptAgreements, openReview, reviewArticle, resolveDifference, unresolveDifference, verdictsInDocument } from './store/review';
import { commitTextEdit, listVersions, revertToVersion, versionText } from './store/text-versions';
import type { Workspace } from './store/workspace';
import { findBackup, listBackups, restoreBackup } from './store/backup';
import { applyReplace, previewReplace, suggestFixes } from './store/find-replace';
import { acceptSuggestions, rejectSuggestions, setSuggestionsOff } from './store/suggestions';
import { forgetTeamConnection, teamConnection } from './store/team';
import type { Credentials } from './team/credentials';
import { teamStatus } from './team/sync';
import { parseTeamAddress } from './team/team-server';
import type { TeamSyncRunner } from './team/team-sync-runner';

/** What differs between the hosts: the OS dialogs (the test host lets a test answer them). */
export interface HostServices {
  /** Asks the person for files or a folder to import; null when they cancel. */
  chooseImportSources(what: 'files' | 'folder'): Promise<string[] | null>;
  /** Asks where to write an export (a file name with this extension); null when they cancel. */
  chooseExportTarget(title: string, extension: string): Promise<string | null>;
  /** Runs imports and exports in a worker; built by each host with its own worker bundle. */
  jobs: Jobs;
  /** Asks where to create a workspace, or which one to open; null when they cancel. */
  chooseWorkspaceFile(mode: 'new' | 'open'): Promise<string | null>;
  /** The recent workspaces, kept between runs (app-state.ts). */
  recents: Pick<AppStateFile, 'recent' | 'addRecent' | 'removeRecent'>;
  /** What runs the app, for Help > About: "Electron", or "test host". */
  hostName: string;
  /** Switches the app to another workspace file, and holds what the OS asked to import (see app-session.ts). */
  session: Pick<AppSession, 'switchTo' | 'takeRequestedImports'>;
  /** The team sync of the open workspace, in its worker (team/team-sync-runner.ts). */
  team: TeamSyncRunner;
  /** Where team passwords are kept: the OS keychain, or memory (team/credentials.ts). */
  credentials: Credentials;
}

export type Handlers = {
  [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;
};

export function createHandlers(ws: Workspace, host: HostServices): Handlers {
  /** “The quoted text”, shortened, for naming an annotation in an undo description. */
  const quoted = (annotationId: string) => {
    const { quote } = getAnnotation(ws, annotationId);
    return `“${quote.length > 40 ? `${quote.slice(0, 39).trimEnd()}…` : quote}”`;
  };

  const currentTeamStatus = (): TeamStatus => {
    if (!host.team.running) return teamStatusAtRest(ws, host.credentials);
    const status = host.team.status ?? teamStatus(ws);
    return host.team.status || status.state === 'local' ? status : { ...status, state: 'syncing' };
  };

  return tellWorkersOfChanges(host, refuseWritesWhenReadOnly(ws, {
    'workspace.info': () => ({
      path: ws.path,
      schemaVersion: ws.schemaVersion,
      annotator: ws.localAnnotator,
      nameChosen: localNameChosen(ws),
      readOnly: ws.readOnlyReason,
    }),
    'workspace.integrity': async () => {
      await ws.integrityChecked();
      return { readOnly: ws.readOnlyReason };
    },
    'backups.list': () => listBackups(ws.path),
    'backups.restore': async ({ name }) => {
      findBackup(ws.path, name);
      let movedAside = '';
      await host.session.switchTo(ws.path, () => void (movedAside = restoreBackup(ws.path, name, new Date())));
      return { restored: name, movedAside };
    },

    'labels.list': () => listLabels(ws),
    'labels.create': (fields) => createLabel(ws, fields),
    'labels.update': ({ id, ...patch }) => updateLabel(ws, id, patch),
    'labels.usage': ({ id }) => labelUsage(ws, id),
    'labels.delete': ({ id }) => deleteLabel(ws, id),

    'library.query': (query) => queryLibrary(ws, query),
    'library.outlets': () => libraryOutlets(ws),
    'collections.list': () => listCollections(ws),
    'collections.create': ({ name }) => createCollection(ws, name),
    'collections.delete': ({ id }) => {
      deleteCollection(ws, id);
      return null;
    },
    'collections.add': ({ id, documentIds }) => addToCollection(ws, id, documentIds),
    'collections.remove': ({ id, documentIds }) => removeFromCollection(ws, id, documentIds),
    'documents.open': ({ id }) => ({
      document: getDocument(ws, id),
      annotations: listAnnotations(ws, id),
      relations: listRelations(ws, id),
      history: historyState(ws, id),
      verdicts: verdictsInDocument(ws, id),
    }),
    'documents.setStatus': ({ id, status }) => setDocumentStatus(ws, id, status),
    'documents.update': ({ id, ...patch }) => updateDocumentMetadata(ws, id, patch),
    'documents.importText': ({ text }) => importText(ws, text, ws.localAnnotator.name),
    'imports.start': async ({ what, annotator }) => {
      const chosen = await host.chooseImportSources(what);
      return chosen ? { jobId: await host.jobs.startImport(chosen, annotator) } : null;
    },
    'exports.start': async ({ format, scope, annotatorIds, onlyDone }) => {
      const { title, extension } = EXPORT_FORMATS[format];
      const path = await host.chooseExportTarget(title, extension);
      return path ? { jobId: host.jobs.startExport({ format, scope, annotatorIds, onlyDone, path }) } : null;
    },
    'jobs.cancel': ({ jobId }) => {
      host.jobs.cancel(jobId);
      return null;
    },
    'annotators.list': () => listAnnotators(ws),
    'review.article': ({ id }) => reviewArticle(ws, id),
    'review.open': (target) => openReview(ws, target),
    'review.resolve': (request) => resolveDifference(ws, request),
    'review.unresolve': (request) => unresolveDifference(ws, request),
    'review.acceptAgreements': (target) => acceptAgreements(ws, target),
    // One article takes milliseconds, less than starting a worker; a corpus takes seconds.
    'agreement.compute': (request) =>
      request.scope.kind === 'document' ? computeAgreement(ws, request) : host.jobs.computeAgreement(request),
    'annotators.rename': ({ name }) => renameLocalAnnotator(ws, name),

    // One transaction, so one write to disk, even for the first tag, which also starts the work.
    'annotations.create': (request) =>
      ws.transaction(() => {
        let id = '';
        const result = recordAction(
          ws,
          request.documentId,
          () => `Tag ${quoted(id)} as ${getLabel(ws, request.labelId).name}`,
          () => void (id = createAnnotation(ws, request)),
        );
        if (documentStatus(ws, request.documentId) === 'not started') {
          setDocumentStatus(ws, request.documentId, 'in progress');
        }
        return result;
      }),
    'annotations.update': ({ id, ...patch }) => {
      const before = mine(ws, getAnnotation(ws, id), 'This annotation');
      const what = patch.labelId
        ? `Change ${quoted(id)} to ${getLabel(ws, patch.labelId).name}`
        : patch.fragments
          ? `Change the fragments of ${quoted(id)}`
          : patch.attributes
            ? `Set ${Object.keys(patch.attributes).join(', ')} of ${quoted(id)}`
            : `Edit the note of ${quoted(id)}`;
      return recordAction(ws, before.documentId, what, () => updateAnnotation(ws, id, patch));
    },
    'annotations.delete': ({ id }) => {
      const { documentId, labelId } = mine(ws, getAnnotation(ws, id), 'This annotation');
      const what = `Delete ${getLabel(ws, labelId).name} ${quoted(id)}`;
      return recordAction(ws, documentId, what, () => deleteAnnotation(ws, id));
    },

    'relations.create': (request) => {
      const { documentId } = mine(ws, getAnnotation(ws, request.fromId), 'The annotation the link starts at');
      mine(ws, getAnnotation(ws, request.toId), 'The annotation the link ends at');
      const what = `Link ${quoted(request.fromId)} to ${quoted(request.toId)}`;
      return recordAction(ws, documentId, what, () => void createRelation(ws, request));
    },
    'relations.update': ({ id, labelId }) => {
      const relation = mine(ws, getRelation(ws, id), 'This link');
      const what = `Change the link from ${quoted(relation.fromId)} to ${getLabel(ws, labelId).name}`;
      return recordAction(ws, relation.documentId, what, () => setRelationType(ws, id, labelId));
    },
    'relations.delete': ({ id }) => {
      const relation = mine(ws, getRelation(ws, id), 'This link');
      const what = `Remove the link from ${quoted(relation.fromId)} to ${quoted(relation.toId)}`;
      return recordAction(ws, relation.documentId, what, () => deleteRelation(ws, id));
    },

    'history.undo': ({ documentId }) => undo(ws, documentId),
    'history.redo': ({ documentId }) => redo(ws, documentId),
    'documents.editText': ({ id, ...edit }) => commitTextEdit(ws, { documentId: id, ...edit }),
    'documents.versions': ({ id }) => listVersions(ws, id),
    'documents.versionText': ({ id, version }) => versionText(ws, id, version),
    'documents.revert': ({ id, version }) => revertToVersion(ws, id, version),

    'analytics.compute': (filters) => host.jobs.analytics({ kind: 'compute', filters }),
    'analytics.spans': (request) => host.jobs.analytics({ kind: 'spans', request }),
    // In the worker that keeps the facts: a merge changes none, and they need not be built again.
    'analytics.mergeSources': (request) => host.jobs.analytics({ kind: 'merge', request }),
    'analytics.unmergeSource': ({ key }) => host.jobs.analytics({ kind: 'unmerge', key }),
    'suggestions.list': ({ documentId }) => host.jobs.suggest(documentId),
    'suggestions.accept': (request) =>
      ws.transaction(() => {
        const names = [...new Set(request.spans.map((s) => getLabel(ws, s.labelId).name))].join(', ');
        let first = '';
        const result = recordAction(
          ws,
          request.documentId,
          () => (request.spans.length === 1 ? `Accept the suggested ${names} ${quoted(first)}` : `Accept ${request.spans.length} suggestions (${names})`),
          () => void (first = acceptSuggestions(ws, request).values().next().value ?? ''),
        );
        if (documentStatus(ws, request.documentId) === 'not started') setDocumentStatus(ws, request.documentId, 'in progress');
        return result;
      }),
    'suggestions.reject': (request) => {
      rejectSuggestions(ws, request);
      return null;
    },
    'team.status': () => currentTeamStatus(),
    'team.connect': async ({ address, password }) => {
      const parsed = parseTeamAddress(address);
      const given = { ...parsed, password: parsed.password ?? password };
      await host.team.start(given.password, {
        address: given,
        secret: given.password === null ? null : host.credentials.seal(given.server, given.password),
      });
      return currentTeamStatus();
    },
    'team.disconnect': () => {
      host.team.stop();
      forgetTeamConnection(ws);
      return currentTeamStatus();
    },
    'team.sync': async () => {
      const connection = teamConnection(ws);
      if (host.team.running) host.team.sync();
      else if (connection) await host.team.start(host.credentials.open(connection.server, connection.secret));
      return null;
    },
    'suggestions.setOff': ({ documentId, off }) => {
      setSuggestionsOff(ws, documentId, off);
      return null;
    },

    'workspace.new': async () => {
      const chosen = await host.chooseWorkspaceFile('new');
      if (!chosen) return null;
      const path = withWorkspaceExtension(chosen);
      if (existsSync(path)) {
        throw badInput(`${path} already exists: open it with Open Workspace…, or give the new workspace another name.`);
      }
      return switchWorkspace(path);
    },
    'workspace.open': async () => {
      const path = await host.chooseWorkspaceFile('open');
      return path ? switchWorkspace(path) : null;
    },
    'workspace.openRecent': ({ path }) => {
      // Only what the person opened before: the renderer cannot make the app open any file it names.
      if (!host.recents.recent().includes(path)) throw badInput(`${path} is not one of the recent workspaces.`);
      if (!existsSync(path)) {
        host.recents.removeRecent(path);
        throw badInput(`${path} is no longer there (moved, renamed or deleted), so it was taken off the recent workspaces.`);
      }
      return path === ws.path ? { path } : switchWorkspace(path);
    },
    'workspace.recent': () =>
      host.recents.recent().map((path) => ({
        path,
        name: basename(path, extname(path)),
        missing: !existsSync(path),
        current: path === ws.path,
      })),
    'imports.startPaths': async ({ paths, annotator }) => {
      const missing = paths.find((path) => !existsSync(path));
      if (missing) throw badInput(`${missing} cannot be imported: there is no such file or folder.`);
      return { jobId: await host.jobs.startImport(paths, annotator) };
    },
    'imports.takeRequested': () => host.session.takeRequestedImports(),
    'app.about': () => aboutApp(ws, host.hostName, process.versions),
    'text.suggestFixes': ({ scope }) => suggestFixes(ws, scope),
    'text.preview': ({ rule, scope }) => previewReplace(ws, rule, scope),
    'text.replace': (request) => applyReplace(ws, request),
  }));

  async function switchWorkspace(path: string): Promise<{ path: string }> {
    await host.session.switchTo(path);
    host.recents.addRecent(path);
    return { path };
  }
}

/** A new workspace's file name: what the person typed, with `.bylinedb` unless it names a SQLite file already. */
export function withWorkspaceExtension(path: string): string {
  return WORKSPACE_EXTENSIONS.includes(extname(path).toLowerCase()) ? path : `${path}${WORKSPACE_EXTENSIONS[0]}`;
}

/**
 * What the local annotator may change by hand: their own layer. Colleagues' layers (and reviewed
 * layers) change only through their own files and through review verdicts.
 */
function mine<T extends { annotatorId: string }>(ws: Workspace, item: T, what: string): T {
  if (item.annotatorId === ws.localAnnotator.id) return item;
  const owner = listAnnotators(ws).find((a) => a.id === item.annotatorId)?.name ?? 'another annotator';
  throw badInput(`${what} is in ${owner}’s layer, which is read-only here: review it to take or reject it.`);
}

/** The channels that write the open workspace (imports too: their worker writes it). */
const WRITES: ReadonlySet<Channel> = new Set<Channel>([
  'labels.create', 'labels.update', 'labels.delete',
  'collections.create', 'collections.delete', 'collections.add', 'collections.remove',
  'documents.setStatus', 'documents.update', 'documents.importText',
  'imports.start', 'imports.startPaths',
  'annotators.rename',
  'review.open', 'review.resolve', 'review.unresolve', 'review.acceptAgreements',
  'annotations.create', 'annotations.update', 'annotations.delete',
  'relations.create', 'relations.update', 'relations.delete',
  'history.undo', 'history.redo',
  'documents.editText', 'documents.revert', 'text.replace',
  'suggestions.accept', 'suggestions.reject', 'suggestions.setOff',
  'team.connect', 'team.disconnect',
  'analytics.mergeSources', 'analytics.unmergeSource',
]);

/** The channels that change annotations: the suggestion tagger may learn from what they did. */
const CHANGE_ANNOTATIONS: ReadonlySet<Channel> = new Set<Channel>([
  'annotations.create', 'annotations.update', 'annotations.delete', 'suggestions.accept',
  'history.undo', 'history.redo', 'review.resolve', 'review.acceptAgreements',
]);

/**
 * After each change of annotations, the suggestion worker hears of it (it learns again when due, in
 * the background); after every write, the team worker does (it sends what changed at once).
 */
function tellWorkersOfChanges(host: Pick<HostServices, 'jobs' | 'team'>, table: Handlers): Handlers {
  wrapChannels(table, CHANGE_ANNOTATIONS, (handler) => async (request) => {
    const result = await handler(request);
    host.jobs.annotationsChanged();
    return result;
  });
  return wrapChannels(table, WRITES, (handler) => async (request) => {
    const result = await handler(request);
    host.team.sync();
    return result;
  });
}

/** The team status while no sync runs: local, or connected but waiting for the password. */
function teamStatusAtRest(ws: Workspace, credentials: Credentials): TeamStatus {
  const status = teamStatus(ws);
  if (status.state === 'local') return status;
  return {
    ...status,
    state: 'error',
    message: `Byline needs the password of “${status.role}” to sync with ${status.server}: enter it in Settings > Team (passwords are kept in ${credentials.where}).`,
  };
}

/**
 * Every write waits for the integrity check the app runs after opening, and a workspace that
 * failed it refuses writes with the reason and the way out. The read-only connection underneath
 * could not write anyway; this gives the person the message instead of SQLite's.
 */
function refuseWritesWhenReadOnly(ws: Workspace, table: Handlers): Handlers {
  return wrapChannels(table, WRITES, (handler) => async (request) => {
    await ws.writable();
    return handler(request);
  });
}

type AnyHandler = (request: unknown) => unknown;

/** Replaces the handler of each of `channels` by what `wrap` makes of it. */
function wrapChannels(table: Handlers, channels: ReadonlySet<Channel>, wrap: (handler: AnyHandler) => AnyHandler): Handlers {
  const handlers = table as Record<Channel, AnyHandler>;
  for (const channel of channels) handlers[channel] = wrap(handlers[channel]);
  return table;
}

