/**
 * JSON Lines for training tools, one document per line, offsets in code points of the document's
 * text (each line says so: `meta.offset_unit: "code_point"`, which formats/datasets.ts honours on
 * the way back in).
 *
 * Prodigy (`prodigyJsonl`): `{"text", "spans", "tokens", "relations", "answer", "meta"}` as
 * Prodigy's ner.manual and rel.manual write it (https://prodi.gy/docs/api-interfaces). Tokens are
 * Intl.Segmenter word segments without whitespace (export-tokens.ts); a span has token_start and
 * token_end only when both its ends fall on token boundaries. A relation's head and child are the
 * last token of the span at each end, as rel.manual counts them.
 *
 * spaCy (`spacyJsonl`): the same lines without tokens and token indexes (`text`, `spans` in
 * characters, relations by their `head_span` and `child_span`), for `Doc.char_span` and spaCy's own
 * tokenizer, whose tokens are not Intl.Segmenter's. Tokens are most of a Prodigy file (seven times
 * the size of a spaCy one for news) and most of the time spent writing it. Neither spaCy nor Prodigy has
 * discontinuous spans: an annotation of several fragments is one span per fragment, all with its
 * label and its `byline_id` (spans sharing a byline_id are one annotation), and its links start
 * or end at its first fragment.
 *
 * doccano (`doccanoJsonl`): `{"id", "text", "entities", "relations", "meta"}` as doccano 1.x's
 * relation projects export it, ids numbered through the file (1, 2, 3… for lines, entities and
 * relations each). doccano has no discontinuous spans either: one entity per fragment, listed
 * together under the annotation in `meta.annotations` (with its Byline id, annotator, note and
 * attributes; `meta.links` does the same for relations); links start or end at the first
 * fragment's entity. doccano's own front end counts UTF-16 units, so a file read back into doccano itself
 * misplaces spans after an emoji; any reader that honours offset_unit does not.
 */
import type { Fragment } from '../../schema/model';
import { OffsetMap, sliceCodePoints } from '../../schema/text';
import type { ExportAnnotation, ExportDocument, ExportWriter, TextSink } from './export-types';
import { tokenAfter, tokensTouched, wordTokens, type Token } from './export-tokens';

export const OFFSET_UNIT = 'code_point';

const DISCONTINUOUS_SPACY =
  'spaCy and Prodigy have no discontinuous spans: an annotation of several fragments is one span per fragment; spans with the same byline_id are one annotation, and its relations use its first fragment';
const DISCONTINUOUS_DOCCANO =
  'doccano has no discontinuous spans: an annotation of several fragments is one entity per fragment; meta.annotations lists the entities of each annotation, and its relations use the first one';

/** The names of the annotators whose annotations or links are in the document, in order of appearance. */
function annotatorsOf(doc: ExportDocument): string[] {
  const names = new Set<string>();
  for (const a of doc.annotations) names.add(a.annotator);
  for (const r of doc.relations) names.add(r.annotator);
  return [...names];
}

/** The document's metadata, shared by both flavours (the importers read these keys back). */
function documentMeta(doc: ExportDocument, annotators: string[]) {
  return {
    id: doc.id,
    title: doc.title,
    outlet: doc.outlet,
    author: doc.author,
    published: doc.publishedAt,
    url: doc.url,
    sha256: doc.sha256,
    version: doc.version,
    annotators,
    offset_unit: OFFSET_UNIT,
  };
}

/** Every fragment of every annotation, in text order (by start, then end, then the annotations' order). */
function fragmentsInOrder(annotations: ExportAnnotation[]): Array<{ annotation: ExportAnnotation; fragment: Fragment; index: number }> {
  const all = annotations.flatMap((annotation) => annotation.fragments.map((fragment, index) => ({ annotation, fragment, index })));
  return all.sort((a, b) => a.fragment.start - b.fragment.start || a.fragment.end - b.fragment.end);
}

interface ProdigySpan {
  start: number;
  end: number;
  text: string;
  label: string;
  token_start?: number;
  token_end?: number;
  byline_id: string;
  annotator: string;
  note?: string;
  attributes?: ExportAnnotation['attributes'];
}

/** Prodigy tasks with tokens (`withTokens`), or spaCy lines without them. */
function taskWriter(withTokens: boolean): ExportWriter {
  return {
    async begin() {},
    document: (out, doc) => writeTask(out, doc, withTokens),
    async end() {},
  };
}

export const prodigyJsonl = taskWriter(true);
export const spacyJsonl = taskWriter(false);

async function writeTask(out: TextSink, doc: ExportDocument, withTokens: boolean) {
  const map = new OffsetMap(doc.text);
  const tokens = withTokens ? wordTokens(doc.text, map) : [];

  const spans: ProdigySpan[] = [];
  // Each annotation's first fragment, and the token a link to or from it names.
  const ends = new Map<string, { span: ProdigySpan; token: number | null }>();
  for (const { annotation: a, fragment, index } of fragmentsInOrder(doc.annotations)) {
    const tokenStart = withTokens ? tokenStartingAt(tokens, fragment.start) : undefined;
    const tokenEnd = withTokens ? tokenEndingAt(tokens, fragment.end) : undefined;
    const onTokens = tokenStart !== undefined && tokenEnd !== undefined;
    const span: ProdigySpan = {
      start: fragment.start,
      end: fragment.end,
      text: sliceCodePoints(doc.text, map, fragment.start, fragment.end),
      label: a.label,
      ...(onTokens ? { token_start: tokenStart, token_end: tokenEnd } : {}),
      byline_id: a.id,
      annotator: a.annotator,
      ...(a.note !== null ? { note: a.note } : {}),
      ...(Object.keys(a.attributes).length > 0 ? { attributes: a.attributes } : {}),
    };
    spans.push(span);
    if (index === 0) ends.set(a.id, { span, token: withTokens ? headToken(tokens, fragment, tokenEnd) : null });
  }

  const relations = doc.relations.flatMap((r) => {
    const head = ends.get(r.fromId);
    const child = ends.get(r.toId);
    if (!head || !child) return [];
    return [
      {
        ...(withTokens ? { head: head.token, child: child.token } : {}),
        head_span: spanRef(head.span),
        child_span: spanRef(child.span),
        label: r.type,
        byline_id: r.id,
        annotator: r.annotator,
        ...(Object.keys(r.attributes).length > 0 ? { attributes: r.attributes } : {}),
      },
    ];
  });

  const annotators = annotatorsOf(doc);
  const line = {
    text: doc.text,
    spans,
    ...(withTokens ? { tokens } : {}),
    relations,
    answer: 'accept',
    // Prodigy's field for whose annotations these are; only when there is one.
    ...(annotators.length === 1 ? { _annotator_id: annotators[0] } : {}),
    meta: { ...documentMeta(doc, annotators), discontinuous: DISCONTINUOUS_SPACY },
  };
  await out.write(`${JSON.stringify(line)}\n`);
}

// Tokens are in text order, none empty and none overlapping: the one starting (or ending) at an
// offset, if any, is found by binary search (an article has hundreds of tokens and a few spans).

/** The index of the token that starts at `offset`, if one does. */
function tokenStartingAt(tokens: Token[], offset: number): number | undefined {
  const i = tokenAfter(tokens, offset);
  return i < tokens.length && tokens[i]!.start === offset ? i : undefined;
}

/** The index of the token that ends at `offset`, if one does. */
function tokenEndingAt(tokens: Token[], offset: number): number | undefined {
  const i = tokenAfter(tokens, offset - 1);
  return i < tokens.length && tokens[i]!.end === offset ? i : undefined;
}

/** The token rel.manual names for a span: its last token (the one it ends in, or before its end). */
function headToken(tokens: Token[], fragment: Fragment, tokenEnd: number | undefined): number {
  if (tokenEnd !== undefined) return tokenEnd;
  const touched = tokensTouched(tokens, fragment.start, fragment.end);
  if (touched) return touched[1];
  // Only whitespace: the token before it, or the first one.
  return Math.max(0, tokenAfter(tokens, fragment.start) - 1);
}

function spanRef(span: ProdigySpan) {
  const { start, end, token_start, token_end, label, byline_id } = span;
  return { start, end, ...(token_start === undefined ? {} : { token_start, token_end }), label, byline_id };
}

interface DoccanoState {
  lines: number;
  entities: number;
  relations: number;
}

/** Per export (one sink each), the ids given so far, so ids are unique through the file. */
const doccanoStates = new WeakMap<TextSink, DoccanoState>();

function doccanoState(out: TextSink): DoccanoState {
  let state = doccanoStates.get(out);
  if (!state) {
    state = { lines: 0, entities: 0, relations: 0 };
    doccanoStates.set(out, state);
  }
  return state;
}

export const doccanoJsonl: ExportWriter = {
  async begin(out: TextSink) {
    doccanoStates.set(out, { lines: 0, entities: 0, relations: 0 });
  },

  async document(out: TextSink, doc: ExportDocument) {
    const state = doccanoState(out);
    const entities: Array<{ id: number; label: string; start_offset: number; end_offset: number }> = [];
    const entityIds = new Map<string, number[]>();
    // The entity each annotation's links use: its first fragment's.
    const firstEntity = new Map<string, number>();
    for (const { annotation: a, fragment, index } of fragmentsInOrder(doc.annotations)) {
      const id = ++state.entities;
      entities.push({ id, label: a.label, start_offset: fragment.start, end_offset: fragment.end });
      const ids = entityIds.get(a.id);
      if (ids) ids.push(id);
      else entityIds.set(a.id, [id]);
      if (index === 0) firstEntity.set(a.id, id);
    }

    const relations: Array<{ id: number; from_id: number; to_id: number; type: string }> = [];
    const relationMeta: Array<Record<string, unknown>> = [];
    for (const r of doc.relations) {
      const from = firstEntity.get(r.fromId);
      const to = firstEntity.get(r.toId);
      if (from === undefined || to === undefined) continue;
      const id = ++state.relations;
      relations.push({ id, from_id: from, to_id: to, type: r.type });
      relationMeta.push({
        id: r.id,
        relation_id: id,
        annotator: r.annotator,
        ...(Object.keys(r.attributes).length > 0 ? { attributes: r.attributes } : {}),
      });
    }

    const annotations = doc.annotations.map((a) => ({
      id: a.id,
      entity_ids: entityIds.get(a.id)!,
      label: a.label,
      annotator: a.annotator,
      ...(a.note !== null ? { note: a.note } : {}),
      ...(Object.keys(a.attributes).length > 0 ? { attributes: a.attributes } : {}),
    }));

    const line = {
      id: ++state.lines,
      text: doc.text,
      entities,
      relations,
      meta: {
        ...documentMeta(doc, annotatorsOf(doc)),
        annotations,
        links: relationMeta,
        discontinuous: DISCONTINUOUS_DOCCANO,
      },
    };
    await out.write(`${JSON.stringify(line)}\n`);
  },

  async end(out: TextSink) {
    doccanoStates.delete(out);
  },
};
