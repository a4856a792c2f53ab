import type { Label } from '../../schema/model';

/** Underline styles, the second cue beside a label's color: in this order, by the label's place. */
export const UNDERLINE_STYLES = ['solid', 'dashed', 'dotted', 'wavy', 'double'] as const;
export type UnderlineStyle = (typeof UNDERLINE_STYLES)[number];

/**
 * Each span label's underline style, from its place among the span labels (the order Settings
 * lists them in): labels stay apart in grayscale and for color-blind readers without a setting
 * to keep. The sixth label shares the first one's style, but not its color.
 */
export function underlineStyles(labels: readonly Label[]): Map<string, UnderlineStyle> {
  const styles = new Map<string, UnderlineStyle>();
  for (const label of labels) {
    if (label.kind !== 'span') continue;
    styles.set(label.id, UNDERLINE_STYLES[styles.size % UNDERLINE_STYLES.length]!);
  }
  return styles;
}
