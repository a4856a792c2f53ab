/**
 * brat standoff for a set of documents: per document its text (`<name>.txt`) and one .ann per
 * annotator layer (`<name>.ann`, or `<name>_<annotator>.ann` when several layers are exported,
 * as PolNeAR names them), and one annotation.conf (with a visual.conf for label display names).
 * What came from brat is written back as it was (formats/brat-write.ts).
 */
import type { Label } from '../../schema/model';
import { writeAnn } from '../formats/brat';
import type { ExportContext, ExportDocument } from '../formats/export-types';
import type { ImportedAnnotation, ImportedRelation } from '../formats/types';

export interface FileWriter {
  writeFile(name: string, content: string): Promise<void>;
}

/** brat types are single tokens: spaces become underscores (visual.conf keeps the real names). */
export const bratType = (name: string) => name.trim().replace(/\s+/g, '_');

/** Event types (brat E lines) seen while writing, with their roles, for annotation.conf. */
export type BratEvents = Map<string, Set<string>>;

export async function writeBratDocument(
  out: FileWriter,
  doc: ExportDocument,
  context: ExportContext,
  names: Set<string>,
  events: BratEvents,
) {
  const name = uniqueName(doc, names);
  const byId = new Map(doc.annotations.map((a) => [a.id, a]));
  for (const r of doc.relations) {
    const trigger = byId.get(r.fromId);
    if (!r.externalRef?.startsWith('E') || !trigger) continue;
    const roles = events.get(bratType(trigger.label)) ?? new Set<string>();
    roles.add(bratType(r.type));
    events.set(bratType(trigger.label), roles);
  }
  await out.writeFile(`${name}.txt`, doc.text);
  const layers = new Map<string, string>();
  for (const a of doc.annotations) layers.set(a.annotatorId, a.annotator);
  for (const r of doc.relations) layers.set(r.annotatorId, r.annotator);
  const several = context.annotators.length > 1;
  for (const [annotatorId, annotator] of layers) {
    const annotations = doc.annotations.filter((a) => a.annotatorId === annotatorId);
    const refOf = new Map(annotations.map((a) => [a.id, a.externalRef ?? a.id]));
    const relations = doc.relations.filter((r) => r.annotatorId === annotatorId && refOf.has(r.fromId) && refOf.has(r.toId));
    const ann = writeAnn({
      text: doc.text,
      annotations: annotations.map(
        (a): ImportedAnnotation => ({
          ref: refOf.get(a.id)!,
          label: bratType(a.label),
          fragments: a.fragments,
          attributes: a.attributes,
          note: a.note,
          extras: a.extras,
        }),
      ),
      relations: relations.map(
        (r): ImportedRelation => ({
          ref: r.externalRef ?? r.id,
          type: bratType(r.type),
          from: refOf.get(r.fromId)!,
          to: refOf.get(r.toId)!,
          extras: r.extras,
        }),
      ),
      labels: context.labels.map((l) => ({ name: bratType(l.name), kind: l.kind, attributes: l.attributes })),
    });
    await out.writeFile(`${name}${several ? `_${annotatorInFileName(annotator)}` : ''}.ann`, ann);
  }
}

/** annotation.conf and visual.conf for the label schema (and the event types the files use). */
export async function writeBratConfiguration(out: FileWriter, labels: readonly Label[], events: BratEvents) {
  const spans = labels.filter((l) => l.kind === 'span' && !events.has(bratType(l.name)));
  const links = labels.filter((l) => l.kind === 'relation');
  // brat declares an attribute once, with every type it applies to.
  const attributes = new Map<string, { args: string[]; values: string[] | null }>();
  for (const label of labels.filter((l) => l.kind === 'span')) {
    for (const def of label.attributes) {
      const known = attributes.get(def.key) ?? { args: [], values: def.type === 'choice' ? [] : null };
      known.args.push(bratType(label.name));
      if (def.type === 'choice' && known.values) known.values.push(...def.options.map(bratType).filter((o) => !known.values!.includes(o)));
      attributes.set(def.key, known);
    }
  }
  await out.writeFile(
    'annotation.conf',
    [
      '# Written by Byline. Offsets in the .ann files count Unicode code points of the .txt beside them.',
      '[entities]',
      ...spans.map((l) => bratType(l.name)),
      '',
      '[relations]',
      ...links.map((l) => `${bratType(l.name)}\tArg1:<ENTITY>, Arg2:<ENTITY>`),
      '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
      '',
      '[events]',
      ...[...events].map(([type, roles]) => `${type}\t${[...roles].map((role) => `${role}*:<ENTITY>`).join(', ')}`),
      '',
      '[attributes]',
      ...[...attributes].map(
        ([key, { args, values }]) => `${bratType(key)}\tArg:${args.join('|')}${values ? `, Value:${values.join('|')}` : ''}`,
      ),
      '',
    ].join('\n'),
  );
  await out.writeFile(
    'visual.conf',
    [
      '[labels]',
      ...labels.map((l) => `${bratType(l.name)} | ${l.name}`),
      '',
      '[drawing]',
      ...labels.filter((l) => l.kind === 'span').map((l) => `${bratType(l.name)}\tbgColor:${l.color}`),
      '',
    ].join('\n'),
  );
}

/** A file name from the title and the id: readable, and unique within the export. */
function uniqueName(doc: ExportDocument, names: Set<string>): string {
  const base = `${fileSafe(doc.title).slice(0, 60) || 'article'}-${doc.id.slice(-8)}`;
  let name = base;
  for (let n = 2; names.has(name); n++) name = `${base}-${n}`;
  names.add(name);
  return name;
}

/** The annotator's name as the importer reads it back (formats/brat.ts annotatorFromFileName): only what no file name may hold is replaced. */
function annotatorInFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '-');
}

function fileSafe(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}
