import { useCallback, useEffect, useRef, useState } from 'react';
import type { RequestOf } from '../../schema/api';
import type { Annotation, Annotator, Label } from '../../schema/model';
import type { ReviewSession, ReviewUpdate } from '../../schema/review';
import { call, messageOf, useHostEvents } from '../api';
import { patchSession } from './patch-session';

export interface Layers {
  a: string;
  b: string;
}

export interface ReviewModel {
  document: ReviewSession['document'] | null;
  labels: Label[];
  annotators: Annotator[];
  layers: Layers | null;
  session: ReviewSession | null;
  /** A call on its way: verdict buttons wait for it. */
  busy: boolean;
  error: string | null;
}

const empty: ReviewModel = {
  document: null,
  labels: [],
  annotators: [],
  layers: null,
  session: null,
  busy: false,
  error: null,
};

/**
 * The layers to compare when none were asked for: me against the first colleague, among those
 * who tagged this article; failing that, the first two who did; failing that, me and a colleague.
 */
export function defaultLayers(annotators: readonly Annotator[], annotations: readonly Annotation[]): Layers | null {
  const present = new Set(annotations.map((a) => a.annotatorId));
  const local = annotators.find((a) => a.isLocal);
  const here = annotators.filter((a) => present.has(a.id));
  const first = local && present.has(local.id) ? local : (here[0] ?? local ?? annotators[0]);
  const second = here.find((a) => a !== first) ?? annotators.find((a) => a !== first && !a.isLocal) ?? annotators.find((a) => a !== first);
  return first && second ? { a: first.id, b: second.id } : null;
}

/**
 * The review of one article between two layers, kept in step with the workspace: opening shows
 * the article first (review.article) and lays it out while the host compares the layers
 * (review.open, the whole session); a verdict goes to the host, which replies with what it
 * changed, and the session is patched with that.
 */
export function useReviewSession(documentId: string, asked: Partial<Layers>) {
  const [model, setModel] = useState<ReviewModel>(empty);
  /** The session as last set, for patching it after a call. */
  const latest = useRef<ReviewSession | null>(null);
  const askedA = asked.a ?? null;
  const askedB = asked.b ?? null;
  /** Bumped when a team sync brings a colleague's changes to this article: the session is compared again. */
  const [arrivals, setArrivals] = useState(0);
  useHostEvents((event) => {
    if (event.type === 'team.changed' && event.documentIds.includes(documentId)) setArrivals((n) => n + 1);
  });

  useEffect(() => {
    let current = true;
    const fail = (error: unknown) => current && setModel((m) => ({ ...m, busy: false, error: messageOf(error) }));
    const given = askedA && askedB && askedA !== askedB ? { a: askedA, b: askedB } : null;
    const lists = Promise.all([call('labels.list', {}), call('annotators.list', {})]);
    // Without layers in the address, the article's annotations say who tagged it (defaultLayers);
    // with them, the session is asked for at once, beside the article to show meanwhile.
    const chosen: Promise<Layers | null> = given
      ? Promise.all([call('review.article', { id: documentId }), lists]).then(([document, [labels, annotators]]) => {
          // Shown (as “Comparing…”) unless the session came first.
          if (current) setModel((m) => (m.session ? m : { ...m, document, labels, annotators, layers: given }));
          return given;
        })
      : Promise.all([call('documents.open', { id: documentId }), lists]).then(([opened, [, annotators]]) => {
          if (current) setModel((m) => ({ ...m, document: opened.document }));
          return defaultLayers(annotators, opened.annotations);
        });
    const open = (layers: Layers | null) => (layers ? call('review.open', { documentId, layerA: layers.a, layerB: layers.b }) : null);
    const opening = given ? open(given) : chosen.then(open);
    Promise.all([chosen, lists, opening])
      .then(([layers, [labels, annotators], session]) => {
        if (!current) return;
        if (!layers || !session) {
          setModel((m) => ({ ...m, labels, annotators, layers: null, error: 'This workspace has only one annotator: there is nobody to compare with yet.' }));
          return;
        }
        // The review benchmark reports when the session arrived, beside when it was painted.
        performance.mark('byline.review.session');
        latest.current = session;
        setModel({ document: session.document, labels, annotators, layers, session, busy: false, error: null });
      })
      .catch(fail);
    return () => {
      current = false;
    };
  }, [documentId, askedA, askedB, arrivals]);

  /** Sends a change and patches the session with it; replies with the session it left (null when it failed, and says why). */
  const run = useCallback(async (send: () => Promise<ReviewUpdate>): Promise<ReviewSession | null> => {
    setModel((m) => ({ ...m, busy: true }));
    try {
      const update = await send();
      const session = latest.current && patchSession(latest.current, update);
      latest.current = session;
      setModel((m) => ({ ...m, session, busy: false, error: null }));
      return session;
    } catch (error) {
      setModel((m) => ({ ...m, busy: false, error: messageOf(error) }));
      return null;
    }
  }, []);

  const target = model.layers && { documentId, layerA: model.layers.a, layerB: model.layers.b };
  const actions = {
    resolve(request: Omit<RequestOf<'review.resolve'>, 'documentId' | 'layerA' | 'layerB'>) {
      return target ? run(() => call('review.resolve', { ...target, ...request })) : Promise.resolve(null);
    },
    unresolve(key: string) {
      return target ? run(() => call('review.unresolve', { ...target, key })) : Promise.resolve(null);
    },
    acceptAgreements() {
      return target ? run(() => call('review.acceptAgreements', target)) : Promise.resolve(null);
    },
    setError: (error: string | null) => setModel((m) => ({ ...m, error })),
  };
  return { model, actions };
}
