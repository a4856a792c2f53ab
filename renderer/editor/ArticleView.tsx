import {
  useCallback,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type PointerEvent as ReactPointerEvent,
  type Ref,
} from 'react';
import type { Annotation, Fragment, Label, Relation } from '../../schema/model';
import { OffsetMap } from '../../schema/text';
import { mountArticle, useVisibleSpan } from './article-window';
import { fragmentBoxes, type Box } from './geometry';
import { HighlightPainter } from './highlight-painter';
import { LinkArrows, type Arrow } from './LinkArrows';
import { OffsetIndex } from './offset-index';
import { fragmentFromRange } from './selection';
import type { AnnotationSet } from './annotation-set';

export interface ArticleHandle {
  /**
   * The text the person has selected in the article, in code points; `additive` when it was
   * selected with Shift held (to add it to the selected annotation).
   */
  selectedFragment(): { fragment: Fragment; additive: boolean } | null;
  clearSelection(): void;
  /** Scrolls an annotation into the middle of the view. */
  reveal(annotationId: string): void;
  /** Scrolls a span (code points) into the middle of the view and flashes it. */
  flash(fragment: Fragment): void;
}

interface Props {
  text: string;
  annotations: AnnotationSet;
  relations: readonly Relation[];
  labels: readonly Label[];
  selectedId: string | null;
  /** The annotation a link would go to, while the person picks a link target. */
  candidateId: string | null;
  /** Widen selections to whole words. */
  snapToWords: boolean;
  /** A click on the text: the annotations under the pointer, shortest first (none: empty). */
  onClickAnnotations(ids: string[]): void;
  /** The link handle of the selected annotation was dragged onto another annotation. */
  onDragLink(fromId: string, toId: string): void;
  ref?: Ref<ArticleHandle>;
}

/** The CSS highlight that flashes a search hit when the article opens. */
const FLASH = 'bl-flash';

/** The article in a read-only Lexical view, with annotations painted over it as highlights. */
export function ArticleView(props: Props) {
  const { text, relations, labels, selectedId, candidateId, snapToWords, ref } = props;
  const { list: annotations, byId } = props.annotations;
  const scroller = useRef<HTMLDivElement>(null);
  const rootElement = useRef<HTMLDivElement>(null);
  const offsets = useMemo(() => new OffsetMap(text), [text]);
  // Rebuilt, in the first layout effect, whenever the text (and so `offsets`) changes.
  const indexRef = useRef<OffsetIndex | null>(null);
  const painter = useRef<HighlightPainter | null>(null);
  const additive = useRef(false);
  const [overlay, setOverlay] = useState<{ active: Box[]; candidate: Box[]; arrows: Arrow[] }>({
    active: [],
    candidate: [],
    arrows: [],
  });
  const [drag, setDrag] = useState<{ fromX: number; fromY: number; x: number; y: number } | null>(null);

  useLayoutEffect(() => {
    const { index, unmount } = mountArticle(rootElement.current, text, 'byline-article');
    indexRef.current = index;
    painter.current = new HighlightPainter(index, offsets);
    return () => {
      painter.current?.dispose();
      painter.current = null;
      indexRef.current = null;
      unmount();
    };
  }, [text, offsets]);

  const { view, layout } = useVisibleSpan(scroller, indexRef, offsets);

  useLayoutEffect(() => {
    if (!painter.current) return;
    painter.current.setWindow(view);
    painter.current.setAnnotations(annotations);
    // Benchmarks and tests wait for this mark: the highlights in view are registered from here on.
    performance.mark('byline.article.painted');
  }, [annotations, view]);


  /**
   * Where spans are drawn, in content coordinates, by their fragments. Scrolling and changes to
   * other annotations do not move them, so each is measured once until the layout changes.
   */
  const measured = useRef({ offsets, layout, boxes: new Map<string, Box[]>() });

  useLayoutEffect(() => {
    const index = indexRef.current;
    const container = scroller.current;
    if (!index || !container) return;
    if (measured.current.offsets !== offsets || measured.current.layout !== layout) {
      measured.current = { offsets, layout, boxes: new Map() };
    }
    const { boxes } = measured.current;
    let origin: DOMRect | undefined;
    const boxesFor = (fragments: readonly Fragment[]) => {
      const key = fragments.map((f) => `${f.start}-${f.end}`).join(',');
      let found = boxes.get(key);
      if (!found) {
        found = fragmentBoxes(fragments, index, offsets, container, (origin ??= container.getBoundingClientRect()));
        boxes.set(key, found);
      }
      return found;
    };
    const firstBoxOf = (annotation: Annotation) => boxesFor(annotation.fragments.slice(0, 1))[0];
    const boxesOf = (id: string | null) => {
      const annotation = id ? byId.get(id) : undefined;
      return annotation ? boxesFor(annotation.fragments) : [];
    };
    const inView = (a: Annotation) =>
      a.fragments[0]!.start < view.end && a.fragments[a.fragments.length - 1]!.end > view.start;
    const colors = new Map(labels.map((l) => [l.id, l.color]));
    const arrows: Arrow[] = [];
    for (const relation of relations) {
      const from = byId.get(relation.fromId);
      const to = byId.get(relation.toId);
      if (!from || !to || !(inView(from) || inView(to))) continue;
      const fromBox = firstBoxOf(from);
      const toBox = firstBoxOf(to);
      if (!fromBox || !toBox) continue;
      arrows.push({
        id: relation.id,
        from: fromBox,
        to: toBox,
        color: colors.get(relation.labelId) ?? '#5b6270',
        emphasized: relation.fromId === selectedId || relation.toId === selectedId,
      });
    }
    setOverlay({ active: boxesOf(selectedId), candidate: boxesOf(candidateId), arrows });
  }, [byId, relations, labels, selectedId, candidateId, offsets, view, layout]);

  /** Scrolls so that a span is in the middle of the view, unless it is well in view already. */
  const scrollIntoView = useCallback(
    (fragment: Fragment) => {
      const index = indexRef.current;
      const container = scroller.current;
      if (!index || !container) return;
      const box = fragmentBoxes([fragment], index, offsets, container, container.getBoundingClientRect())[0];
      if (!box) return;
      const visibleTop = container.scrollTop;
      const visibleBottom = visibleTop + container.clientHeight;
      if (box.top < visibleTop + 40 || box.top + box.height > visibleBottom - 40) {
        container.scrollTo({ top: box.top - container.clientHeight / 2 });
      }
    },
    [offsets],
  );

  useImperativeHandle(
    ref,
    () => ({
      selectedFragment() {
        const index = indexRef.current;
        const selection = window.getSelection();
        if (!index || !selection || selection.isCollapsed || selection.rangeCount === 0) return null;
        const fragment = fragmentFromRange(selection.getRangeAt(0), index, text, offsets, snapToWords);
        return fragment && { fragment, additive: additive.current };
      },
      clearSelection() {
        additive.current = false;
        window.getSelection()?.removeAllRanges();
      },
      reveal(annotationId) {
        const annotation = byId.get(annotationId);
        if (annotation) scrollIntoView(annotation.fragments[0]!);
      },
      flash(fragment) {
        const index = indexRef.current;
        const range = index?.staticRange(offsets.toUtf16(fragment.start), offsets.toUtf16(fragment.end));
        if (!range) return;
        scrollIntoView(fragment);
        CSS.highlights.set(FLASH, new Highlight(range));
        setTimeout(() => CSS.highlights.delete(FLASH), 1600);
      },
    }),
    [offsets, text, snapToWords, byId, scrollIntoView],
  );

  /** The annotations under a client point, shortest first. */
  const annotationsAt = (x: number, y: number): Annotation[] => {
    const index = indexRef.current;
    const point = index ? characterAt(index, offsets, x, y) : null;
    if (point === null) return [];
    return annotations
      .filter((a) => a.fragments.some((f) => f.start <= point && point < f.end))
      .sort((a, b) => spanLength(a) - spanLength(b));
  };

  const onClick = (event: React.MouseEvent) => {
    if (!window.getSelection()?.isCollapsed) return;
    props.onClickAnnotations(annotationsAt(event.clientX, event.clientY).map((a) => a.id));
  };

  // Shift+drag selects text to add to the selected annotation as another fragment. The browser
  // would extend the old selection instead, so the selection is made here.
  const onPointerDown = (event: ReactPointerEvent) => {
    additive.current = false;
    if (!event.shiftKey || event.button !== 0) return;
    const start = document.caretPositionFromPoint(event.clientX, event.clientY);
    if (!start) return;
    event.preventDefault();
    additive.current = true;
    const selection = window.getSelection();
    selection?.collapse(start.offsetNode, start.offset);
    const move = (e: PointerEvent) => {
      const end = document.caretPositionFromPoint(e.clientX, e.clientY);
      if (end) selection?.setBaseAndExtent(start.offsetNode, start.offset, end.offsetNode, end.offset);
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  // Dragging the link handle of the selected annotation onto another one links the two.
  const lastActive = overlay.active[overlay.active.length - 1];
  const onHandleDown = (event: ReactPointerEvent) => {
    const container = scroller.current;
    if (!container || !selectedId || !lastActive) return;
    event.preventDefault();
    event.stopPropagation();
    const origin = container.getBoundingClientRect();
    const toContent = (e: { clientX: number; clientY: number }) => ({
      x: e.clientX - origin.left + container.scrollLeft,
      y: e.clientY - origin.top + container.scrollTop,
    });
    const fromX = lastActive.left + lastActive.width;
    const fromY = lastActive.top + lastActive.height / 2;
    setDrag({ fromX, fromY, ...toContent(event) });
    const move = (e: PointerEvent) => setDrag({ fromX, fromY, ...toContent(e) });
    const up = (e: PointerEvent) => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      setDrag(null);
      const target = annotationsAt(e.clientX, e.clientY).find((a) => a.id !== selectedId);
      if (target) props.onDragLink(selectedId, target.id);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
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
        onPointerDown={onPointerDown}
      />
      <div className="overlay-layer" aria-hidden="true">
        <LinkArrows arrows={overlay.arrows} drag={drag} />
        {overlay.candidate.map((box, i) => (
          <div key={`c${i}`} className="candidate-span-box" style={boxStyle(box)} />
        ))}
        {overlay.active.map((box, i) => (
          <div key={`a${i}`} className="active-span-box" style={boxStyle(box)} />
        ))}
      </div>
      {lastActive && (
        <div
          className="link-handle"
          title="Drag onto another annotation to link them (or press L)"
          // Above the end of the span, clear of the text a person may select next.
          style={{ top: lastActive.top - 9, left: lastActive.left + lastActive.width - 5 }}
          onPointerDown={onHandleDown}
        />
      )}
    </div>
  );
}

const boxStyle = (box: Box) => ({ top: box.top, left: box.left, width: box.width, height: box.height });

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
    const rects = index.clientRects(offsets.toUtf16(point), offsets.toUtf16(point + 1));
    if (rects.some((r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom)) return point;
  }
  return null;
}
