/**
 * A CSV table with one row per annotation, for spreadsheets: UTF-8 with a byte order mark (so
 * Excel reads it as UTF-8), CRLF line ends and RFC 4180 quoting (csv-stringify), and the
 * formula-injection defence OWASP recommends: a cell that begins with =, +, -, @, a tab or a CR
 * gets a leading ' so no spreadsheet runs an article's text or a note as a formula.
 *
 * Offsets are code points of the document's text, as the column names say. A discontinuous
 * annotation has its first start and last end, and its fragments in `fragments` ("12-19;25-31");
 * the column is empty for a single fragment, which a spreadsheet would read "12-19" as a date.
 * `attributes` is JSON (empty when there are none); `links` lists the annotation's links, "→" for
 * its own and "←" for those to it: `attributed to → <annotation id> “quote”; …`.
 */
import { stringify } from 'csv-stringify/sync';
import type { ExportAnnotation, ExportDocument, ExportWriter, TextSink } from './export-types';

export const CSV_COLUMNS = [
  'document_id',
  'title',
  'outlet',
  'published',
  'annotation_id',
  'label',
  'start_code_point',
  'end_code_point',
  'fragments',
  'quote',
  'note',
  'attributes',
  'annotator',
  'links',
] as const;

const row = (cells: ReadonlyArray<string | number | null>) =>
  stringify([cells.map((cell) => cell ?? '')], { record_delimiter: 'windows', escape_formulas: true });

const CHUNK = 64 * 1024;

/** Long quotes are cut in the links column; the quote column has them whole. */
const LINK_QUOTE_LENGTH = 60;

function shortQuote(quote: string): string {
  const points = Array.from(quote.replace(/\s+/g, ' '));
  return points.length <= LINK_QUOTE_LENGTH ? points.join('') : `${points.slice(0, LINK_QUOTE_LENGTH - 1).join('')}…`;
}

/** Each annotation's links, readable: outgoing first, then incoming, in the document's order of links. */
function linksByAnnotation(doc: ExportDocument): Map<string, string[]> {
  const byId = new Map(doc.annotations.map((a) => [a.id, a]));
  const other = (id: string) => {
    const a = byId.get(id);
    return a ? `${id} “${shortQuote(a.quote)}”` : id;
  };
  const outgoing = new Map<string, string[]>();
  const incoming = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, id: string, text: string) => {
    const list = map.get(id);
    if (list) list.push(text);
    else map.set(id, [text]);
  };
  for (const r of doc.relations) {
    add(outgoing, r.fromId, `${r.type} → ${other(r.toId)}`);
    add(incoming, r.toId, `${r.type} ← ${other(r.fromId)}`);
  }
  const links = new Map<string, string[]>();
  for (const a of doc.annotations) links.set(a.id, [...(outgoing.get(a.id) ?? []), ...(incoming.get(a.id) ?? [])]);
  return links;
}

function annotationRow(doc: ExportDocument, a: ExportAnnotation, links: string[]) {
  const first = a.fragments[0]!;
  const last = a.fragments.at(-1)!;
  return row([
    doc.id,
    doc.title,
    doc.outlet,
    doc.publishedAt,
    a.id,
    a.label,
    first.start,
    last.end,
    a.fragments.length > 1 ? a.fragments.map((f) => `${f.start}-${f.end}`).join(';') : '',
    a.quote,
    a.note,
    Object.keys(a.attributes).length > 0 ? JSON.stringify(a.attributes) : '',
    a.annotator,
    links.join('; '),
  ]);
}

export const csvExport: ExportWriter = {
  async begin(out: TextSink) {
    await out.write(`\uFEFF${row(CSV_COLUMNS)}`);
  },

  async document(out: TextSink, doc: ExportDocument) {
    const links = linksByAnnotation(doc);
    // Rows go out in chunks of about 64 kB: not one write per row, nor a whole long document at once.
    let chunk = '';
    for (const a of doc.annotations) {
      chunk += annotationRow(doc, a, links.get(a.id) ?? []);
      if (chunk.length >= CHUNK) {
        await out.write(chunk);
        chunk = '';
      }
    }
    if (chunk !== '') await out.write(chunk);
  },

  async end() {},
};
