import { writeFileSync } from 'node:fs';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { spawnHost } from './support/app';

test('a workspace path that is not a SQLite database is refused with its name and the reason, untouched', async ({}, testInfo) => {
  test.skip(
    testInfo.project.name !== 'chromium',
    'the app reports this in a modal error box before any window exists, which Playwright cannot read',
  );
  const path = join(mkdtempSync(join(tmpdir(), 'byline-e2e-')), 'notes.sqlite');
  writeFileSync(path, 'Interview notes, not a database.\n');
  await expect(spawnHost(path)).rejects.toThrow(
    `The test host exited (2): ${path} is not a Byline workspace: it is not a SQLite database.`,
  );
  expect(readFileSync(path, 'utf8')).toBe('Interview notes, not a database.\n');
});
