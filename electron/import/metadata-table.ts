/**
 * Metadata tables: a `metadata.tsv` (tab-separated) or `metadata.csv` that a corpus ships beside
 * its articles, as PolNeAR does, giving each article its outlet, date, author, title and URL.
 *
 * Which table covers an article (sources.ts): the nearest one in the article's folder or a folder
 * above it, among the tables in what was chosen and in the folders up to 3 levels above each chosen
 * folder (or chosen file's folder); PolNeAR's sits at the corpus root, above `dev/`. A table gives
 * only the articles it lists: a row's `filename` (or `file`) is an article's name without its
 * extension or with it (`foo` or `foo.txt` for foo.txt; a brat layer foo_ana.ann is the article
 * foo.txt's). A nearer table that does not list an article hides one further up.
 *
 * The table fills a field only where the article's file gave none. Its title replaces the title of
 * a plain-text or brat article, which only guesses one from its first line, and of any article
 * titled by its file name; other formats keep a title they declare.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { MAX_TEXT_SIZE, type ImportWarning } from '../../schema/api';
import { badInput } from '../../schema/errors';
import type { ImportedDocument } from '../formats/types';
import { cleanField, isoDate, webUrl } from '../formats/metadata';

type Field = 'outlet' | 'publishedAt' | 'author' | 'title' | 'url';

/** Column names (lower case) for each field, the first present one used. */
const COLUMNS: Record<Field, string[]> = {
  outlet: ['publisher', 'outlet', 'source', 'site'],
  publishedAt: ['publication_date', 'published_at', 'date', 'published'],
  author: ['author', 'byline'],
  title: ['title'],
  url: ['url', 'link'],
};
const NAME_COLUMNS = ['filename', 'file'];
const NONE = /^(none|na|null)$/i;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/i;
/** Formats whose title is only the text's first line: the file has no title of its own. */
const GUESSED_TITLE = new Set(['text', 'brat']);

export type MetadataRow = Record<Field, string | null> & {
  /** Why the row's date was not used, told if the article has no date of its own. */
  badDate: string | null;
};

/** Rows by the article name in their `filename` column. */
export type MetadataTable = Map<string, MetadataRow>;

export const isMetadataTable = (path: string) => /^metadata\.(tsv|csv)$/i.test(basename(path));

/** Reads a table; a BylineError names the file and says why it cannot be used. */
export async function readMetadataTable(path: string): Promise<MetadataTable> {
  let text: string;
  try {
    if ((await stat(path)).size > MAX_TEXT_SIZE) throw new Error('it is over the 50 MB limit for one file');
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path));
  } catch (error) {
    const reason = error instanceof TypeError ? 'it is not valid UTF-8 text' : (error as Error).message;
    throw cannotUse(path, reason);
  }
  return parseMetadataTable(text, path);
}

export function parseMetadataTable(text: string, path: string): MetadataTable {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: extname(path).toLowerCase() === '.tsv' ? '\t' : ',',
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_quotes: true,
    }) as unknown as typeof records; // with `info`, each record comes with where it was read
  } catch (error) {
    throw cannotUse(path, (error as Error).message);
  }
  const [header, ...rows] = records;
  if (!header) throw cannotUse(path, 'it is empty');
  const names = header.record.map((name) => name.trim().toLowerCase());
  const nameColumn = names.findIndex((name) => NAME_COLUMNS.includes(name));
  if (nameColumn < 0) throw cannotUse(path, `its header has no filename column (it has ${header.record.join(', ')})`);
  const column = (field: Field) => names.findIndex((name) => name === COLUMNS[field].find((alias) => names.includes(alias)));

  const table: MetadataTable = new Map();
  for (const { record, info } of rows) {
    const name = value(record[nameColumn]);
    if (name === null || table.has(basename(name))) continue;
    const cell = (field: Field) => value(record[column(field)]);
    const date = cell('publishedAt');
    const publishedAt = date !== null && ISO_8601.test(date) ? isoDate(date) : null;
    table.set(basename(name), {
      outlet: cell('outlet'),
      author: cell('author'),
      title: cell('title'),
      url: webUrl(cell('url')),
      publishedAt,
      badDate:
        date !== null && publishedAt === null
          ? `${path} line ${info.lines}: the date “${date}” of ${name} is not an ISO 8601 date (YYYY-MM-DD or a date-time), so the article has no date from it.`
          : null,
    });
  }
  return table;
}

/** The document with what the table says of `article` (the article file's path) where its file said nothing. */
export function withMetadata(doc: ImportedDocument, table: MetadataTable, article: string): ImportedDocument {
  const name = basename(article, extname(article));
  const row = table.get(name) ?? table.get(basename(article));
  if (!row) return doc;
  const titleGuessed = GUESSED_TITLE.has(doc.format) || doc.title === name;
  const warnings: ImportWarning[] = [...(doc.warnings ?? [])];
  if (doc.publishedAt === null && row.badDate) warnings.push({ line: null, kind: 'left out', message: row.badDate });
  return {
    ...doc,
    title: (titleGuessed ? row.title : null) ?? doc.title,
    outlet: doc.outlet ?? row.outlet,
    author: doc.author ?? row.author,
    publishedAt: doc.publishedAt ?? row.publishedAt,
    url: doc.url ?? row.url,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

/** The warning of an article imported without the table that would have covered it. */
export function tableWarning(error: Error, article: string): ImportWarning {
  return { line: null, kind: 'left out', message: `${error.message} ${basename(article)} was imported without its metadata.` };
}

const value = (cell: string | undefined) => {
  const cleaned = cleanField(cell);
  return cleaned === null || NONE.test(cleaned) ? null : cleaned;
};

const cannotUse = (path: string, reason: string) => badInput(`${path} cannot be used as a metadata table: ${reason.replace(/\.$/, '')}.`);
