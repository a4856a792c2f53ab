/**
 * The names of every channel in schema/api.ts, without its validators, so that the sandboxed
 * preload can check names without bundling zod. api.ts must define exactly these (the compiler
 * checks it).
 */
export const channelNames = [
  'workspace.info',
  'labels.list',
  'library.list',
  'documents.open',
  'documents.importFiles',
  'documents.importText',
  'annotations.create',
  'annotations.setLabel',
  'annotations.delete',
] as const;

export type Channel = (typeof channelNames)[number];

const known: ReadonlySet<string> = new Set(channelNames);

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && known.has(name);
}
