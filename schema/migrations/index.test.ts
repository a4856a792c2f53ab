import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { latestTeamSchemaVersion, teamMigrations } from '../team-migrations';
import { latestSchemaVersion, migrations, type Migration } from './index';

describe.each([
  { name: 'workspace migrations', folder: new URL('.', import.meta.url), list: migrations, latest: latestSchemaVersion },
  { name: 'team server migrations', folder: new URL('../team-migrations/', import.meta.url), list: teamMigrations, latest: latestTeamSchemaVersion },
] satisfies { name: string; folder: URL; list: Migration[]; latest: number }[])('$name', ({ folder, list, latest }) => {
  it('lists every numbered .sql file in its folder, in order, numbered from 1', () => {
    const files = readdirSync(fileURLToPath(folder))
      .filter((name) => name.endsWith('.sql'))
      .sort();
    expect(list.map((m) => m.name)).toEqual(files);
    list.forEach((migration, i) => {
      expect(migration.version).toBe(i + 1);
      expect(migration.name.startsWith(String(i + 1).padStart(4, '0'))).toBe(true);
      expect(migration.sql.length).toBeGreaterThan(0);
    });
    expect(latest).toBe(files.length);
  });
});
