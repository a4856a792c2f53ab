import { useImperativeHandle, useLayoutEffect, useRef, useState, type Ref } from 'react';
import type { Fragment } from '../../schema/model';
import type { ReviewSpan } from '../../schema/review';
import type { OffsetMap } from '../../schema/text';
import { mountArticle, useVisibleSpan } from '../editor/article-window';
import { fragmentBoxes, type Box } from '../editor/geometry';
import { HighlightPainter, type Span } from '../editor/highlight-painter';
import { OffsetIndex } from '../editor/offset-index';
import { fragmentFromRange } from '../editor/selection';
import { layerHighlightName } from './review-colors';

export interface ReviewArticleHandle {
  /** The text the reviewer has selected in the article (for an edit), in code points. */
  selectedFragment(): Fragment | null;
  clearSelection(): void;
}

interface Props {
  text: string;
  /** The text's offset map (the view quotes spans with it too). */
  offsets: OffsetMap;
  /** Each layer's spans, in document order. */
  layerA: readonly ReviewSpan[];
  layerB: readonly ReviewSpan[];
  /** The span of the selected difference (code points): outlined and scrolled into view. */
  focus: Span | null;
  snapToWords: boolean;
  /** A click on the text, at this code point offset (null: not on text). */
  onClickAt(offset: number | null): void;
  ref?: Ref<ReviewArticleHandle>;
}

/**
 * The article, read-only, with two layers painted over it at once: A as a tinted background, B as
 * an underline, by the same lazy, viewport-windowed painter as the annotate view.
 */
export function ReviewArticle({ text, offsets, layerA, layerB, focus, snapToWords, onClickAt, ref }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const rootElement = useRef<HTMLDivElement>(null);
  const indexRef = useRef<OffsetIndex | null>(null);
  const painters = useRef<{ a: HighlightPainter; b: HighlightPainter } | null>(null);
  const [focusBoxes, setFocusBoxes] = useState<Box[]>([]);

  useLayoutEffect(() => {
    const { index, unmount } = mountArticle(rootElement.current, text, 'byline-review');
    indexRef.current = index;
    painters.current = {
      a: new HighlightPainter(index, offsets, (labelId) => layerHighlightName('a', labelId)),
      b: new HighlightPainter(index, offsets, (labelId) => layerHighlightName('b', labelId)),
    };
    return () => {
      painters.current?.a.dispose();
      painters.current?.b.dispose();
      painters.current = null;
      indexRef.current = null;
      unmount();
    };
  }, [text, offsets]);

  const { view, layout } = useVisibleSpan(scroller, indexRef, offsets);

  useLayoutEffect(() => {
    const painting = painters.current;
    if (!painting) return;
    painting.a.setWindow(view);
    painting.a.setAnnotations(layerA);
    painting.b.setWindow(view);
    painting.b.setAnnotations(layerB);
    // The review benchmark waits for this mark: both layers in view are registered from here on.
    performance.mark('byline.review.painted');
  }, [layerA, layerB, view]);

  // The selected difference: scrolled to the middle of the view unless well in view, and outlined.
  const focusStart = focus?.start ?? null;
  const focusEnd = focus?.end ?? null;
  useLayoutEffect(() => {
    const index = indexRef.current;
    const container = scroller.current;
    if (!index || !container || focusStart === null || focusEnd === null) {
      setFocusBoxes([]);
      return;
    }
    const fragment = { start: focusStart, end: focusEnd };
    let boxes = fragmentBoxes([fragment], index, offsets, container, container.getBoundingClientRect());
    const first = boxes[0];
    if (first) {
      const top = container.scrollTop;
      const bottom = top + container.clientHeight;
      if (first.top < top + 40 || first.top + first.height > bottom - 40) {
        container.scrollTo({ top: first.top - container.clientHeight / 3 });
        boxes = fragmentBoxes([fragment], index, offsets, container, container.getBoundingClientRect());
      }
    }
    setFocusBoxes(boxes);
  }, [focusStart, focusEnd, offsets, layout]);

  useImperativeHandle(
    ref,
    () => ({
      selectedFragment() {
        const index = indexRef.current;
        const selection = window.getSelection();
        if (!index || !selection || selection.isCollapsed || selection.rangeCount === 0) return null;
        return fragmentFromRange(selection.getRangeAt(0), index, text, offsets, snapToWords);
      },
      clearSelection() {
        window.getSelection()?.removeAllRanges();
      },
    }),
    [offsets, text, snapToWords],
  );

  const onClick = (event: React.MouseEvent) => {
    if (!window.getSelection()?.isCollapsed) return;
    const index = indexRef.current;
    const caret = document.caretPositionFromPoint(event.clientX, event.clientY);
    const offset = index && caret ? index.offsetOf(caret.offsetNode, caret.offset) : null;
    onClickAt(offset === null ? null : offsets.toCodePoint(Math.min(offset, offsets.utf16Length)));
  };

  return (
    <div className="article-scroller review-article" ref={scroller}>
      <div
        ref={rootElement}
        className="article-text"
        role="article"
        aria-label="Article text"
        tabIndex={0}
        onClick={onClick}
      />
      <div className="overlay-layer" aria-hidden="true">
        {focusBoxes.map((box, i) => (
          <div
            key={i}
            className="review-focus-box"
            style={{ top: box.top, left: box.left, width: box.width, height: box.height }}
          />
        ))}
      </div>
    </div>
  );
}
