import { useCallback, useMemo, useState } from 'react';
import type { Annotator, Relation } from '../../schema/model';
import type { AnnotationSet } from '../editor/annotation-set';
import { isProvisional } from './useDocumentModel';

/**
 * Which layers the annotate view shows, kept in localStorage: a view preference of this
 * computer, the same in every article and after a reload. `hidden` holds annotator ids, which
 * are UUIDs, so ids of another workspace's colleagues hide nothing here.
 */
const SETTING = 'byline.layers';

export interface LayerPrefs {
  /** Only my own layer. */
  blind: boolean;
  /** Colleagues' layers hidden one by one. */
  hidden: string[];
}

/** One annotator's annotations in the article. */
export interface Layer {
  annotator: Annotator;
  count: number;
  mine: boolean;
  visible: boolean;
}

function readPrefs(): LayerPrefs {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(SETTING) ?? 'null');
    if (stored && typeof stored === 'object') {
      const { blind, hidden } = stored as Partial<LayerPrefs>;
      return {
        blind: blind === true,
        hidden: Array.isArray(hidden) ? hidden.filter((id): id is string => typeof id === 'string') : [],
      };
    }
  } catch {
    // A damaged preference is no preference.
  }
  return { blind: false, hidden: [] };
}

/**
 * The layers of an article and what of it is shown. My own layer is always shown: that is where
 * new tags go. Hidden annotations are left out of everything (painting, list, Tab, clicks), and
 * so are links whose layer or either end is hidden.
 */
export function useLayers(
  annotations: AnnotationSet,
  relations: readonly Relation[],
  me: Annotator | null,
  annotators: ReadonlyMap<string, Annotator>,
) {
  const [prefs, setPrefs] = useState(readPrefs);
  const save = useCallback((next: LayerPrefs) => {
    setPrefs(next);
    localStorage.setItem(SETTING, JSON.stringify(next));
  }, []);

  /** Whether an annotation or link of this annotator is mine (a provisional one is). */
  const isMine = useCallback((annotatorId: string) => annotatorId === '' || annotatorId === me?.id, [me]);
  const shows = useCallback(
    (annotatorId: string) => isMine(annotatorId) || (!prefs.blind && !prefs.hidden.includes(annotatorId)),
    [isMine, prefs],
  );

  const layers = useMemo(() => {
    const counts = new Map<string, number>();
    for (const a of annotations.list) {
      const id = isProvisional(a.id) ? (me?.id ?? '') : a.annotatorId;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    if (me && !counts.has(me.id)) counts.set(me.id, 0);
    const list: Layer[] = [...counts].map(([id, count]) => ({
      annotator: annotators.get(id) ?? { id, name: 'Unknown annotator', isLocal: false },
      count,
      mine: isMine(id),
      visible: shows(id),
    }));
    return list.sort(
      (a, b) => Number(b.mine) - Number(a.mine) || a.annotator.name.localeCompare(b.annotator.name),
    );
  }, [annotations, me, annotators, isMine, shows]);

  const anyHidden = layers.some((l) => !l.visible);
  const visible = useMemo((): AnnotationSet => {
    if (!anyHidden) return annotations;
    const list = annotations.list.filter((a) => shows(a.annotatorId));
    return { list, byId: new Map(list.map((a) => [a.id, a])) };
  }, [annotations, anyHidden, shows]);

  const visibleRelations = useMemo(
    () =>
      anyHidden
        ? relations.filter((r) => shows(r.annotatorId) && visible.byId.has(r.fromId) && visible.byId.has(r.toId))
        : relations,
    [relations, anyHidden, shows, visible],
  );

  return {
    prefs,
    layers,
    visible,
    visibleRelations,
    hiddenCount: annotations.list.length - visible.list.length,
    isMine,
    setBlind: (blind: boolean) => save({ ...prefs, blind }),
    setShown: (annotatorId: string, shown: boolean) =>
      save({
        ...prefs,
        hidden: shown ? prefs.hidden.filter((id) => id !== annotatorId) : [...new Set([...prefs.hidden, annotatorId])],
      }),
  };
}
