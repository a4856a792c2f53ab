import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { latestSchemaVersion, migrations } from './index';

describe('migrations', () => {
  it('lists every numbered .sql file in this folder, in order, numbered from 1', () => {
    const files = readdirSync(fileURLToPath(new URL('.', import.meta.url)))
      .filter((name) => name.endsWith('.sql'))
      .sort();
    expect(migrations.map((m) => m.name)).toEqual(files);
    migrations.forEach((migration, i) => {
      expect(migration.version).toBe(i + 1);
      expect(migration.name.startsWith(String(i + 1).padStart(4, '0'))).toBe(true);
      expect(migration.sql.length).toBeGreaterThan(0);
    });
    expect(latestSchemaVersion).toBe(files.length);
  });
});
