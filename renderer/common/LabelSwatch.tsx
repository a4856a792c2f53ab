import type { UnderlineStyle } from '../editor/label-cues';

/**
 * A small sample of how a span label paints: its tint, and its underline in its color and style.
 * Without an underline (a link type) it is a plain patch of the color, as its arrows are drawn.
 */
export function LabelSwatch({ color, underline }: { color: string; underline: UnderlineStyle | undefined }) {
  return <span className={`label-swatch underline-${underline ?? 'none'}`} style={{ color }} aria-hidden="true" />;
}
