/**
 * What a launch of Byline asks for: the first launch's command line, a second launch's (which
 * Electron hands to the running app), or a file double-clicked in the OS. No 'electron' here.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { hasSqliteHeader } from './store/workspace';

/** What a path on the command line is: a workspace to open, something to import, or nothing there. */
export type PathKind = 'workspace' | 'importable' | 'missing';

export interface LaunchRequest {
  /** `--workspace <file>` (created when new), else the first workspace file named. */
  workspace: string | null;
  /** Files and folders to import. */
  imports: string[];
  /** Paths named that do not exist. */
  missing: string[];
}

export interface LaunchContext {
  /** The folder the launch was made from: relative paths are relative to it. */
  cwd: string;
  /** Whether the app runs from source (`electron .`): then the first plain argument is the app's folder. */
  defaultApp: boolean;
  kindOf(path: string): PathKind;
}

/**
 * Reads a command line (argv[0] is the executable). Switches (`--flag`, `--flag=value`, `-psn_…`),
 * which Chromium, Electron and the OS add and may reorder, are skipped; `--workspace <file>` and
 * `--workspace=<file>` are Byline's own.
 */
export function parseLaunchArgs(argv: readonly string[], context: LaunchContext): LaunchRequest {
  let workspace: string | null = null;
  const plain: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--workspace' && argv[i + 1] !== undefined) {
      workspace ??= resolve(context.cwd, argv[++i]!);
    } else if (arg.startsWith('--workspace=')) {
      workspace ??= resolve(context.cwd, arg.slice('--workspace='.length));
    } else if (!arg.startsWith('-') && arg !== '') {
      plain.push(resolve(context.cwd, arg));
    }
  }
  const request: LaunchRequest = { workspace, imports: [], missing: [] };
  for (const path of context.defaultApp ? plain.slice(1) : plain) {
    const kind = context.kindOf(path);
    if (kind === 'missing') request.missing.push(path);
    else if (kind === 'workspace' && request.workspace === null) request.workspace = path;
    else request.imports.push(path);
  }
  return request;
}

/** A file whose first bytes say SQLite is a workspace (Workspace.open checks it is Byline's); folders and other files are imports. */
export function kindOfPath(path: string): PathKind {
  try {
    if (!statSync(path).isFile()) return 'importable';
    return hasSqliteHeader(path) ? 'workspace' : 'importable';
  } catch {
    return 'missing';
  }
}
