import Database from 'better-sqlite3';
import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * Overwrites one leaf page of `table` (the one nearest the middle of the file) with garbage, as a
 * failing disk would: the workspace still opens, and SQLite's check finds the damage.
 */
export function damageTable(path: string, table: string): void {
  const db = new Database(path, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const middle = (db.pragma('page_count', { simple: true }) as number) / 2;
  const pages = db.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf'").pluck().all(table) as number[];
  db.close();
  const page = pages.sort((a, b) => Math.abs(a - middle) - Math.abs(b - middle))[0];
  if (page === undefined) throw new Error(`${path} has no leaf page of ${table} to damage.`);
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (page - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
}
