/**
 * brat standoff (.ann next to a .txt): https://brat.nlplab.org/standoff.html, and brat's own
 * reader (server/src/annotation.py) where the page is silent.
 *
 * Offsets: brat reads the .txt as a Python str and counts its code points (0-based, end
 * exclusive); fragments of a discontinuous span are `start end;start end` and the text field
 * joins their text with one space (DISCONT_SEP). They are mapped here onto the stored text.
 *
 * In Byline's terms: T lines are annotations; R lines are links (roles other than Arg1/Arg2 kept
 * in extras); an E line is one link per argument, from the trigger annotation to the argument,
 * typed by the role and sharing the E id as ref; A/M lines are attributes (of the trigger
 * annotation when they target an event); N lines and # lines other than the note are kept in
 * extras (brat-extras.ts), so that brat-write.ts can give the lines back.
 *
 * A line that cannot be read is left out, with a warning naming the file, the line and the
 * reason, and so is every line that needs it; the rest of the file is imported.
 */
import type { ImportWarning } from '../../schema/api';
import { BylineError } from '../../schema/errors';
import type { AttributeValue, Fragment } from '../../schema/model';
import { OffsetMap, sliceCodePoints, titleFromText } from '../../schema/text';
import { AttributeSchema, attributeKey } from './attribute-schema';
import {
  ANNOTATION_LINE,
  fitsTextField,
  type BratAnnotationExtras,
  type BratAttributeLine,
  type BratComment,
  type BratNormalization,
  type BratRelationExtras,
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
  textField?: string;
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
 * Reads a .ann file against the text of its .txt (decoded, BOM and all). A line that cannot be
 * read (bad offsets, a text field that is not the article's text there, an unknown line, an id
 * defined twice, a reference to what is not in the file) is left out, and so is a line that
 * needs a left-out one; each gets a warning naming the file, the line and the reason. A T line
 * whose text field differs from the article only in whitespace or Unicode normalization is kept
 * as its offsets say, with a warning. The document has `warnings` only when there are some.
 *
 * A T line's text field runs on over the following lines of the file (brat writes a span across
 * a line break as it is) while they are not annotation lines and the article's text at the
 * offsets has line breaks the field has not yet had.
 *
 * A .txt with CR line ends: brat 1.3 (Python 2) read it with universal newlines, so its offsets
 * count each CRLF as one character; brat on Python 3 keeps the CR. The file is read both ways,
 * and the reading with fewer lines left out (then fewer lines kept with a difference) is taken;
 * the file's own text on a tie. Either way the document's (stored) text is the same.
 */
export function parseAnn(annText: string, docRaw: string, options: BratOptions): ImportedDocument {
  const asIs = parseAgainst(annText, docRaw, options, false);
  const read = docRaw.includes('\r') ? betterOf(asIs, parseAgainst(annText, docRaw, options, true)) : asIs;
  if (read.textBound > 0 && read.doc.annotations.length === 0) throw noneFits(options.source, read);
  return read.doc;
}

function betterOf(asIs: Reading, folded: Reading): Reading {
  return problems(folded.doc) < problems(asIs.doc) ? folded : asIs;
}

/**
 * Every span of the file left out means the .ann is not this article's (or not brat at all):
 * an article with none of its annotations would only hide that, so the file is refused.
 */
function noneFits(source: string, { doc, textBound, textBoundLeftOut }: Reading): BylineError {
  const reasons = (doc.warnings ?? [])
    .filter((w) => textBoundLeftOut.has(w.line ?? 0))
    .map((w) => `Line ${w.line}: ${w.message.slice(`${source}, line ${w.line}: `.length).replace(/; the line is left out\.$/, '.')}`);
  const shownReasons = reasons.slice(0, 3).join(' ');
  const more = reasons.length > 3 ? ` And ${reasons.length - 3} more.` : '';
  const spans = textBound === 1 ? 'its one span does not fit' : `none of its ${textBound} spans fit`;
  return new BylineError(
    'bad_input',
    `${source}: ${spans} the article beside it, so nothing of the file is imported (is it the annotation of another text?). ${shownReasons}${more}`,
  );
}

/** How badly a reading went, comparable as numbers: lines left out first, then lines kept with a difference. */
function problems(doc: ImportedDocument): number {
  let score = 0;
  for (const w of doc.warnings ?? []) score += w.kind === 'left out' ? 1_000_000 : 1;
  return score;
}

/** A T line's text field at the article's text, and what it says for the line. */
interface FieldReading {
  /** 2: as the article (or missing, or the article and a tail); 1: the same but for whitespace or normalization; 0: another text. */
  fit: 0 | 1 | 2;
  field: string;
  /** Lines of the .ann after the T line that the field runs over. */
  used: number;
  tail?: string;
  missing?: boolean;
}

function readField(segments: string[], used: number, article: string): FieldReading {
  // The physical lines' own line ends (a CR before the LF) are part of the field, but for the last one's.
  const field = segments.slice(0, used + 1).join('\n').replace(/\r$/, '');
  if (used === 0 && field.trim() === '') return { fit: 2, field, used, missing: true };
  if (field === article) return { fit: 2, field, used };
  // As brat: the field starts with the article's text, and anything after it is set off by whitespace.
  const after = field.slice(article.length);
  if (field.startsWith(article) && /^\s/.test(after)) return { fit: 2, field, used, tail: after };
  return { fit: fitsTextField(field, article) ? 1 : 0, field, used };
}

/** What a field that fits the article but for whitespace or normalization differs in. */
function difference(field: string, article: string): string {
  const spaced = (text: string) => text.replace(/\s+/g, ' ').trim();
  if (spaced(field) === spaced(article)) return 'only in whitespace';
  const forms = `(the field is ${formOf(field)}, the article ${formOf(article)})`;
  if (field.normalize('NFC') === article.normalize('NFC')) return `only in Unicode normalization ${forms}`;
  return `only in whitespace and Unicode normalization ${forms}`;
}

/** Which Unicode normalization form a text is in, as a reader would name it. */
function formOf(text: string): string {
  if (text === text.normalize('NFC')) return 'composed (NFC)';
  if (text === text.normalize('NFD')) return 'decomposed (NFD)';
  return 'partly composed';
}

/** A reading of a .ann file, and how many T lines it has (read or left out). */
interface Reading {
  doc: ImportedDocument;
  textBound: number;
  /** The numbers of the T lines left out. */
  textBoundLeftOut: Set<number>;
}

function parseAgainst(annText: string, docRaw: string, options: BratOptions, folded: boolean): Reading {
  const { source } = options;
  const doc = new SourceText(docRaw, { lineEnds: folded ? 'folded' : 'as-is' });
  let storedMap: OffsetMap | undefined;
  const storedSlice = (fragment: Fragment) =>
    sliceCodePoints(doc.stored, (storedMap ??= new OffsetMap(doc.stored)), fragment.start, fragment.end);
  const at = (no: number) => `${source}, line ${no}`;

  const lines = annText.replace(/^\uFEFF/, '').split('\n');
  // The file's last line break ends its last line; it does not start another one.
  if (lines.at(-1) === '') lines.pop();

  const warnings: ImportWarning[] = [];
  /** Every id and the line that first defines it, so that lines may refer to later ones. */
  const firstLine = new Map<string, number>();
  /** Ids whose first line is left out, and that line. */
  const leftOut = new Map<string, number>();
  /** Lines left out. */
  const dropped = new Set<number>();
  const leaveOut = (no: number, id: string | null, reason: string) => {
    warnings.push({ line: no, kind: 'left out', message: `${at(no)}: ${reason}; the line is left out.` });
    dropped.add(no);
    if (id !== null && firstLine.get(id) === no) leftOut.set(id, no);
  };
  const keep = (no: number, message: string) => warnings.push({ line: no, kind: 'kept', message: `${at(no)}: ${message}` });

  const tLines: TLine[] = [];
  /** T lines in the file, read or left out. */
  let textBound = 0;
  const textBoundLeftOut = new Set<number>();
  const eLines: ELine[] = [];
  const rLines: RLine[] = [];
  const equivLines: EquivLine[] = [];
  const aLines: ALine[] = [];
  const nLines: NLine[] = [];
  const commentLines: CommentLine[] = [];
  /** Link lines (R, E, *) in file order, which is the order of the document's relations. */
  const linkOrder: Array<RLine | ELine | EquivLine> = [];

  for (let index = 0; index < lines.length; index++) {
    const no = index + 1;
    const rawLine = lines[index]!;
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') continue;
    const tab = line.indexOf('\t');
    if (tab <= 0) {
      leaveOut(no, null, `“${shown(line)}” is not a brat annotation: it does not start with an id and a tab`);
      continue;
    }
    const id = line.slice(0, tab);
    const kind = id[0]!;
    if (kind !== '*' && !firstLine.has(id)) firstLine.set(id, no);
    if (!LINE_KINDS.includes(kind)) {
      leaveOut(no, id, `unknown line type “${kind}” (${shown(id)}); brat has T, R, E, A, M, N, # and * lines`);
      continue;
    }
    if (/\s/.test(id) || (kind !== '*' && !/^.\d/.test(id))) {
      leaveOut(no, id, `“${shown(id)}” is not a brat id (a letter or # and a number, then a tab)`);
      continue;
    }
    const rest = line.slice(tab + 1);
    const tab2 = rest.indexOf('\t');
    const data = tab2 < 0 ? rest : rest.slice(0, tab2);
    const tail = tab2 < 0 ? null : rest.slice(tab2 + 1);
    const twice = kind !== '*' && firstLine.get(id) !== no ? `${id} is defined twice (first on line ${firstLine.get(id)})` : null;

    if (kind === 'T') {
      textBound++;
      // The field keeps the physical line's own line end, in case it runs on.
      const rawTail = tail === null ? null : rawLine.endsWith('\r') ? `${tail}\r` : tail;
      const read = readTextBound(no, id, data, rawTail, index);
      index += read.used;
      if (twice !== null || typeof read.line === 'string') {
        leaveOut(no, id, twice ?? (read.line as string));
        textBoundLeftOut.add(no);
      } else {
        tLines.push(read.line);
        if (read.kept !== undefined) keep(no, read.kept);
      }
      continue;
    }
    if (twice !== null) {
      leaveOut(no, id, twice);
      continue;
    }
    switch (kind) {
      case 'R': {
        const m = /^(\S+) ([^\s:]+):(\S+) +([^\s:]+):(\S+)\s*$/.exec(data);
        if (!m) {
          leaveOut(no, id, `${id} is not “Type Arg1:Id Arg2:Id”`);
          break;
        }
        const r: RLine = {
          no,
          id,
          type: m[1]!,
          args: [
            [m[2]!, m[3]!],
            [m[4]!, m[5]!],
          ],
        };
        rLines.push(r);
        linkOrder.push(r);
        break;
      }
      case 'E': {
        const tokens = data.trim().split(/\s+/);
        const head = /^([^\s:]+):(\S+)$/.exec(tokens[0] ?? '');
        const args = tokens.slice(1).map((t) => /^([^\s:]+):(\S+)$/.exec(t));
        if (!head || args.some((a) => !a)) {
          leaveOut(no, id, `${id} is not “Type:Trigger Role:Id …”`);
          break;
        }
        const e: ELine = { no, id, type: head[1]!, trigger: head[2]!, args: args.map((a) => [a![1]!, a![2]!]) };
        eLines.push(e);
        linkOrder.push(e);
        break;
      }
      case 'A':
      case 'M': {
        const m = (kind === 'M' ? /^(\S+) (\S+)\s*$/ : /^(\S+) (\S+)(?: (.+))?$/).exec(data);
        if (!m) {
          leaveOut(no, id, `${id} is not “Name Target” or “Name Target Value”`);
          break;
        }
        aLines.push({ no, id, name: m[1]!, target: m[2]!, value: m[3] === undefined ? true : m[3] });
        break;
      }
      case 'N': {
        const m = /^(\S+) (\S+) (\S+?):(\S+)$/.exec(data);
        if (!m) {
          leaveOut(no, id, `${id} is not “Type Target Database:Id”`);
          break;
        }
        nLines.push({ no, id, type: m[1]!, target: m[2]!, db: m[3]!, dbId: m[4]!, text: tail ?? '' });
        break;
      }
      case '#': {
        const m = /^(\S+) (\S+)\s*$/.exec(data);
        if (!m) {
          leaveOut(no, id, `${id} is not “Type Target” followed by a tab and the text`);
          break;
        }
        commentLines.push({ no, id, type: m[1]!, target: m[2]!, text: tail ?? '' });
        break;
      }
      case '*': {
        const [type, ...members] = data.trim().split(/\s+/);
        if (!type || members.length < 2) {
          leaveOut(no, null, '“*” is not “Type Id Id …”');
          break;
        }
        const equiv: EquivLine = { no, type, members };
        equivLines.push(equiv);
        linkOrder.push(equiv);
        break;
      }
    }
  }

  /**
   * A T line, and how many lines after it its text field runs over; or why it is left out. `kept`
   * says how the field differs from the article, when it does only in whitespace or normalization.
   */
  function readTextBound(
    no: number,
    id: string,
    data: string,
    rawTail: string | null,
    index: number,
  ): { line: TLine | string; used: number; kept?: string } {
    const m = /^(\S+) (.+)$/.exec(data);
    if (!m) return { line: `${id} has no type and offsets (“${id}\\tType start end\\ttext”)`, used: 0 };
    const inFileOrder: Array<[number, number]> = [];
    for (const piece of m[2]!.split(';')) {
      const offsets = /^(\d+) (\d+)\s*$/.exec(piece);
      if (!offsets) {
        return { line: `${id}’s offsets “${shown(m[2]!)}” are not “start end” pairs separated by “;”`, used: 0 };
      }
      inFileOrder.push([Number(offsets[1]), Number(offsets[2])]);
    }
    const ranges = inFileOrder.map(([s, e]) => `${s}–${e}`).join(', ');
    for (const [start, end] of inFileOrder) {
      if (end > doc.length) {
        return { line: `${id}’s offsets ${ranges} go beyond the end of the article, which has ${doc.length} characters`, used: 0 };
      }
      if (start >= end) return { line: `${id}’s fragment ${start}–${end} is empty or ends before it starts`, used: 0 };
    }
    const sorted = [...inFileOrder].sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]![0] < sorted[i - 1]![1]) return { line: `${id}’s fragments ${ranges} overlap`, used: 0 };
    }

    const article = inFileOrder.map(([s, e]) => doc.slice(s, e)).join(' ');
    const t: TLine = { no, id, type: m[1]!, fragments: [] };
    // As brat: a missing text field is filled from the article. A field runs on over the lines
    // after the T line while they are not annotation lines and the article has line breaks the
    // field has not had yet; of those readings, the one that fits the article best (the longer
    // on a tie), or if none fits, the longest.
    let reading: FieldReading | null = null;
    let kept: string | undefined;
    if (rawTail !== null) {
      const segments = [rawTail];
      const breaks = article.split('\n').length - 1;
      for (let j = index + 1; j < lines.length && segments.length <= breaks && !ANNOTATION_LINE.test(lines[j]!); j++) {
        segments.push(lines[j]!);
      }
      for (let used = 0; used < segments.length; used++) {
        const candidate = readField(segments, used, article);
        if (reading === null || candidate.fit >= reading.fit || (reading.fit === 0 && candidate.fit === 0)) reading = candidate;
      }
      if (reading!.fit === 0) {
        const field = reading!.field;
        return { line: `${id}’s text “${shown(field)}” is not what the article has at ${ranges} (“${shown(article)}”)`, used: reading!.used };
      }
      if (reading!.fit === 1) {
        kept = `${id}’s text “${shown(reading!.field)}” differs from the article’s “${shown(article)}” at ${ranges} ${difference(reading!.field, article)}; the span is kept as its offsets say.`;
      }
    }
    for (const [start, end] of sorted) {
      const fragment = doc.fragment(start, end);
      if (!fragment) return { line: `${id}’s fragment ${start}–${end} covers only the byte order mark before the text`, used: reading?.used ?? 0 };
      t.fragments.push(fragment);
    }
    const order = inFileOrder.map((f) => sorted.indexOf(f));
    if (order.some((k, i) => k !== i)) t.fragmentOrder = order;
    if (reading && !reading.missing) {
      if (reading.tail !== undefined) t.textTail = reading.tail;
      // What the T line says for the span's text, kept when Byline would write something else
      // (the stored text on one line): a field over several lines, or one that differs a little.
      const field = reading.tail === undefined ? reading.field : reading.field.slice(0, reading.field.length - reading.tail.length);
      const written = inFileOrder.map(([s, e]) => storedSlice(doc.fragment(s, e)!)).join(' ').replace(/\r\n|\r|\n/g, ' ');
      if (field !== written) t.textField = field;
    }
    return { line: t, used: reading?.used ?? 0, kept };
  }

  // References: to what is in the file, of the kinds allowed, and not left out.
  const wrongReference = (id: string, ref: string, allowed: string): string | null => {
    if (!firstLine.has(ref)) return `${id} refers to ${ref}, which is not in the file`;
    if (!allowed.includes(ref[0]!)) return `${id} refers to ${ref}, which is not ${describeKinds(allowed)}`;
    return null;
  };
  const lostReference = (id: string, ref: string): string | null =>
    leftOut.has(ref) ? `${id} refers to ${ref}, which is left out (line ${leftOut.get(ref)})` : null;
  const check = (no: number, id: string, refs: Array<[string, string]>): boolean => {
    const reason =
      refs.map(([ref, allowed]) => wrongReference(id, ref, allowed)).find((r) => r !== null) ??
      refs.map(([ref]) => lostReference(id, ref)).find((r) => r !== null);
    if (reason === undefined) return true;
    leaveOut(no, id === '*' ? null : id, reason);
    return false;
  };
  // An event needs its trigger; an argument that is left out leaves the event without it. (Events
  // first: the other lines may refer to them.)
  for (const e of eLines) {
    const reason =
      wrongReference(e.id, e.trigger, 'T') ??
      e.args.map(([, ref]) => wrongReference(e.id, ref, 'TE')).find((r) => r !== null) ??
      lostReference(e.id, e.trigger);
    if (reason !== null) leaveOut(e.no, e.id, reason);
  }
  for (const e of eLines) {
    if (dropped.has(e.no)) continue;
    e.args = e.args.filter(([role, ref]) => {
      const lost = lostReference(e.id, ref);
      if (lost !== null) keep(e.no, `${lost}; the event is kept without its argument ${role}:${ref}.`);
      return lost === null;
    });
  }
  for (const r of rLines) check(r.no, r.id, r.args.map(([, ref]): [string, string] => [ref, 'TE']));
  for (const q of equivLines) check(q.no, '*', q.members.map((ref): [string, string] => [ref, 'TE']));
  for (const a of [...aLines, ...nLines, ...commentLines]) check(a.no, a.id, [[a.target, 'TER']]);
  warnings.sort((x, y) => (x.line ?? 0) - (y.line ?? 0));
  const good = <T extends { no: number }>(list: T[]) => list.filter((l) => !dropped.has(l.no));
  const imported = documentOf(
    { source, text: doc.stored, annotator: options.annotator, warnings },
    {
      tLines,
      eLines: good(eLines),
      aLines: good(aLines),
      nLines: good(nLines),
      commentLines: good(commentLines),
      linkOrder: good(linkOrder),
    },
  );
  return { doc: imported, textBound, textBoundLeftOut };
}

/** The lines of a .ann file that were read, every reference among them to a line that was read too. */
interface ReadLines {
  tLines: TLine[];
  eLines: ELine[];
  aLines: ALine[];
  nLines: NLine[];
  commentLines: CommentLine[];
  /** Link lines (R, E, *) in file order, which is the order of the document's relations. */
  linkOrder: Array<RLine | ELine | EquivLine>;
}

function documentOf(
  base: { source: string; text: string; annotator: string | null; warnings: ImportWarning[] },
  { tLines, eLines, aLines, nLines, commentLines, linkOrder }: ReadLines,
): ImportedDocument {
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
    if (t.textField !== undefined) extrasOf(annotation).textField = t.textField;
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
    source: base.source,
    format: 'brat',
    title: titleFromText(base.text),
    text: base.text,
    outlet: null,
    author: null,
    publishedAt: null,
    url: null,
    annotator: base.annotator,
    annotations: [...annotations.values()],
    relations,
    labels,
    ...(base.warnings.length > 0 ? { warnings: base.warnings } : {}),
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
