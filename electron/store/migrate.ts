import type Database from 'better-sqlite3';
import type { Migration } from '../../schema/migrations';

/** PRAGMA application_id of every Byline workspace: "BYLN". */
export const BYLINE_APPLICATION_ID = 0x42594c4e;

/**
 * Brings a workspace up to the latest schema. Each migration runs in its own transaction together
 * with the user_version bump, so a failure leaves the workspace at the last version that completed.
 */
export function migrate(db: Database.Database, migrations: Migration[]): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  for (const migration of migrations) {
    if (migration.version <= from) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      if (migration.version === 1) db.pragma(`application_id = ${BYLINE_APPLICATION_ID}`);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return { from, to: db.pragma('user_version', { simple: true }) as number };
}
