/**
 * Renders the app icon, renderer/public/icon.svg (the window's favicon), to the PNGs packaging
 * needs: build/icon.png at 1024 px, from which electron-builder makes the macOS .icns and the
 * Windows .ico, and build/icons/<n>x<n>.png, the Linux icon set.
 * Run `node_modules/.bin/node build/make-icon.ts` after changing the SVG, and commit the PNGs.
 *
 * The SVG is a stack of rounded rectangles, so this draws exactly that: each `<rect>` as a
 * signed distance field, its edge antialiased over one pixel. Anything else in it is refused.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PNG } from 'pngjs';

const SVG = 'renderer/public/icon.svg';

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
  rx: number;
  rgb: [number, number, number];
}

function parseIcon(svg: string): { viewBox: number; rects: Rect[] } {
  const viewBox = /<svg[^>]*viewBox="0 0 (\d+(?:\.\d+)?) \1"/.exec(svg);
  if (!viewBox) throw new Error(`${SVG}: expected a square viewBox "0 0 n n" on <svg>`);
  const elements = [...svg.matchAll(/<(\w+)\s*([^>]*?)\/?>/g)].filter(([, name]) => name !== 'svg');
  const rects = elements.map(([element, name, attributes]) => {
    if (name !== 'rect') throw new Error(`${SVG}: only <rect> can be rendered, found ${element}`);
    const attribute = (key: string, fallback?: string): string => {
      const value = new RegExp(`\\b${key}="([^"]*)"`).exec(attributes!)?.[1] ?? fallback;
      if (value === undefined) throw new Error(`${SVG}: ${element} has no ${key}`);
      return value;
    };
    const fill = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(attribute('fill'));
    if (!fill) throw new Error(`${SVG}: ${element} needs a fill in #rgb or #rrggbb`);
    const hex = fill[1]!.length === 3 ? [...fill[1]!].map((c) => c + c).join('') : fill[1]!;
    return {
      x: Number(attribute('x', '0')),
      y: Number(attribute('y', '0')),
      width: Number(attribute('width')),
      height: Number(attribute('height')),
      rx: Number(attribute('rx', '0')),
      rgb: [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rect['rgb'],
    };
  });
  return { viewBox: Number(viewBox[1]), rects };
}

/** Distance from (px, py) to the rounded rectangle's edge, negative inside. */
function distance(rect: Rect, px: number, py: number): number {
  const hw = rect.width / 2;
  const hh = rect.height / 2;
  const qx = Math.abs(px - (rect.x + hw)) - hw + rect.rx;
  const qy = Math.abs(py - (rect.y + hh)) - hh + rect.rx;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - rect.rx;
}

/** The icon at `size` px with `margin` (a fraction of the size) of transparent border. */
function render(icon: { viewBox: number; rects: Rect[] }, size: number, margin: number): Buffer {
  const png = new PNG({ width: size, height: size });
  const scale = (size * (1 - 2 * margin)) / icon.viewBox;
  const offset = size * margin;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const rect of icon.rects) {
        const d = distance(rect, (x + 0.5 - offset) / scale, (y + 0.5 - offset) / scale) * scale;
        const coverage = Math.min(Math.max(0.5 - d, 0), 1);
        if (coverage === 0) continue;
        // Straight-alpha "over".
        const outA = coverage + a * (1 - coverage);
        const mix = (top: number, bottom: number) => (top * coverage + bottom * a * (1 - coverage)) / outA;
        [r, g, b, a] = [mix(rect.rgb[0], r), mix(rect.rgb[1], g), mix(rect.rgb[2], b), outA];
      }
      const i = (y * size + x) * 4;
      png.data[i] = Math.round(r);
      png.data[i + 1] = Math.round(g);
      png.data[i + 2] = Math.round(b);
      png.data[i + 3] = Math.round(a * 255);
    }
  }
  return PNG.sync.write(png);
}

function write(path: string, data: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
  console.log(`wrote ${path}`);
}

const icon = parseIcon(readFileSync(SVG, 'utf8'));
// macOS draws app icons on a 1024 grid with an 824 px body; the Linux set fills its square.
write('build/icon.png', render(icon, 1024, 100 / 1024));
for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
  write(join('build/icons', `${size}x${size}.png`), render(icon, size, 1 / 32));
}
