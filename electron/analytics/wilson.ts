import type { Share } from '../../schema/analytics';

/** z for a two-sided 95% interval. */
const Z = 1.959963984540054;

/** `count` of `total` as a share, with its 95% Wilson score interval (sound for small counts and shares near 0 or 1). */
export function wilsonShare(count: number, total: number): Share {
  if (total === 0) return { share: 0, low: 0, high: 0 };
  const p = count / total;
  const z2 = Z * Z;
  const centre = (p + z2 / (2 * total)) / (1 + z2 / total);
  const half = (Z * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total))) / (1 + z2 / total);
  return { share: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
