import { describe, expect, it } from 'vitest';
import { wilsonShare } from './wilson';

/**
 * The 95% Wilson score interval of k of n, z = 1.959964, z² = 3.841459:
 *   centre = (p + z²/2n) / (1 + z²/n),  half = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n).
 */
describe('wilsonShare', () => {
  it('is 0 with an empty interval for 0 of 0', () => {
    expect(wilsonShare(0, 0)).toEqual({ share: 0, low: 0, high: 0 });
  });

  it('reaches above 0 for 0 of 10', () => {
    // 1 + 3.841459/10 = 1.3841459; centre = (0 + 0.19207294) / 1.3841459 = 0.1387664;
    // half = 1.959964 · √(3.841459/400 = 0.00960365 → 0.0979982) / 1.3841459 = 0.1920729 / 1.3841459 = 0.1387664.
    const share = wilsonShare(0, 10);
    expect(share.share).toBe(0);
    expect(share.low).toBeCloseTo(0, 4);
    expect(share.high).toBeCloseTo(0.2775, 4);
  });

  it('is symmetric about a half for 5 of 10', () => {
    // centre = (0.5 + 0.19207294) / 1.3841459 = 0.5; half = 1.959964 · √(0.025 + 0.00960365 = 0.03460365 → 0.1860206) / 1.3841459
    //        = 0.3645937 / 1.3841459 = 0.2634069 → [0.2366, 0.7634].
    const share = wilsonShare(5, 10);
    expect(share.share).toBe(0.5);
    expect(share.low).toBeCloseTo(0.2366, 4);
    expect(share.high).toBeCloseTo(0.7634, 4);
  });

  it('mirrors 0 of 10 for 10 of 10, and stays within [0, 1]', () => {
    // 1 − 0.2775 = 0.7225.
    const share = wilsonShare(10, 10);
    expect(share.share).toBe(1);
    expect(share.low).toBeCloseTo(0.7225, 4);
    expect(share.high).toBeCloseTo(1, 4);
    expect(share.high).toBeLessThanOrEqual(1);
  });

  it('is wide for 1 of 1', () => {
    // 1 + 3.841459 = 4.841459; centre = (1 + 1.9207294) / 4.841459 = 0.6032747;
    // half = 1.959964 · √(3.841459/4 = 0.9603647 → 0.9799820) / 4.841459 = 1.9207294 / 4.841459 = 0.3967253 → [0.2065, 1].
    const share = wilsonShare(1, 1);
    expect(share.low).toBeCloseTo(0.2065, 4);
    expect(share.high).toBeCloseTo(1, 4);
  });

  it('leans towards a half for 1 of 20', () => {
    // 1 + 3.841459/20 = 1.19207294; centre = (0.05 + 0.09603647) / 1.19207294 = 0.1225063;
    // half = 1.959964 · √(0.05·0.95/20 = 0.002375 + 3.841459/1600 = 0.00240091 → 0.0691079) / 1.19207294
    //      = 0.1354490 / 1.19207294 = 0.1136249 → [0.1225063 − 0.1136249, 0.1225063 + 0.1136249] = [0.0089, 0.2361].
    const share = wilsonShare(1, 20);
    expect(share.share).toBe(0.05);
    expect(share.low).toBeCloseTo(0.0089, 4);
    expect(share.high).toBeCloseTo(0.2361, 4);
  });
});
