import { useCallback, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import type { RequestOf } from '../../schema/api';
import type {
  Annotation,
  Annotator,
  ChangeResult,
  Document,
  DocumentStatus,
  Fragment,
  HistoryState,
  Label,
  Relation,
} from '../../schema/model';
import type { VerdictRecord } from '../../schema/review';
import type { AcceptSuggestions } from '../../schema/suggestions';
import { call, messageOf, useHostEvents } from '../api';
import { afterNextPaint } from '../common/after-paint';
import { annotationSet, applyAnnotationChanges, applyRelationChanges, type AnnotationSet } from '../editor/annotation-set';
import type { EditState } from '../editor/edit-mode';
import { shortQuote } from './edit-notice';

export interface DocumentModel {
  document: Document | null;
  labels: Label[];
  annotations: AnnotationSet;
  relations: Relation[];
  history: HistoryState;
  /** The local annotator: whose layer new tags go to, the one layer editable here. */
  me: Annotator | null;
  /** Everyone whose annotations the workspace holds, by id. */
  annotators: ReadonlyMap<string, Annotator>;
  /** Review verdicts on this article's annotations, newest first (as of opening it). */
  verdicts: VerdictRecord[];
  error: string | null;
}

/** What the view does with a new tag, as it goes from painted to listed to stored. */
export interface TagHooks {
  /** Paint it now, in the frame of the key that made it. */
  paint(annotation: Annotation): void;
  /** It is listed in the model, as a provisional annotation with this id. */
  onShown(provisionalId: string): void;
  /** The host stored it with this id; `replacing` is the provisional id it takes the place of, if that was listed. */
  onStored(id: string, replacing: string | null): void;
}

const PROVISIONAL = 'provisional:';
let provisionalCount = 0;

/** An annotation on screen that the host has not stored yet: nothing can be done with it. */
export const isProvisional = (id: string | null) => id?.startsWith(PROVISIONAL) ?? false;

const empty: DocumentModel = {
  document: null,
  labels: [],
  annotations: annotationSet([]),
  relations: [],
  history: { undo: null, redo: null },
  me: null,
  annotators: new Map(),
  verdicts: [],
  error: null,
};

/**
 * One open document and everything on it, kept in step with the workspace: each change is sent
 * to the host and the renderer applies what the host says it changed.
 */
export function useDocumentModel(documentId: string) {
  const [model, setModel] = useState<DocumentModel>(empty);

  /** The article as the workspace has it now, after a change that gave it another text. */
  const reload = useCallback(async () => {
    const opened = await call('documents.open', { id: documentId });
    flushSync(() => setModel((m) => ({ ...m, ...opened, annotations: annotationSet(opened.annotations), error: null })));
    return opened.document;
  }, [documentId]);

  // A team sync brought colleagues' changes to this article (their tags, a correction of its
  // text): it is shown as the workspace has it now, with whoever tagged it.
  useHostEvents((event) => {
    if (event.type !== 'team.changed' || !event.documentIds.includes(documentId)) return;
    Promise.all([call('documents.open', { id: documentId }), call('annotators.list', {})]).then(
      ([opened, annotators]) =>
        setModel((m) => ({ ...m, ...opened, annotations: annotationSet(opened.annotations), annotators: new Map(annotators.map((a) => [a.id, a])) })),
      (error: unknown) => setModel((m) => ({ ...m, error: messageOf(error) })),
    );
  });

  useEffect(() => {
    let current = true;
    Promise.all([
      call('documents.open', { id: documentId }),
      call('labels.list', {}),
      call('workspace.info', {}),
      call('annotators.list', {}),
    ]).then(
      ([opened, labels, info, annotators]) =>
        current &&
        setModel({
          ...opened,
          annotations: annotationSet(opened.annotations),
          labels,
          me: info.annotator,
          annotators: new Map(annotators.map((a) => [a.id, a])),
          error: null,
        }),
      (error: unknown) => current && setModel((m) => ({ ...m, error: messageOf(error) })),
    );
    return () => {
      current = false;
    };
  }, [documentId]);

  const setError = useCallback((error: string | null) => setModel((m) => ({ ...m, error })), []);

  /**
   * Runs a change; a failure shows its message instead of throwing. `provisional` annotations,
   * shown while the change was on its way, give way to what the host says it did; `then` runs
   * in the same render.
   */
  const change = useCallback(
    async (
      send: () => Promise<ChangeResult>,
      provisional: string[] = [],
      then?: (result: ChangeResult) => void,
      /** What was taken back if the change failed, for the message: “The tag of …”. */
      withdrawnWhat?: string,
    ): Promise<ChangeResult | null> => {
      try {
        const result = await send();
        // Undoing or redoing a text edit: the article has another text, its annotations moved.
        if (result.document) {
          await reload();
          return result;
        }
        // Rendered now, not at React's next convenient moment: the next frame shows it.
        flushSync(() => {
          setModel((m) => ({
            ...m,
            annotations: applyAnnotationChanges(m.annotations, {
              put: result.changes.annotations.put,
              deleted: [...provisional, ...result.changes.annotations.deleted],
            }),
            relations: applyRelationChanges(m.relations, result.changes.relations),
            history: result.history,
            error: null,
          }));
          then?.(result);
        });
        return result;
      } catch (error) {
        const withdrawn = { put: [], deleted: provisional };
        const message = withdrawnWhat ? `${messageOf(error)} ${withdrawnWhat} was taken back.` : messageOf(error);
        setModel((m) => ({ ...m, annotations: applyAnnotationChanges(m.annotations, withdrawn), error: message }));
        return null;
      }
    },
    [reload],
  );

  const actions = {
    /**
     * Tags a span. `paint` paints it at once, as a provisional annotation (see isProvisional);
     * the model lists it after that frame (`onShown` gets its id then), while the host stores it,
     * and `onStored` gets the stored annotation's id in the render that shows it. If the host
     * does not store it, it is taken off the screen and the message says so.
     */
    tag(labelId: string, fragment: Fragment, quote: string, hooks: TagHooks): void {
      const provisional: Annotation = {
        id: `${PROVISIONAL}${++provisionalCount}`,
        documentId,
        annotatorId: '',
        labelId,
        fragments: [fragment],
        quote,
        note: null,
        attributes: {},
        createdAt: '',
        updatedAt: '',
      };
      hooks.paint(provisional);
      let listed = false;
      let settled = false;
      afterNextPaint(() => {
        // The host may have answered already: its reply put the stored annotation in instead.
        if (settled) return;
        listed = true;
        setModel((m) => ({ ...m, annotations: applyAnnotationChanges(m.annotations, { put: [provisional], deleted: [] }) }));
        hooks.onShown(provisional.id);
      });
      void change(
        () => call('annotations.create', { documentId, labelId, fragments: [fragment] }),
        [provisional.id],
        (result) => {
          const stored = result.changes.annotations.put[0]?.id;
          if (stored) hooks.onStored(stored, listed ? provisional.id : null);
          // The first tag starts the work on the article (the host sets the same status).
          setModel((m) =>
            m.document?.status === 'not started' ? { ...m, document: { ...m.document, status: 'in progress' } } : m,
          );
        },
        `The tag of “${shortQuote(quote)}”`,
      ).finally(() => (settled = true));
    },
    update: (patch: RequestOf<'annotations.update'>) => change(() => call('annotations.update', patch)),
    remove: (id: string) => change(() => call('annotations.delete', { id })),
    link: (fromId: string, toId: string) => change(() => call('relations.create', { fromId, toId })),
    acceptSuggestions: (request: AcceptSuggestions) => change(() => call('suggestions.accept', request)),
    setLinkType: (id: string, labelId: string) => change(() => call('relations.update', { id, labelId })),
    unlink: (id: string) => change(() => call('relations.delete', { id })),
    undo: () => change(() => call('history.undo', { documentId })),
    redo: () => change(() => call('history.redo', { documentId })),
    /**
     * Commits the edit mode's edits, made on `baseVersion` of the text, as a new version; the
     * annotations are where the edits moved them (the host's reply has those it resized or
     * deleted). Returns the article as it is now, or null when the host refused (its message shows).
     */
    async editText(baseVersion: number, edited: EditState): Promise<Document | null> {
      try {
        const result = await call('documents.editText', { id: documentId, baseVersion, edits: [...edited.edits] });
        const document = result.document;
        if (!document) return await reload();
        flushSync(() =>
          setModel((m) => ({
            ...m,
            document,
            annotations: applyAnnotationChanges(annotationSet(edited.annotations), result.changes.annotations),
            relations: applyRelationChanges(m.relations, result.changes.relations),
            history: result.history,
            error: null,
          })),
        );
        return document;
      } catch (error) {
        setError(messageOf(error));
        return null;
      }
    },
    /** Opens the article again, as the workspace has it (after a change elsewhere gave it another text). */
    reload: () => void reload().catch((error: unknown) => setError(messageOf(error))),
    async setStatus(status: DocumentStatus) {
      try {
        const summary = await call('documents.setStatus', { id: documentId, status });
        setModel((m) => (m.document ? { ...m, document: { ...m.document, status: summary.status } } : m));
      } catch (error) {
        setError(messageOf(error));
      }
    },
    setError,
  };

  return { model, actions };
}
