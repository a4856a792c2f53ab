/**
 * The names of every channel in schema/api.ts, without its validators, so that the sandboxed
 * preload can check names without bundling zod. api.ts must define exactly these (the compiler
 * checks it).
 */
export const channelNames = [
  'workspace.info',
  'workspace.integrity',
  'backups.list',
  'backups.restore',
  'labels.list',
  'labels.create',
  'labels.update',
  'labels.usage',
  'labels.delete',
  'library.query',
  'library.outlets',
  'collections.list',
  'collections.create',
  'collections.delete',
  'collections.add',
  'collections.remove',
  'documents.open',
  'documents.setStatus',
  'documents.update',
  'imports.start',
  'exports.start',
  'jobs.cancel',
  'annotators.list',
  'annotators.rename',
  'review.article',
  'review.open',
  'review.resolve',
  'review.unresolve',
  'review.acceptAgreements',
  'agreement.compute',
  'documents.importText',
  'annotations.create',
  'annotations.update',
  'annotations.delete',
  'relations.create',
  'relations.update',
  'relations.delete',
  'history.undo',
  'history.redo',
  'workspace.new',
  'workspace.open',
  'workspace.openRecent',
  'workspace.recent',
  'imports.startPaths',
  'imports.takeRequested',
  'app.about',
  'documents.editText',
  'documents.versions',
  'documents.versionText',
  'documents.revert',
  'text.suggestFixes',
  'text.preview',
  'text.replace',
  'analytics.compute',
  'analytics.spans',
  'analytics.mergeSources',
  'analytics.unmergeSource',
  'suggestions.list',
  'suggestions.accept',
  'suggestions.reject',
  'suggestions.setOff',
  'team.status',
  'team.connect',
  'team.disconnect',
  'team.sync',
] as const;

export type Channel = (typeof channelNames)[number];

const known: ReadonlySet<string> = new Set(channelNames);

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && known.has(name);
}

/** The IPC channel (Electron) on which HostEvents reach the preload. */
export const EVENT_CHANNEL = 'byline:event';
