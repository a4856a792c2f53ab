/**
 * Writes a document's annotations and links as a brat .ann file (T, R, E, *, A/M, N and # lines),
 * the inverse of brat.ts: what came from brat comes back with the same ids, types, offsets, text
 * and argument order; annotations and links from elsewhere get fresh ids. Offsets are code points
 * of `text`, which is the text the .txt beside the .ann must hold.
 */
import type { AttributeValue } from '../../schema/model';
import { OffsetMap, sliceCodePoints } from '../../schema/text';
import {
  ANNOTATION_LINE,
  annotationBratExtras,
  fitsTextField,
  relationBratExtras,
  type BratComment,
  type BratNormalization,
} from './brat-extras';
import type { ImportedAnnotation, ImportedDocument, ImportedLabel, ImportedRelation } from './types';

export interface AnnDocument {
  /** The text the fragments count code points of (a document's canonical text). */
  text: string;
  annotations: ImportedAnnotation[];
  relations: ImportedRelation[];
  /** Labels with their attribute definitions, for the names of attributes written as A lines. */
  labels?: ImportedLabel[];
}

/** A T, R, E or * line, the A, N and # lines about it, and what must be written before it. */
interface Item {
  id: string;
  lines: string[];
  deps: string[];
  order: number;
}

export function writeAnn(doc: AnnDocument | ImportedDocument): string {
  const offsets = new OffsetMap(doc.text);
  const ids = new Ids();
  for (const a of doc.annotations) {
    ids.reserve(a.ref);
    const brat = annotationBratExtras(a.extras);
    for (const line of brat.attributes ?? []) ids.reserve(line.id);
    for (const n of brat.normalizations ?? []) ids.reserve(n.id);
    for (const c of brat.comments ?? []) ids.reserve(c.id);
    for (const e of brat.events ?? []) ids.reserve(e.id);
    if (brat.note) ids.reserve(brat.note.id);
  }
  for (const r of doc.relations) {
    ids.reserve(r.ref);
    const brat = relationBratExtras(r.extras);
    for (const line of brat.attributes ?? []) ids.reserve(line.id);
    for (const n of brat.normalizations ?? []) ids.reserve(n.id);
    for (const c of brat.comments ?? []) ids.reserve(c.id);
  }

  // T ids: the annotation's own where it is one, else a new one.
  const tId = new Map<string, string>();
  for (const a of doc.annotations) if (/^T\d+$/.test(a.ref) && ids.claim(a.ref)) tId.set(a.ref, a.ref);
  for (const a of doc.annotations) if (!tId.has(a.ref)) tId.set(a.ref, ids.next('T'));

  // Links: events (grouped by E id, from one trigger), equivalences, and R lines.
  interface EventGroup {
    id: string;
    trigger: string;
    args: Array<[string, string]>;
    order: number;
  }
  const eventGroups = new Map<string, EventGroup>();
  const equivGroups = new Map<number, { type: string; members: string[]; order: number }>();
  const items: Item[] = [];
  const annotationItems = new Map<string, string[]>(); // T id -> the lines that follow its T line
  const eventItems = new Map<string, string[]>(); // E id -> the lines that follow its E line

  doc.relations.forEach((r, order) => {
    const brat = relationBratExtras(r.extras);
    const from = tId.get(r.from);
    const to = tId.get(r.to);
    if (!from || !to) return;
    const toArg = brat.toEvent ?? to;
    const group = eventGroups.get(r.ref);
    if (/^E\d+$/.test(r.ref) && (!group || group.trigger === from) && (group || ids.claim(r.ref))) {
      if (group) group.args.push([r.type, toArg]);
      else eventGroups.set(r.ref, { id: r.ref, trigger: from, args: [[r.type, toArg]], order });
      return;
    }
    if (r.ref === '*' && typeof brat.equiv === 'number') {
      const first = brat.fromEvent ?? from;
      const equiv = equivGroups.get(brat.equiv);
      if (!equiv) {
        equivGroups.set(brat.equiv, { type: r.type, members: [first, toArg], order });
        return;
      }
      if (equiv.type === r.type && equiv.members[0] === first) {
        equiv.members.push(toArg);
        return;
      }
    }
    const id = /^R\d+$/.test(r.ref) && ids.claim(r.ref) ? r.ref : ids.next('R');
    const [role1, role2] = brat.roles ?? ['Arg1', 'Arg2'];
    const arg1 = brat.fromEvent ?? from;
    const lines = [`${id}\t${token(r.type)} ${token(role1)}:${arg1} ${token(role2)}:${toArg}`];
    for (const a of brat.attributes ?? []) lines.push(attributeLine(ids.keep(a.id, 'A'), a.name, id, a.value));
    for (const n of brat.normalizations ?? []) lines.push(normalizationLine(ids.keep(n.id, 'N'), n, id));
    for (const c of brat.comments ?? []) lines.push(commentLine(ids.keep(c.id, '#'), c.type, id, c.text));
    items.push({ id, lines, deps: [arg1, toArg], order });
  });

  // Events with no arguments live only in their trigger's extras, which list the trigger's events
  // in file order: such an event goes just before the next one (or after the previous one).
  doc.annotations.forEach((a) => {
    const events = annotationBratExtras(a.extras).events ?? [];
    events.forEach((e, k) => {
      if (eventGroups.has(e.id) || !ids.claim(e.id)) return;
      const orderOf = (other: { id: string } | undefined) => (other ? eventGroups.get(other.id)?.order : undefined);
      const next = events.slice(k + 1).find((other) => orderOf(other) !== undefined);
      const previous = orderOf(events[k - 1]);
      const order = previous !== undefined ? previous + 0.5 : next ? orderOf(next)! - 0.5 : Number.MAX_SAFE_INTEGER;
      eventGroups.set(e.id, { id: e.id, trigger: tId.get(a.ref)!, args: [], order });
    });
  });
  const annotationOfId = new Map(doc.annotations.map((a) => [tId.get(a.ref)!, a]));
  const triggerOf = new Map<string, ImportedAnnotation>();
  for (const group of eventGroups.values()) {
    const trigger = annotationOfId.get(group.trigger)!;
    triggerOf.set(group.id, trigger);
    const type = annotationBratExtras(trigger.extras).events?.find((e) => e.id === group.id)?.type ?? trigger.label;
    // As brat writes it: a space after the trigger even when no argument follows.
    const lines = [`${group.id}\t${token(type)}:${group.trigger} ${group.args.map(([role, arg]) => `${token(role)}:${arg}`).join(' ')}`];
    eventItems.set(group.id, lines);
    items.push({ id: group.id, lines, deps: [group.trigger, ...group.args.map(([, arg]) => arg)], order: group.order });
  }
  for (const [, equiv] of equivGroups) {
    items.push({ id: '*', lines: [`*\t${token(equiv.type)} ${equiv.members.join(' ')}`], deps: equiv.members, order: equiv.order });
  }

  // A, N and # lines, after the line they are about.
  const attributeNames = new Map<string, string>();
  for (const label of doc.labels ?? []) {
    for (const def of label.attributes) attributeNames.set(`${label.name}\n${def.key}`, def.name);
  }
  for (const a of doc.annotations) {
    const id = tId.get(a.ref)!;
    const brat = annotationBratExtras(a.extras);
    const after: string[] = [];
    annotationItems.set(id, after);
    const linesFor = (target: string | undefined) =>
      target && eventItems.has(target) && triggerOf.get(target) === a ? eventItems.get(target)! : after;
    const targetOf = (target: string | undefined) => (target && eventItems.has(target) && triggerOf.get(target) === a ? target : id);

    for (const [key, value] of Object.entries(a.attributes)) {
      if (value === false) continue; // a binary attribute that is off has no line in brat
      const line = brat.attributes?.find((l) => l.key === key && l.value === undefined);
      const name = line?.name ?? attributeNames.get(`${a.label}\n${key}`) ?? key;
      const lineId = line?.id[0] === 'M' && value === true ? ids.keep(line.id, 'M') : ids.keep(line?.id, 'A');
      linesFor(line?.target).push(attributeLine(lineId, name, targetOf(line?.target), value));
    }
    for (const line of brat.attributes ?? []) {
      if (line.value !== undefined) linesFor(line.target).push(attributeLine(ids.keep(line.id, 'A'), line.name, targetOf(line.target), line.value));
    }
    for (const n of brat.normalizations ?? []) linesFor(n.target).push(normalizationLine(ids.keep(n.id, 'N'), n, targetOf(n.target)));
    if (a.note !== null && a.note !== '') {
      const target = brat.note?.target;
      linesFor(target).push(commentLine(ids.keep(brat.note?.id, '#'), 'AnnotatorNotes', targetOf(target), a.note));
    }
    for (const c of brat.comments ?? []) linesFor(c.target).push(commentLine(ids.keep(c.id, '#'), c.type, targetOf(c.target), c.text));
  }

  // T lines in the document's order; each link right after the last line it needs, as brat
  // itself writes a link after what it connects.
  const out: string[] = [];
  const written = new Set<string>();
  const waiting = new Map<string, Item[]>();
  const missing = new Map<Item, number>();
  for (const item of items.sort((x, y) => x.order - y.order)) {
    const deps = [...new Set(item.deps)];
    missing.set(item, deps.length);
    for (const dep of deps) {
      const list = waiting.get(dep);
      if (list) list.push(item);
      else waiting.set(dep, [item]);
    }
  }
  const emit = (id: string, lines: string[]) => {
    out.push(...lines);
    if (id === '*' || written.has(id)) return;
    written.add(id);
    const ready: Item[] = [];
    for (const item of waiting.get(id) ?? []) {
      const left = missing.get(item)! - 1;
      missing.set(item, left);
      if (left === 0) ready.push(item);
    }
    for (const item of ready.sort((x, y) => x.order - y.order)) {
      missing.delete(item);
      emit(item.id, item.lines);
    }
  };
  for (const a of doc.annotations) {
    const id = tId.get(a.ref)!;
    emit(id, [textBoundLine(id, a, doc.text, offsets), ...annotationItems.get(id)!]);
  }
  for (const item of [...missing.keys()].sort((x, y) => x.order - y.order)) out.push(...item.lines);
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

function textBoundLine(id: string, a: ImportedAnnotation, text: string, offsets: OffsetMap): string {
  const brat = annotationBratExtras(a.extras);
  const order = brat.fragmentOrder;
  const inOrder =
    order && order.length === a.fragments.length && new Set(order).size === order.length && order.every((k) => a.fragments[k])
      ? order.map((k) => a.fragments[k]!)
      : a.fragments;
  const ranges = inOrder.map((f) => `${f.start} ${f.end}`).join(';');
  const quote = inOrder.map((f) => sliceCodePoints(text, offsets, f.start, f.end)).join(' ');
  const field = brat.textField !== undefined && fieldStillFits(brat.textField, quote) ? brat.textField : oneLine(quote);
  return `${id}\t${token(a.label)} ${ranges}\t${field}${brat.textTail ?? ''}`;
}

/**
 * Whether the text field a T line had in its file can be written again for the span's current
 * text: it stands for that text but for whitespace and normalization (the annotation may have been
 * moved or the text edited since), and the lines it runs over are read back as its own: no more
 * line breaks than the text has, and none of them looks like an annotation line.
 */
function fieldStillFits(field: string, quote: string): boolean {
  const [, ...more] = field.split('\n');
  return (
    fitsTextField(field, quote) &&
    more.length <= quote.split('\n').length - 1 &&
    more.every((line) => !ANNOTATION_LINE.test(line))
  );
}

function attributeLine(id: string, name: string, target: string, value: AttributeValue): string {
  return value === true ? `${id}\t${token(name)} ${target}` : `${id}\t${token(name)} ${target} ${oneLine(String(value))}`;
}

function normalizationLine(id: string, n: BratNormalization, target: string): string {
  return `${id}\t${token(n.type)} ${target} ${n.db}:${n.dbId}\t${oneLine(n.text)}`;
}

function commentLine(id: string, type: string, target: string, text: BratComment['text']): string {
  return `${id}\t${token(type)} ${target}\t${oneLine(text)}`;
}

/** Types, roles and names are single tokens in brat. */
function token(name: string): string {
  return name.trim().replace(/\s+/g, '_') || '_';
}

/** Every brat line is one line: a line break inside a value becomes a space. */
function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ');
}

/** brat ids in use, and fresh ones per prefix (T, R, E, A, M, N, #). */
class Ids {
  private readonly claimed = new Set<string>();
  private readonly highest = new Map<string, number>();

  reserve(id: string): void {
    const m = /^([A-Za-z#])(\d+)$/.exec(id);
    if (!m) return;
    this.highest.set(m[1]!, Math.max(this.highest.get(m[1]!) ?? 0, Number(m[2])));
  }

  /** Takes `id` for one line; false if another line has it already. */
  claim(id: string): boolean {
    if (this.claimed.has(id)) return false;
    this.claimed.add(id);
    return true;
  }

  next(prefix: string): string {
    const n = (this.highest.get(prefix) ?? 0) + 1;
    this.highest.set(prefix, n);
    const id = `${prefix}${n}`;
    this.claimed.add(id);
    return id;
  }

  /** `id` if it has the prefix and is free, else a new one. */
  keep(id: string | undefined, prefix: string): string {
    return id && id[0] === prefix && /^.\d+$/.test(id) && this.claim(id) ? id : this.next(prefix);
  }
}
