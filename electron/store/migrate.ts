import type Database from 'better-sqlite3';
import type { Migration } from '../../schema/migrations';

/** A migration whose SQL holds this line runs with foreign keys off (and checked at its end). */
const FOREIGN_KEYS_OFF = '-- byline: foreign keys off';

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
    // Rebuilding a table that others reference needs foreign keys off, which SQLite only allows
    // outside a transaction; they are checked before the migration commits.
    const keysOff = migration.sql.includes(FOREIGN_KEYS_OFF);
    const keysWereOn = db.pragma('foreign_keys', { simple: true }) === 1;
    if (keysOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(migration.sql);
        if (keysOff) {
          const broken = db.pragma('foreign_key_check') as { table: string }[];
          if (broken.length > 0) {
            throw new Error(`${migration.name} leaves ${broken.length} broken references (in ${broken[0]!.table}).`);
          }
        }
        if (migration.version === 1) db.pragma(`application_id = ${BYLINE_APPLICATION_ID}`);
        db.pragma(`user_version = ${migration.version}`);
      })();
    } finally {
      if (keysOff && keysWereOn) db.pragma('foreign_keys = ON');
    }
  }
  return { from, to: db.pragma('user_version', { simple: true }) as number };
}
