import { useCallback, useEffect, useState } from 'react';
import type { RequestOf } from '../../schema/api';
import type {
  Annotation,
  ChangeResult,
  Document,
  DocumentStatus,
  Fragment,
  HistoryState,
  Label,
  Relation,
} from '../../schema/model';
import { call, messageOf } from '../api';
import { applyAnnotationChanges, applyRelationChanges } from './apply-changes';

export interface DocumentModel {
  document: Document | null;
  labels: Label[];
  annotations: Annotation[];
  relations: Relation[];
  history: HistoryState;
  error: string | null;
}

const empty: DocumentModel = {
  document: null,
  labels: [],
  annotations: [],
  relations: [],
  history: { undo: null, redo: null },
  error: null,
};

/**
 * One open document and everything on it, kept in step with the workspace: each change is sent
 * to the host and the renderer applies what the host says it changed.
 */
export function useDocumentModel(documentId: string) {
  const [model, setModel] = useState<DocumentModel>(empty);

  useEffect(() => {
    let current = true;
    Promise.all([call('documents.open', { id: documentId }), call('labels.list', {})]).then(
      ([opened, labels]) => current && setModel({ ...opened, labels, error: null }),
      (error: unknown) => current && setModel((m) => ({ ...m, error: messageOf(error) })),
    );
    return () => {
      current = false;
    };
  }, [documentId]);

  const setError = useCallback((error: string | null) => setModel((m) => ({ ...m, error })), []);

  /** Runs a change; a failure shows its message instead of throwing. */
  const change = useCallback(
    async (send: () => Promise<ChangeResult>): Promise<ChangeResult | null> => {
      try {
        const result = await send();
        setModel((m) => ({
          ...m,
          annotations: applyAnnotationChanges(m.annotations, result.changes.annotations),
          relations: applyRelationChanges(m.relations, result.changes.relations),
          history: result.history,
          error: null,
        }));
        return result;
      } catch (error) {
        setError(messageOf(error));
        return null;
      }
    },
    [setError],
  );

  const actions = {
    /** Tags a span; resolves to the new annotation's id. */
    async tag(labelId: string, fragment: Fragment): Promise<string | null> {
      const result = await change(() => call('annotations.create', { documentId, labelId, fragments: [fragment] }));
      if (result && model.document?.status === 'not started') {
        setModel((m) => (m.document ? { ...m, document: { ...m.document, status: 'in progress' } } : m));
      }
      return result?.changes.annotations.put[0]?.id ?? null;
    },
    update: (patch: RequestOf<'annotations.update'>) => change(() => call('annotations.update', patch)),
    remove: (id: string) => change(() => call('annotations.delete', { id })),
    link: (fromId: string, toId: string) => change(() => call('relations.create', { fromId, toId })),
    setLinkType: (id: string, labelId: string) => change(() => call('relations.update', { id, labelId })),
    unlink: (id: string) => change(() => call('relations.delete', { id })),
    undo: () => change(() => call('history.undo', { documentId })),
    redo: () => change(() => call('history.redo', { documentId })),
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
