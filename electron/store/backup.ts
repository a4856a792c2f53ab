/**
 * Backups of a workspace file, in a folder beside it named after it (`ferries.bylinedb.backups/`):
 * on the same disk, so a finished backup is renamed into place in one step; next to the file, so
 * it moves and is found with it; and one folder per workspace, so two workspaces in one folder
 * never rotate each other's backups away.
 *
 * Each backup is a whole SQLite database (`VACUUM INTO`, a consistent copy of what was committed,
 * taken in one read transaction while the app keeps writing), named
 * `<UTC time>.v<schema>.<reason>.sqlite`, so names sort by time and say what they hold.
 */
import Database from 'better-sqlite3';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import type { BackupInfo, BackupReason } from '../../schema/api';
import { badInput } from '../../schema/errors';

/**
 * How many backups of each reason rotation keeps. A week of daily ones; the last three taken
 * before a migration (each the last copy an older Byline can read). The files a restore moved
 * aside are never deleted: they are work the person chose to leave, not copies of it.
 */
export const KEEP: Record<Exclude<BackupReason, 'before-restore'>, number> = { daily: 7, 'before-migration': 3 };

const DAY_MS = 24 * 60 * 60 * 1000;
const NAME = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.v(\d+)\.(before-migration|daily|before-restore)\.sqlite$/;
const PARTIAL = '.partial';
/** SQLite's own companions of a database file, moved with it. */
const COMPANIONS = ['-wal', '-shm', '-journal'];

export function backupFolder(workspacePath: string): string {
  return `${workspacePath}.backups`;
}

/** The backups of a workspace, newest first. */
export function listBackups(workspacePath: string): BackupInfo[] {
  const folder = backupFolder(workspacePath);
  if (!existsSync(folder)) return [];
  const backups: BackupInfo[] = [];
  for (const name of readdirSync(folder)) {
    const parts = NAME.exec(name);
    if (!parts) continue;
    const [, date, h, m, s, ms, version, reason] = parts;
    backups.push({
      name,
      takenAt: `${date}T${h}:${m}:${s}.${ms}Z`,
      reason: reason as BackupReason,
      schemaVersion: Number(version),
      bytes: statSync(join(folder, name)).size,
    });
  }
  return backups.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

/** Whether a daily backup is due: none yet, or the newest is 24 hours old. */
export function dailyBackupDue(workspacePath: string, now: Date): boolean {
  const newest = listBackups(workspacePath).find((backup) => backup.reason === 'daily');
  return !newest || now.getTime() - Date.parse(newest.takenAt) >= DAY_MS;
}

/**
 * Why SQLite finds the database damaged (the first problems `PRAGMA quick_check` lists), or null
 * when it is sound. quick_check reads every page and checks every b-tree and record; it leaves
 * out only the comparison of indexes with their tables, which integrity_check adds at about a
 * quarter more time.
 */
export function findDamage(db: Database.Database): string | null {
  try {
    const rows = db.pragma('quick_check(3)', { simple: false }) as { quick_check: string }[];
    // A row may hold several lines, headed by which database they are about.
    const found = rows
      .flatMap((row) => row.quick_check.split('\n'))
      .filter((line) => line !== 'ok' && line !== '' && !line.startsWith('***'));
    return found.length === 0 ? null : found.slice(0, 3).join('; ');
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Writes a backup of the database open on `db` and rotates the backups of its reason. It is
 * written under a temporary name and renamed into place, so a backup that was interrupted is
 * never listed. Throws a message naming the folder and the reason when it cannot be written.
 */
export function writeBackup(db: Database.Database, workspacePath: string, reason: BackupReason, now: Date): BackupInfo {
  const folder = backupFolder(workspacePath);
  const version = db.pragma('user_version', { simple: true }) as number;
  const name = backupName(now, version, reason);
  const target = join(folder, name);
  try {
    mkdirSync(folder, { recursive: true });
    removeQuietly(target + PARTIAL);
    db.prepare('VACUUM INTO ?').run(target + PARTIAL);
    renameSync(target + PARTIAL, target);
  } catch (error) {
    removeQuietly(target + PARTIAL);
    throw badInput(`Byline could not back up ${workspacePath} into ${folder}: ${(error as Error).message}.`);
  }
  const written = listBackups(workspacePath).find((backup) => backup.name === name)!;
  rotateBackups(workspacePath, reason, name);
  return written;
}

/** Cleans up after a failure without hiding it behind another (the folder may not be there). */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // The failure being reported says what went wrong.
  }
}

export interface CheckOutcome {
  /** What SQLite found wrong with the workspace, or null. */
  damage: string | null;
  /** The daily backup written, when one was asked for and the workspace is sound. */
  backup: BackupInfo | null;
  backupError: string | null;
}

/**
 * What the app runs off the main thread after opening a workspace: the integrity check, then,
 * when asked and only if the file is sound (a damaged file must never rotate a good copy away),
 * the daily backup. Its own read-only connection sees one committed state while the app writes.
 */
export function checkAndBackUp(workspacePath: string, dailyBackup: boolean, now: Date): CheckOutcome {
  const db = new Database(workspacePath, { readonly: true, fileMustExist: true });
  try {
    const damage = findDamage(db);
    if (damage || !dailyBackup) return { damage, backup: null, backupError: null };
    try {
      return { damage, backup: writeBackup(db, workspacePath, 'daily', now), backupError: null };
    } catch (error) {
      return { damage, backup: null, backupError: (error as Error).message };
    }
  } finally {
    db.close();
  }
}

/** Deletes the oldest backups of `reason` beyond what KEEP says, and backups left half-written. */
function rotateBackups(workspacePath: string, reason: BackupReason, justWritten: string): void {
  const folder = backupFolder(workspacePath);
  for (const name of readdirSync(folder)) {
    if (name.endsWith(PARTIAL) && name !== justWritten + PARTIAL) rmSync(join(folder, name), { force: true });
  }
  if (reason === 'before-restore') return;
  const old = listBackups(workspacePath)
    .filter((backup) => backup.reason === reason)
    .slice(KEEP[reason]);
  for (const backup of old) rmSync(join(folder, backup.name), { force: true });
}

/** The listed backup of this name; anything else (a path, a name not listed) is refused. */
export function findBackup(workspacePath: string, name: string): BackupInfo {
  const backup = listBackups(workspacePath).find((candidate) => candidate.name === name);
  if (!backup) {
    throw badInput(`“${name}” is not one of the backups of ${workspacePath} (they are in ${backupFolder(workspacePath)}).`);
  }
  return backup;
}

/**
 * Puts the backup `name` in place of the workspace file. Call it with no connection open. The
 * current file is not overwritten or deleted: it is moved, with its -wal and -shm, into the
 * backups folder as a `before-restore` backup (so a restore can itself be undone), and put back
 * if the copy fails. Returns the moved-aside backup's name.
 */
export function restoreBackup(workspacePath: string, name: string, now: Date): string {
  const backup = join(backupFolder(workspacePath), findBackup(workspacePath, name).name);
  const asideName = backupName(now, fileSchemaVersion(workspacePath), 'before-restore');
  const aside = join(backupFolder(workspacePath), asideName);
  const moved = moveWithCompanions(workspacePath, aside);
  try {
    const incoming = `${workspacePath}.restoring`;
    copyFileSync(backup, incoming);
    renameSync(incoming, workspacePath);
    for (const suffix of COMPANIONS) {
      if (existsSync(backup + suffix)) copyFileSync(backup + suffix, workspacePath + suffix);
    }
  } catch (error) {
    rmSync(`${workspacePath}.restoring`, { force: true });
    for (const suffix of moved) renameSync(aside + suffix, workspacePath + suffix);
    throw badInput(`Byline could not restore ${name} over ${workspacePath}: ${(error as Error).message}. The workspace was left as it was.`);
  }
  return asideName;
}

/** Moves a database file and its companions; returns the suffixes moved ('' for the file). */
function moveWithCompanions(from: string, to: string): string[] {
  const moved: string[] = [];
  for (const suffix of ['', ...COMPANIONS]) {
    if (!existsSync(from + suffix)) continue;
    renameSync(from + suffix, to + suffix);
    moved.push(suffix);
  }
  return moved;
}

/** PRAGMA user_version as the file's header holds it (bytes 60-63), read without SQLite. */
function fileSchemaVersion(path: string): number {
  if (!existsSync(path)) return 0;
  const header = Buffer.alloc(64);
  const fd = openSync(path, 'r');
  try {
    return readSync(fd, header, 0, 64, 0) === 64 ? header.readUInt32BE(60) : 0;
  } finally {
    closeSync(fd);
  }
}

function backupName(now: Date, version: number, reason: BackupReason): string {
  const stamp = now.toISOString().replace(/:/g, '-').replace('.', '-');
  return `${stamp}.v${version}.${reason}.sqlite`;
}
