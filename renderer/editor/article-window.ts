import { $getRoot, createEditor, type LexicalEditor } from 'lexical';
import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { OffsetMap } from '../../schema/text';
import { $fillArticle } from './article-content';
import type { Span } from './highlight-painter';
import { OffsetIndex } from './offset-index';

/** Margin around the viewport, in viewport heights, whose highlights are registered too. */
const WINDOW_MARGIN = 1;

/** A Lexical editor rendering into `root`, read-only (the edit mode makes it editable). */
export function createArticleEditor(root: HTMLElement | null, namespace: string): LexicalEditor {
  const editor = createEditor({
    namespace,
    editable: false,
    theme: { paragraph: 'article-paragraph' },
    onError: (error) => console.error(error),
  });
  editor.setRootElement(root);
  return editor;
}

/** Renders `text` in the editor, paragraph by paragraph, and indexes what it rendered. */
export function showArticle(editor: LexicalEditor, text: string): OffsetIndex {
  editor.update(() => $fillArticle(text), { discrete: true });
  const index = OffsetIndex.build(editor);
  if (index.length !== text.length) console.error(`Article rendered ${index.length} of ${text.length} characters.`);
  return index;
}

/** The text the editor holds now (Lexical keeps it, so this costs nothing between updates). */
export const textOf = (editor: LexicalEditor): string => editor.getEditorState().read(() => $getRoot().getTextContent());

/**
 * Renders `text` read-only into `root` with Lexical and indexes the rendered text; `unmount`
 * gives the element back.
 */
export function mountArticle(root: HTMLElement | null, text: string, namespace: string): { index: OffsetIndex; unmount(): void } {
  const editor = createArticleEditor(root, namespace);
  const index = showArticle(editor, text);
  return { index, unmount: () => editor.setRootElement(null) };
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * OffsetMaps for a text as it is edited. Code points and UTF-16 units differ only at astral
 * characters, so while the text has none, one map over as many plain characters as it could grow
 * to serves every version of it: a new map per keystroke would cost 2 ms at 600,000 characters.
 */
export class EditedOffsets {
  private astral: boolean;
  private plain: OffsetMap | null = null;

  constructor(text: string) {
    this.astral = SURROGATE.test(text);
  }

  /** The map of `text`, which an edit that put in `inserted` made (null: not known, so look at all of it). */
  next(text: string, inserted: string | null): OffsetMap {
    // Once astral characters are in, only the whole text tells whether they are all gone again.
    if (this.astral || inserted === null) this.astral = SURROGATE.test(text);
    else this.astral = SURROGATE.test(inserted);
    if (this.astral) return new OffsetMap(text);
    if (!this.plain || this.plain.utf16Length < text.length) this.plain = new OffsetMap(' '.repeat(2 * text.length + 4096));
    return this.plain;
  }
}

/**
 * The code point span of the scroller's viewport and its margins (`view`), kept up to date as it
 * scrolls or is resized, and a counter (`layout`) bumped when the text reflows, since boxes
 * measured before are stale then; `refresh` measures it again on the next frame (after an edit).
 * Call it after the effect that fills `index`.
 */
export function useVisibleSpan(scroller: RefObject<HTMLElement | null>, index: RefObject<OffsetIndex | null>, offsets: OffsetMap) {
  const [view, setView] = useState<Span>({ start: 0, end: 0 });
  const [layout, setLayout] = useState(0);
  const schedule = useRef(() => {});

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
    const later = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    schedule.current = later;
    container.addEventListener('scroll', later, { passive: true });
    const observer = new ResizeObserver(() => {
      setLayout((n) => n + 1);
      later();
    });
    observer.observe(container);
    return () => {
      container.removeEventListener('scroll', later);
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [scroller, index, offsets]);

  const refresh = useCallback(() => schedule.current(), []);
  return { view, layout, refresh };
}
