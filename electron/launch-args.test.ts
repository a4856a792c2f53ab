import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kindOfPath, parseLaunchArgs, type PathKind } from './launch-args';
import { tempDir } from './testing/temp';

/** Paths by what they are, for the pure parser. */
const kinds = (known: Record<string, PathKind>) => (path: string) => known[path] ?? 'missing';

describe('parseLaunchArgs', () => {
  const packaged = { cwd: '/home/ana', defaultApp: false };

  it('opens a workspace file and imports everything else a double-click or a second launch names', () => {
    const kindOf = kinds({ '/r/ferries.bylinedb': 'workspace', '/home/ana/a.txt': 'importable', '/r/brat': 'importable' });
    expect(parseLaunchArgs(['/opt/Byline/byline', '/r/ferries.bylinedb', 'a.txt', '/r/brat'], { ...packaged, kindOf })).toEqual({
      workspace: '/r/ferries.bylinedb',
      imports: ['/home/ana/a.txt', '/r/brat'],
      missing: [],
    });
  });

  it('skips the switches Chromium, Electron and the OS add, wherever they are', () => {
    const kindOf = kinds({ '/r/a.txt': 'importable' });
    const argv = [
      'C:\\Byline\\Byline.exe',
      '--allow-file-access-from-files',
      '--original-process-start-time=13370000000000000',
      '/r/a.txt',
      '--inspect=0',
      '-psn_0_12345',
      '--remote-debugging-port=0',
    ];
    expect(parseLaunchArgs(argv, { ...packaged, kindOf })).toEqual({ workspace: null, imports: ['/r/a.txt'], missing: [] });
  });

  it('keeps --workspace <file> and --workspace=<file>, relative to the launch folder, even before the file exists', () => {
    const kindOf = kinds({});
    expect(parseLaunchArgs(['byline', '--workspace', 'new.sqlite'], { ...packaged, kindOf }).workspace).toBe('/home/ana/new.sqlite');
    expect(parseLaunchArgs(['byline', '--workspace=/w/x.sqlite'], { ...packaged, kindOf }).workspace).toBe('/w/x.sqlite');
  });

  it('lets --workspace win over a workspace file named too, which is then imported like any file', () => {
    const kindOf = kinds({ '/w/other.bylinedb': 'workspace' });
    expect(parseLaunchArgs(['byline', '/w/other.bylinedb', '--workspace', '/w/mine.sqlite'], { ...packaged, kindOf })).toEqual({
      workspace: '/w/mine.sqlite',
      imports: ['/w/other.bylinedb'],
      missing: [],
    });
  });

  it('ignores the app folder of `electron .` and lists paths that are not there', () => {
    const kindOf = kinds({ '/src/byline': 'importable' });
    expect(
      parseLaunchArgs(['electron', '--inspect=0', '.', '/gone.bylinedb', '--workspace', '/w/t.sqlite'], {
        cwd: '/src/byline',
        defaultApp: true,
        kindOf,
      }),
    ).toEqual({ workspace: '/w/t.sqlite', imports: [], missing: ['/gone.bylinedb'] });
  });

  it('asks for nothing when given nothing', () => {
    expect(parseLaunchArgs(['byline'], { ...packaged, kindOf: kinds({}) })).toEqual({ workspace: null, imports: [], missing: [] });
  });
});

describe('kindOfPath', () => {
  it('tells SQLite files from articles and folders by their contents, not their names', () => {
    const folder = tempDir();
    const db = new Database(join(folder, 'renamed.txt'));
    db.exec('CREATE TABLE t (x)');
    db.close();
    writeFileSync(join(folder, 'article.bylinedb'), 'Plain text, whatever the name says.');
    mkdirSync(join(folder, 'corpus'));
    expect(kindOfPath(join(folder, 'renamed.txt'))).toBe('workspace');
    expect(kindOfPath(join(folder, 'article.bylinedb'))).toBe('importable');
    expect(kindOfPath(join(folder, 'corpus'))).toBe('importable');
    expect(kindOfPath(join(folder, 'nothing-here.bylinedb'))).toBe('missing');
  });
});
