/** Help > About, and the few facts about the app itself that several modules share. No 'electron' here. */
import packageJson from '../package.json' with { type: 'json' };
import type { AboutInfo } from '../schema/api';
import type { Workspace } from './store/workspace';

export const APP_NAME = 'Byline';
export const APP_VERSION: string = packageJson.version;

/** A workspace file's extensions: Byline's own first (the file association), then plain SQLite names. */
export const WORKSPACE_EXTENSIONS = ['.bylinedb', '.sqlite', '.db'];

const RUNTIMES = [
  ['electron', 'Electron'],
  ['chrome', 'Chromium'],
  ['node', 'Node.js'],
  ['v8', 'V8'],
] as const;

/** What runs: the app's version, the runtimes the host process has, SQLite's, and the open workspace. */
export function aboutApp(ws: Workspace, host: string, versions: NodeJS.ProcessVersions): AboutInfo {
  const present = versions as Partial<Record<string, string>>;
  return {
    name: APP_NAME,
    version: APP_VERSION,
    host,
    versions: RUNTIMES.flatMap(([key, name]) => (present[key] ? [{ name, version: present[key] }] : [])),
    sqlite: (ws.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
    workspace: { path: ws.path, schemaVersion: ws.schemaVersion },
  };
}
