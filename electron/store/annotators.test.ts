import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../dispatch';
import { handlersFor, valueOf } from '../testing/handlers';
import { tempDir } from '../testing/temp';
import { createAnnotation, getAnnotation } from './annotations';
import { listAnnotators, localNameChosen, renameLocalAnnotator } from './annotators';
import { insertDocument } from './documents';
import { listLabels } from './labels';
import { migrate } from './migrate';
import { latestSchemaVersion, migrations } from '../../schema/migrations';
import { Workspace } from './workspace';

const open: Workspace[] = [];
afterEach(() => {
  for (const ws of open.splice(0)) ws.close();
});
function openAt(path: string, userName = 'jdoe'): Workspace {
  const ws = Workspace.open(path, { userName });
  open.push(ws);
  return ws;
}
const named = (ws: Workspace) =>
  ws.db.prepare('SELECT name, named_at AS namedAt FROM annotators WHERE is_local = 1').get() as {
    name: string;
    namedAt: string | null;
  };

describe('the local annotator’s name', () => {
  it('is not chosen in a new workspace, and stays chosen once the person names it', () => {
    const path = join(tempDir(), 'ws.sqlite');
    const ws = openAt(path);
    expect(ws.localAnnotator.name).toBe('jdoe');
    expect(localNameChosen(ws)).toBe(false);

    const renamed = renameLocalAnnotator(ws, '  Ana Souza ');
    expect(renamed).toEqual({ id: ws.localAnnotator.id, name: 'Ana Souza', isLocal: true });
    expect(ws.localAnnotator.name).toBe('Ana Souza');
    expect(localNameChosen(ws)).toBe(true);
    ws.close();
    open.pop();

    // Reopened (by a host whose OS account has another name): the chosen name stays.
    const again = openAt(path, 'someone-else');
    expect(again.localAnnotator).toEqual(renamed);
    expect(localNameChosen(again)).toBe(true);
    expect(named(again).namedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('keeps everything already tagged on the renamed layer', () => {
    const ws = openAt(join(tempDir(), 'ws.sqlite'));
    const documentId = insertDocument(ws, { title: 'T', text: 'Officials said so.', originFormat: 'text' }).id;
    const claim = listLabels(ws).find((l) => l.name === 'Claim')!.id;
    const id = createAnnotation(ws, { documentId, labelId: claim, fragments: [{ start: 0, end: 9 }] });
    renameLocalAnnotator(ws, 'Bea');
    expect(getAnnotation(ws, id).annotatorId).toBe(ws.localAnnotator.id);
    expect(listAnnotators(ws)).toEqual([{ id: ws.localAnnotator.id, name: 'Bea', isLocal: true }]);
    expect(ws.db.prepare("SELECT count(*) FROM annotators WHERE name = 'jdoe'").pluck().get()).toBe(0);
  });

  it('takes a name of exactly 100 characters, counted as code points', () => {
    const ws = openAt(join(tempDir(), 'ws.sqlite'));
    const hundred = '👩🏽'.repeat(50); // 100 code points, 200 UTF-16 units
    expect(renameLocalAnnotator(ws, hundred).name).toBe(hundred);
  });

  it('refuses a blank name, one over 100 characters and a colleague’s name, with the reason, storing nothing', () => {
    const ws = openAt(join(tempDir(), 'ws.sqlite'));
    ws.db
      .prepare("INSERT INTO annotators (id, name, is_local, created_at) VALUES ('01a21703-0000-7000-8000-0000000000c1', 'Carla', 0, 't')")
      .run();
    expect(() => renameLocalAnnotator(ws, '   ')).toThrow('Your name cannot be blank: colleagues see it on your layer.');
    expect(() => renameLocalAnnotator(ws, 'x'.repeat(101))).toThrow(
      'Your name can be at most 100 characters; this one has 101.',
    );
    expect(() => renameLocalAnnotator(ws, 'carla')).toThrow(
      "A colleague's layer in this workspace is already named “Carla”: choose a name they do not have.",
    );
    expect(named(ws)).toEqual({ name: 'jdoe', namedAt: null });
    expect(ws.localAnnotator.name).toBe('jdoe');
    expect(localNameChosen(ws)).toBe(false);
  });

  it('may keep the name it has: confirming the suggested name counts as choosing it', () => {
    const ws = openAt(join(tempDir(), 'ws.sqlite'));
    renameLocalAnnotator(ws, 'jdoe');
    expect(named(ws).name).toBe('jdoe');
    expect(localNameChosen(ws)).toBe(true);
  });
});

describe('migration 0005: the chosen name', () => {
  it('keeps the name of a version 4 workspace’s annotators and asks the person once', () => {
    const path = join(tempDir(), 'v4.sqlite');
    const db = new Database(path);
    migrate(db, migrations.slice(0, 4));
    db.exec(`
      INSERT INTO annotators (id, name, is_local, created_at) VALUES ('01a21703-0000-7000-8000-00000000000a', 'Ana', 1, 't');
      INSERT INTO annotators (id, name, is_local, created_at) VALUES ('01a21703-0000-7000-8000-00000000000b', 'Bo', 0, 't');
    `);
    db.close();

    const ws = openAt(path);
    expect(ws.schemaVersion).toBe(latestSchemaVersion);
    expect(listAnnotators(ws).map((a) => a.name)).toEqual(['Ana', 'Bo']);
    expect(localNameChosen(ws)).toBe(false);
    renameLocalAnnotator(ws, 'Ana');
    expect(localNameChosen(ws)).toBe(true);
  });
});

describe('the annotators.rename channel', () => {
  it('names the local annotator for workspace.info, and refuses a blank or too long name with the reason', async () => {
    const ws = openAt(join(tempDir(), 'ws.sqlite'));
    const handlers = handlersFor(ws);
    const info = () => valueOf(handlers)('workspace.info', {});
    expect(await info()).toMatchObject({ annotator: { name: 'jdoe' }, nameChosen: false });

    expect(await dispatch(handlers, 'annotators.rename', { name: ' \t ' })).toEqual({
      ok: false,
      error: { code: 'invalid_request', message: 'annotators.rename: name: your name cannot be blank' },
    });
    expect(await dispatch(handlers, 'annotators.rename', { name: 'n'.repeat(101) })).toEqual({
      ok: false,
      error: { code: 'invalid_request', message: 'annotators.rename: name: your name can be at most 100 characters' },
    });
    expect(await info()).toMatchObject({ annotator: { name: 'jdoe' }, nameChosen: false });

    expect(await dispatch(handlers, 'annotators.rename', { name: 'Ana Souza' })).toEqual({
      ok: true,
      value: { id: ws.localAnnotator.id, name: 'Ana Souza', isLocal: true },
    });
    expect(await info()).toMatchObject({ annotator: { name: 'Ana Souza' }, nameChosen: true });
  });
});
