import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { Annotator } from '../../schema/model';
import { badInput } from '../../schema/errors';
import { latestSchemaVersion, migrations } from '../../schema/migrations';
import { backupFolder, findDamage, listBackups, writeBackup } from './backup';
import { BYLINE_APPLICATION_ID, migrate } from './migrate';

const SQLITE_HEADER = 'SQLite format 3\0';

export interface OpenOptions {
  /** Name of the local annotator, used when the workspace has none yet. */
  userName?: string;
  /**
   * Whether an existing workspace's integrity is checked (PRAGMA quick_check: about 4 s on a
   * 200 MB workspace, too long for the main thread). 'check': before opening, on this thread;
   * 'deferred' (the app): by the caller off the main thread, who reports with settleIntegrity();
   * until then the file is open read-only and writes wait. 'skip' (the default: the command line,
   * workers on a workspace the app has checked): not at all. A workspace that needs migrating is
   * always checked first, before its backup.
   */
  integrity?: 'check' | 'deferred' | 'skip';
  /** Opens the file read-only: for work that only reads (exports, agreement). */
  readOnly?: boolean;
  /** The clock that names backups. */
  now?: () => Date;
}

type Access = 'writable' | 'checking' | 'damaged' | 'reading';

/** An open workspace file: the database connection and who is working in it. */
export class Workspace {
  readonly path: string;
  /** True when this open created the workspace (it was missing or empty). */
  readonly created: boolean;
  /** The action (see history.ts) the events being written belong to, if any. */
  actionId: string | null = null;
  /** Where the changes being made come from (logged with each event): null for by hand. */
  actionOrigin: 'suggested' | null = null;
  private connection: Database.Database;
  private annotator: Annotator;
  private access: Access;
  private damage: string | null = null;
  private readonly userName: string;
  private readonly settled: Promise<void>;
  private settle: () => void = () => {};
  private readonly statements = new Map<string, Database.Statement>();

  private constructor(path: string, db: Database.Database, access: Access, created: boolean, userName: string) {
    this.path = path;
    this.connection = db;
    this.access = access;
    this.created = created;
    this.userName = userName;
    this.annotator = access === 'writable' ? ensureLocalAnnotator(db, userName) : findLocalAnnotator(db, userName);
    this.settled = new Promise((resolve) => (this.settle = resolve));
    if (access !== 'checking') this.settle();
  }

  /**
   * Opens (or creates) the workspace at `path` and migrates it, backing it up first when it was
   * made by an older Byline. A file that is not a Byline workspace, or one written by a newer
   * Byline, is refused with a message and left untouched; one that fails its integrity check is
   * opened read-only and never written.
   */
  static open(path: string, options: OpenOptions = {}): Workspace {
    const userName = options.userName ?? 'Me';
    const existed = existsSync(path) && statSync(path).size > 0;
    if (!existed) {
      mkdirSync(dirname(path), { recursive: true });
      return new Workspace(path, openWritable(path), 'writable', true, userName);
    }
    const version = checkExistingFile(path);
    const integrity = options.integrity ?? 'skip';
    const migrating = version < latestSchemaVersion;
    if (options.readOnly) return new Workspace(path, openReadOnly(path), 'reading', false, userName);
    if (integrity === 'deferred' && !migrating) return new Workspace(path, openReadOnly(path), 'checking', false, userName);
    if (integrity === 'check' || migrating) {
      const probe = openReadOnly(path);
      const damage = findDamage(probe);
      if (damage) return Workspace.damaged(path, probe, damage, userName);
      try {
        if (migrating && version > 0) backUpBeforeMigration(probe, path, version, (options.now ?? (() => new Date()))());
      } finally {
        probe.close();
      }
    }
    return new Workspace(path, openWritable(path), 'writable', false, userName);
  }

  private static damaged(path: string, db: Database.Database, damage: string, userName: string): Workspace {
    const ws = new Workspace(path, db, 'damaged', false, userName);
    ws.damage = damage;
    return ws;
  }

  get db(): Database.Database {
    return this.connection;
  }

  get localAnnotator(): Annotator {
    return this.annotator;
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /** Why the workspace is open read-only, in a sentence; null while it may be written (or is being checked). */
  get readOnlyReason(): string | null {
    if (this.access === 'damaged') return `it failed its integrity check (SQLite found: ${this.damage})`;
    if (this.access === 'reading') return 'it was opened for reading only';
    return null;
  }

  /** Resolves once the integrity check is done (at once when it ran at open). */
  async integrityChecked(): Promise<void> {
    await this.settled;
  }

  /** Resolves when writes may go ahead (after the integrity check); throws why not when it is read-only. */
  async writable(): Promise<void> {
    await this.settled;
    const reason = this.readOnlyReason;
    if (reason) {
      throw badInput(
        `This workspace is open read-only: ${reason}. File > Restore from Backup… puts back a copy ` +
          `saved before; this file stays as it is.`,
      );
    }
  }

  /**
   * The result of a deferred integrity check: the damage SQLite found (the file stays read-only),
   * or null (the file is reopened for writing).
   */
  settleIntegrity(damage: string | null): void {
    if (this.access !== 'checking' || !this.connection.open) return;
    if (damage) {
      this.access = 'damaged';
      this.damage = damage;
    } else {
      this.statements.clear();
      this.connection.close();
      this.connection = openWritable(this.path);
      this.annotator = ensureLocalAnnotator(this.connection, this.userName);
      this.access = 'writable';
    }
    this.settle();
  }

  /** A prepared statement, prepared once per workspace. */
  statement(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  /** Runs `work` in one transaction: all of it is stored, or none of it. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  close(): void {
    this.statements.clear();
    this.db.close();
    this.settle();
  }
}

/** A read-write connection, migrated to the latest schema. */
function openWritable(path: string): Database.Database {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A connection that cannot write the file (SQLite refuses every write on it). */
function openReadOnly(path: string): Database.Database {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

/** A migration changes the file for good: a copy an older Byline can read comes first, or no migration. */
function backUpBeforeMigration(db: Database.Database, path: string, version: number, now: Date): void {
  try {
    writeBackup(db, path, 'before-migration', now);
  } catch (error) {
    throw badInput(
      `${(error as Error).message} Byline backs a workspace up before upgrading it (from schema ${version} ` +
        `to ${latestSchemaVersion}), so it was not upgraded and the file is unchanged.`,
    );
  }
}

/** True when the file's first bytes say it is a SQLite database (it may still be another program's). */
export function hasSqliteHeader(path: string): boolean {
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  return header.toString('latin1') === SQLITE_HEADER;
}

/**
 * Reads an existing file without changing it, and refuses what Byline must not open; returns its
 * schema version.
 */
function checkExistingFile(path: string): number {
  if (!hasSqliteHeader(path)) {
    throw badInput(`${path} is not a Byline workspace: it is not a SQLite database.`);
  }

  let probe: Database.Database | undefined;
  let version: number;
  try {
    probe = new Database(path, { readonly: true, fileMustExist: true });
    const applicationId = probe.pragma('application_id', { simple: true }) as number;
    version = probe.pragma('user_version', { simple: true }) as number;
    const tables = (probe.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n;
    if (applicationId !== BYLINE_APPLICATION_ID && (applicationId !== 0 || tables > 0)) {
      throw badInput(`${path} is not a Byline workspace: it is a SQLite database of another program.`);
    }
    if (version > latestSchemaVersion) {
      throw badInput(
        `${path} was made by a newer version of Byline (workspace schema ${version}; this version ` +
          `reads up to ${latestSchemaVersion}). Open it with a newer Byline; the file was not changed.`,
      );
    }
  } catch (error) {
    if (error instanceof Database.SqliteError) {
      throw badInput(`${path} is damaged or not a SQLite database (SQLite: ${error.message}).${backupsOffer(path)}`);
    }
    throw error;
  } finally {
    probe?.close();
  }
  return version;
}

/** For a file Byline cannot open at all: where its backups are, if it has any. */
function backupsOffer(path: string): string {
  const [newest] = listBackups(path);
  if (!newest) return '';
  return (
    ` Byline keeps backups of it in ${backupFolder(path)}; the newest is ${newest.name}. To go back to ` +
    `it, move the damaged file away and copy that backup in its place.`
  );
}

/** The local annotator as stored, without writing (a read-only workspace may have none yet). */
function findLocalAnnotator(db: Database.Database, name: string): Annotator {
  const row = db.prepare('SELECT id, name FROM annotators WHERE is_local = 1').get() as
    | { id: string; name: string }
    | undefined;
  return row ? { ...row, isLocal: true } : { id: '', name, isLocal: true };
}

function ensureLocalAnnotator(db: Database.Database, name: string): Annotator {
  const found = findLocalAnnotator(db, name);
  if (found.id) return found;
  const annotator = { id: uuidv7(), name, isLocal: true };
  db.prepare('INSERT INTO annotators (id, name, is_local, created_at) VALUES (?, ?, 1, ?)').run(
    annotator.id,
    annotator.name,
    new Date().toISOString(),
  );
  return annotator;
}
