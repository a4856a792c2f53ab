/**
 * Where the window opens: where it was last time, unless that place is on no display now (a
 * monitor unplugged, a resolution changed). Pure, so it is tested without Electron.
 */
import type { SavedWindow } from './app-state';
import type { WindowBounds } from './hardening';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How much of the window must show on one display for the person to grab and move it. */
export const MIN_VISIBLE = { width: 120, height: 60 };

/**
 * The saved bounds when enough of the window (its top strip, where the title bar is) lies on one
 * of the displays' work areas, shrunk to fit that display; otherwise undefined: the default size,
 * centred by the OS.
 */
export function restoredBounds(saved: SavedWindow | null, workAreas: readonly Rect[]): WindowBounds | undefined {
  if (!saved) return undefined;
  const titleBar: Rect = { x: saved.x, y: saved.y, width: saved.width, height: Math.min(saved.height, MIN_VISIBLE.height) };
  const display = workAreas.find((area) => {
    const overlap = intersection(titleBar, area);
    return overlap !== null && overlap.width >= Math.min(MIN_VISIBLE.width, saved.width) && overlap.height >= Math.min(MIN_VISIBLE.height, saved.height);
  });
  if (!display) return undefined;
  return {
    x: Math.round(saved.x),
    y: Math.round(saved.y),
    width: Math.round(Math.min(saved.width, display.width)),
    height: Math.round(Math.min(saved.height, display.height)),
  };
}

function intersection(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}
