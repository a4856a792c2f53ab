import { describe, expect, it } from 'vitest';
import { restoredBounds } from './window-bounds';

const LAPTOP = { x: 0, y: 0, width: 1440, height: 875 };
const MONITOR_RIGHT = { x: 1440, y: -200, width: 2560, height: 1400 };
const saved = (x: number, y: number, width = 1000, height = 700) => ({ x, y, width, height, maximized: false });

describe('restoredBounds', () => {
  it('opens with the defaults the first time', () => {
    expect(restoredBounds(null, [LAPTOP])).toBeUndefined();
  });

  it('restores the saved place when it is on a display, the second one included', () => {
    expect(restoredBounds(saved(100, 80), [LAPTOP])).toEqual({ x: 100, y: 80, width: 1000, height: 700 });
    expect(restoredBounds(saved(2000, 0), [LAPTOP, MONITOR_RIGHT])).toEqual({ x: 2000, y: 0, width: 1000, height: 700 });
  });

  it('falls back to the defaults when the saved place is on no display (a monitor unplugged)', () => {
    expect(restoredBounds(saved(2000, 0), [LAPTOP])).toBeUndefined();
    expect(restoredBounds(saved(-3000, -3000), [LAPTOP, MONITOR_RIGHT])).toBeUndefined();
  });

  it('falls back when only a sliver shows, or the title bar is above or below the screen', () => {
    // 40 px of the window's width on the laptop: too little to grab.
    expect(restoredBounds(saved(1400, 100), [LAPTOP])).toBeUndefined();
    // The body is on screen but the title bar, the part to drag, is above it.
    expect(restoredBounds(saved(100, -300, 1000, 700), [LAPTOP])).toBeUndefined();
    expect(restoredBounds(saved(100, 860), [LAPTOP])).toBeUndefined();
  });

  it('keeps a window that is partly off the edge but can be grabbed, shrunk to fit its display', () => {
    expect(restoredBounds(saved(1200, 100), [LAPTOP])).toEqual({ x: 1200, y: 100, width: 1000, height: 700 });
    expect(restoredBounds(saved(0, 0, 3000, 2000), [LAPTOP])).toEqual({ x: 0, y: 0, width: 1440, height: 875 });
  });
});
