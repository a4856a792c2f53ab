import init from './0001_init.sql?raw';
import linksAttributesHistory from './0002_links_attributes_history.sql?raw';
import corpus from './0003_corpus.sql?raw';

export interface Migration {
  /** The PRAGMA user_version the workspace has once this migration ran. */
  version: number;
  name: string;
  sql: string;
}

/** Every migration in order; a test checks this list against the .sql files in this folder. */
export const migrations: Migration[] = [
  { version: 1, name: '0001_init.sql', sql: init },
  { version: 2, name: '0002_links_attributes_history.sql', sql: linksAttributesHistory },
  { version: 3, name: '0003_corpus.sql', sql: corpus },
];

export const latestSchemaVersion = migrations.length;
