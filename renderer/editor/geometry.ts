import type { Fragment } from '../../schema/model';
import type { OffsetMap } from '../../schema/text';
import type { OffsetIndex } from './offset-index';

/** A rectangle in the scrolled content's coordinates (it scrolls with the text). */
export interface Box {
  top: number;
  left: number;
  width: number;
  height: number;
}

/**
 * One box per line of each fragment, in the coordinates of the scrolling `container`'s content
 * (`origin` is the container's client rect, passed in so that many measures read it once).
 */
export function fragmentBoxes(
  fragments: readonly Fragment[],
  index: OffsetIndex,
  offsets: OffsetMap,
  container: HTMLElement,
  origin: DOMRect,
): Box[] {
  const rects = fragments.flatMap((f) => index.clientRects(offsets.toUtf16(f.start), offsets.toUtf16(f.end)));
  return lineBoxes(rects).map((rect) => ({
    top: rect.top - origin.top + container.scrollTop,
    left: rect.left - origin.left + container.scrollLeft,
    width: rect.width,
    height: rect.height,
  }));
}

/** A range's client rects with the pieces on the same line joined. */
function lineBoxes(rects: DOMRect[]): Box[] {
  const lines: Box[] = [];
  for (const rect of rects) {
    if (rect.width < 1) continue;
    const line = lines.find((l) => Math.abs(l.top - rect.top) < 2 && Math.abs(l.height - rect.height) < 2);
    if (!line) {
      lines.push({ top: rect.top, left: rect.left, width: rect.width, height: rect.height });
      continue;
    }
    const right = Math.max(line.left + line.width, rect.right);
    line.left = Math.min(line.left, rect.left);
    line.width = right - line.left;
  }
  return lines;
}
