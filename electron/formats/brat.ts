/**
 * brat standoff (.ann next to a .txt): https://brat.nlplab.org/standoff.html, and brat's own
 * reader (server/src/annotation.py) where the page is silent.
 *
 * Offsets: brat reads the .txt as a Python str and counts its code points (0-based, end
 * exclusive); fragments of a discontinuous span are `start end;start end` and the text field
 * joins their text with one space (DISCONT_SEP). They are mapped here onto the canonical text.
 *
 * In Byline's terms: T lines are annotations; R lines are links (roles other than Arg1/Arg2 kept
 * in extras); an E line is one link per argument, from the trigger annotation to the argument,
 * typed by the role and sharing the E id as ref; A/M lines are attributes (of the trigger
 * annotation when they target an event); N lines and # lines other than the note are kept in
 * extras (brat-extras.ts), so that brat-write.ts can give the lines back.
 */
import { badInput } from '../../schema/errors';
import type { AttributeValue, Fragment } from '../../schema/model';
import { titleFromText } from '../../schema/text';
import { AttributeSchema, attributeKey } from './attribute-schema';
import type {
  BratAnnotationExtras,
  BratAttributeLine,
  BratComment,
  BratNormalization,
  BratRelationExtras,
} from './brat-extras';
import { shown, SourceText } from './source-text';
import type { ImportedAnnotation, ImportedDocument, ImportedLabel, ImportedRelation } from './types';

export { parseAnnotationConf } from './brat-conf';
export { writeAnn, type AnnDocument } from './brat-write';
export type * from './brat-extras';

export interface BratOptions {
  /** The .ann file's name, for messages and the document's origin. */
  source: string;
  /** Whose annotations these are (see annotatorFromFileName); null when unknown. */
  annotator: string | null;
}

const LINE_KINDS = 'TREAMN#*';

interface TLine {
  no: number;
  id: string;
  type: string;
  fragments: Fragment[];
  fragmentOrder?: number[];
  textTail?: string;
}
interface RLine {
  no: number;
  id: string;
  type: string;
  args: [[string, string], [string, string]];
}
interface ELine {
  no: number;
  id: string;
  type: string;
  trigger: string;
  args: Array<[string, string]>;
}
interface ALine {
  no: number;
  id: string;
  name: string;
  target: string;
  value: AttributeValue;
}
interface NLine extends BratNormalization {
  no: number;
  target: string;
}
interface CommentLine extends BratComment {
  no: number;
  target: string;
}
interface EquivLine {
  no: number;
  type: string;
  members: string[];
}

/**
 * Reads a .ann file against the text of its .txt (decoded, before canonicalization). Every
 * problem is a bad-input error naming the file and line; the first one found is reported.
 *
 * A .txt with CR line ends: brat 1.3 (Python 2) read it with universal newlines, so its offsets
 * count each CRLF as one character; brat on Python 3 keeps the CR. The offsets are read as the
 * file's own text first and, if the T lines' text does not match that, as brat 1.3 saw it.
 * Either way the document's (canonical) text is the same.
 */
export function parseAnn(annText: string, docRaw: string, options: BratOptions): ImportedDocument {
  if (!docRaw.includes('\r')) return parseAgainst(annText, docRaw, options);
  try {
    return parseAgainst(annText, docRaw, options);
  } catch (error) {
    try {
      return parseAgainst(annText, docRaw.replace(/\r\n?/g, '\n'), options);
    } catch (second) {
      // Report the problem of the reading that got further through the file.
      throw (failedAt.get(second as Error) ?? 0) > (failedAt.get(error as Error) ?? 0) ? second : error;
    }
  }
}

/** The line each error of parseAgainst is about. */
const failedAt = new WeakMap<Error, number>();

function fail(no: number, message: string): Error {
  const error = badInput(message);
  failedAt.set(error, no);
  return error;
}

function parseAgainst(annText: string, docRaw: string, options: BratOptions): ImportedDocument {
  const { source } = options;
  const doc = new SourceText(docRaw, source);
  const at = (no: number) => `${source}, line ${no}`;

  const lines = annText.replace(/^\uFEFF/, '').split('\n');
  // Every id and the line that first defines it, so that lines may refer to later ones.
  const firstLine = new Map<string, number>();
  lines.forEach((line, index) => {
    const tab = line.indexOf('\t');
    if (tab > 0 && line[0] !== '*' && !firstLine.has(line.slice(0, tab))) firstLine.set(line.slice(0, tab), index + 1);
  });

  const tLines: TLine[] = [];
  const eLines: ELine[] = [];
  const aLines: ALine[] = [];
  const nLines: NLine[] = [];
  const commentLines: CommentLine[] = [];
  /** Link lines (R, E, *) in file order, which is the order of the document's relations. */
  const linkOrder: Array<RLine | ELine | EquivLine> = [];

  const refer = (no: number, id: string, ref: string, allowed: string) => {
    if (!firstLine.has(ref)) throw fail(no, `${at(no)}: ${id} refers to ${ref}, which is not in the file.`);
    if (!allowed.includes(ref[0]!)) {
      throw fail(no, `${at(no)}: ${id} refers to ${ref}, which is not ${describeKinds(allowed)}.`);
    }
  };

  lines.forEach((rawLine, index) => {
    const no = index + 1;
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') return;
    const tab = line.indexOf('\t');
    if (tab <= 0) {
      throw fail(no, `${at(no)}: “${shown(line)}” is not a brat annotation: it does not start with an id and a tab.`);
    }
    const id = line.slice(0, tab);
    const kind = id[0]!;
    if (!LINE_KINDS.includes(kind)) {
      throw fail(no, `${at(no)}: unknown line type “${kind}” (${shown(id)}); brat has T, R, E, A, M, N, # and * lines.`);
    }
    if (/\s/.test(id) || (kind !== '*' && !/^.\d/.test(id))) {
      throw fail(no, `${at(no)}: “${shown(id)}” is not a brat id (a letter or # and a number, then a tab).`);
    }
    if (kind !== '*' && firstLine.get(id) !== no) {
      throw fail(no, `${at(no)}: ${id} is defined twice (first on line ${firstLine.get(id)}).`);
    }
    const rest = line.slice(tab + 1);
    const tab2 = rest.indexOf('\t');
    const data = tab2 < 0 ? rest : rest.slice(0, tab2);
    const tail = tab2 < 0 ? null : rest.slice(tab2 + 1);

    switch (kind) {
      case 'T': {
        tLines.push(readTextBound(no, id, data, tail));
        return;
      }
      case 'R': {
        const m = /^(\S+) ([^\s:]+):(\S+) +([^\s:]+):(\S+)\s*$/.exec(data);
        if (!m) throw fail(no, `${at(no)}: ${id} is not “Type Arg1:Id Arg2:Id”.`);
        const r: RLine = {
          no,
          id,
          type: m[1]!,
          args: [
            [m[2]!, m[3]!],
            [m[4]!, m[5]!],
          ],
        };
        for (const [, ref] of r.args) refer(no, id, ref, 'TE');
        linkOrder.push(r);
        return;
      }
      case 'E': {
        const tokens = data.trim().split(/\s+/);
        const head = /^([^\s:]+):(\S+)$/.exec(tokens[0] ?? '');
        const args = tokens.slice(1).map((t) => /^([^\s:]+):(\S+)$/.exec(t));
        if (!head || args.some((a) => !a)) throw fail(no, `${at(no)}: ${id} is not “Type:Trigger Role:Id …”.`);
        const e: ELine = { no, id, type: head[1]!, trigger: head[2]!, args: args.map((a) => [a![1]!, a![2]!]) };
        refer(no, id, e.trigger, 'T');
        for (const [, ref] of e.args) refer(no, id, ref, 'TE');
        eLines.push(e);
        linkOrder.push(e);
        return;
      }
      case 'A':
      case 'M': {
        const m = (kind === 'M' ? /^(\S+) (\S+)\s*$/ : /^(\S+) (\S+)(?: (.+))?$/).exec(data);
        if (!m) throw fail(no, `${at(no)}: ${id} is not “Name Target” or “Name Target Value”.`);
        refer(no, id, m[2]!, 'TER');
        aLines.push({ no, id, name: m[1]!, target: m[2]!, value: m[3] === undefined ? true : m[3] });
        return;
      }
      case 'N': {
        const m = /^(\S+) (\S+) (\S+?):(\S+)$/.exec(data);
        if (!m) throw fail(no, `${at(no)}: ${id} is not “Type Target Database:Id”.`);
        refer(no, id, m[2]!, 'TER');
        nLines.push({ no, id, type: m[1]!, target: m[2]!, db: m[3]!, dbId: m[4]!, text: tail ?? '' });
        return;
      }
      case '#': {
        const m = /^(\S+) (\S+)\s*$/.exec(data);
        if (!m) throw fail(no, `${at(no)}: ${id} is not “Type Target” followed by a tab and the text.`);
        refer(no, id, m[2]!, 'TER');
        commentLines.push({ no, id, type: m[1]!, target: m[2]!, text: tail ?? '' });
        return;
      }
      case '*': {
        const [type, ...members] = data.trim().split(/\s+/);
        if (!type || members.length < 2) throw fail(no, `${at(no)}: “*” is not “Type Id Id …”.`);
        for (const ref of members) refer(no, '*', ref, 'TE');
        const equiv: EquivLine = { no, type, members };
        linkOrder.push(equiv);
        return;
      }
    }
  });

  function readTextBound(no: number, id: string, data: string, tail: string | null): TLine {
    const m = /^(\S+) (.+)$/.exec(data);
    if (!m) throw fail(no, `${at(no)}: ${id} has no type and offsets (“${id}\\tType start end\\ttext”).`);
    const inFileOrder: Array<[number, number]> = [];
    for (const piece of m[2]!.split(';')) {
      const offsets = /^(\d+) (\d+)\s*$/.exec(piece);
      if (!offsets) {
        throw fail(no, `${at(no)}: ${id}'s offsets “${shown(m[2]!)}” are not “start end” pairs separated by “;”.`);
      }
      inFileOrder.push([Number(offsets[1]), Number(offsets[2])]);
    }
    const ranges = inFileOrder.map(([s, e]) => `${s}–${e}`).join(', ');
    for (const [start, end] of inFileOrder) {
      if (end > doc.length) {
        throw fail(
          no,
          `${at(no)}: ${id}'s offsets ${ranges} go beyond the end of the article, which has ${doc.length} characters.`,
        );
      }
      if (start >= end) {
        throw fail(no, `${at(no)}: ${id}'s fragment ${start}–${end} is empty or ends before it starts.`);
      }
    }
    const sorted = [...inFileOrder].sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]![0] < sorted[i - 1]![1]) throw fail(no, `${at(no)}: ${id}'s fragments ${ranges} overlap.`);
    }

    const article = inFileOrder.map(([s, e]) => doc.slice(s, e)).join(' ');
    const t: TLine = { no, id, type: m[1]!, fragments: [] };
    // As brat: a missing text field is filled from the article; otherwise the field starts with
    // the article's text, and anything after it is set off by whitespace.
    if (tail !== null && tail.trim() !== '' && tail !== article) {
      const after = tail.slice(article.length);
      if (!tail.startsWith(article) || !/^\s/.test(after)) {
        throw fail(
          no,
          `${at(no)}: ${id}'s text “${shown(tail)}” is not what the article has at ${ranges} (“${shown(article)}”).`,
        );
      }
      t.textTail = after;
    }
    for (const [start, end] of sorted) {
      const fragment = doc.fragment(start, end);
      if (!fragment) {
        throw fail(
          no,
          `${at(no)}: ${id}'s fragment ${start}–${end} is only part of a character that NFC composes (a letter without its mark).`,
        );
      }
      t.fragments.push(fragment);
    }
    const order = inFileOrder.map((f) => sorted.indexOf(f));
    if (order.some((k, i) => k !== i)) t.fragmentOrder = order;
    return t;
  }

  // Everything is checked; build the document.
  const annotations = new Map<string, ImportedAnnotation>();
  const extrasOf = (a: ImportedAnnotation) => (a.extras['brat'] ??= {}) as BratAnnotationExtras;
  for (const t of tLines) {
    const annotation: ImportedAnnotation = {
      ref: t.id,
      label: t.type,
      fragments: t.fragments,
      attributes: {},
      note: null,
      extras: {},
    };
    if (t.fragmentOrder) extrasOf(annotation).fragmentOrder = t.fragmentOrder;
    if (t.textTail !== undefined) extrasOf(annotation).textTail = t.textTail;
    annotations.set(t.id, annotation);
  }
  const events = new Map(eLines.map((e) => [e.id, e]));
  for (const e of eLines) (extrasOf(annotations.get(e.trigger)!).events ??= []).push({ id: e.id, type: e.type });

  /** The annotation standing for a T or E id: itself, or the event's trigger. */
  const anchor = (ref: string) => (ref[0] === 'E' ? events.get(ref)!.trigger : ref);

  const relations: ImportedRelation[] = [];
  const relationById = new Map<string, ImportedRelation>();
  let equivCount = 0;
  for (const link of linkOrder) {
    if ('members' in link) {
      equivCount++;
      const [first, ...others] = link.members;
      for (const other of others) {
        const brat: BratRelationExtras = { equiv: equivCount };
        if (first![0] === 'E') brat.fromEvent = first;
        if (other[0] === 'E') brat.toEvent = other;
        relations.push({ ref: '*', type: link.type, from: anchor(first!), to: anchor(other), extras: { brat } });
      }
    } else if ('trigger' in link) {
      for (const [role, ref] of link.args) {
        const extras = ref[0] === 'E' ? { brat: { toEvent: ref } satisfies BratRelationExtras } : {};
        relations.push({ ref: link.id, type: role, from: link.trigger, to: anchor(ref), extras });
      }
    } else {
      const [[role1, ref1], [role2, ref2]] = link.args;
      const brat: BratRelationExtras = {};
      if (role1 !== 'Arg1' || role2 !== 'Arg2') brat.roles = [role1, role2];
      if (ref1[0] === 'E') brat.fromEvent = ref1;
      if (ref2[0] === 'E') brat.toEvent = ref2;
      const relation: ImportedRelation = {
        ref: link.id,
        type: link.type,
        from: anchor(ref1),
        to: anchor(ref2),
        extras: Object.keys(brat).length > 0 ? { brat } : {},
      };
      relations.push(relation);
      relationById.set(link.id, relation);
    }
  }
  const relationExtras = (r: ImportedRelation) => (r.extras['brat'] ??= {}) as BratRelationExtras;

  // Attribute keys are per name, the same across the file (and across files: attributeKey).
  const schema = new AttributeSchema();
  for (const a of aLines) {
    const key = attributeKey(a.name);
    if (a.target[0] === 'R') {
      (relationExtras(relationById.get(a.target)!).attributes ??= []).push({ id: a.id, name: a.name, key, value: a.value });
      continue;
    }
    const annotation = annotations.get(anchor(a.target))!;
    const line: BratAttributeLine = { id: a.id, name: a.name, key };
    if (a.target[0] === 'E') line.target = a.target;
    if (Object.hasOwn(annotation.attributes, key)) line.value = a.value;
    else {
      annotation.attributes[key] = a.value;
      schema.add(annotation.label, key, a.name, a.value);
    }
    (extrasOf(annotation).attributes ??= []).push(line);
  }
  for (const n of nLines) {
    const { no: _no, target, ...normalization } = n;
    if (target[0] === 'R') {
      (relationExtras(relationById.get(target)!).normalizations ??= []).push(normalization);
      continue;
    }
    const entry: BratNormalization = target[0] === 'E' ? { ...normalization, target } : normalization;
    (extrasOf(annotations.get(anchor(target))!).normalizations ??= []).push(entry);
  }
  for (const c of commentLines) {
    const { no: _no, target, ...comment } = c;
    if (target[0] === 'R') {
      (relationExtras(relationById.get(target)!).comments ??= []).push(comment);
      continue;
    }
    const annotation = annotations.get(anchor(target))!;
    const onEvent = target[0] === 'E' ? { target } : {};
    if (c.type === 'AnnotatorNotes' && annotation.note === null) {
      annotation.note = c.text;
      extrasOf(annotation).note = { id: c.id, ...onEvent };
    } else {
      (extrasOf(annotation).comments ??= []).push({ ...comment, ...onEvent });
    }
  }

  const labels: ImportedLabel[] = [];
  const seen = new Set<string>();
  const label = (name: string, kind: ImportedLabel['kind']) => {
    if (seen.has(`${kind}\n${name}`)) return;
    seen.add(`${kind}\n${name}`);
    labels.push({ name, kind, attributes: kind === 'span' ? schema.defs(name) : [] });
  };
  for (const t of tLines) label(t.type, 'span');
  for (const e of eLines) label(e.type, 'span');
  for (const link of linkOrder) {
    if ('trigger' in link) for (const [role] of link.args) label(role, 'relation');
    else label(link.type, 'relation');
  }

  return {
    source,
    format: 'brat',
    title: titleFromText(doc.canonical),
    text: doc.canonical,
    outlet: null,
    author: null,
    publishedAt: null,
    url: null,
    annotator: options.annotator,
    annotations: [...annotations.values()],
    relations,
    labels,
  };
}

function describeKinds(allowed: string): string {
  const names: Record<string, string> = { T: 'a text-bound (T)', E: 'an event (E)', R: 'a relation (R)' };
  const parts = [...allowed].map((k) => names[k]!);
  return parts.length === 1 ? `${parts[0]} annotation` : `${parts.slice(0, -1).join(', ')} or ${parts.at(-1)} annotation`;
}

/**
 * The annotator a .ann file's name gives, for corpora that keep one file per annotator next to a
 * shared text: `<article>_<annotator>.ann` beside `<article>.txt` (PolNeAR's layout). Null when the
 * file is the usual `<article>.ann` or no such text exists. `txtBaseNames` are the names of the
 * .txt files available, with or without the extension.
 */
export function annotatorFromFileName(annPath: string, txtBaseNames: Set<string>): string | null {
  const name = annPath.split(/[\\/]/).pop() ?? '';
  if (!/\.ann$/i.test(name)) return null;
  const base = name.slice(0, -4);
  const hasText = (b: string) => txtBaseNames.has(b) || txtBaseNames.has(`${b}.txt`);
  if (hasText(base)) return null;
  for (let cut = base.lastIndexOf('_'); cut > 0; cut = base.lastIndexOf('_', cut - 1)) {
    const annotator = base.slice(cut + 1);
    if (annotator !== '' && hasText(base.slice(0, cut))) return annotator;
  }
  return null;
}
