/**
 * Label Studio's JSON export: an array of tasks, each with `data` (the text is `data.text`, or
 * the first text field) and `annotations`, one per annotator (https://labelstud.io/guide/task_format).
 * Each annotation's `result` holds regions (`type: "labels"`, `value.start`, `value.end`,
 * `value.text`, `value.labels`), links (`type: "relation"`, `from_id`, `to_id`, `direction`,
 * `labels`) and per-region answers of other controls, which share the region's `id`: choices
 * and ratings become attributes, a textarea the note.
 *
 * Offsets: the front end takes them from JavaScript strings, so they count UTF-16 code units
 * (HumanSignal/label-studio#1347: "💩This is an annotation." gives 13–23 for "annotation").
 * A region's `value.text` is what Label Studio saw there; when it does not match in UTF-16 units
 * but does in code points (or with CRLF read as one line end), that reading is taken for the
 * whole annotation, since files from other versions or converters exist.
 */
import { badInput } from '../../schema/errors';
import type { AttributeValue } from '../../schema/model';
import { AttributeSchema, attributeKey } from './attribute-schema';
import { articleFields, isObject, labelsOf, spanFragment, spanText, type Json, type OffsetUnit } from './dataset-common';
import { shown, SourceText } from './source-text';
import type { ImportedAnnotation, ImportedDocument, ImportedRelation } from './types';

/** The Byline link type for a Label Studio relation that has no label. */
const UNLABELLED_RELATION = 'attributed to';

export function isLabelStudioTask(item: unknown): boolean {
  return isObject(item) && (isObject(item['data']) || Array.isArray(item['annotations']));
}

export function labelStudioDocuments(task: Json, where: string, source: string): ImportedDocument[] {
  const data = isObject(task['data']) ? task['data'] : {};
  const textKey = typeof data['text'] === 'string' ? 'text' : Object.keys(data).find((k) => typeof data[k] === 'string');
  const raw = textKey === undefined ? undefined : (data[textKey] as string);
  if (raw === undefined || raw.trim() === '') throw badInput(`${where} has no text in its “data”.`);
  // The readings to try, in order: Label Studio's own first.
  const asIs = new SourceText(raw);
  const readings: Array<{ text: SourceText; unit: OffsetUnit }> = [
    { text: asIs, unit: 'utf-16' },
    { text: asIs, unit: 'code-points' },
  ];
  if (/\r/.test(raw)) {
    const folded = new SourceText(raw, { lineEnds: 'folded' });
    readings.push({ text: folded, unit: 'utf-16' }, { text: folded, unit: 'code-points' });
  }
  const { [textKey!]: _text, ...otherData } = data;
  const base = {
    source,
    format: 'label-studio',
    ...articleFields(readings[0]!.text, otherData, isObject(task['meta']) ? task['meta'] : undefined),
    text: asIs.stored,
  };

  const annotations = (Array.isArray(task['annotations']) ? task['annotations'] : []).filter(
    (a) => !(isObject(a) && a['was_cancelled'] === true),
  );
  if (annotations.length === 0) return [{ ...base, annotator: null, annotations: [], relations: [], labels: [] }];

  return annotations.map((annotation, n) => {
    const at = `${where}, annotation ${n + 1}`;
    if (!isObject(annotation) || !Array.isArray(annotation['result'])) throw badInput(`${at} has no “result” list.`);
    const results = annotation['result'].map((r, i) => {
      if (!isObject(r)) throw badInput(`${at}: result ${i + 1} is not an object.`);
      // Regions of images, audio or HTML have no offsets into the text.
      if (typeof r['type'] === 'string' && r['type'] !== 'labels' && r['type'].endsWith('labels')) {
        throw badInput(`${at}: result ${i + 1} is a “${r['type']}” region; Byline reads regions of plain text (“labels”).`);
      }
      return r;
    });
    const regions = results.filter((r) => r['type'] === 'labels' && isObject(r['value']));
    const reading = readingFor(regions, readings, at);

    const imported: ImportedAnnotation[] = [];
    const byRegion = new Map<string, ImportedAnnotation[]>();
    const schema = new AttributeSchema();
    for (const region of regions) {
      const id = String(region['id'] ?? `result[${results.indexOf(region)}]`);
      const value = region['value'] as Json;
      const labels = Array.isArray(value['labels']) ? value['labels'].filter((l): l is string => typeof l === 'string') : [];
      if (labels.length === 0) throw badInput(`${at}: region ${id} has no label.`);
      const fragment = spanFragment(reading.text, value['start'], value['end'], reading.unit, at, `region ${id} (“${labels[0]}”)`);
      const names = { from_name: region['from_name'], to_name: region['to_name'] };
      const forRegion = labels.map((label, k) => ({
        ref: k === 0 ? id : `${id}#${label}`,
        label,
        fragments: [fragment],
        attributes: {} as Record<string, AttributeValue>,
        note: null as string | null,
        extras: { labelStudio: k === 0 ? names : { ...names, region: id } },
      }));
      if (byRegion.has(id)) throw badInput(`${at}: region id ${id} is used twice.`);
      byRegion.set(id, forRegion);
      imported.push(...forRegion);
    }

    // Answers about one region (same id), from controls with perRegion="true".
    for (const result of results) {
      const id = String(result['id']);
      const targets = byRegion.get(id);
      const value = result['value'];
      if (!targets || result['type'] === 'labels' || !isObject(value)) continue;
      const name = typeof result['from_name'] === 'string' ? result['from_name'] : String(result['type']);
      const key = attributeKey(name);
      for (const target of targets) {
        if (result['type'] === 'textarea') {
          const lines = Array.isArray(value['text']) ? value['text'].filter((t) => typeof t === 'string') : [];
          if (lines.length > 0) target.note = [target.note, lines.join('\n')].filter((t) => t !== null).join('\n\n');
        } else if (result['type'] === 'choices' && Array.isArray(value['choices'])) {
          const choices = value['choices'].map(String);
          const single = choices.length === 1;
          target.attributes[key] = single ? choices[0]! : choices.join(', ');
          schema.add(target.label, key, name, target.attributes[key]!, { text: !single });
        } else if ((result['type'] === 'rating' || result['type'] === 'number') && typeof value[result['type']] === 'number') {
          target.attributes[key] = value[result['type']] as number;
          schema.add(target.label, key, name, target.attributes[key]!);
        } else {
          // Other per-region answers (taxonomy, dates, …) have no attribute type: kept as given.
          const kept = ((target.extras['labelStudio'] as Json)['results'] ??= []) as unknown[];
          kept.push(result);
        }
      }
    }

    const relations: ImportedRelation[] = [];
    for (const result of results.filter((r) => r['type'] === 'relation')) {
      const fromId = String(result['from_id']);
      const toId = String(result['to_id']);
      if (!byRegion.has(fromId) || !byRegion.has(toId)) {
        throw badInput(`${at}: a relation links ${fromId} to ${toId}, which are not both regions of this annotation.`);
      }
      const direction = result['direction'];
      // "left" points from to_id to from_id; "bi" has no direction, kept as given.
      const [from, to] = direction === 'left' ? [toId, fromId] : [fromId, toId];
      const labels = Array.isArray(result['labels']) ? result['labels'].filter((l): l is string => typeof l === 'string') : [];
      const extras: Json = {};
      if (typeof direction === 'string' && direction !== 'right') extras['direction'] = direction;
      if (labels.length === 0) extras['unlabelled'] = true;
      for (const type of labels.length > 0 ? labels : [UNLABELLED_RELATION]) {
        relations.push({
          ref: `${fromId}>${toId}`,
          type,
          from,
          to,
          extras: Object.keys(extras).length > 0 ? { labelStudio: extras } : {},
        });
      }
    }

    return {
      ...base,
      annotator: annotatorOf(annotation['completed_by']),
      annotations: imported,
      relations,
      labels: labelsOf(imported, relations, schema),
    };
  });
}

/** Who made an annotation: an exported user's email, or their numeric id. */
function annotatorOf(completedBy: unknown): string | null {
  if (isObject(completedBy)) {
    if (typeof completedBy['email'] === 'string' && completedBy['email'] !== '') return completedBy['email'];
    return annotatorOf(completedBy['id']);
  }
  if (typeof completedBy === 'number' || (typeof completedBy === 'string' && completedBy !== '')) {
    return `Label Studio user ${completedBy}`;
  }
  return null;
}

/** The first reading under which every region's `value.text` is what the article has there. */
function readingFor(regions: Json[], readings: Array<{ text: SourceText; unit: OffsetUnit }>, at: string) {
  const fits = (reading: { text: SourceText; unit: OffsetUnit }) =>
    regions.every((region) => {
      const { start, end, text } = region['value'] as Json;
      if (typeof text !== 'string' || !Number.isInteger(start) || !Number.isInteger(end)) return true;
      const length = reading.unit === 'utf-16' ? reading.text.utf16Length : reading.text.length;
      if ((start as number) < 0 || (end as number) > length || (start as number) >= (end as number)) return false;
      return spanText(reading.text, start as number, end as number, reading.unit) === text;
    });
  const found = readings.find(fits);
  if (found) return found;
  // Report the first region that does not fit Label Studio's own reading.
  const [own] = readings;
  for (const region of regions) {
    const { start, end, text } = region['value'] as Json;
    if (typeof text !== 'string' || !Number.isInteger(start) || !Number.isInteger(end)) continue;
    const s = start as number;
    const e = end as number;
    const what = `region ${String(region['id'])}`;
    spanFragment(own!.text, s, e, own!.unit, at, what); // refuses a region outside the text
    const article = spanText(own!.text, s, e, own!.unit);
    if (article !== text) {
      throw badInput(`${at}: ${what}'s text “${shown(text)}” is not what the article has at ${s}–${e} (“${shown(article)}”).`);
    }
  }
  return own!;
}
