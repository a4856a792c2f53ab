/**
 * Vitest's global set-up: the node tests' temporary folders (electron/testing/temp.ts and every
 * os.tmpdir() user) go into one folder for the run, removed at its end, so runs leave no trace.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const folder = mkdtempSync(join(tmpdir(), 'byline-vitest-'));
  process.env.TMPDIR = folder;
  return () => rmSync(folder, { recursive: true, force: true });
}
