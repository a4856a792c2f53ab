import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { Annotator } from '../../schema/model';
import { badInput } from '../../schema/errors';
import { latestSchemaVersion, migrations } from '../../schema/migrations';
import { BYLINE_APPLICATION_ID, migrate } from './migrate';

const SQLITE_HEADER = 'SQLite format 3\0';

export interface OpenOptions {
  /** Name of the local annotator, used when the workspace has none yet. */
  userName?: string;
}

/** An open workspace file: the database connection and who is working in it. */
export class Workspace {
  readonly path: string;
  readonly db: Database.Database;
  readonly localAnnotator: Annotator;
  /** True when this open created the workspace (it was missing or empty). */
  readonly created: boolean;
  /** The action (see history.ts) the events being written belong to, if any. */
  actionId: string | null = null;
  private readonly statements = new Map<string, Database.Statement>();

  private constructor(path: string, db: Database.Database, localAnnotator: Annotator, created: boolean) {
    this.path = path;
    this.db = db;
    this.localAnnotator = localAnnotator;
    this.created = created;
  }

  /**
   * Opens (or creates) the workspace at `path` and migrates it. A file that is not a Byline
   * workspace, or one written by a newer Byline, is refused with a message and left untouched.
   */
  static open(path: string, options: OpenOptions = {}): Workspace {
    const existed = existsSync(path) && statSync(path).size > 0;
    if (existed) checkExistingFile(path);
    else mkdirSync(dirname(path), { recursive: true });

    const db = new Database(path);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      migrate(db, migrations);
      const annotator = ensureLocalAnnotator(db, options.userName ?? 'Me');
      return new Workspace(path, db, annotator, !existed);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
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
  }
}

/** Reads an existing file without changing it, and refuses what Byline must not open. */
function checkExistingFile(path: string): void {
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_HEADER) {
    throw badInput(`${path} is not a Byline workspace: it is not a SQLite database.`);
  }

  let probe: Database.Database | undefined;
  try {
    probe = new Database(path, { readonly: true, fileMustExist: true });
    const applicationId = probe.pragma('application_id', { simple: true }) as number;
    const version = probe.pragma('user_version', { simple: true }) as number;
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
      throw badInput(`${path} is damaged or not a SQLite database (SQLite: ${error.message}).`);
    }
    throw error;
  } finally {
    probe?.close();
  }
}

function ensureLocalAnnotator(db: Database.Database, name: string): Annotator {
  const row = db.prepare('SELECT id, name FROM annotators WHERE is_local = 1').get() as
    | { id: string; name: string }
    | undefined;
  if (row) return { ...row, isLocal: true };
  const annotator = { id: uuidv7(), name, isLocal: true };
  db.prepare('INSERT INTO annotators (id, name, is_local, created_at) VALUES (?, ?, 1, ?)').run(
    annotator.id,
    annotator.name,
    new Date().toISOString(),
  );
  return annotator;
}
