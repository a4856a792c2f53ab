/**
 * Label colors. Each one keeps 3:1 contrast (WCAG 1.4.11) against the light and the dark page,
 * as a swatch and an underline must; the defaults also stay apart for protanopia, deuteranopia
 * and tritanopia (renderer/editor/label-colors.test.ts checks both).
 */

/** The default labels' colors, as migration 0006 sets them (0001's amber was too light on white). */
export const DEFAULT_LABEL_COLORS = {
  Claim: '#cc4400',
  Source: '#9933ff',
  'Anonymous attribution': '#229988',
} as const;

/** Colors for labels added later (in Settings, or by an import that names new ones), in turn. */
export const NEW_LABEL_COLORS = ['#2f6fd6', '#c2418a', '#5a8a00', '#a86400', '#d6336c', '#5b7a99'] as const;

/** The color of a new label, given how many labels (of either kind) the workspace has. */
export function colorForNewLabel(existingLabels: number): string {
  return NEW_LABEL_COLORS[existingLabels % NEW_LABEL_COLORS.length]!;
}
