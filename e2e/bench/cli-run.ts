/**
 * The built command line as the command-line scenarios run it: a copy of the bundle in a folder
 * of its own (so a rebuild meanwhile cannot swap it) with the workspace it created, and each
 * `byline` command in a process of its own under cli-probe.ts, which reports what the bench
 * cannot see from outside.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const PROBE = resolve('e2e/bench/cli-probe.ts');

export interface CliFixture {
  folder: string;
  /** The copy of dist/cli/byline.mjs the runs use (the whole of dist/cli is copied). */
  cli: string;
  /** A workspace the command line created and migrated. */
  workspace: string;
}

export interface CliRun {
  /** The whole process, as a script calling `byline` waits for it, ms. */
  wallMs: number;
  /** From the bundle loaded to the process exiting, ms. */
  commandMs: number;
  /** Peak resident memory of the process, MB. */
  peakMb: number;
  /** CPU time from the bundle loaded to exit (all threads), which a busy machine disturbs less, ms. */
  cpuMs: number;
  stdout: string;
}

/** A new folder (`prefix` and a random tail, removed by the cleanups) with a copy of the built command line and its workspace. */
export async function copyCli(prefix: string, cleanups: (() => unknown)[]): Promise<CliFixture> {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  // The command and the export's second lane beside it.
  cpSync('dist/cli', join(folder, 'dist/cli'), { recursive: true });
  // better-sqlite3 stays outside the bundle.
  symlinkSync(resolve('node_modules'), join(folder, 'node_modules'), 'dir');
  const fixture = { folder, cli: join(folder, 'dist/cli/byline.mjs'), workspace: join(folder, 'workspace.sqlite') };
  await runCli(fixture, ['stats', '--workspace', fixture.workspace]);
  return fixture;
}

/** `byline <args>` in a process of its own under cli-probe.ts, with the project's Node. */
export async function runCli(fixture: { folder: string; cli: string }, args: string[]): Promise<CliRun> {
  const probe = join(fixture.folder, 'probe.json');
  rmSync(probe, { force: true });
  const started = performance.now();
  const child = spawn(process.execPath, [PROBE, ...args], {
    env: { ...process.env, BYLINE_BENCH_CLI: fixture.cli, BYLINE_BENCH_PROBE: probe },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  const wallMs = performance.now() - started;
  if (code !== 0) throw new Error(`byline ${args.join(' ')} exited with ${code}: ${stderr.trim() || stdout.trim()}`);
  const measured = JSON.parse(readFileSync(probe, 'utf8')) as { loaded: number; exited: number; cpuMs: number; maxRssKb: number };
  return { wallMs, commandMs: measured.exited - measured.loaded, peakMb: measured.maxRssKb / 1024, cpuMs: measured.cpuMs, stdout };
}
