import type { AttributeValue, Fragment } from '../../schema/model';
import type { ImportedDocument } from '../formats/types';
import { ingest } from '../store/ingest';
import type { Workspace } from '../store/workspace';

/** A span of a layer: its label, its phrase (or one phrase per fragment) and its attributes. */
export type SpanSpec = [label: string, phrases: string | string[], attributes?: Record<string, AttributeValue>];

/** The fragment of the first occurrence of a phrase (the test texts are ASCII: UTF-16 offsets are code points). */
const at = (text: string, phrase: string): Fragment => ({ start: text.indexOf(phrase), end: text.indexOf(phrase) + phrase.length });

/**
 * Imports `annotator`'s layer of an article, as an import of their file would: spans by phrase,
 * links as [from, to, type] indexes into the spans. The article's id.
 */
export function importLayer(ws: Workspace, annotator: string, text: string, spans: SpanSpec[], links: [number, number, string?][] = []): string {
  const doc: ImportedDocument = {
    source: `${annotator}.json`,
    format: 'test',
    title: text.slice(0, 20),
    text,
    outlet: null,
    author: null,
    publishedAt: null,
    url: null,
    annotator,
    annotations: spans.map(([label, phrases, attributes], k) => ({
      ref: `T${k}`,
      label,
      fragments: (Array.isArray(phrases) ? phrases : [phrases]).map((p) => at(text, p)),
      attributes: attributes ?? {},
      note: null,
      extras: {},
    })),
    relations: links.map(([from, to, type], k) => ({ ref: `R${k}`, type: type ?? 'attributed to', from: `T${from}`, to: `T${to}`, extras: {} })),
    labels: [],
  };
  return ingest(ws, doc, { annotator }).document.id;
}
