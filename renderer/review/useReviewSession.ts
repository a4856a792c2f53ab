import { useCallback, useEffect, useState } from 'react';
import type { RequestOf } from '../../schema/api';
import type { Annotation, Annotator, Document, Label } from '../../schema/model';
import type { ReviewSession } from '../../schema/review';
import { call, messageOf } from '../api';

export interface Layers {
  a: string;
  b: string;
}

export interface ReviewModel {
  document: Document | null;
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
 * The review of one article between two layers, kept in step with the workspace: every verdict
 * goes to the host, which replies with the whole session as it now is.
 */
export function useReviewSession(documentId: string, asked: Partial<Layers>) {
  const [model, setModel] = useState<ReviewModel>(empty);
  const askedA = asked.a ?? null;
  const askedB = asked.b ?? null;

  useEffect(() => {
    let current = true;
    const fail = (error: unknown) => current && setModel((m) => ({ ...m, busy: false, error: messageOf(error) }));
    const given = askedA && askedB && askedA !== askedB ? { a: askedA, b: askedB } : null;
    const opening = Promise.all([call('documents.open', { id: documentId }), call('labels.list', {}), call('annotators.list', {})]);
    // With the layers known (from the address), the session is asked for at once, after the text:
    // the article renders while the host compares the layers.
    const early = given ? call('review.open', { documentId, layerA: given.a, layerB: given.b }) : null;
    early?.catch(() => {});
    opening.then(
      async ([opened, labels, annotators]) => {
        if (!current) return;
        const layers = given ?? defaultLayers(annotators, opened.annotations);
        setModel((m) => ({ ...m, document: opened.document, labels, annotators, layers, busy: layers !== null }));
        if (!layers) {
          setModel((m) => ({ ...m, error: 'This workspace has only one annotator: there is nobody to compare with yet.' }));
          return;
        }
        const session = await (early ?? call('review.open', { documentId, layerA: layers.a, layerB: layers.b }));
        // The review benchmark reports when the session arrived, beside when it was painted.
        performance.mark('byline.review.session');
        if (current) setModel((m) => ({ ...m, session, busy: false, error: null }));
      },
    ).catch(fail);
    return () => {
      current = false;
    };
  }, [documentId, askedA, askedB]);

  /** Sends a change; replies with the session it left (null when it failed, and says why). */
  const run = useCallback(async (send: () => Promise<ReviewSession>): Promise<ReviewSession | null> => {
    setModel((m) => ({ ...m, busy: true }));
    try {
      const session = await send();
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
