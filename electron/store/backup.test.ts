import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { latestSchemaVersion, migrations } from '../../schema/migrations';
import type { AppSession } from '../app-session';
import { handlersFor, valueOf } from '../testing/handlers';
import { libraryTitles, sessionsClosedAfterEach } from '../testing/sessions';
import { damageTable } from '../testing/damage';
import { fileDigest, tempDir } from '../testing/temp';
import { dispatch } from '../dispatch';
import { importText } from '../import/run-import';
import { backupFolder, checkAndBackUp, dailyBackupDue, findDamage, KEEP, listBackups, writeBackup } from './backup';
import { migrate } from './migrate';
import { Workspace } from './workspace';

const DAY = 24 * 60 * 60 * 1000;
const open: Workspace[] = [];
afterEach(() => {
  for (const ws of open.splice(0)) ws.close();
});

function opened(path: string, options: Parameters<typeof Workspace.open>[1] = {}): Workspace {
  const ws = Workspace.open(path, { userName: 'Ana', ...options });
  open.push(ws);
  return ws;
}

/** A workspace at schema `version` with one article, as an older Byline left it. */
function workspaceAt(version: number): string {
  const path = join(tempDir(), `v${version}.sqlite`);
  const db = new Database(path);
  migrate(db, migrations.slice(0, version));
  db.exec(`
    INSERT INTO documents (id, title, origin_format, created_at, updated_at)
      VALUES ('01a21703-0000-7000-8000-00000000000d', 'Ferry fares', 'text', 't', 't');
    INSERT INTO document_versions VALUES ('01a21703-0000-7000-8000-00000000000d', 1, 'Hello world',
      '64ec88ca00b268e5ba1a35678a1b5316d212f4f366b2477232534a8aeca37f3c', 11, 't');`);
  db.close();
  return path;
}

/** A closed workspace file holding `count` articles, big enough to have pages in the middle. */
function workspaceWithArticles(count: number, path = join(tempDir(), 'ws.sqlite')): string {
  const ws = Workspace.open(path, { userName: 'Ana' });
  for (let i = 0; i < count; i++) {
    importText(ws, `Article ${i}\n\n${`The ferry council met on day ${i} and said the fares would rise. `.repeat(40)}`, 'Ana');
  }
  ws.close();
  return path;
}

const damage = (path: string) => damageTable(path, 'document_versions');

const titlesIn = (path: string) => {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT title FROM documents ORDER BY title').pluck().all() as string[];
  } finally {
    db.close();
  }
};

describe('backups before a migration', () => {
  it('backs up a workspace of an older schema before migrating it, and the backup holds the old version', () => {
    const path = workspaceAt(2);
    const ws = opened(path, { now: () => new Date('2025-03-01T10:00:00.000Z') });
    expect(ws.schemaVersion).toBe(latestSchemaVersion);
    const [backup, ...others] = listBackups(path);
    expect(others).toEqual([]);
    expect(backup).toMatchObject({
      name: '2025-03-01T10-00-00-000Z.v2.before-migration.sqlite',
      takenAt: '2025-03-01T10:00:00.000Z',
      reason: 'before-migration',
      schemaVersion: 2,
    });
    const copy = new Database(join(backupFolder(path), backup!.name), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(2);
    expect(copy.prepare('SELECT title FROM documents').pluck().all()).toEqual(['Ferry fares']);
    copy.close();
  });

  it('does not back up a workspace that needs no migration, nor a new one', () => {
    const path = join(tempDir(), 'new.sqlite');
    opened(path).close();
    open.pop();
    opened(path);
    expect(listBackups(path)).toEqual([]);
  });

  it('does not migrate when the backup cannot be written, and says why', () => {
    const path = workspaceAt(2);
    // A file where the backups folder should be: the folder cannot be made (as root, a folder
    // without write permission would still be written).
    writeFileSync(backupFolder(path), 'in the way');
    const before = fileDigest(path);
    expect(() => opened(path)).toThrow(
      new RegExp(
        `Byline could not back up ${path} into ${backupFolder(path)}: .*EEXIST.*so it was not upgraded and the file is unchanged`,
      ),
    );
    expect(fileDigest(path)).toBe(before);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    db.close();
  });
});

describe('daily backups', () => {
  it('makes one a day of use and keeps the last seven, leaving other reasons alone', () => {
    const path = workspaceWithArticles(1);
    const start = new Date('2025-03-01T08:00:00.000Z').getTime();
    const migrationBackups = [1, 2, 3, 4].map((i) => {
      const db = new Database(path, { readonly: true });
      try {
        return writeBackup(db, path, 'before-migration', new Date(start - i * DAY)).name;
      } finally {
        db.close();
      }
    });
    expect(listBackups(path).map((b) => b.name)).toEqual(migrationBackups.slice(0, KEEP['before-migration']));

    const taken: string[] = [];
    for (let day = 0; day < 10; day++) {
      for (const hours of [0, 5, 23]) {
        const now = new Date(start + day * DAY + hours * 3_600_000);
        const outcome = checkAndBackUp(path, dailyBackupDue(path, now), now);
        expect(outcome.damage).toBeNull();
        if (outcome.backup) taken.push(outcome.backup.takenAt);
      }
    }
    expect(taken).toEqual(Array.from({ length: 10 }, (_, day) => new Date(start + day * DAY).toISOString()));
    const daily = listBackups(path).filter((b) => b.reason === 'daily');
    expect(daily.map((b) => b.takenAt)).toEqual(taken.slice(-KEEP.daily).reverse());
    expect(listBackups(path).filter((b) => b.reason === 'before-migration')).toHaveLength(KEEP['before-migration']);
    expect(titlesIn(join(backupFolder(path), daily[0]!.name))).toEqual(['Article 0']);
  });

  it('never backs up a damaged workspace, so the good copies stay', () => {
    const path = workspaceWithArticles(30);
    const monday = new Date('2025-03-03T08:00:00.000Z');
    const good = checkAndBackUp(path, true, monday).backup!;
    damage(path);
    const tuesday = new Date(monday.getTime() + DAY);
    const outcome = checkAndBackUp(path, dailyBackupDue(path, tuesday), tuesday);
    expect(outcome.damage).toMatch(/\S/);
    expect(outcome.backup).toBeNull();
    expect(listBackups(path)).toEqual([good]);
  });
});

describe('a damaged workspace', () => {
  it('opens read-only, shows its articles, refuses every write with the reason, and is never written', async () => {
    const path = workspaceWithArticles(30);
    damage(path);
    const probe = new Database(path, { readonly: true });
    expect(probe.pragma('integrity_check', { simple: true })).not.toBe('ok');
    probe.close();
    const before = fileDigest(path);

    const ws = opened(path, { integrity: 'check' });
    expect(ws.readOnlyReason).toMatch(/^it failed its integrity check \(SQLite found: Tree \d+ page \d+: [^\n]+\)$/);
    expect(ws.db.readonly).toBe(true);
    const handlers = handlersFor(ws);
    const call = valueOf(handlers);
    expect((await call('workspace.info', {})).readOnly).toBe(ws.readOnlyReason);
    expect((await call('workspace.integrity', {})).readOnly).toBe(ws.readOnlyReason);

    const browsed = await call('library.query', { offset: 0, limit: 50, sort: 'title', descending: false });
    expect(browsed.total).toBe(30);
    const label = (await call('labels.list', {}))[0]!;
    const document = ws.db.prepare('SELECT id FROM documents LIMIT 1').pluck().get() as string;
    const writes = [
      dispatch(handlers, 'annotations.create', { documentId: document, labelId: label.id, fragments: [{ start: 0, end: 7 }] }),
      dispatch(handlers, 'documents.importText', { text: 'A new article' }),
      dispatch(handlers, 'labels.update', { id: label.id, name: 'Assertion' }),
      dispatch(handlers, 'annotators.rename', { name: 'Ben' }),
      dispatch(handlers, 'analytics.mergeSources', { keys: ['officials'], into: 'the mayor' }),
      dispatch(handlers, 'analytics.unmergeSource', { key: 'officials' }),
    ];
    for (const reply of await Promise.all(writes)) {
      expect(reply).toEqual({
        ok: false,
        error: {
          code: 'bad_input',
          message: `This workspace is open read-only: ${ws.readOnlyReason}. File > Restore from Backup… puts back a copy saved before; this file stays as it is.`,
        },
      });
    }
    ws.close();
    open.pop();
    expect(fileDigest(path)).toBe(before);
  });

  it('waits for a deferred check before any write: a sound file is then reopened for writing', async () => {
    const path = workspaceWithArticles(3);
    const ws = opened(path, { integrity: 'deferred' });
    expect(ws.db.readonly).toBe(true);
    let writable = false;
    const waiting = ws.writable().then(() => (writable = true));
    await Promise.resolve();
    expect(writable).toBe(false);
    ws.settleIntegrity(findDamage(ws.db));
    await waiting;
    expect(ws.db.readonly).toBe(false);
    expect(importText(ws, 'Written after the check\n\nBody.', 'Ana').status).toBe('imported');
  });

  it('names the file and its backups when it cannot be opened at all', () => {
    const path = workspaceWithArticles(1);
    checkAndBackUp(path, true, new Date('2025-03-01T08:00:00.000Z'));
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 16); // the header's fields and the schema's page
    closeSync(fd);
    expect(() => opened(path, { integrity: 'check' })).toThrow(
      `${path} is damaged or not a SQLite database (SQLite: file is not a database). Byline keeps backups of it in ` +
        `${backupFolder(path)}; the newest is 2025-03-01T08-00-00-000Z.v${latestSchemaVersion}.daily.sqlite.`,
    );
  });
});

describe('restoring a backup', () => {
  const sessionAt = sessionsClosedAfterEach();
  const titles = (session: AppSession) => libraryTitles(session.handlers);

  it('moves the damaged file aside and reopens on the backup, which takes writes again', async () => {
    const path = workspaceWithArticles(30);
    const backup = checkAndBackUp(path, true, new Date(Date.now() - DAY)).backup!;
    damage(path);
    const damagedBytes = fileDigest(path);
    const session = sessionAt(path);
    const call = valueOf(session.handlers);
    expect((await call('workspace.integrity', {})).readOnly).toMatch(/integrity check/);
    expect((await call('backups.list', {})).map((b) => b.name)).toEqual([backup.name]);

    const { restored, movedAside } = await call('backups.restore', { name: backup.name });
    expect(restored).toBe(backup.name);
    expect(movedAside).toMatch(new RegExp(`^\\d{4}-.*Z\\.v${latestSchemaVersion}\\.before-restore\\.sqlite$`));
    expect(fileDigest(join(backupFolder(path), movedAside))).toBe(damagedBytes);
    expect((await call('workspace.integrity', {})).readOnly).toBeNull();
    expect(await titles(session)).toHaveLength(30);
    const outcome = await call('documents.importText', { text: 'After the restore\n\nIt takes writes.' });
    expect(outcome.status).toBe('imported');
    expect((await call('backups.list', {})).map((b) => b.reason)).toEqual(['before-restore', 'daily']);
  });

  it('moves a sound workspace aside whole, with the work done after the backup', async () => {
    const path = workspaceWithArticles(1);
    const session = sessionAt(path);
    const call = valueOf(session.handlers);
    await call('workspace.integrity', {});
    const backup = checkAndBackUp(path, true, new Date()).backup!;
    await call('documents.importText', { text: 'Written after the backup\n\nBody.' });

    const { movedAside } = await call('backups.restore', { name: backup.name });
    expect(await titles(session)).toEqual(['Article 0']);
    expect(titlesIn(join(backupFolder(path), movedAside))).toEqual(['Article 0', 'Written after the backup']);
  });

  it('refuses a name that is not a listed backup, and changes nothing', async () => {
    const path = workspaceWithArticles(1);
    const session = sessionAt(path);
    await valueOf(session.handlers)('workspace.integrity', {});
    checkAndBackUp(path, true, new Date());
    const entries = readdirSync(dirname(path)).sort();
    for (const name of ['../ws.sqlite', '/etc/passwd', '2025-03-01T08-00-00-000Z.v5.daily.sqlite']) {
      const reply = await dispatch(session.handlers, 'backups.restore', { name });
      expect(reply).toEqual({
        ok: false,
        error: {
          code: 'bad_input',
          message: `“${name}” is not one of the backups of ${path} (they are in ${backupFolder(path)}).`,
        },
      });
    }
    expect(readdirSync(dirname(path)).sort()).toEqual(entries);
    expect(existsSync(path)).toBe(true);
    expect(await titles(session)).toEqual(['Article 0']);
  });
});
