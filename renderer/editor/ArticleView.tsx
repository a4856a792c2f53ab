import { createEditor } from 'lexical';
import { useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type Ref } from 'react';
import type { Annotation, Fragment } from '../../schema/model';
import { OffsetMap } from '../../schema/text';
import { $fillArticle } from './article-content';
import { HighlightPainter } from './highlight-painter';
import { OffsetIndex } from './offset-index';
import { fragmentFromRange } from './selection';

export interface ArticleHandle {
  /** The text the person has selected in the article, in code points, trimmed of spaces. */
  selectedFragment(): Fragment | null;
  clearSelection(): void;
}

interface Props {
  text: string;
  annotations: readonly Annotation[];
  selectedId: string | null;
  /** Widen selections to whole words. */
  snapToWords: boolean;
  onSelect(id: string | null): void;
  ref?: Ref<ArticleHandle>;
}

interface Box {
  top: number;
  left: number;
  width: number;
  height: number;
}

/** The article in a read-only Lexical view, with annotations painted over it as highlights. */
export function ArticleView({ text, annotations, selectedId, snapToWords, onSelect, ref }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const rootElement = useRef<HTMLDivElement>(null);
  const offsets = useMemo(() => new OffsetMap(text), [text]);
  // Both are rebuilt, in the first layout effect, whenever the text changes (and so `offsets`).
  const indexRef = useRef<OffsetIndex | null>(null);
  const painter = useRef<HighlightPainter | null>(null);
  const [activeBoxes, setActiveBoxes] = useState<Box[]>([]);

  useLayoutEffect(() => {
    const editor = createEditor({
      namespace: 'byline-article',
      editable: false,
      theme: { paragraph: 'article-paragraph' },
      onError: (error) => console.error(error),
    });
    editor.setRootElement(rootElement.current);
    editor.update(() => $fillArticle(text), { discrete: true });
    const built = OffsetIndex.build(editor);
    if (built.length !== text.length) {
      console.error(`Article rendered ${built.length} of ${text.length} characters.`);
    }
    indexRef.current = built;
    painter.current = new HighlightPainter(built, offsets);
    return () => {
      painter.current?.dispose();
      painter.current = null;
      indexRef.current = null;
      editor.setRootElement(null);
    };
  }, [text, offsets]);

  useLayoutEffect(() => {
    painter.current?.sync(annotations);
    // Benchmarks and tests wait for this mark: the highlights are registered from here on.
    performance.mark('byline.article.painted');
  }, [annotations, offsets]);

  const selected = annotations.find((a) => a.id === selectedId) ?? null;

  useLayoutEffect(() => {
    const container = scroller.current;
    const index = indexRef.current;
    if (!index || !container || !selected) {
      setActiveBoxes([]);
      return;
    }
    const measure = () => {
      const origin = container.getBoundingClientRect();
      const rects = selected.fragments.flatMap((fragment) =>
        Array.from(
          index.range(offsets.toUtf16(fragment.start), offsets.toUtf16(fragment.end))?.getClientRects() ?? [],
        ),
      );
      const boxes = lineBoxes(rects).map((rect) => ({
        top: rect.top - origin.top + container.scrollTop,
        left: rect.left - origin.left + container.scrollLeft,
        width: rect.width,
        height: rect.height,
      }));
      setActiveBoxes(boxes);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(container);
    return () => observer.disconnect();
  }, [offsets, selected]);

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

  /** A click (not a drag) on the text selects the annotation under the pointer. */
  const onClick = (event: React.MouseEvent) => {
    const index = indexRef.current;
    if (!index || !window.getSelection()?.isCollapsed) return;
    const point = characterAt(index, offsets, event.clientX, event.clientY);
    if (point === null) {
      onSelect(null);
      return;
    }
    const hits = annotations
      .filter((a) => a.fragments.some((f) => f.start <= point && point < f.end))
      .sort((a, b) => spanLength(a) - spanLength(b));
    // Clicking again where annotations overlap steps to the next one.
    const current = hits.findIndex((a) => a.id === selectedId);
    onSelect(hits.length === 0 ? null : hits[(current + 1) % hits.length]!.id);
  };

  return (
    <div className="article-scroller" ref={scroller}>
      <div
        ref={rootElement}
        className="article-text"
        role="article"
        aria-label="Article text"
        tabIndex={0}
        onClick={onClick}
      />
      <div className="active-span-layer" aria-hidden="true">
        {activeBoxes.map((box, i) => (
          <div
            key={i}
            className="active-span-box"
            style={{ top: box.top, left: box.left, width: box.width, height: box.height }}
          />
        ))}
      </div>
    </div>
  );
}

/** One box per line of text: a range's rects, with the pieces on the same line joined. */
function lineBoxes(rects: DOMRect[]): Box[] {
  const lines: Box[] = [];
  for (const rect of rects) {
    if (rect.width < 1) continue;
    const line = lines.find((l) => Math.abs(l.top - rect.top) < 2 && Math.abs(l.height - rect.height) < 2);
    if (!line) {
      lines.push({ top: rect.top, left: rect.left, width: rect.width, height: rect.height });
      continue;
    }
    const right = Math.max(line.left + line.width, rect.right);
    line.left = Math.min(line.left, rect.left);
    line.width = right - line.left;
  }
  return lines;
}

function spanLength(annotation: Annotation): number {
  return annotation.fragments.reduce((sum, f) => sum + f.end - f.start, 0);
}

/** The code point offset of the character under a point, or null when the point is on no text. */
function characterAt(index: OffsetIndex, offsets: OffsetMap, x: number, y: number): number | null {
  const caret = document.caretPositionFromPoint(x, y);
  if (!caret) return null;
  const offset = index.offsetOf(caret.offsetNode, caret.offset);
  if (offset === null) return null;
  // The caret sits between characters: take whichever side the point is actually on.
  for (const candidate of [offset, offset - 1]) {
    if (candidate < 0 || candidate >= offsets.utf16Length) continue;
    const point = offsets.toCodePoint(candidate);
    const range = index.range(offsets.toUtf16(point), offsets.toUtf16(point + 1));
    const rect = range?.getBoundingClientRect();
    if (rect && x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return point;
  }
  return null;
}
