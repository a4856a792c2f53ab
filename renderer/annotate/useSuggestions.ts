import { useEffect, useMemo, useState } from 'react';
import type { Annotation, ChangeResult } from '../../schema/model';
import { SpanIndex } from '../../schema/span-index';
import type { AcceptSuggestions, ArticleSuggestions, SuggestedLink, Suggestion } from '../../schema/suggestions';
import { call, messageOf } from '../api';

const SETTING = 'byline.suggestions';

/** Whether suggestions are shown at all: a preference of this computer (Settings), on unless turned off. */
export const suggestionsShown = () => localStorage.getItem(SETTING) !== 'off';
export const setSuggestionsShown = (on: boolean) => localStorage.setItem(SETTING, on ? 'on' : 'off');

/**
 * Suggestions are asked for once the article has been shown this long without a change of text or
 * of mode: their work in the worker and the answer's size stay out of opening, editing and saving.
 */
const QUIET_MS = 800;

export interface SuggestionsState {
  /** Shown now, in text order: what the host suggested, less what was accepted, rejected or tagged since. */
  list: readonly Suggestion[];
  byKey: ReadonlyMap<string, Suggestion>;
  /** Links with at least one end among `list`, the other there too or one of the person's annotations. */
  links: readonly SuggestedLink[];
  answer: ArticleSuggestions | null;
  /** Turned off for this article (as asked, before the host answers). */
  off: boolean;
  error: string | null;
  accept(keys: readonly string[], labelId?: string): Promise<ChangeResult | null>;
  reject(keys: readonly string[]): Promise<void>;
  setOff(off: boolean): Promise<void>;
}

/**
 * The suggestions of the open article (electron/suggest, worked out in the host's worker), asked
 * for once the article is shown and the page is idle, and kept in step with the person's layer
 * here: `own` is that layer's annotations, and a suggestion one of them covers is not shown (so
 * tagging, accepting and undoing need no new answer). `accept` goes through the document model's
 * change, so the accepted annotations arrive like any other.
 */
export function useSuggestions(
  documentId: string,
  version: number | null,
  own: readonly Annotation[],
  shown: boolean,
  sendAccept: (request: AcceptSuggestions) => Promise<ChangeResult | null>,
): SuggestionsState {
  const [received, setAnswer] = useState<ArticleSuggestions | null>(null);
  // An answer for another article or text, or while suggestions are off, shows nothing.
  const answer = shown && received?.documentId === documentId && received.version === version ? received : null;
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  /** Rejected here since the last answer. */
  const [rejected, setRejected] = useState<ReadonlySet<string>>(new Set());
  /** The annotations accepted suggestions became, since the last answer (whose links name them). */
  const [accepted, setAccepted] = useState<ReadonlyMap<string, string>>(new Map());
  const [offAsked, setOffAsked] = useState<boolean | null>(null);
  const off = offAsked ?? answer?.off ?? false;

  useEffect(() => {
    if (!shown || version === null) return;
    let current = true;
    const ask = () =>
      call('suggestions.list', { documentId }).then(
        (next) => {
          if (!current || next.version !== version) return;
          setAnswer(next);
          setRejected(new Set());
          setAccepted(new Map());
          setOffAsked(null);
          setError(null);
        },
        (caught: unknown) => current && setError(messageOf(caught)),
      );
    const timer = setTimeout(() => void ask(), QUIET_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [documentId, version, shown, generation]);

  const { list, byKey, links } = useMemo(() => {
    const suggestions = off ? [] : (answer?.suggestions ?? []);
    const ownIndex = new SpanIndex(own.map((a) => ({ start: a.fragments[0]!.start, end: a.fragments.at(-1)!.end, labelId: a.labelId })));
    const list = suggestions.filter(
      (s) =>
        !rejected.has(s.key) &&
        !ownIndex.find(s.fragment, (a) => a.labelId === s.labelId || (a.start === s.fragment.start && a.end === s.fragment.end)),
    );
    const byKey = new Map(list.map((s) => [s.key, s]));
    const ownIds = new Set(own.map((a) => a.id));
    const present = (end: string) => byKey.has(end) || ownIds.has(end);
    // An end accepted here is that annotation now (while it is there: undo takes it away again).
    const now = (end: string) => {
      const id = accepted.get(end);
      return id && ownIds.has(id) ? id : end;
    };
    const links = (answer?.links ?? [])
      .map((l) => ({ ...l, from: now(l.from), to: now(l.to) }))
      .filter((l) => (byKey.has(l.from) || byKey.has(l.to)) && present(l.from) && present(l.to));
    return { list, byKey, links };
  }, [answer, off, rejected, accepted, own]);

  return {
    list,
    byKey,
    links,
    answer,
    off,
    error,
    async accept(keys, labelId) {
      if (!answer) return null;
      const chosen = keys.flatMap((k) => byKey.get(k) ?? []);
      if (chosen.length === 0) return null;
      const keySet = new Set(chosen.map((s) => s.key));
      const result = await sendAccept({
        documentId,
        version: answer.version,
        spans: chosen.map((s) => ({
          key: s.key,
          labelId: labelId ?? s.labelId,
          fragment: s.fragment,
          attributes: !labelId || labelId === s.labelId ? s.attributes : {},
        })),
        // A link comes along when its other end is accepted with it or is an annotation already.
        links: links.filter((l) => (keySet.has(l.from) || keySet.has(l.to)) && !(byKey.has(l.from) && !keySet.has(l.from)) && !(byKey.has(l.to) && !keySet.has(l.to))),
      });
      if (result) {
        const keyOf = new Map(chosen.map((s) => [`${s.fragment.start}-${s.fragment.end}`, s.key]));
        const made = result.changes.annotations.put.flatMap((a) => {
          const key = keyOf.get(`${a.fragments[0]!.start}-${a.fragments[0]!.end}`);
          return key ? [[key, a.id] as const] : [];
        });
        setAccepted((m) => new Map([...m, ...made]));
      }
      return result;
    },
    async reject(keys) {
      if (!answer) return;
      const chosen = keys.flatMap((k) => byKey.get(k) ?? []);
      if (chosen.length === 0) return;
      try {
        await call('suggestions.reject', {
          documentId,
          version: answer.version,
          spans: chosen.map((s) => ({ labelId: s.labelId, fragment: s.fragment })),
        });
        setRejected((r) => new Set([...r, ...chosen.map((s) => s.key)]));
      } catch (caught) {
        setError(messageOf(caught));
      }
    },
    async setOff(off) {
      setOffAsked(off);
      try {
        await call('suggestions.setOff', { documentId, off });
        setGeneration((g) => g + 1);
      } catch (caught) {
        setError(messageOf(caught));
      }
    },
  };
}
