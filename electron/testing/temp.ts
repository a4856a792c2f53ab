import { mkdtempSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder for one test's files. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'byline-test-'));
}

/** The sha-256 of a file's bytes, to prove a file was left untouched. */
export function fileDigest(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** The repository's test data (small articles and bad files), in e2e/data. */
export function testData(name: string): string {
  return new URL(`../../e2e/data/${name}`, import.meta.url).pathname;
}
