import team from './0001_team.sql?raw';
import textVersions from './0002_text_versions.sql?raw';
import type { Migration } from '../migrations';

/**
 * The team server's migrations (PostgreSQL), in order; `byline.migrations` records those applied.
 * A test checks this list against the .sql files in this folder.
 */
export const teamMigrations: Migration[] = [
  { version: 1, name: '0001_team.sql', sql: team },
  { version: 2, name: '0002_text_versions.sql', sql: textVersions },
];

export const latestTeamSchemaVersion = teamMigrations.length;
