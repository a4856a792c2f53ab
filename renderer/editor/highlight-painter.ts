import type { Annotation, Label } from '../../schema/model';
import type { OffsetMap } from '../../schema/text';
import { underlineStyles } from './label-cues';
import type { OffsetIndex } from './offset-index';

/** The CSS highlight name of a label's layer: `::highlight(<name>)` gives it its color. */
export const highlightName = (labelId: string) => `bl-${labelId}`;

/** The CSS highlight name of a label's suggestions. */
export const suggestedHighlightName = (labelId: string) => `bl-suggested-${labelId}`;

/** What painting reads of an annotation (the review view paints layers of these). */
export type PaintedSpan = Pick<Annotation, 'id' | 'labelId' | 'fragments'>;

interface Painted {
  /** The annotation as painted: an unchanged annotation is the same object. */
  annotation: PaintedSpan;
  signature: string;
  labelId: string;
  ranges: StaticRange[];
}

/** `[start, end)` in code points. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Paints annotations with the CSS Custom Highlight API: one Highlight per label, holding a Range
 * per fragment, so the article's DOM is never touched. Every annotation is known, but only those
 * that reach into the window (the viewport and a margin) have ranges registered: the cost of
 * each highlight change in Chromium grows with the ranges registered, not with the article.
 */
export class HighlightPainter {
  private annotations: readonly PaintedSpan[] = [];
  private window: Span = { start: 0, end: 0 };
  private readonly painted = new Map<string, Painted>();
  private readonly highlights = new Map<string, Highlight>();
  private readonly index: OffsetIndex;
  private readonly offsets: OffsetMap;
  /** Names each label's Highlight: another naming keeps a second painter's layers apart (review). */
  private readonly name: (labelId: string) => string;

  constructor(index: OffsetIndex, offsets: OffsetMap, name: (labelId: string) => string = highlightName) {
    this.index = index;
    this.offsets = offsets;
    this.name = name;
  }

  setAnnotations(annotations: readonly PaintedSpan[]): void {
    this.annotations = annotations;
    this.repaint();
  }

  setWindow(window: Span): void {
    if (window.start === this.window.start && window.end === this.window.end) return;
    this.window = window;
    this.repaint();
  }

  /** How many ranges are registered now (for tests and benchmarks). */
  get rangeCount(): number {
    let count = 0;
    for (const painted of this.painted.values()) count += painted.ranges.length;
    return count;
  }

  /** Removes every layer this painter registered. */
  dispose(): void {
    for (const name of this.highlights.keys()) CSS.highlights.delete(name);
    this.highlights.clear();
    this.painted.clear();
  }

  /**
   * Paints one more annotation now, in the frame of the key that made it, ahead of the next
   * `setAnnotations` (which includes it, or takes it off again).
   */
  add(annotation: PaintedSpan): void {
    this.annotations = [...this.annotations, annotation];
    this.place(annotation);
  }

  private repaint(): void {
    const present = new Set<string>();
    for (const annotation of this.annotations) if (this.place(annotation)) present.add(annotation.id);
    for (const [id, old] of this.painted) if (!present.has(id)) this.erase(id, old);
  }

  /** Paints an annotation that reaches into the window, unless it is painted as it is; whether it reaches in. */
  private place(annotation: PaintedSpan): boolean {
    const { start, end } = this.window;
    const fragments = annotation.fragments;
    if (fragments[0]!.start >= end || fragments[fragments.length - 1]!.end <= start) return false;
    const old = this.painted.get(annotation.id);
    if (old?.annotation === annotation) return true;
    const signature = `${annotation.labelId}|${fragments.map((f) => `${f.start}-${f.end}`).join(',')}`;
    if (old?.signature === signature) {
      old.annotation = annotation;
      return true;
    }
    if (old) this.erase(annotation.id, old);
    this.paint(annotation, signature);
    return true;
  }

  private paint(annotation: PaintedSpan, signature: string): void {
    const ranges: StaticRange[] = [];
    for (const fragment of annotation.fragments) {
      const range = this.index.staticRange(this.offsets.toUtf16(fragment.start), this.offsets.toUtf16(fragment.end));
      if (range) ranges.push(range);
    }
    const layer = this.layer(annotation.labelId);
    for (const range of ranges) layer.add(range);
    this.painted.set(annotation.id, { annotation, signature, labelId: annotation.labelId, ranges });
  }

  private erase(id: string, painted: Painted): void {
    const layer = this.highlights.get(this.name(painted.labelId));
    for (const range of painted.ranges) layer?.delete(range);
    this.painted.delete(id);
  }

  private layer(labelId: string): Highlight {
    const name = this.name(labelId);
    let layer = this.highlights.get(name);
    if (!layer) {
      layer = new Highlight();
      this.highlights.set(name, layer);
      CSS.highlights.set(name, layer);
    }
    return layer;
  }
}

/** How much of a label's color tints the text it marks (the rest is the page behind it). */
export const TINT_PERCENT = 38;

/**
 * Gives each label's layer its tint and an underline in its color and its own style (the second
 * cue, for grayscale and color-blind readers), in a constructed style sheet (the CSP allows no
 * inline CSS).
 */
export function applyLabelColors(labels: readonly Label[]): () => void {
  const underlines = underlineStyles(labels);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(
    labels
      .map(
        (label) =>
          `::highlight(${highlightName(label.id)}) { background-color: color-mix(in srgb, ${label.color} ${TINT_PERCENT}%, transparent);` +
          ` text-decoration: underline ${underlines.get(label.id) ?? 'solid'} ${label.color} 2px; }\n` +
          // A suggestion is not tinted: a dotted line above and below, a box drawn in dots.
          `::highlight(${suggestedHighlightName(label.id)}) { text-decoration: underline overline dotted ${label.color} 2px; }`,
      )
      .join('\n'),
  );
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  return () => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  };
}
