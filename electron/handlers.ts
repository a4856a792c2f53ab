/**
 * The handler table: what each channel of schema/api.ts does, over the store and the importers.
 * Both hosts (Electron IPC and the HTTP test host) call these same functions through dispatch.ts;
 * nothing here may import 'electron'.
 */
import type { Channel, RequestOf, ResponseOf } from '../schema/api';
import { importFile, importText } from './import';
import {
  createAnnotation,
  deleteAnnotation,
  listAnnotations,
  setAnnotationLabel,
} from './store/annotations';
import { getDocument, listDocuments } from './store/documents';
import { listLabels } from './store/labels';
import type { Workspace } from './store/workspace';

/** What differs between the hosts: the OS dialogs (the test host lets a test answer them). */
export interface HostServices {
  /** Asks the person for article files; null when they cancel. */
  chooseFilesToImport(): Promise<string[] | null>;
}

export type Handlers = {
  [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;
};

export function createHandlers(ws: Workspace, host: HostServices): Handlers {
  return {
    'workspace.info': () => ({
      path: ws.path,
      schemaVersion: ws.schemaVersion,
      annotator: ws.localAnnotator,
    }),
    'labels.list': () => listLabels(ws),
    'library.list': () => listDocuments(ws),
    'documents.open': ({ id }) => ({
      document: getDocument(ws, id),
      annotations: listAnnotations(ws, id),
    }),
    'documents.importFiles': async () => {
      const paths = await host.chooseFilesToImport();
      if (!paths) return { canceled: true, outcomes: [] };
      const outcomes = [];
      for (const path of paths) outcomes.push(await importFile(ws, path));
      return { canceled: false, outcomes };
    },
    'documents.importText': ({ text }) => importText(ws, text),
    'annotations.create': (request) => createAnnotation(ws, request),
    'annotations.setLabel': ({ id, labelId }) => setAnnotationLabel(ws, id, labelId),
    'annotations.delete': ({ id }) => {
      deleteAnnotation(ws, id);
      return { id };
    },
  };
}
