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
