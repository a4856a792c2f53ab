/**
 * One record (a JSONL line) of a doccano or Prodigy export as a document.
 *
 * doccano: sequence labeling exports `{"text", "label": [[start, end, "LABEL"], …]}` (0.x wrote
 * `labels`), relation projects `{"text", "entities": [{id, start_offset, end_offset, label}],
 * "relations": [{id, from_id, to_id, type}]}`; doccano 1.x puts the metadata at the top level,
 * 0.x under `meta`. Its offset unit is not in the file: see `DatasetOptions.doccanoOffsets`.
 *
 * Prodigy: `{"text", "spans": [{start, end, label, token_start, token_end, …}], "meta", "answer"}`
 * plus, from rel.manual, `"relations": [{head, child, head_span, child_span, label}]` where head
 * and child are token indexes and head_span/child_span repeat the spans. `start`/`end` are
 * character offsets into `text` (https://prodi.gy/docs/api-interfaces: "character offsets into
 * the text"), counted by Python, i.e. code points.
 *
 * Either flavour may say its unit in `meta.offset_unit` ("code_point" or "utf16"), as Byline's
 * exports do (jsonl-export.ts); what a record says wins over any default.
 */
import { badInput } from '../../schema/errors';
import { annotationMark, restoreBylineLayers, type BylineMarks } from './byline-layers';
import { SourceText } from './source-text';
import {
  articleFields,
  checkSpanText,
  isObject,
  labelOf,
  labelsOf,
  spanFragment,
  type Json,
  type OffsetUnit,
} from './dataset-common';
import type { ImportedAnnotation, ImportedDocument, ImportedRelation } from './types';

export type RecordFlavour = 'doccano' | 'prodigy' | 'plain';

/**
 * The offset unit the record states in `meta.offset_unit` (or `metadata.offset_unit`), or null
 * when it states none. Spellings vary by tool ("code_point", "codepoints", "utf16", "UTF-16").
 */
export function statedOffsetUnit(record: Json, where: string): OffsetUnit | null {
  const meta = isObject(record['meta']) ? record['meta'] : isObject(record['metadata']) ? record['metadata'] : undefined;
  const stated = meta?.['offset_unit'];
  if (stated === undefined || stated === null) return null;
  const unit = typeof stated === 'string' ? stated.toLowerCase().replace(/[\s_-]/g, '') : '';
  if (unit === 'codepoint' || unit === 'codepoints') return 'code-points';
  if (unit === 'utf16' || unit === 'utf16codeunits') return 'utf-16';
  throw badInput(`${where}: its offset_unit ${JSON.stringify(stated)} is not one Byline reads (“code_point” or “utf16”).`);
}

export function recordFlavour(record: Json): RecordFlavour {
  if (Array.isArray(record['entities'])) return 'doccano';
  if (Array.isArray(record['spans']) || '_input_hash' in record || '_task_hash' in record || 'answer' in record) {
    return 'prodigy';
  }
  if (Array.isArray(record['label']) || Array.isArray(record['labels']) || Array.isArray(record['relations'])) return 'doccano';
  return 'plain';
}

/** The record's text, checked. */
export function recordText(record: Json, where: string): SourceText {
  const text = record['text'];
  if (typeof text !== 'string') throw badInput(`${where} has no “text”.`);
  if (text.trim() === '') throw badInput(`${where}: its “text” is empty.`);
  return new SourceText(text);
}

function baseDocument(record: Json, text: SourceText, source: string, format: string): ImportedDocument {
  const meta = isObject(record['meta']) ? record['meta'] : isObject(record['metadata']) ? record['metadata'] : undefined;
  return {
    source,
    format,
    ...articleFields(text, meta, record),
    text: text.stored,
    annotator: null,
    annotations: [],
    relations: [],
    labels: [],
  };
}

export function plainDocument(record: Json, where: string, source: string, format: string): ImportedDocument {
  return baseDocument(record, recordText(record, where), source, format);
}

export function doccanoDocuments(record: Json, where: string, source: string, unit: OffsetUnit): ImportedDocument[] {
  const text = recordText(record, where);
  const doc = baseDocument(record, text, source, 'doccano');
  const annotations: ImportedAnnotation[] = [];
  const relations: ImportedRelation[] = [];

  const refs = new Set<string>();
  if (Array.isArray(record['entities'])) {
    record['entities'].forEach((entity, i) => {
      if (!isObject(entity)) throw badInput(`${where}: entity ${i + 1} is not an object.`);
      const label = labelOf(entity['label'], where, `entity ${i + 1}`);
      const fragment = spanFragment(text, entity['start_offset'], entity['end_offset'], unit, where, `entity ${i + 1} (“${label}”)`);
      const ref = entity['id'] === undefined ? `entities[${i}]` : String(entity['id']);
      if (refs.has(ref)) throw badInput(`${where}: entity id ${ref} is used twice.`);
      refs.add(ref);
      annotations.push({ ref, label, fragments: [fragment], attributes: {}, note: null, extras: {} });
    });
  } else {
    const key = Array.isArray(record['label']) ? 'label' : 'labels';
    const spans = record[key];
    if (Array.isArray(spans)) {
      spans.forEach((span, i) => {
        if (typeof span === 'string') {
          throw badInput(`${where}: its labels are categories of the whole text (text classification), not spans; Byline imports spans.`);
        }
        if (!Array.isArray(span) || span.length < 3) {
          throw badInput(`${where}: ${key} ${i + 1} is not [start, end, "LABEL"].`);
        }
        const label = labelOf(span[2], where, `${key} ${i + 1}`);
        const fragment = spanFragment(text, span[0], span[1], unit, where, `span ${i + 1} (“${label}”)`);
        refs.add(`${key}[${i}]`);
        annotations.push({ ref: `${key}[${i}]`, label, fragments: [fragment], attributes: {}, note: null, extras: {} });
      });
    }
  }

  const links = record['relations'];
  if (Array.isArray(links)) {
    links.forEach((link, i) => {
      if (!isObject(link)) throw badInput(`${where}: relation ${i + 1} is not an object.`);
      const type = labelOf(link['type'] ?? link['label'], where, `relation ${i + 1}`);
      const from = String(link['from_id']);
      const to = String(link['to_id']);
      if (!refs.has(from) || !refs.has(to)) {
        throw badInput(`${where}: relation ${i + 1} (“${type}”) links ${from} to ${to}, which are not both among the entities.`);
      }
      relations.push({ ref: link['id'] === undefined ? `relations[${i}]` : String(link['id']), type, from, to, extras: {} });
    });
  }
  return restoreBylineLayers({ ...doc, annotations, relations, labels: labelsOf(annotations, relations) }, doccanoMarks(record));
}

/** Byline's doccano export lists each annotation's entities, annotator, note and attributes in `meta.annotations`. */
function doccanoMarks(record: Json): BylineMarks {
  const marks: BylineMarks = new Map();
  const meta = record['meta'];
  const listed = isObject(meta) && Array.isArray(meta['annotations']) ? meta['annotations'] : [];
  for (const item of listed) {
    if (!isObject(item) || !Array.isArray(item['entity_ids'])) continue;
    const mark = annotationMark(item, 'id');
    if (mark) for (const entity of item['entity_ids']) marks.set(String(entity), mark);
  }
  return marks;
}

const PRODIGY_SPAN_KEYS = new Set(['start', 'end', 'label', 'text']);

export function prodigyDocuments(record: Json, where: string, source: string, unit: OffsetUnit = 'code-points'): ImportedDocument[] {
  const text = recordText(record, where);
  const doc = baseDocument(record, text, source, 'prodigy');
  const annotator = typeof record['_annotator_id'] === 'string' && record['_annotator_id'] !== '' ? record['_annotator_id'] : null;
  const annotations: ImportedAnnotation[] = [];
  const spans: Json[] = [];
  const marks: BylineMarks = new Map();

  const rawSpans = record['spans'] ?? [];
  if (!Array.isArray(rawSpans)) throw badInput(`${where}: “spans” is not a list.`);
  rawSpans.forEach((span, i) => {
    if (!isObject(span)) throw badInput(`${where}: span ${i + 1} is not an object.`);
    const label = labelOf(span['label'], where, `span ${i + 1}`);
    const what = `span ${i + 1} (“${label}”)`;
    const fragment = spanFragment(text, span['start'], span['end'], unit, where, what);
    checkSpanText(text, span['start'] as number, span['end'] as number, unit, span['text'], where, what);
    const rest = Object.fromEntries(Object.entries(span).filter(([k]) => !PRODIGY_SPAN_KEYS.has(k)));
    const extras = Object.keys(rest).length > 0 ? { prodigy: rest } : {};
    annotations.push({ ref: `spans[${i}]`, label, fragments: [fragment], attributes: {}, note: null, extras });
    const mark = annotationMark(span, 'byline_id');
    if (mark) marks.set(`spans[${i}]`, mark);
    spans.push(span);
  });

  const relations: ImportedRelation[] = [];
  const rawLinks = record['relations'] ?? [];
  if (!Array.isArray(rawLinks)) throw badInput(`${where}: “relations” is not a list.`);
  rawLinks.forEach((link, i) => {
    if (!isObject(link)) throw badInput(`${where}: relation ${i + 1} is not an object.`);
    const type = labelOf(link['label'], where, `relation ${i + 1}`);
    const end = (side: 'head' | 'child') => {
      const given = link[`${side}_span`];
      let at = -1;
      if (isObject(given)) {
        at = spans.findIndex(
          (s) => s['start'] === given['start'] && s['end'] === given['end'] && (typeof given['label'] !== 'string' || s['label'] === given['label']),
        );
      }
      const token = link[side];
      if (at < 0 && typeof token === 'number') {
        at = spans.findIndex((s) => typeof s['token_start'] === 'number' && typeof s['token_end'] === 'number' && s['token_start'] <= token && token <= s['token_end']);
      }
      if (at < 0) {
        throw badInput(`${where}: relation ${i + 1} (“${type}”) has its ${side} outside every span; Byline links spans.`);
      }
      return `spans[${at}]`;
    };
    relations.push({ ref: `relations[${i}]`, type, from: end('head'), to: end('child'), extras: {} });
  });

  // A rejected or ignored task says its spans are wrong or unseen: the text comes in, they do not.
  if (record['answer'] === 'reject' || record['answer'] === 'ignore') return [{ ...doc, annotator }];
  return restoreBylineLayers({ ...doc, annotator, annotations, relations, labels: labelsOf(annotations, relations) }, marks);
}
