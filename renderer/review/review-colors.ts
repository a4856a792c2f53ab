import type { Label } from '../../schema/model';
import { underlineStyles } from '../editor/label-cues';

/** The CSS highlight of one label in one layer of the review: `bl-review-a-<labelId>`. */
export const layerHighlightName = (layer: 'a' | 'b', labelId: string) => `bl-review-${layer}-${labelId}`;

/**
 * Gives the two layers their styles, in a constructed style sheet (the CSP allows no inline CSS):
 * layer A a tinted background in the label's color, layer B a thick underline in it, in the
 * label's underline style (its second cue), so both show where they overlap.
 */
export function applyReviewColors(labels: readonly Label[]): () => void {
  const cues = underlineStyles(labels);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(
    labels
      .flatMap((label) => [
        `::highlight(${layerHighlightName('a', label.id)}) { background-color: color-mix(in srgb, ${label.color} 32%, transparent); }`,
        `::highlight(${layerHighlightName('b', label.id)}) { text-decoration: underline ${cues.get(label.id) ?? 'solid'} 3px ${label.color}; }`,
      ])
      .join('\n'),
  );
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  return () => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  };
}
