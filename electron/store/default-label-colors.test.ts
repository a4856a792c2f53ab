import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../schema/migrations';
import { DEFAULT_LABEL_COLORS } from '../../schema/palette';
import { tempDir } from '../testing/temp';
import { listLabels } from './labels';
import { migrate } from './migrate';
import { Workspace } from './workspace';

const colorsByName = (ws: Workspace) =>
  Object.fromEntries(listLabels(ws).filter((l) => l.kind === 'span').map((l) => [l.name, l.color]));

describe('migration 0006: accessible default label colors', () => {
  it('a new workspace has the default colors of schema/palette.ts', () => {
    const ws = Workspace.open(join(tempDir(), 'new.sqlite'), { userName: 'Tester' });
    try {
      expect(colorsByName(ws)).toEqual(DEFAULT_LABEL_COLORS);
    } finally {
      ws.close();
    }
  });

  it('recolors the defaults nobody changed in a version 5 workspace, and keeps a color someone chose', () => {
    const path = join(tempDir(), 'v5.sqlite');
    const db = new Database(path);
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 5));
    db.prepare("UPDATE labels SET color = '#123456' WHERE name = 'Source'").run();
    db.close();

    const ws = Workspace.open(path);
    try {
      expect(colorsByName(ws)).toEqual({ ...DEFAULT_LABEL_COLORS, Source: '#123456' });
    } finally {
      ws.close();
    }
  });
});
