/**
 * A brat annotation.conf as Byline labels (https://brat.nlplab.org/configuration.html, and brat's
 * server/src/projectconfig.py): [entities] and [events] give span labels, [relations] and the
 * roles of [events] give link types, [attributes] give attribute definitions (binary without
 * `Value:`, a choice with it). Comments, blank lines, separators, `<MACRO>=…` definitions (per
 * section, as in brat), `!` (types that only group others), `<OVERLAP>` rules and the
 * indentation of type hierarchies are understood; only the types themselves become labels.
 *
 * visual.conf's [labels] section gives a type its display name (`Anonymous_attribution | Anonymous
 * attribution`): brat types are single tokens, and the display name is the one people read, so it
 * becomes the label's name.
 */
import { badInput } from '../../schema/errors';
import type { AttributeDef } from '../../schema/model';
import { attributeKey } from './attribute-schema';
import { shown } from './source-text';
import type { ImportedDocument, ImportedLabel } from './types';

/** brat's reserved <NAME>s: they never stand for a type of the project. */
const RESERVED = new Set(
  ['ANY', 'ENTITY', 'RELATION', 'EVENT', 'NONE', 'EMPTY', 'REL-TYPE', 'URL', 'URLBASE', 'UNICODE', 'GLYPH-POS', 'DEFAULT', 'NORM', 'OVERLAP', 'OVL-TYPE', 'INHERIT'].map(
    (n) => `<${n}>`,
  ),
);
const SECTIONS: Record<string, 'entities' | 'relations' | 'events' | 'attributes'> = {
  entities: 'entities',
  spans: 'entities',
  relations: 'relations',
  events: 'events',
  attributes: 'attributes',
};

interface Entry {
  no: number;
  name: string;
  /** Marked `!`: it only groups the types under it. */
  grouping: boolean;
  args: Array<{ key: string; values: string[] }>;
}

export function parseAnnotationConf(conf: string, source: string): ImportedLabel[] {
  const sections = { entities: [] as Entry[], relations: [] as Entry[], events: [] as Entry[], attributes: [] as Entry[] };
  let section: keyof typeof sections | null = null;
  let macros = new Map<string, string>();

  conf
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((rawLine, index) => {
      const no = index + 1;
      let line = rawLine.replace(/\r$/, '');
      const header = /^\s*\[(.*)\]\s*$/.exec(line);
      if (header) {
        section = SECTIONS[header[1]!.trim()] ?? null; // other sections belong to other files' concerns
        macros = new Map();
        return;
      }
      if (line.trim() === '' || /^\s*#/.test(line) || /^\s*-+\s*$/.test(line)) return;
      const macro = /^<([a-zA-Z_-]+)>=\s*(.*?)\s*$/.exec(line);
      if (macro) {
        macros.set(`<${macro[1]}>`, macro[2]!);
        return;
      }
      if (section === null) return;
      for (const [name, value] of macros) line = line.split(name).join(value);
      for (const m of line.matchAll(/<[^>\s]*>/g)) {
        if (!RESERVED.has(m[0])) throw badInput(`${source}, line ${no}: ${m[0]} is not defined in this section.`);
      }
      // `s`: a stray CR (or U+2028) inside the line is part of its arguments, not the end of the match.
      const m = /^\s*(\S+)(?:\s+(.*))?$/s.exec(line)!;
      const first = m[1]!.split('|').find((t) => t !== '');
      if (first === undefined) throw badInput(`${source}, line ${no}: “${shown(m[1]!)}” names no type.`);
      const args: Entry['args'] = [];
      for (const arg of (m[2] ?? '').split(',').map((a) => a.trim()).filter((a) => a !== '')) {
        const kv = /^(\S+?):(\S*)$/.exec(arg);
        if (!kv) throw badInput(`${source}, line ${no}: “${shown(arg)}” is not “Name:Type”.`);
        args.push({ key: kv[1]!, values: kv[2]!.split('|').filter((v) => v !== '') });
      }
      const grouping = first.startsWith('!');
      sections[section].push({ no, name: grouping ? first.slice(1) : first, grouping, args });
    });

  const labels: ImportedLabel[] = [];
  const find = (name: string, kind: ImportedLabel['kind']) => labels.find((l) => l.name === name && l.kind === kind);
  const add = (name: string, kind: ImportedLabel['kind']) => {
    if (!find(name, kind)) labels.push({ name, kind, attributes: [] });
  };
  const isType = (e: Entry) => !e.grouping && !e.name.startsWith('<') && e.name !== 'ENTITY-NESTING';

  const entities = sections.entities.filter(isType).map((e) => e.name);
  const events = sections.events.filter(isType).map((e) => e.name);
  const relations = sections.relations.filter(isType).map((e) => e.name);
  for (const name of [...entities, ...events]) add(name, 'span');
  for (const name of relations) add(name, 'relation');
  for (const event of sections.events) {
    for (const { key } of event.args) {
      if (RESERVED.has(key)) continue;
      // Role names carry how often they may occur: Theme, Theme?, Theme*, Theme+, Theme{2}, Theme{1-3}.
      add(key.replace(/(\{\d+(?:-\d+)?\}|\?|\*|\+)$/, ''), 'relation');
    }
  }

  for (const attribute of sections.attributes) {
    if (attribute.grouping || attribute.name.startsWith('<')) continue;
    const targets = attribute.args.find((a) => a.key === 'Arg')?.values ?? [];
    const values = attribute.args.find((a) => a.key === 'Value')?.values ?? [];
    const key = attributeKey(attribute.name);
    const name = attribute.name.slice(0, 60);
    const def: AttributeDef =
      values.length > 0 && values.length <= 50 && values.every((v) => v.length <= 80)
        ? { key, name, type: 'choice', options: values }
        : values.length > 0
          ? { key, name, type: 'text' }
          : { key, name, type: 'boolean' };
    const expanded = new Map<string, ImportedLabel['kind']>();
    for (const target of targets) {
      if (target === '<ENTITY>' || target === '<ANY>') for (const n of entities) expanded.set(`span\n${n}`, 'span');
      if (target === '<EVENT>' || target === '<ANY>') for (const n of events) expanded.set(`span\n${n}`, 'span');
      if (target === '<RELATION>' || target === '<ANY>') for (const n of relations) expanded.set(`relation\n${n}`, 'relation');
      if (!target.startsWith('<')) {
        if (entities.includes(target) || events.includes(target)) expanded.set(`span\n${target}`, 'span');
        else if (relations.includes(target)) expanded.set(`relation\n${target}`, 'relation');
      }
    }
    for (const [k, kind] of expanded) {
      const label = find(k.slice(k.indexOf('\n') + 1), kind)!;
      if (!label.attributes.some((d) => d.key === key)) label.attributes.push(def);
    }
  }
  return labels;
}

/** The display name of each type that visual.conf's [labels] section names (its first name after the type). */
export function parseVisualLabels(conf: string): Map<string, string> {
  const names = new Map<string, string>();
  let inLabels = false;
  for (const rawLine of conf.replace(/^\uFEFF/, '').split('\n')) {
    const line = rawLine.replace(/\r$/, '');
    const header = /^\s*\[(.*)\]\s*$/.exec(line);
    if (header) {
      inLabels = header[1]!.trim() === 'labels';
      continue;
    }
    if (!inLabels || line.trim() === '' || /^\s*#/.test(line)) continue;
    const [type, name] = line.split('|').map((part) => part.trim());
    if (type && name) names.set(type, name);
  }
  return names;
}

/** The document with its types under their display names, where visual.conf gives one. */
export function withDisplayNames(doc: ImportedDocument, names: ReadonlyMap<string, string>): ImportedDocument {
  if (names.size === 0) return doc;
  const shown = (type: string) => names.get(type) ?? type;
  return {
    ...doc,
    labels: doc.labels.map((l) => ({ ...l, name: shown(l.name) })),
    annotations: doc.annotations.map((a) => ({ ...a, label: shown(a.label) })),
    relations: doc.relations.map((r) => ({ ...r, type: shown(r.type) })),
  };
}
