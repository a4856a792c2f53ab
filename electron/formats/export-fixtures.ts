/**
 * Hand-built documents for the exporters' tests. The texts carry an emoji (👍), a ZWJ sequence
 * (👩‍💻), a flag (🇺🇦) and a combining mark (n̈), so UTF-16, code point and grapheme counts all
 * differ; the spans overlap, nest and break in two as real annotations do.
 */
import type { AttributeValue, Fragment, Label } from '../../schema/model';
import { OffsetMap, sliceCodePoints, textHash } from '../../schema/text';
import type { ExportAnnotation, ExportContext, ExportDocument, ExportRelation } from './export-types';

const id = (n: number) => `01900000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

export const MARIA = { id: id(0xa1), name: 'Maria Keller', isLocal: true };
export const JONAS = { id: id(0xa2), name: 'Jonas Berg', isLocal: false };

const label = (n: number, name: string, kind: Label['kind'], position: number): Label => ({
  id: id(0x100 + n),
  name,
  color: '#336699',
  hotkey: null,
  kind,
  position,
  attributes: [],
});
const LABELS = {
  Claim: label(1, 'Claim', 'span', 0),
  Source: label(2, 'Source', 'span', 1),
  'Anonymous attribution': label(3, 'Anonymous attribution', 'span', 2),
  'attributed to': label(4, 'attributed to', 'relation', 3),
};

export const CONTEXT: ExportContext = {
  labels: Object.values(LABELS),
  annotators: [MARIA, JONAS],
  exportedAt: '2024-06-01T12:00:00.000Z',
  exportedBy: MARIA,
};

export const TEXT_1 =
  'Mayor \u{1F469}\u200D\u{1F4BB} Ana N\u00FA\u00F1ez said the budget \u201Cwill pass\u201D \u{1F44D}. ' +
  'Officials in Kyiv \u{1F1FA}\u{1F1E6} who asked not to be named said the vote would slip.\n' +
  'A spokesman for Sp\u0131n\u0308al Tap said the band would \u201Cnever\u201D comment.';

export const TEXT_2 = 'Council \u{1F44D} approves park.\nIt opens in May, an aide said.';

/** `[start, end)` in code points of the `occurrence`-th copy of `needle` in `text`. */
export function fragmentOf(text: string, needle: string, occurrence = 1): Fragment {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`“${needle}” is not in the text`);
  }
  const map = new OffsetMap(text);
  return { start: map.toCodePoint(at), end: map.toCodePoint(at + needle.length) };
}

const STAMP = '2024-05-02T10:00:00.000Z';
const EDITED = '2024-05-03T09:30:00.000Z';

function annotation(
  n: number,
  text: string,
  labelName: keyof typeof LABELS,
  annotator: typeof MARIA,
  fragments: Fragment[],
  more: { note?: string; attributes?: Record<string, AttributeValue> } = {},
): ExportAnnotation {
  const map = new OffsetMap(text);
  return {
    id: id(n),
    labelId: LABELS[labelName].id,
    label: labelName,
    annotatorId: annotator.id,
    annotator: annotator.name,
    fragments,
    quote: fragments.map((f) => sliceCodePoints(text, map, f.start, f.end)).join(' '),
    note: more.note ?? null,
    attributes: more.attributes ?? {},
    createdAt: STAMP,
    updatedAt: more.note ? EDITED : STAMP,
    externalRef: null,
    extras: {},
  };
}

function relation(n: number, from: ExportAnnotation, to: ExportAnnotation, annotator: typeof MARIA): ExportRelation {
  return {
    id: id(n),
    labelId: LABELS['attributed to'].id,
    type: 'attributed to',
    annotatorId: annotator.id,
    annotator: annotator.name,
    fromId: from.id,
    toId: to.id,
    attributes: {},
    createdAt: STAMP,
    updatedAt: STAMP,
    externalRef: null,
    extras: {},
  };
}

const f1 = (needle: string, occurrence = 1) => fragmentOf(TEXT_1, needle, occurrence);
const ana = annotation(1, TEXT_1, 'Source', MARIA, [f1('Ana N\u00FA\u00F1ez')], { attributes: { kind: 'person' } });
const budget = annotation(2, TEXT_1, 'Claim', MARIA, [f1('the budget \u201Cwill pass\u201D')], {
  note: '=SUM(A1:A9) is not a claim, check the tape',
  attributes: { check_worthiness: 'check-worthy' },
});
const officials = annotation(3, TEXT_1, 'Anonymous attribution', MARIA, [f1('Officials in Kyiv \u{1F1FA}\u{1F1E6} who asked not to be named')], {
  attributes: { justification_given: false, number_of_sources: 2 },
});
// Overlaps the claim after it without nesting in it.
const saidTheVote = annotation(9, TEXT_1, 'Claim', MARIA, [f1('said the vote')]);
const vote = annotation(4, TEXT_1, 'Claim', MARIA, [f1('the vote would slip')]);
const spokesman = annotation(5, TEXT_1, 'Source', MARIA, [f1('A spokesman for Sp\u0131n\u0308al Tap')], {
  note: 'The band’s spokesman, "name" not given',
});
// Nested in the spokesman.
const band = annotation(6, TEXT_1, 'Source', MARIA, [f1('Sp\u0131n\u0308al Tap')], { attributes: { kind: 'organization' } });
// Discontinuous: around “never”.
const never = annotation(7, TEXT_1, 'Claim', MARIA, [f1('the band would'), f1('comment')]);

export const DOC_1: ExportDocument = {
  id: id(0xd1),
  title: 'Budget “will pass”, mayor says',
  outlet: 'The Daily Example',
  author: 'Kim Doe',
  publishedAt: '2024-05-01',
  url: 'https://news.example/budget',
  originFile: 'budget.txt',
  originFormat: 'text',
  version: 1,
  text: TEXT_1,
  sha256: textHash(TEXT_1),
  createdAt: STAMP,
  status: 'in progress',
  annotations: [ana, budget, officials, saidTheVote, vote, spokesman, band, never],
  relations: [relation(0x11, budget, ana, MARIA), relation(0x12, vote, officials, MARIA), relation(0x13, never, spokesman, MARIA)],
};

const f2 = (needle: string) => fragmentOf(TEXT_2, needle);
// Starts inside “Council”: token exports tag the whole token.
const council = annotation(0x21, TEXT_2, 'Claim', JONAS, [f2('ouncil \u{1F44D} approves')]);
const opens = annotation(0x22, TEXT_2, 'Claim', MARIA, [f2('It opens in May')]);
const aide = annotation(0x23, TEXT_2, 'Source', MARIA, [f2('an aide')]);

export const DOC_2: ExportDocument = {
  id: id(0xd2),
  title: 'Council approves park',
  outlet: null,
  author: null,
  publishedAt: null,
  url: null,
  originFile: null,
  originFormat: 'text',
  version: 2,
  text: TEXT_2,
  sha256: textHash(TEXT_2),
  createdAt: STAMP,
  status: 'done',
  annotations: [council, opens, aide],
  relations: [relation(0x24, opens, aide, MARIA)],
};
