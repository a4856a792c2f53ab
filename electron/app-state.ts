/**
 * What the app remembers between runs that is not in a workspace: the recent workspaces and the
 * window's place. One small JSON file in the app's state folder (Electron: userData). A missing or
 * damaged file means defaults: it must never keep Byline from starting. No 'electron' here.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const MAX_RECENT = 10;
export const APP_STATE_FILE = 'app-state.json';

/** The window's normal (not maximized) bounds, and whether it was maximized. */
export interface SavedWindow {
  x: number;
  y: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface AppState {
  /** Workspace files, most recent first, at most MAX_RECENT. */
  recent: string[];
  window: SavedWindow | null;
}

export const DEFAULT_STATE: AppState = { recent: [], window: null };

/** The state in a file's text; whatever part is missing or malformed falls back to its default. */
export function parseAppState(text: string): AppState {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return DEFAULT_STATE;
  }
  if (typeof data !== 'object' || data === null) return DEFAULT_STATE;
  const { recent, window } = data as Record<string, unknown>;
  return {
    recent: Array.isArray(recent)
      ? [...new Set(recent.filter((p): p is string => typeof p === 'string' && p.length > 0))].slice(0, MAX_RECENT)
      : [],
    window: isSavedWindow(window) ? window : null,
  };
}

function isSavedWindow(value: unknown): value is SavedWindow {
  if (typeof value !== 'object' || value === null) return false;
  const w = value as Record<string, unknown>;
  return (
    ['x', 'y', 'width', 'height'].every((key) => Number.isFinite(w[key])) &&
    (w.width as number) > 0 &&
    (w.height as number) > 0 &&
    typeof w.maximized === 'boolean'
  );
}

/** `path` first in the recent list, once, the oldest dropped beyond the cap. */
export function withRecent(state: AppState, path: string): AppState {
  return { ...state, recent: [path, ...state.recent.filter((p) => p !== path)].slice(0, MAX_RECENT) };
}

export function withoutRecent(state: AppState, path: string): AppState {
  return { ...state, recent: state.recent.filter((p) => p !== path) };
}

/**
 * The state file of a running app: read once, written whole (under a temporary name, then renamed,
 * so a crash mid-write leaves the previous file) on every change. `onChange` hears every change
 * of the recent list (Electron rebuilds its menu).
 */
export class AppStateFile {
  readonly file: string;
  private state: AppState;
  private readonly listeners = new Set<() => void>();

  constructor(file: string) {
    this.file = file;
    this.state = readAppState(file);
  }

  get current(): AppState {
    return this.state;
  }

  recent(): string[] {
    return this.state.recent;
  }

  addRecent(path: string): void {
    this.update(withRecent(this.state, path), true);
  }

  removeRecent(path: string): void {
    this.update(withoutRecent(this.state, path), true);
  }

  saveWindow(window: SavedWindow): void {
    this.update({ ...this.state, window }, false);
  }

  onRecentChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private update(next: AppState, recentChanged: boolean): void {
    this.state = next;
    writeAppState(this.file, next);
    if (recentChanged) for (const listener of this.listeners) listener();
  }
}

export function readAppState(file: string): AppState {
  try {
    return parseAppState(readFileSync(file, 'utf8'));
  } catch {
    return DEFAULT_STATE;
  }
}

/** Writes the state; a folder that cannot be written costs only the memory of this run, so it is reported and not thrown. */
export function writeAppState(file: string, state: AppState): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
    renameSync(temporary, file);
  } catch (error) {
    console.warn(`Byline could not save its settings to ${file}: ${(error as Error).message}`);
  }
}
