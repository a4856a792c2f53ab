import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LABEL_COLORS, NEW_LABEL_COLORS } from '../../schema/palette';
import '../styles.css';
import { TINT_PERCENT } from './highlight-painter';
import { UNDERLINE_STYLES } from './label-cues';
import {
  contrastRatio,
  deltaE2000,
  parseCssRgb,
  parseHex,
  perceivedDifference,
  tint,
  type Rgb,
  type Vision,
} from './testing/color-vision';

const VISIONS: Vision[] = ['normal', 'protanopia', 'deuteranopia', 'tritanopia'];
/** CIEDE2000 below which two underline colors could be taken for one another. */
const DISTINCT_COLORS = 20;
/** The same for two tints: paler, so closer; under it the underline styles must differ. */
const DISTINCT_TINTS = 10;

/** The page's own colors in a theme, as the style sheet resolves them. */
function themeColors(theme: 'light' | 'dark') {
  document.documentElement.dataset.theme = theme;
  const probe = document.createElement('div');
  document.body.append(probe);
  const read = (variable: string) => {
    probe.style.backgroundColor = `var(${variable})`;
    return parseCssRgb(getComputedStyle(probe).backgroundColor);
  };
  const colors = { panel: read('--panel'), page: read('--bg'), text: read('--text') };
  probe.remove();
  return colors;
}

afterEach(() => {
  delete document.documentElement.dataset.theme;
});

/** Every way a palette falls short: contrast of the color, of the text on its tint, and pairs alike. */
function shortcomings(colors: readonly string[]): string[] {
  const problems: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    const { panel, page, text } = themeColors(theme);
    for (const hex of colors) {
      const color = parseHex(hex);
      for (const [name, background] of [['panel', panel], ['page', page]] as const) {
        const ratio = contrastRatio(color, background);
        if (ratio < 3) problems.push(`${hex} on the ${theme} ${name}: ${ratio.toFixed(2)}:1, under 3:1`);
      }
      const onTint = contrastRatio(text, tint(color, TINT_PERCENT, panel));
      if (onTint < 4.5) problems.push(`${theme} text on ${hex}’s tint: ${onTint.toFixed(2)}:1, under 4.5:1`);
    }
    colors.forEach((a, i) =>
      colors.slice(i + 1).forEach((b, k) => {
        const j = i + 1 + k;
        for (const vision of VISIONS) {
          const full = perceivedDifference(parseHex(a), parseHex(b), vision);
          if (full < DISTINCT_COLORS) problems.push(`${a} and ${b} for ${vision}: ΔE00 ${full.toFixed(1)}`);
          const tints = perceivedDifference(tint(parseHex(a), TINT_PERCENT, panel), tint(parseHex(b), TINT_PERCENT, panel), vision);
          const sameUnderline = i % UNDERLINE_STYLES.length === j % UNDERLINE_STYLES.length;
          if (tints < DISTINCT_TINTS && sameUnderline)
            problems.push(`${a} and ${b} tinted (${theme}) for ${vision}: ΔE00 ${tints.toFixed(1)}, same underline`);
        }
      }),
    );
  }
  return [...new Set(problems)];
}

describe('label colors', () => {
  it('computes CIEDE2000 as Sharma, Wu and Dalal’s reference pairs have it', () => {
    expect(deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
    expect(deltaE2000([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 4);
    expect(deltaE2000([2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514])).toBeCloseTo(0.9082, 4);
  });

  it('the default labels pass contrast in both themes and stay apart in every kind of color vision', () => {
    expect(shortcomings(Object.values(DEFAULT_LABEL_COLORS))).toEqual([]);
  });

  it('the colors for added labels keep 3:1 on both themes, and the text on their tints 4.5:1', () => {
    const contrastOnly = (problems: string[]) => problems.filter((p) => p.includes(':1'));
    expect(contrastOnly(shortcomings([...NEW_LABEL_COLORS]))).toEqual([]);
  });

  it('would have caught the old defaults: amber too light on white, Source and Anonymous alike to protanopes', () => {
    const problems = shortcomings(['#e5a100', '#2f7fd8', '#c2418a']);
    expect(problems).toContain('#e5a100 on the light panel: 2.23:1, under 3:1');
    expect(problems.some((p) => p.startsWith('#2f7fd8 and #c2418a for protanopia'))).toBe(true);
  });

  it('the dark theme is dark and the light one light, whatever the system says', () => {
    const light = themeColors('light');
    const dark = themeColors('dark');
    const luminanceOrder = (c: { panel: Rgb; text: Rgb }) => contrastRatio(c.panel, [0, 0, 0]) > contrastRatio(c.text, [0, 0, 0]);
    expect(luminanceOrder(light)).toBe(true);
    expect(luminanceOrder(dark)).toBe(false);
  });
});
