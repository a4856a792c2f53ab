import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppSession } from './app-session';
import { valueOf } from './testing/handlers';
import { libraryTitles, sessionsClosedAfterEach } from './testing/sessions';
import { tempDir } from './testing/temp';

const sessionAt = sessionsClosedAfterEach();
const titles = (session: AppSession) => libraryTitles(session.handlers);

describe('AppSession', () => {
  it('switches every channel of its one handler table to the workspace it opens', async () => {
    const folder = tempDir();
    const session = sessionAt(join(folder, 'first.bylinedb'));
    const call = valueOf(session.handlers);
    const outcome = await call('documents.importText', { text: 'Only in the first\n\nA short article.' });
    if (outcome.status !== 'imported') throw new Error(`not imported: ${outcome.status}`);
    const { id } = outcome.document;
    expect(await titles(session)).toContain('Only in the first');

    await session.switchTo(join(folder, 'second.bylinedb'));
    expect((await call('workspace.info', {})).path).toBe(join(folder, 'second.bylinedb'));
    expect(await titles(session)).not.toContain('Only in the first');

    await session.switchTo(join(folder, 'first.bylinedb'));
    expect((await call('documents.open', { id })).document.title).toBe('Only in the first');
  });

  it('opens the previous workspace again when the new one cannot be opened', async () => {
    const folder = tempDir();
    const first = join(folder, 'first.bylinedb');
    const session = sessionAt(first);
    const broken = join(folder, 'broken.bylinedb');
    writeFileSync(broken, 'this is not a database, and far too long to pass for an empty one');

    await expect(session.switchTo(broken)).rejects.toThrow(/broken\.bylinedb/);
    expect((await valueOf(session.handlers)('workspace.info', {})).path).toBe(first);
  });

  it('runs `prepare` while no workspace is open, and recovers when it fails', async () => {
    const folder = tempDir();
    const first = join(folder, 'first.bylinedb');
    const session = sessionAt(first);
    const seen: boolean[] = [];
    await expect(
      session.switchTo(join(folder, 'second.bylinedb'), () => {
        seen.push(session.workspace.db.open);
        throw new Error('the copy failed');
      }),
    ).rejects.toThrow('the copy failed');
    expect(seen).toEqual([false]);
    expect((await valueOf(session.handlers)('workspace.info', {})).path).toBe(first);
  });
});
