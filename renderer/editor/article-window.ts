import { createEditor } from 'lexical';
import { useLayoutEffect, useState, type RefObject } from 'react';
import type { OffsetMap } from '../../schema/text';
import { $fillArticle } from './article-content';
import type { Span } from './highlight-painter';
import { OffsetIndex } from './offset-index';

/** Margin around the viewport, in viewport heights, whose highlights are registered too. */
const WINDOW_MARGIN = 1;

/**
 * Renders `text` read-only into `root` with Lexical, paragraph by paragraph, and indexes the
 * rendered text; `unmount` gives the element back.
 */
export function mountArticle(root: HTMLElement | null, text: string, namespace: string): { index: OffsetIndex; unmount(): void } {
  const editor = createEditor({
    namespace,
    editable: false,
    theme: { paragraph: 'article-paragraph' },
    onError: (error) => console.error(error),
  });
  editor.setRootElement(root);
  editor.update(() => $fillArticle(text), { discrete: true });
  const index = OffsetIndex.build(editor);
  if (index.length !== text.length) console.error(`Article rendered ${index.length} of ${text.length} characters.`);
  return { index, unmount: () => editor.setRootElement(null) };
}

/**
 * The code point span of the scroller's viewport and its margins (`view`), kept up to date as it
 * scrolls or is resized, and a counter (`layout`) bumped when the text reflows, since boxes
 * measured before are stale then. Call it after the effect that fills `index`.
 */
export function useVisibleSpan(scroller: RefObject<HTMLElement | null>, index: RefObject<OffsetIndex | null>, offsets: OffsetMap) {
  const [view, setView] = useState<Span>({ start: 0, end: 0 });
  const [layout, setLayout] = useState(0);

  useLayoutEffect(() => {
    const container = scroller.current;
    if (!container) return;
    let frame = 0;
    const update = () => {
      frame = 0;
      const built = index.current;
      if (!built) return;
      const { top, bottom, height } = container.getBoundingClientRect();
      const span = built.spanBetween(top - WINDOW_MARGIN * height, bottom + WINDOW_MARGIN * height);
      const next = { start: offsets.toCodePoint(span.start), end: offsets.toCodePoint(span.end) };
      setView((old) => (old.start === next.start && old.end === next.end ? old : next));
    };
    update();
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    container.addEventListener('scroll', schedule, { passive: true });
    const observer = new ResizeObserver(() => {
      setLayout((n) => n + 1);
      schedule();
    });
    observer.observe(container);
    return () => {
      container.removeEventListener('scroll', schedule);
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [scroller, index, offsets]);

  return { view, layout };
}
