import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { APP_STATE_FILE, AppStateFile, DEFAULT_STATE, MAX_RECENT, parseAppState, readAppState } from './app-state';
import { tempDir } from './testing/temp';

const WINDOW = { x: 40, y: 30, width: 1000, height: 700, maximized: false };

describe('the app state file', () => {
  it('starts from defaults when the file is missing, and writes it on the first change', () => {
    const file = join(tempDir(), 'nested', APP_STATE_FILE);
    const state = new AppStateFile(file);
    expect(state.current).toEqual(DEFAULT_STATE);
    state.addRecent('/w/a.bylinedb');
    state.saveWindow(WINDOW);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ recent: ['/w/a.bylinedb'], window: WINDOW });
    expect(new AppStateFile(file).current).toEqual({ recent: ['/w/a.bylinedb'], window: WINDOW });
  });

  it.each([
    ['not JSON', '{"recent": ["/w/a.bylinedb"'],
    ['an empty file', ''],
    ['JSON of another shape', '[1, 2, 3]'],
    ['null', 'null'],
    ['binary garbage', '\u0000\u0001\uFFFD'],
  ])('falls back to defaults for %s', (_what, text) => {
    const file = join(tempDir(), APP_STATE_FILE);
    writeFileSync(file, text);
    expect(readAppState(file)).toEqual(DEFAULT_STATE);
  });

  it('keeps the valid parts of a damaged file and drops the rest', () => {
    expect(
      parseAppState(
        JSON.stringify({ recent: ['/a', 7, '', '/b', '/a', null], window: { ...WINDOW, width: -5 }, other: true }),
      ),
    ).toEqual({ recent: ['/a', '/b'], window: null });
    expect(parseAppState(JSON.stringify({ recent: 'oops', window: WINDOW }))).toEqual({ recent: [], window: WINDOW });
    expect(parseAppState(JSON.stringify({ window: { ...WINDOW, maximized: 'yes' } })).window).toBeNull();
    expect(parseAppState(JSON.stringify({ window: { ...WINDOW, x: 'NaN' } })).window).toBeNull();
  });

  it('lists recent workspaces most recent first, once each, at most ten', () => {
    const state = new AppStateFile(join(tempDir(), APP_STATE_FILE));
    for (let i = 0; i < 12; i++) state.addRecent(`/w/${i}.bylinedb`);
    state.addRecent('/w/5.bylinedb');
    expect(state.recent()).toHaveLength(MAX_RECENT);
    expect(state.recent().slice(0, 3)).toEqual(['/w/5.bylinedb', '/w/11.bylinedb', '/w/10.bylinedb']);
    expect(state.recent()).not.toContain('/w/0.bylinedb');
    expect(new Set(state.recent()).size).toBe(MAX_RECENT);
    // A hand-edited file with more than ten is cut to ten as it is read.
    const big = join(tempDir(), APP_STATE_FILE);
    writeFileSync(big, JSON.stringify({ recent: Array.from({ length: 30 }, (_, i) => `/x/${i}`) }));
    expect(readAppState(big).recent).toHaveLength(MAX_RECENT);
  });

  it('removes a recent workspace, and tells its listeners when the list changes (not the window)', () => {
    const state = new AppStateFile(join(tempDir(), APP_STATE_FILE));
    const heard = vi.fn();
    const stop = state.onRecentChange(heard);
    state.addRecent('/w/a.bylinedb');
    state.addRecent('/w/b.bylinedb');
    state.removeRecent('/w/a.bylinedb');
    state.saveWindow(WINDOW);
    expect(state.recent()).toEqual(['/w/b.bylinedb']);
    expect(heard).toHaveBeenCalledTimes(3);
    stop();
    state.addRecent('/w/c.bylinedb');
    expect(heard).toHaveBeenCalledTimes(3);
  });

  it('keeps working in memory when its folder cannot be written, and says why', () => {
    // A file where the folder should be: not writable whoever runs the test (root included).
    const notAFolder = join(tempDir(), 'blocked');
    writeFileSync(notAFolder, 'a file, not a folder');
    const file = join(notAFolder, APP_STATE_FILE);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const state = new AppStateFile(file);
      state.addRecent('/w/a.bylinedb');
      expect(state.recent()).toEqual(['/w/a.bylinedb']);
      expect(existsSync(file)).toBe(false);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(file));
    } finally {
      warn.mockRestore();
    }
  });
});
