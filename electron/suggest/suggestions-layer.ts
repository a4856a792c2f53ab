/**
 * `byline suggest`: what Byline suggests in each article, written as an annotator's layer named
 * "Suggestions", so that it exports like any layer and the agreement view measures it against a
 * person. It goes in as an import does (store/ingest.ts), one transaction per article; the layer's
 * earlier spans and links in that article are replaced.
 */
import { badInput } from '../../schema/errors';
import type { SuggestionSource } from '../../schema/suggestions';
import type { ImportedDocument } from '../formats/types';
import { deleteAnnotation } from '../store/annotations';
import { getDocument } from '../store/documents';
import { ingest } from '../store/ingest';
import { listLabels } from '../store/labels';
import type { Workspace } from '../store/workspace';
import { findInArticle, suggestArticle } from './article-suggestions';
import { SUGGESTIONS_LAYER } from './learned-model';
import { SuggestionService } from './suggestion-service';

export interface LayerOutcome {
  documents: number;
  annotations: number;
  relations: number;
  /** Where the suggestions came from (that of the last article; the same for all). */
  source: SuggestionSource;
}

export function suggestIntoLayer(
  ws: Workspace,
  documentIds: readonly string[],
  onProgress: (done: number, total: number) => void = () => {},
): LayerOutcome {
  if (documentIds.length === 0) throw badInput('There are no articles to suggest in.');
  // Learns from the people's layers first, when they have grown enough since it last did.
  const service = new SuggestionService(ws);
  service.learnIfDue();
  const labelName = new Map(listLabels(ws).map((l) => [l.id, l.name]));
  const layerId = () =>
    (ws.statement('SELECT id FROM annotators WHERE name = ? AND is_local = 0').get(SUGGESTIONS_LAYER) as { id: string } | undefined)?.id;
  const outcome: LayerOutcome = { documents: 0, annotations: 0, relations: 0, source: { kind: 'rules' } };
  documentIds.forEach((documentId, k) => {
    const found = suggestArticle(ws, findInArticle(ws, documentId, service.model), true);
    const document = getDocument(ws, documentId);
    const keys = new Set(found.suggestions.map((s) => s.key));
    const imported: ImportedDocument = {
      source: 'byline suggest',
      format: 'suggestions',
      title: document.title,
      text: document.text,
      outlet: null,
      author: null,
      publishedAt: null,
      url: null,
      annotator: SUGGESTIONS_LAYER,
      annotations: found.suggestions.map((s) => ({
        ref: s.key,
        label: labelName.get(s.labelId)!,
        fragments: [s.fragment],
        attributes: s.attributes,
        note: null,
        extras: {},
      })),
      relations: found.links
        .filter((l) => keys.has(l.from) && keys.has(l.to))
        .map((l) => ({ ref: `${l.from}>${l.to}`, type: labelName.get(l.labelId)!, from: l.from, to: l.to, extras: {} })),
      labels: [],
    };
    ws.transaction(() => {
      const layer = layerId();
      const earlier = layer
        ? (ws.statement('SELECT id FROM annotations WHERE document_id = ? AND annotator_id = ?').pluck().all(documentId, layer) as string[])
        : [];
      for (const id of earlier) deleteAnnotation(ws, id);
      const result = ingest(ws, imported, { annotator: SUGGESTIONS_LAYER });
      outcome.annotations += result.added.annotations;
      outcome.relations += result.added.relations;
    });
    outcome.documents++;
    outcome.source = found.source;
    onProgress(k + 1, documentIds.length);
  });
  return outcome;
}
