/**
 * Color arithmetic for checking label colors: WCAG contrast, color-blindness simulation
 * (Machado, Oliveira & Fernandes 2009 for protanopia and deuteranopia; Brettel, Viénot & Mollon
 * 1997 for tritanopia, where Machado is weak, in libDaltonLens's linear-RGB form) and CIEDE2000.
 */

export type Rgb = readonly [number, number, number];
export type Vision = 'normal' | 'protanopia' | 'deuteranopia' | 'tritanopia';
type Matrix = readonly [number, number, number, number, number, number, number, number, number];

/** `#rrggbb` to 0–255 channels; anything else is a mistake in the palette under test. */
export function parseHex(hex: string): Rgb {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!match) throw new Error(`“${hex}” is not a #rrggbb color`);
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)];
}

/** `rgb(r, g, b)` or `rgba(...)` as getComputedStyle gives it. */
export function parseCssRgb(css: string): Rgb {
  const match = /^rgba?\(\s*([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)/.exec(css.trim());
  if (!match) throw new Error(`“${css}” is not an rgb() color`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

const toLinear = (channel: number) => {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};
const fromLinear = (c: number) => {
  const v = Math.min(1, Math.max(0, c));
  return 255 * (v <= 0.0031308 ? v * 12.92 : 1.055 * v ** (1 / 2.4) - 0.055);
};

export function relativeLuminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map(toLinear) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG 2 contrast ratio, 1 to 21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `color-mix(in srgb, color p%, transparent)` painted over an opaque background. */
export function tint(color: Rgb, percent: number, over: Rgb): Rgb {
  const p = percent / 100;
  return [0, 1, 2].map((i) => color[i]! * p + over[i]! * (1 - p)) as unknown as Rgb;
}

const MACHADO_PROTANOPIA: Matrix = [0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998];
const MACHADO_DEUTERANOPIA: Matrix = [0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.01182, 0.04294, 0.968881];
const BRETTEL_TRITANOPIA = {
  plane1: [1.01277, 0.13548, -0.14826, -0.01243, 0.86812, 0.14431, 0.07589, 0.805, 0.11911] as Matrix,
  plane2: [0.93678, 0.18979, -0.12657, 0.06154, 0.81526, 0.1232, -0.37562, 1.12767, 0.24796] as Matrix,
  separation: [0.03901, -0.02788, -0.01113] as const,
};

const apply = (m: Matrix, [r, g, b]: readonly number[]) =>
  [m[0] * r! + m[1] * g! + m[2] * b!, m[3] * r! + m[4] * g! + m[5] * b!, m[6] * r! + m[7] * g! + m[8] * b!];

/** How a color looks to someone with the given dichromacy (full severity). */
export function simulate(color: Rgb, vision: Vision): Rgb {
  if (vision === 'normal') return color;
  const linear = color.map(toLinear);
  let matrix: Matrix;
  if (vision === 'protanopia') matrix = MACHADO_PROTANOPIA;
  else if (vision === 'deuteranopia') matrix = MACHADO_DEUTERANOPIA;
  else {
    const [nr, ng, nb] = BRETTEL_TRITANOPIA.separation;
    const side = linear[0]! * nr + linear[1]! * ng + linear[2]! * nb;
    matrix = side >= 0 ? BRETTEL_TRITANOPIA.plane1 : BRETTEL_TRITANOPIA.plane2;
  }
  return apply(matrix, linear).map(fromLinear) as unknown as Rgb;
}

/** CIELAB under D65, from sRGB. */
export function toLab(color: Rgb): [number, number, number] {
  const [r, g, b] = color.map(toLinear) as [number, number, number];
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  const [fx, fy, fz] = [f(x), f(y), f(z)];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** CIEDE2000 color difference of two CIELAB colors (Sharma, Wu & Dalal 2005). */
export function deltaE2000(lab1: readonly number[], lab2: readonly number[]): number {
  const [L1, a1, b1] = lab1 as [number, number, number];
  const [L2, a2, b2] = lab2 as [number, number, number];
  const rad = Math.PI / 180;
  const C1 = Math.hypot(a1, b1);
  const C2 = Math.hypot(a2, b2);
  const Cbar7 = ((C1 + C2) / 2) ** 7;
  const G = 0.5 * (1 - Math.sqrt(Cbar7 / (Cbar7 + 25 ** 7)));
  const a1p = (1 + G) * a1;
  const a2p = (1 + G) * a2;
  const C1p = Math.hypot(a1p, b1);
  const C2p = Math.hypot(a2p, b2);
  const hue = (b: number, a: number) => (b === 0 && a === 0 ? 0 : (Math.atan2(b, a) / rad + 360) % 360);
  const h1p = hue(b1, a1p);
  const h2p = hue(b2, a2p);
  const dLp = L2 - L1;
  const dCp = C2p - C1p;
  let dhp = 0;
  if (C1p * C2p !== 0) {
    dhp = h2p - h1p;
    if (dhp > 180) dhp -= 360;
    else if (dhp < -180) dhp += 360;
  }
  const dHp = 2 * Math.sqrt(C1p * C2p) * Math.sin((dhp / 2) * rad);
  const Lbarp = (L1 + L2) / 2;
  const Cbarp = (C1p + C2p) / 2;
  let hbarp = h1p + h2p;
  if (C1p * C2p !== 0) {
    if (Math.abs(h1p - h2p) <= 180) hbarp /= 2;
    else hbarp = h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2;
  }
  const T =
    1 -
    0.17 * Math.cos((hbarp - 30) * rad) +
    0.24 * Math.cos(2 * hbarp * rad) +
    0.32 * Math.cos((3 * hbarp + 6) * rad) -
    0.2 * Math.cos((4 * hbarp - 63) * rad);
  const dTheta = 30 * Math.exp(-(((hbarp - 275) / 25) ** 2));
  const Cbarp7 = Cbarp ** 7;
  const RC = 2 * Math.sqrt(Cbarp7 / (Cbarp7 + 25 ** 7));
  const SL = 1 + (0.015 * (Lbarp - 50) ** 2) / Math.sqrt(20 + (Lbarp - 50) ** 2);
  const SC = 1 + 0.045 * Cbarp;
  const SH = 1 + 0.015 * Cbarp * T;
  const RT = -Math.sin(2 * dTheta * rad) * RC;
  return Math.sqrt(
    (dLp / SL) ** 2 + (dCp / SC) ** 2 + (dHp / SH) ** 2 + RT * (dCp / SC) * (dHp / SH),
  );
}

/** CIEDE2000 between two colors as someone with the given vision sees them. */
export function perceivedDifference(a: Rgb, b: Rgb, vision: Vision): number {
  return deltaE2000(toLab(simulate(a, vision)), toLab(simulate(b, vision)));
}
