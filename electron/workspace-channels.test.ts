import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostEvent } from '../schema/api';
import { AppSession } from './app-session';
import { unitTestServices } from './testing/handlers';
import { dispatch } from './dispatch';
import { tempDir } from './testing/temp';

const sessions: AppSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
});

/** A session whose workspace dialog answers from `answers`, with its events collected. */
function sessionAt(path: string, answers: (string | null)[] = []) {
  const events: HostEvent[] = [];
  const session = new AppSession(path, {
    workerFile: 'no-worker-in-unit-tests.mjs',
    emit: (event) => events.push(event),
    userName: 'Ana',
    services: { ...unitTestServices(dirname(path)), chooseWorkspaceFile: async () => answers.shift() ?? null },
  });
  sessions.push(session);
  const call = async (channel: string, request: unknown = {}) => {
    const reply = await dispatch(session.handlers, channel, request);
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.value;
  };
  return { session, events, call };
}

describe('the workspace channels', () => {
  it('creates a workspace with the extension, switches to it, and lists it as recent', async () => {
    const folder = tempDir();
    const first = join(folder, 'first.bylinedb');
    const { call } = sessionAt(first, [join(folder, 'ferries')]);
    expect(await call('workspace.new')).toEqual({ path: join(folder, 'ferries.bylinedb') });
    expect(await call('workspace.info')).toMatchObject({ path: join(folder, 'ferries.bylinedb') });
    expect(await call('workspace.recent')).toEqual([
      { path: join(folder, 'ferries.bylinedb'), name: 'ferries', missing: false, current: true },
    ]);
    await expect(call('workspace.new')).resolves.toBeNull(); // canceled
  });

  it('refuses to make a new workspace over an existing file, and leaves it alone', async () => {
    const folder = tempDir();
    const first = join(folder, 'first.bylinedb');
    const { call } = sessionAt(first, [first]);
    await expect(call('workspace.new')).rejects.toThrow(`${first} already exists`);
    expect(await call('workspace.info')).toMatchObject({ path: first });
  });

  it('opens only recent workspaces, and drops one whose file is gone with a message naming it', async () => {
    const folder = tempDir();
    const first = join(folder, 'first.bylinedb');
    const second = join(folder, 'second.bylinedb');
    const { call } = sessionAt(first, [second, first]);
    await call('workspace.new');
    await call('workspace.open');
    expect(((await call('workspace.recent')) as { path: string }[]).map((r) => r.path)).toEqual([first, second]);
    await expect(call('workspace.openRecent', { path: '/etc/passwd' })).rejects.toThrow('/etc/passwd is not one of the recent workspaces');

    rmSync(second);
    expect(await call('workspace.recent')).toContainEqual({ path: second, name: 'second', missing: true, current: false });
    await expect(call('workspace.openRecent', { path: second })).rejects.toThrow(`${second} is no longer there`);
    expect(((await call('workspace.recent')) as { path: string }[]).map((r) => r.path)).toEqual([first]);
    expect(await call('workspace.info')).toMatchObject({ path: first });
  });

  it('keeps files the OS asked to import until the renderer takes them, and says so', async () => {
    const { session, events, call } = sessionAt(join(tempDir(), 'w.bylinedb'));
    session.requestImports(['/a.txt', '/b']);
    expect(events).toEqual([{ type: 'imports.requested' }]);
    expect(await call('imports.takeRequested')).toEqual(['/a.txt', '/b']);
    expect(await call('imports.takeRequested')).toEqual([]);
    await expect(call('imports.startPaths', { paths: ['/no/such/file.txt'], annotator: 'Ana' })).rejects.toThrow(
      '/no/such/file.txt cannot be imported: there is no such file or folder',
    );
  });

  it('opens a workspace the OS handed over and tells the renderer to start over', async () => {
    const folder = tempDir();
    const { session, events, call } = sessionAt(join(folder, 'a.bylinedb'));
    await session.openRequested(join(folder, 'b.bylinedb'));
    expect(events).toEqual([{ type: 'workspace.switched', path: join(folder, 'b.bylinedb') }]);
    expect(((await call('workspace.recent')) as { path: string }[])[0]!.path).toBe(join(folder, 'b.bylinedb'));
  });

  it('tells About what runs: the version, the runtimes present, SQLite and the workspace', async () => {
    const path = join(tempDir(), 'w.bylinedb');
    const { call } = sessionAt(path);
    const about = (await call('app.about')) as import('../schema/api').AboutInfo;
    expect(about).toMatchObject({ name: 'Byline', version: expect.stringMatching(/^\d+\.\d+\.\d+/), host: 'unit tests' });
    expect(about.sqlite).toMatch(/^3\.\d+/);
    expect(about.workspace).toEqual({ path, schemaVersion: expect.any(Number) });
    expect(about.versions.map((v) => v.name)).toEqual(['Node.js', 'V8']);
  });
});
