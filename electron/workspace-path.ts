import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Which workspace file to open: `--workspace <file>` (or `--workspace=<file>`), else the
 * BYLINE_WORKSPACE variable, else `workspace.sqlite` in the given default folder.
 */
export function resolveWorkspacePath(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  defaultFolder: string,
): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--workspace' && argv[i + 1]) return resolve(argv[i + 1]!);
    if (arg.startsWith('--workspace=')) return resolve(arg.slice('--workspace='.length));
  }
  if (env.BYLINE_WORKSPACE) return resolve(env.BYLINE_WORKSPACE);
  return join(defaultFolder, 'workspace.sqlite');
}

/**
 * Where the app keeps its workspace when not told otherwise: Electron's user-data folder for an
 * app named Byline, worked out the same way for the command line, which runs without Electron.
 */
export function appDataFolder(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Byline');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Byline');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Byline');
}
