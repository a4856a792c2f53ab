/**
 * What an import covers: the files and folders a person chose, walked and sorted into units.
 * A brat .ann goes with the .txt of the same name (or, as in PolNeAR, `<article>_<annotator>.ann`
 * with `<article>.txt`) and the nearest annotation.conf; a .txt that has an .ann arrives with it.
 * Articles carry the metadata table that covers them (metadata-table.ts says which).
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { ARTICLE_EXTENSIONS } from '../formats/articles';
import { annotatorFromFileName } from '../formats/brat';
import { isMetadataTable } from './metadata-table';

export type ImportUnit =
  | { kind: 'article'; path: string; metadata?: string | null }
  | { kind: 'brat'; ann: string; txt: string; conf: string | null; annotator: string | null; metadata?: string | null }
  | { kind: 'dataset'; path: string }
  | { kind: 'exchange'; path: string }
  | { kind: 'refused'; path: string; reason: string };

const DATASET_EXTENSIONS = new Set(['.jsonl', '.json']);
/** Byline exchange files (formats/exchange.ts), plain or gzipped. */
const isExchange = (path: string) => /\.byline\.json(\.gz)?$/i.test(path);
/** How many folders above a chosen folder a metadata table is looked for. */
const TABLE_LEVELS_UP = 3;

/** The units to import, in a stable order: articles and brat layers, then datasets. */
export async function findImportUnits(chosen: readonly string[]): Promise<ImportUnit[]> {
  const files: string[] = [];
  const refused: ImportUnit[] = [];
  const chosenTables: string[] = [];
  for (const path of chosen.map((p) => resolve(p))) {
    let info;
    try {
      info = await stat(path);
    } catch {
      refused.push({ kind: 'refused', path, reason: `${path} could not be read: it does not exist.` });
      continue;
    }
    files.push(...(await tablesAbove(info.isDirectory() ? path : dirname(path))));
    if (info.isDirectory()) files.push(...(await walk(path)));
    else if (isSupported(path) || basename(path) === 'annotation.conf') files.push(path);
    else if (isMetadataTable(path)) chosenTables.push(path);
    else refused.push({ kind: 'refused', path, reason: unsupported(path) });
  }
  const unique = [...new Set([...files, ...chosenTables])].sort();

  const texts = unique.filter((f) => extname(f).toLowerCase() === '.txt');
  const confs = unique.filter((f) => basename(f) === 'annotation.conf');
  const tables = unique.filter(isMetadataTable);
  const textsByName = new Map<string, string[]>();
  for (const txt of texts) {
    const name = basename(txt, extname(txt));
    textsByName.set(name, [...(textsByName.get(name) ?? []), txt]);
  }
  const paired = new Set<string>();
  const units: ImportUnit[] = [];
  for (const ann of unique.filter((f) => extname(f).toLowerCase() === '.ann')) {
    const name = basename(ann, '.ann');
    const annotator = annotatorFromFileName(ann, new Set(textsByName.keys()));
    const article = textsByName.get(name) ?? (annotator ? textsByName.get(name.slice(0, -annotator.length - 1)) : undefined);
    const txt = article && closest(article, dirname(ann));
    if (!txt) {
      units.push({ kind: 'refused', path: ann, reason: `${ann} has no article: there is no ${name}.txt beside it or in what was chosen.` });
      continue;
    }
    paired.add(txt);
    const annotatorOfFile = textsByName.has(name) ? null : annotator;
    units.push({ kind: 'brat', ann, txt, conf: nearest(confs, ann), annotator: annotatorOfFile, metadata: nearest(tables, txt) });
  }
  for (const file of unique) {
    const extension = extname(file).toLowerCase();
    if (ARTICLE_EXTENSIONS.includes(extension) && !paired.has(file)) units.push({ kind: 'article', path: file, metadata: nearest(tables, file) });
  }
  const used = new Set(units.map((unit) => (unit.kind === 'article' || unit.kind === 'brat' ? unit.metadata : null)));
  for (const path of chosenTables.filter((table) => !used.has(table))) {
    const reason = `${path} is a metadata table: it is read for the articles in its folder and below when they are imported, and holds no articles itself. Choose its folder, or its articles with it.`;
    refused.push({ kind: 'refused', path, reason });
  }
  units.sort((a, b) => unitPath(a).localeCompare(unitPath(b)));
  for (const file of unique) {
    if (isExchange(file)) units.push({ kind: 'exchange', path: file });
    else if (DATASET_EXTENSIONS.has(extname(file).toLowerCase())) units.push({ kind: 'dataset', path: file });
  }
  return [...refused, ...units];
}

/** The path a unit is reported under. */
export function unitPath(unit: ImportUnit): string {
  return unit.kind === 'brat' ? unit.ann : unit.path;
}

async function walk(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await walk(path)));
    else if (entry.isFile() && (isSupported(path) || entry.name === 'annotation.conf' || isMetadataTable(path))) found.push(path);
  }
  return found;
}

/** The metadata tables in `folder` and the folders up to TABLE_LEVELS_UP above it. */
async function tablesAbove(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (let level = 0, dir = folder; level <= TABLE_LEVELS_UP; level++, dir = dirname(dir)) {
    const names = await readdir(dir).catch(() => []);
    found.push(...names.filter(isMetadataTable).map((name) => join(dir, name)));
    if (dirname(dir) === dir) break;
  }
  return found;
}

function isSupported(path: string): boolean {
  const extension = extname(path).toLowerCase();
  return ARTICLE_EXTENSIONS.includes(extension) || extension === '.ann' || DATASET_EXTENSIONS.has(extension) || isExchange(path);
}

function unsupported(path: string): string {
  const extension = extname(path).toLowerCase() || 'files without an extension';
  return (
    `${path} cannot be imported: Byline reads articles (${ARTICLE_EXTENSIONS.join(', ')}), brat annotations ` +
    `(.ann with their .txt), datasets (.jsonl, .json) and Byline exchange files (.byline.json, .byline.json.gz), not ${extension}.`
  );
}

/** Of several files, the one nearest to `folder` (the fewest steps between the folders). */
function closest(paths: string[], folder: string): string {
  const steps = (path: string) => relative(folder, dirname(path)).split(sep).filter(Boolean).length;
  return [...paths].sort((a, b) => steps(a) - steps(b) || a.localeCompare(b))[0]!;
}

/** Of annotation.confs or metadata tables, the one in the file's folder or the nearest folder above it. */
function nearest(candidates: string[], file: string): string | null {
  const above = candidates.filter((candidate) => (dirname(file) + sep).startsWith(dirname(candidate) + sep));
  return above.sort((a, b) => b.length - a.length)[0] ?? null;
}
