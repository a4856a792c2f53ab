/**
 * Annotated datasets from other annotation tools, as documents: doccano and Prodigy JSONL
 * (dataset-records.ts) and Label Studio's JSON export (label-studio.ts). The flavour is read from
 * each record's fields. One bad record makes the whole file fail, with the first problem
 * (by line, or by item in a JSON array) in the message.
 */
import { badInput, BylineError } from '../../schema/errors';
import { isObject, type Json, type OffsetUnit } from './dataset-common';
import { doccanoDocuments, plainDocument, prodigyDocuments, recordFlavour, statedOffsetUnit, type RecordFlavour } from './dataset-records';
import { isLabelStudioTask, labelStudioDocuments } from './label-studio';
import { shown } from './source-text';
import type { ImportedDocument } from './types';

export interface DatasetOptions {
  /**
   * How doccano counted its offsets, which its files do not say. doccano 0.x counted code points
   * (doccano/doccano#108, as Python does); doccano 1.x takes them from its v-annotator front end,
   * which counts UTF-16 code units unless the project counts grapheme clusters
   * (doccano/doccano#2290). The two differ only after an emoji or other astral character.
   * Default: by the record's shape, which tells the version: `entities` with `start_offset`
   * (doccano 1.x) count UTF-16 units, `label` lists (doccano 0.x) count code points.
   * A record that states its unit (`meta.offset_unit`, as Byline's exports do) is read in that
   * unit whatever this says.
   */
  doccanoOffsets?: OffsetUnit;
}

export function parseDataset(content: string, source: string, options: DatasetOptions = {}): ImportedDocument[] {
  const body = content.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw badInput(`${source} is empty.`);

  // A JSON document (Label Studio's export, or one record); otherwise JSON Lines.
  let whole: unknown;
  let isJson = false;
  if (/^\s*[[{]/.test(body)) {
    try {
      whole = JSON.parse(body);
      isJson = true;
    } catch (error) {
      if (/^\s*\[/.test(body)) throw badInput(`${source} is not valid JSON: ${jsonProblem(error, body)}.`);
    }
  }

  const items: Array<{ where: string; item: unknown }> = [];
  if (isJson && Array.isArray(whole)) whole.forEach((item, i) => items.push({ where: `${source}, item ${i + 1}`, item }));
  else if (isJson && body.trim().includes('\n')) items.push({ where: source, item: whole }); // one pretty-printed record
  else {
    body.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        items.push({ where: `${source}, line ${i + 1}`, item: JSON.parse(line) });
      } catch (error) {
        throw badInput(`${source}, line ${i + 1} is not JSON: ${jsonProblem(error)}.`);
      }
    });
  }
  if (items.length === 0) throw badInput(`${source} has no records.`);

  const flavours: Array<RecordFlavour | 'label-studio'> = items.map(({ where, item }) => {
    if (!isObject(item)) throw badInput(`${where} is not a JSON object.`);
    return isLabelStudioTask(item) ? 'label-studio' : recordFlavour(item);
  });
  // Records with only a text take the file's flavour.
  const fileFlavour = flavours.find((f) => f !== 'plain') ?? 'jsonl';
  const doccanoUnit = (record: Json, where: string): OffsetUnit =>
    statedOffsetUnit(record, where) ?? options.doccanoOffsets ?? (Array.isArray(record['entities']) ? 'utf-16' : 'code-points');

  const documents: ImportedDocument[] = [];
  items.forEach(({ where, item }, i) => {
    const record = item as Json;
    try {
      switch (flavours[i]) {
        case 'label-studio':
          documents.push(...labelStudioDocuments(record, where, source));
          break;
        case 'doccano':
          documents.push(...doccanoDocuments(record, where, source, doccanoUnit(record, where)));
          break;
        case 'prodigy':
          documents.push(...prodigyDocuments(record, where, source, statedOffsetUnit(record, where) ?? 'code-points'));
          break;
        default:
          documents.push(plainDocument(record, where, source, fileFlavour === 'label-studio' ? 'label-studio' : fileFlavour));
      }
    } catch (error) {
      if (error instanceof BylineError) throw error;
      throw badInput(`${where}: ${(error as Error).message}`);
    }
  });
  return documents;
}

/** JSON.parse's complaint, with the place as a line and column of the file (or of the line). */
function jsonProblem(error: unknown, text?: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const m = /^(.*?) in JSON at position (\d+)/.exec(message);
  if (!m) return shown(message, 120);
  const position = Number(m[2]);
  if (text === undefined) return `${m[1]} (column ${position + 1})`;
  const before = text.slice(0, position).split('\n');
  return `${m[1]} (line ${before.length}, column ${before.at(-1)!.length + 1})`;
}
