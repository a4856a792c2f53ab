import {
  $createRangeSelectionFromDom,
  $setSelection,
  REDO_COMMAND,
  SKIP_SCROLL_INTO_VIEW_TAG,
  UNDO_COMMAND,
  type LexicalEditor,
} from 'lexical';
import {
  useCallback,
  useEffectEvent,
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
import { createArticleEditor, EditedOffsets, showArticle, textOf, useVisibleSpan } from './article-window';
import { registerEditMode, type EditState } from './edit-mode';
import { fragmentBoxes, type Box } from './geometry';
import { HighlightPainter, suggestedHighlightName, type PaintedSpan } from './highlight-painter';
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
  /** Paints a new annotation at once, before the view's next render lists it (read-only mode). */
  paintAhead(annotation: Annotation): void;
  /** Scrolls an annotation into the middle of the view. */
  reveal(annotationId: string): void;
  /** Scrolls a span (code points) into the middle of the view and flashes it. */
  flash(fragment: Fragment): void;
  /** In the edit mode: the edits so far, where the annotations are now, and the text now. */
  edited(): { state: EditState; text: string } | null;
  /** Undo and redo in the edit mode's own history. */
  undoEdit(): void;
  redoEdit(): void;
}

/** The edit mode: the text is editable as plain text, and the annotations move with it. */
export interface Editing {
  /** Every annotation of every layer, as they are on entering the mode. */
  annotations: readonly Annotation[];
  /** Whether an annotation is painted (its layer is shown). */
  shows(annotation: Annotation): boolean;
  /** The text is being saved: it cannot change until the host answers. */
  saving: boolean;
  /** The annotations none of whose text is left, each time that changes. */
  onDeleted(deleted: readonly Annotation[]): void;
  onEscape(): void;
}

interface Props {
  text: string;
  annotations: AnnotationSet;
  relations: readonly Relation[];
  /** Suggestions, painted apart from annotations; `id` is the suggestion's key. */
  suggested: readonly PaintedSpan[];
  /** Suggested links, drawn dashed; their ends are suggestion keys or annotation ids. */
  suggestedLinks: readonly { labelId: string; from: string; to: string }[];
  labels: readonly Label[];
  /** The selected annotation, or suggestion (by key). */
  selectedId: string | null;
  /** The annotation a link would go to, while the person picks a link target. */
  candidateId: string | null;
  /** Widen selections to whole words. */
  snapToWords: boolean;
  /** A click on the text: the annotations under the pointer, shortest first, then the suggestions there (none: empty). */
  onClickAnnotations(ids: string[]): void;
  /** The link handle of the selected annotation was dragged onto another annotation. */
  onDragLink(fromId: string, toId: string): void;
  /** Null: read-only. */
  editing: Editing | null;
  ref?: Ref<ArticleHandle>;
}

/** What is drawn over the text: the selected span, the link candidate, links. */
interface Overlay {
  active: Box[];
  /** The selected suggestion. */
  suggested: Box[];
  candidate: Box[];
  arrows: Arrow[];
}

const NO_OVERLAY: Overlay = { active: [], suggested: [], candidate: [], arrows: [] };

/** The CSS highlight that flashes a search hit when the article opens. */
const FLASH = 'bl-flash';

/**
 * The article in a Lexical view, with annotations painted over it as highlights. Read-only, but
 * for the edit mode (`editing`), where it is plain text the person edits and the annotations move
 * with every keystroke.
 */
export function ArticleView(props: Props) {
  const { text, relations, suggested, suggestedLinks, labels, selectedId, candidateId, snapToWords, editing, ref } = props;
  const suggestedById = useMemo(() => new Map(suggested.map((s) => [s.id, s])), [suggested]);
  const { list: annotations, byId } = props.annotations;
  const isEditing = editing !== null;
  const scroller = useRef<HTMLDivElement>(null);
  const rootElement = useRef<HTMLDivElement>(null);
  const offsets = useMemo(() => new OffsetMap(text), [text]);
  const editorRef = useRef<LexicalEditor | null>(null);
  // Rebuilt, in the layout effect that shows the text, whenever the text changes (unless the
  // editor shows it already: a committed edit); in the edit mode, kept up to date by each update.
  const indexRef = useRef<OffsetIndex | null>(null);
  const painter = useRef<HighlightPainter | null>(null);
  const suggestionPainter = useRef<HighlightPainter | null>(null);
  /** What the index counts in while the text is edited (`offsets` is the text's before). */
  const [editedOffsets, setEditedOffsets] = useState<OffsetMap | null>(null);
  const session = useRef<EditState | null>(null);
  const additive = useRef(false);
  const [overlay, setOverlay] = useState<Overlay>(NO_OVERLAY);
  const [drag, setDrag] = useState<{ fromX: number; fromY: number; x: number; y: number } | null>(null);

  useLayoutEffect(() => {
    const editor = createArticleEditor(rootElement.current, 'byline-article');
    editorRef.current = editor;
    return () => {
      editorRef.current = null;
      indexRef.current = null;
      editor.setRootElement(null);
    };
  }, []);

  useLayoutEffect(() => {
    const editor = editorRef.current!;
    if (!indexRef.current || textOf(editor) !== text) indexRef.current = showArticle(editor, text);
    painter.current = new HighlightPainter(indexRef.current, offsets);
    suggestionPainter.current = new HighlightPainter(indexRef.current, offsets, suggestedHighlightName);
    return () => {
      painter.current?.dispose();
      painter.current = null;
      suggestionPainter.current?.dispose();
      suggestionPainter.current = null;
    };
  }, [text, offsets]);

  const { view, layout, refresh } = useVisibleSpan(scroller, indexRef, editedOffsets ?? offsets);
  /** The window painted now, for a painter made in the middle of an edit. */
  const paintedWindow = useRef(view);

  useLayoutEffect(() => {
    if (!painter.current) return;
    paintedWindow.current = view;
    painter.current.setWindow(view);
    // In the edit mode, each update paints the annotations where it moved them.
    if (isEditing) return;
    painter.current.setAnnotations(annotations);
    // Benchmarks and tests wait for this mark: the highlights in view are registered from here on.
    performance.mark('byline.article.painted');
  }, [annotations, view, offsets, isEditing]);

  // Suggestions are painted only while reading: the edit mode shows the text as it is.
  useLayoutEffect(() => {
    const painter = suggestionPainter.current;
    if (!painter) return;
    painter.setWindow(view);
    painter.setAnnotations(isEditing ? [] : suggested);
  }, [suggested, view, offsets, isEditing]);

  const editingNow = useEffectEvent(() => editing);
  /** The text and its offsets as the edit mode starts from them (they do not change meanwhile). */
  const shownNow = useEffectEvent(() => ({ text, offsets }));
  useLayoutEffect(() => {
    const editor = editorRef.current;
    const index = indexRef.current;
    const start = editingNow();
    if (!editor || !index || !start) return;
    const { text, offsets } = shownNow();
    const liveOffsets = new EditedOffsets(text);
    let paintedIn: OffsetMap = offsets;
    let deleted: readonly Annotation[] = [];
    session.current = { edits: [], annotations: start.annotations, deleted };
    const unregister = registerEditMode(editor, {
      annotations: start.annotations,
      onChange(state, change) {
        session.current = state;
        index.update(editor, change.from, change.removed, change.added);
        const map = liveOffsets.next(textOf(editor), change.historic ? null : (change.edit?.text ?? ''));
        // An undo may render paragraphs anew: ranges into the old ones would paint nothing.
        if (map !== paintedIn || change.historic) {
          painter.current?.dispose();
          painter.current = new HighlightPainter(index, map);
          painter.current.setWindow(paintedWindow.current);
          paintedIn = map;
          setEditedOffsets(map);
        }
        const shown = editingNow()?.shows ?? (() => true);
        painter.current!.setAnnotations(state.annotations.filter(shown));
        performance.mark('byline.article.edited');
        if (state.deleted !== deleted) {
          deleted = state.deleted;
          editingNow()?.onDeleted(deleted);
        }
        refresh();
      },
      onEscape: () => editingNow()?.onEscape(),
    });
    placeCaret(editor, scroller.current!);
    return () => {
      unregister();
      session.current = null;
      setEditedOffsets(null);
      painter.current?.dispose();
      painter.current = new HighlightPainter(index, offsets);
    };
  }, [isEditing, refresh]);

  const saving = editing?.saving ?? false;
  useLayoutEffect(() => {
    if (isEditing) editorRef.current?.setEditable(!saving);
  }, [isEditing, saving]);


  /**
   * Where spans are drawn, in content coordinates, by their fragments. Scrolling and changes to
   * other annotations do not move them, so each is measured once until the layout changes.
   */
  const measured = useRef({ offsets, layout, boxes: new Map<string, Box[]>() });

  useLayoutEffect(() => {
    const index = indexRef.current;
    const container = scroller.current;
    if (!index || !container) return;
    if (isEditing) return;
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
    const firstBoxOf = (annotation: PaintedSpan) => boxesFor(annotation.fragments.slice(0, 1))[0];
    const boxesOf = (id: string | null) => {
      const annotation = id ? byId.get(id) : undefined;
      return annotation ? boxesFor(annotation.fragments) : [];
    };
    const inView = (a: PaintedSpan) =>
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
        dashed: false,
      });
    }
    for (const link of suggestedLinks) {
      const from = byId.get(link.from) ?? suggestedById.get(link.from);
      const to = byId.get(link.to) ?? suggestedById.get(link.to);
      if (!from || !to || !(inView(from) || inView(to))) continue;
      const fromBox = firstBoxOf(from);
      const toBox = firstBoxOf(to);
      if (!fromBox || !toBox) continue;
      arrows.push({
        id: `suggested:${link.from}>${link.to}`,
        from: fromBox,
        to: toBox,
        color: colors.get(link.labelId) ?? '#5b6270',
        emphasized: link.from === selectedId || link.to === selectedId,
        dashed: true,
      });
    }
    const selectedSuggestion = selectedId ? suggestedById.get(selectedId) : undefined;
    setOverlay({
      active: boxesOf(selectedId),
      suggested: selectedSuggestion ? boxesFor(selectedSuggestion.fragments) : [],
      candidate: boxesOf(candidateId),
      arrows,
    });
  }, [byId, relations, suggestedById, suggestedLinks, labels, selectedId, candidateId, offsets, view, layout, isEditing]);

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
      paintAhead(annotation) {
        if (!isEditing) painter.current?.add(annotation);
      },
      reveal(id) {
        const span = byId.get(id) ?? suggestedById.get(id);
        if (span) scrollIntoView(span.fragments[0]!);
      },
      flash(fragment) {
        const index = indexRef.current;
        const range = index?.staticRange(offsets.toUtf16(fragment.start), offsets.toUtf16(fragment.end));
        if (!range) return;
        scrollIntoView(fragment);
        CSS.highlights.set(FLASH, new Highlight(range));
        setTimeout(() => CSS.highlights.delete(FLASH), 1600);
      },
      edited() {
        const editor = editorRef.current;
        return editor && session.current ? { state: session.current, text: textOf(editor) } : null;
      },
      undoEdit() {
        if (session.current) editorRef.current?.dispatchCommand(UNDO_COMMAND, undefined);
      },
      redoEdit() {
        if (session.current) editorRef.current?.dispatchCommand(REDO_COMMAND, undefined);
      },
    }),
    [offsets, text, snapToWords, byId, suggestedById, scrollIntoView, isEditing],
  );

  /** The annotations (or suggestions) under a client point, shortest first. */
  const spansAt = <T extends PaintedSpan>(spans: readonly T[], x: number, y: number): T[] => {
    const index = indexRef.current;
    const point = index ? characterAt(index, offsets, x, y) : null;
    if (point === null) return [];
    return spans
      .filter((a) => a.fragments.some((f) => f.start <= point && point < f.end))
      .sort((a, b) => spanLength(a) - spanLength(b));
  };
  const annotationsAt = (x: number, y: number) => spansAt(annotations, x, y);

  const onClick = (event: React.MouseEvent) => {
    if (isEditing || !window.getSelection()?.isCollapsed) return;
    const { clientX: x, clientY: y } = event;
    props.onClickAnnotations([...annotationsAt(x, y), ...spansAt(suggested, x, y)].map((a) => a.id));
  };

  // Shift+drag selects text to add to the selected annotation as another fragment. The browser
  // would extend the old selection instead, so the selection is made here.
  const onPointerDown = (event: ReactPointerEvent) => {
    additive.current = false;
    if (isEditing || !event.shiftKey || event.button !== 0) return;
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

  // The text moves under them with every keystroke: no selection, links or handle meanwhile.
  const shownOverlay = isEditing ? NO_OVERLAY : overlay;
  // Dragging the link handle of the selected annotation onto another one links the two.
  const lastActive = shownOverlay.active[shownOverlay.active.length - 1];
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
    <div className={isEditing ? 'article-scroller editing' : 'article-scroller'} ref={scroller}>
      <div
        ref={rootElement}
        className="article-text"
        role={isEditing ? 'textbox' : 'article'}
        aria-multiline={isEditing || undefined}
        aria-label="Article text"
        tabIndex={0}
        onClick={onClick}
        onPointerDown={onPointerDown}
      />
      <div className="overlay-layer" aria-hidden="true">
        <LinkArrows arrows={shownOverlay.arrows} drag={drag} />
        {shownOverlay.candidate.map((box, i) => (
          <div key={`c${i}`} className="candidate-span-box" style={boxStyle(box)} />
        ))}
        {shownOverlay.active.map((box, i) => (
          <div key={`a${i}`} className="active-span-box" style={boxStyle(box)} />
        ))}
        {shownOverlay.suggested.map((box, i) => (
          <div key={`s${i}`} className="suggested-span-box" style={boxStyle(box)} />
        ))}
        {shownOverlay.suggested[0] && (
          <div className="suggested-badge" style={{ top: shownOverlay.suggested[0].top - 20, left: shownOverlay.suggested[0].left }}>
            suggested · Enter accepts · Backspace rejects
          </div>
        )}
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

function spanLength(annotation: PaintedSpan): number {
  return annotation.fragments.reduce((sum, f) => sum + f.end - f.start, 0);
}

/**
 * On entering the edit mode, puts the caret at the start of the first line in view (unless the
 * person has put it in the text already), so that the keyboard can edit at once. Lexical is told
 * at once, and told not to scroll to it: the view stays where the person is reading.
 */
function placeCaret(editor: LexicalEditor, container: HTMLElement): void {
  const root = editor.getRootElement();
  const selection = window.getSelection();
  if (!root || !selection) return;
  if (selection.rangeCount === 0 || !root.contains(selection.anchorNode)) {
    const box = root.getBoundingClientRect();
    const view = container.getBoundingClientRect();
    const caret = document.caretPositionFromPoint(box.left + 1, Math.max(box.top, view.top) + 12);
    if (caret && root.contains(caret.offsetNode)) selection.collapse(caret.offsetNode, caret.offset);
  }
  root.focus({ preventScroll: true });
  editor.update(() => $setSelection($createRangeSelectionFromDom(selection, editor)), {
    discrete: true,
    tag: SKIP_SCROLL_INTO_VIEW_TAG,
  });
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
