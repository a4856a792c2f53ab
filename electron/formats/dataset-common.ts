/**
 * What the dataset importers (doccano, Prodigy, Label Studio) share: spans in a tool's offset
 * unit turned into fragments of the stored text, the article's metadata, and the labels a document uses.
 */
import { badInput } from '../../schema/errors';
import type { Fragment } from '../../schema/model';
import { titleFromText } from '../../schema/text';
import { AttributeSchema } from './attribute-schema';
import { shown, SourceText } from './source-text';
import type { ImportedAnnotation, ImportedDocument, ImportedLabel, ImportedRelation } from './types';

/** How a tool counts offsets into its text. */
export type OffsetUnit = 'code-points' | 'utf-16';

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const describeUnit = (unit: OffsetUnit) => (unit === 'utf-16' ? 'UTF-16 code units' : 'characters');

/**
 * `[start, end)` of `text` counted in `unit`, as a fragment of the stored text. `where` and `what` name the
 * span in messages ("data.jsonl, line 3", "span 2 (“Claim”)").
 */
export function spanFragment(
  text: SourceText,
  start: unknown,
  end: unknown,
  unit: OffsetUnit,
  where: string,
  what: string,
): Fragment {
  if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0) {
    throw badInput(`${where}: ${what} has no valid start and end (${JSON.stringify(start)}, ${JSON.stringify(end)}).`);
  }
  let s = start as number;
  let e = end as number;
  const length = unit === 'utf-16' ? text.utf16Length : text.length;
  if (e > length) {
    throw badInput(`${where}: ${what} at ${s}–${e} is outside the text, which has ${length} ${describeUnit(unit)}.`);
  }
  if (s >= e) throw badInput(`${where}: ${what} at ${s}–${e} is empty or ends before it starts.`);
  if (unit === 'utf-16') {
    if (text.splitsPair(s) || text.splitsPair(e)) {
      throw badInput(`${where}: ${what} at ${s}–${e} cuts a character (an emoji's surrogate pair) in half.`);
    }
    s = text.utf16ToCodePoint(s);
    e = text.utf16ToCodePoint(e);
  }
  const fragment = text.fragment(s, e);
  if (!fragment) throw badInput(`${where}: ${what} at ${start}–${end} covers only the byte order mark before the text.`);
  return fragment;
}

/** The raw text of a span given in `unit`; the caller has checked its bounds. */
export function spanText(text: SourceText, start: number, end: number, unit: OffsetUnit): string {
  return unit === 'utf-16' ? text.sliceUtf16(start, end) : text.slice(start, end);
}

/** Refuses a span whose own copy of its text differs from what the article has there. */
export function checkSpanText(text: SourceText, start: number, end: number, unit: OffsetUnit, claimed: unknown, where: string, what: string) {
  if (typeof claimed !== 'string') return;
  const article = spanText(text, start, end, unit);
  if (claimed !== article) {
    throw badInput(`${where}: ${what}'s text “${shown(claimed)}” is not what the article has at ${start}–${end} (“${shown(article)}”).`);
  }
}

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** The article fields a record's metadata gives (doccano keeps them at the top level, others in meta). */
export function articleFields(
  text: SourceText,
  ...sources: Array<Json | undefined>
): Pick<ImportedDocument, 'title' | 'outlet' | 'author' | 'publishedAt' | 'url'> {
  const pick = (...keys: string[]) => {
    for (const source of sources) for (const key of keys) if (source && str(source[key])) return str(source[key]);
    return null;
  };
  const date = pick('published_at', 'publishedAt', 'published', 'date');
  return {
    title: pick('title', 'headline') ?? titleFromText(text.stored),
    outlet: pick('outlet', 'publisher', 'site_name'),
    author: pick('author', 'byline'),
    publishedAt: date && /^\d{4}-\d{2}(-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?)?$/.test(date) ? date : null,
    url: pick('url', 'link'),
  };
}

/** The labels that a document's annotations and links use, with the attributes seen on them. */
export function labelsOf(
  annotations: ImportedAnnotation[],
  relations: ImportedRelation[],
  schema: AttributeSchema = new AttributeSchema(),
): ImportedLabel[] {
  const labels: ImportedLabel[] = [];
  const seen = new Set<string>();
  const add = (name: string, kind: ImportedLabel['kind']) => {
    if (seen.has(`${kind}\n${name}`)) return;
    seen.add(`${kind}\n${name}`);
    labels.push({ name, kind, attributes: kind === 'span' ? schema.defs(name) : [] });
  };
  for (const a of annotations) add(a.label, 'span');
  for (const r of relations) add(r.type, 'relation');
  return labels;
}

export function labelOf(value: unknown, where: string, what: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number') return String(value);
  throw badInput(`${where}: ${what} has no label.`);
}
