import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../schema/migrations';
import { fileDigest, tempDir } from '../testing/temp';
import { BYLINE_APPLICATION_ID } from './migrate';
import { Workspace } from './workspace';

const open: Workspace[] = [];
function openWorkspace(path: string): Workspace {
  const ws = Workspace.open(path, { userName: 'Tester' });
  open.push(ws);
  return ws;
}
afterEach(() => {
  while (open.length) open.pop()!.close();
});

describe('Workspace.open', () => {
  it('creates and migrates a new workspace from empty', () => {
    const path = join(tempDir(), 'nested', 'new.sqlite');
    const ws = openWorkspace(path);
    expect(ws.created).toBe(true);
    expect(ws.schemaVersion).toBe(latestSchemaVersion);
    expect(ws.db.pragma('application_id', { simple: true })).toBe(BYLINE_APPLICATION_ID);
    expect(ws.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ws.db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = ws.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'actions',
        'annotations',
        'annotators',
        'document_status',
        'document_versions',
        'documents',
        'events',
        'fragments',
        'labels',
        'relations',
      ]),
    );
    const labels = ws.db.prepare('SELECT name, hotkey, kind FROM labels ORDER BY position').all();
    expect(labels).toEqual([
      { name: 'Claim', hotkey: '1', kind: 'span' },
      { name: 'Source', hotkey: '2', kind: 'span' },
      { name: 'Anonymous attribution', hotkey: '3', kind: 'span' },
      { name: 'attributed to', hotkey: null, kind: 'relation' },
    ]);
    expect(ws.localAnnotator).toMatchObject({ name: 'Tester', isLocal: true });
  });

  it('reopens an existing workspace without migrating again or adding a second local annotator', () => {
    const path = join(tempDir(), 'ws.sqlite');
    const first = openWorkspace(path);
    const annotator = first.localAnnotator;
    first.close();
    open.pop();
    const again = openWorkspace(path);
    expect(again.created).toBe(false);
    expect(again.localAnnotator).toEqual(annotator);
    expect(again.db.prepare('SELECT count(*) FROM annotators').pluck().get()).toBe(1);
  });

  it('refuses a workspace from a newer Byline and leaves the file untouched', () => {
    const path = join(tempDir(), 'future.sqlite');
    const db = new Database(path);
    db.pragma(`application_id = ${BYLINE_APPLICATION_ID}`);
    db.pragma(`user_version = ${latestSchemaVersion + 5}`);
    db.exec('CREATE TABLE from_the_future (x)');
    db.close();
    const before = fileDigest(path);
    expect(() => openWorkspace(path)).toThrow(
      `${path} was made by a newer version of Byline (workspace schema ${latestSchemaVersion + 5}; this version reads up to ${latestSchemaVersion})`,
    );
    expect(fileDigest(path)).toBe(before);
  });

  it('refuses a file that is not a SQLite database and leaves it untouched', () => {
    const path = join(tempDir(), 'notes.sqlite');
    writeFileSync(path, 'These are my notes, not a database.\n');
    const before = fileDigest(path);
    expect(() => openWorkspace(path)).toThrow(`${path} is not a Byline workspace: it is not a SQLite database.`);
    expect(fileDigest(path)).toBe(before);
  });

  it("refuses another program's SQLite database and leaves it untouched", () => {
    const path = join(tempDir(), 'other.sqlite');
    const db = new Database(path);
    db.exec('CREATE TABLE contacts (name TEXT)');
    db.close();
    const before = fileDigest(path);
    expect(() => openWorkspace(path)).toThrow('it is a SQLite database of another program');
    expect(fileDigest(path)).toBe(before);
  });

  it('refuses a damaged database with the reason SQLite gives', () => {
    const path = join(tempDir(), 'damaged.sqlite');
    writeFileSync(path, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(200, 7)]));
    expect(() => openWorkspace(path)).toThrow(`${path} is damaged or not a SQLite database`);
  });

  it('enforces foreign keys', () => {
    const ws = openWorkspace(join(tempDir(), 'fk.sqlite'));
    const label = ws.db.prepare('SELECT id FROM labels LIMIT 1').pluck().get();
    expect(() =>
      ws.db
        .prepare(
          `INSERT INTO annotations (id, document_id, annotator_id, label_id, quote, created_at, updated_at)
           VALUES ('a', 'no-such-document', ?, ?, 'q', 'now', 'now')`,
        )
        .run(ws.localAnnotator.id, label),
    ).toThrow(/FOREIGN KEY constraint failed/);
  });

  it('rolls back a migration that fails, leaving the version where it was', async () => {
    const { migrate } = await import('./migrate');
    const db = new Database(':memory:');
    const result = () =>
      migrate(db, [
        { version: 1, name: '0001_ok.sql', sql: 'CREATE TABLE a (x);' },
        { version: 2, name: '0002_bad.sql', sql: 'CREATE TABLE b (x); SELECT no_such_function();' },
      ]);
    expect(result).toThrow(/no such function/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    db.close();
  });
});
