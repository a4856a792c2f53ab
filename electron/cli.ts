/**
 * `byline`: the command line over a workspace file, for scripts. The same modules as the app:
 *   byline import <files or folders...> [--annotator NAME] [--workspace FILE]
 *   byline export --format FORMAT --out PATH [--annotator NAME]... [--collection NAME]
 *                 [--search WORDS] [--done] [--workspace FILE]
 *   byline stats [--json | --csv] [--collection NAME | --search WORDS] [--annotator NAME]
 *                [--outlet NAME]... [--from DATE] [--to DATE] [--label NAME]... [--workspace FILE]
 *   byline agreement --annotators A,B[,C...] [--collection NAME] [--json] [--workspace FILE]
 *   byline suggest [--collection NAME] [--workspace FILE]
 *   byline suggest evaluate --train DIR --test DIR [--seed N] [--json]
 *   byline team init|add|connect|sync|status|disconnect ... (electron/team/team-cli.ts)
 * Exit code 0 on success; 1 with a one-line reason on failure; 2 for a usage mistake. A progress
 * line is drawn on a terminal only.
 */
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BylineError } from '../schema/errors';
import { warningsOf, warningSummary } from '../schema/import-warnings';
import type { AgreementRequest } from '../schema/review';
import { EXPORT_FORMATS, ExportCanceled, runExport, type ExportFormat } from './export/run-export';
import type { ExportScope } from './export/selection';
import { runImport } from './import/run-import';
import { computeAgreement } from './review/agreement';
import { printAgreement } from './review/agreement-table';
import { findImportUnits } from './import/sources';
import { listAnnotators } from './store/annotators';
import { listCollections } from './store/collections';
import { listLabels } from './store/labels';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { SOURCE_KINDS, type AnalyticsFilters } from '../schema/analytics';
import { reportRows, ROW_COLUMNS } from '../schema/analytics-rows';
import { computeAnalytics } from './analytics/figures';
import { evaluateSuggestions } from './suggest/evaluate';
import { SUGGESTIONS_LAYER } from './suggest/learned-model';
import { suggestIntoLayer } from './suggest/suggestions-layer';
import { Workspace } from './store/workspace';
import { TEAM_USAGE, teamCommand, TeamUsageError } from './team/team-cli';
import { appDataFolder, resolveWorkspacePath } from './workspace-path';

export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** Draws a transient progress line; only on a terminal. */
  progress?(line: string): void;
}

const USAGE = `Usage:
  byline import <files or folders...> [--annotator NAME] [--workspace FILE]
  byline export --format FORMAT --out PATH [--annotator NAME]... [--collection NAME]
                [--search WORDS] [--done] [--workspace FILE]
  byline stats [--json | --csv] [--collection NAME | --search WORDS] [--annotator NAME]
               [--outlet NAME]... [--from DATE] [--to DATE] [--label NAME]... [--workspace FILE]
  byline agreement --annotators A,B[,C...] [--collection NAME] [--json] [--workspace FILE]
  byline suggest [--collection NAME] [--workspace FILE]
  byline suggest evaluate --train DIR --test DIR [--seed N] [--json]
${TEAM_USAGE}

Agreement: annotators by name or id; span F1, token kappa and link F1 for every two of them,
Krippendorff's alpha over all; --json prints the whole report.
Stats: the workspace's counts, and its sourcing analytics (as the Analytics view): claims by the
kind of their source per outlet and month with 95% intervals, most quoted sources, cues, anonymity;
--json prints the whole report, --csv one tidy table (figure, key, name, kind, count, share, share_low,
share_high). --annotator: one layer; --outlet: keep these outlets; --from, --to: publication dates;
--label: the labels whose spans count as claims (default: Claim, Content).
Suggest: writes what Byline suggests in each article (or a collection's) into the layer
“Suggestions”, replacing what it wrote there before; it exports and compares like any layer.
Suggest evaluate: trains the suggestion tagger on one folder of brat files and scores it on
another, per label (exact spans and shared tokens); --json prints the whole report.
Team: a team admin creates the schema on a PostgreSQL server (init) and a role per colleague (add);
each analyst connects their workspace as their role, and it syncs: their layers go up, the team's
articles, labels and colleagues' layers come down. Passwords come from the address, PGPASSWORD or
~/.pgpass, and are never stored by the command line.
Formats: ${Object.keys(EXPORT_FORMATS).join(', ')}.
The workspace is --workspace, else $BYLINE_WORKSPACE, else the app's own (${resolveWorkspacePath([], {}, appDataFolder())}).`;

class UsageError extends Error {}

/** What the bundled command has beside it: the export's second lane (run-export.ts). */
export interface Bundle {
  laneWorker?: string;
}

export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv, io: Io, bundle: Bundle = {}): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        workspace: { type: 'string' },
        annotator: { type: 'string', multiple: true },
        format: { type: 'string' },
        out: { type: 'string' },
        collection: { type: 'string' },
        search: { type: 'string' },
        done: { type: 'boolean' },
        annotators: { type: 'string' },
        json: { type: 'boolean' },
        csv: { type: 'boolean' },
        outlet: { type: 'string', multiple: true },
        from: { type: 'string' },
        to: { type: 'string' },
        label: { type: 'string', multiple: true },
        train: { type: 'string' },
        test: { type: 'string' },
        seed: { type: 'string' },
        as: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.err(`byline: ${(error as Error).message}`);
    io.err(USAGE);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command || command === 'help') {
    io.out(USAGE);
    return command || values.help ? 0 : 2;
  }
  if (command === 'suggest' && rest[0] === 'evaluate') {
    try {
      return await suggestCommand(rest, values, io);
    } catch (error) {
      return failed(error, io);
    }
  }
  const workspacePath = resolveWorkspacePath(values.workspace ? ['--workspace', values.workspace] : [], env, appDataFolder(env));
  if (command === 'team') {
    const openWorkspace = async () => {
      const ws = Workspace.open(workspacePath, { userName: localUserName(), integrity: 'check' });
      await ws.writable();
      return ws;
    };
    try {
      return await teamCommand(rest, values, env, openWorkspace, io);
    } catch (error) {
      return failed(error instanceof TeamUsageError ? new UsageError(error.message) : error, io);
    }
  }
  let ws: Workspace | null = null;
  try {
    if (!['import', 'export', 'stats', 'agreement', 'suggest'].includes(command)) throw new UsageError(`there is no command “${command}”`);
    if (command === 'suggest' && rest.length > 0) throw new UsageError(`suggest takes no “${rest[0]}” (did you mean “suggest evaluate”?)`);
    // Only an import and suggest write, so only they wait for the check (seconds on a large workspace).
    const writes = command === 'import' || command === 'suggest';
    ws = Workspace.open(workspacePath, { userName: localUserName(), integrity: writes ? 'check' : 'skip' });
    if (writes) await ws.writable();
    if (command === 'import') return await importCommand(ws, rest, values.annotator?.[0] ?? ws.localAnnotator.name, io);
    if (command === 'suggest') return suggestLayerCommand(ws, values.collection, io);
    if (command === 'export') return await exportCommand(ws, values, io, bundle);
    if (command === 'agreement') return await agreementCommand(ws, values, io);
    return statsCommand(ws, values, io);
  } catch (error) {
    return failed(error, io);
  } finally {
    ws?.close();
  }
}

/** Tells why a command failed; its exit code. */
function failed(error: unknown, io: Io): number {
  if (error instanceof UsageError) {
    io.err(`byline: ${error.message}.`);
    io.err(USAGE);
    return 2;
  }
  io.err(`byline: ${error instanceof BylineError || error instanceof ExportCanceled ? error.message : String(error)}`);
  return 1;
}

function suggestLayerCommand(ws: Workspace, collectionName: string | undefined, io: Io): number {
  let documentIds: string[];
  if (collectionName) {
    const collection = findCollection(ws, collectionName);
    documentIds = ws.statement('SELECT document_id FROM collection_documents WHERE collection_id = ? ORDER BY document_id').pluck().all(collection.id) as string[];
  } else {
    documentIds = ws.statement('SELECT id FROM documents ORDER BY created_at, id').pluck().all() as string[];
  }
  const outcome = suggestIntoLayer(ws, documentIds, (done, total) => io.progress?.(`${done}/${total} articles`));
  const from =
    outcome.source.kind === 'rules'
      ? 'the built-in rules'
      : `the built-in rules and what it learned from ${outcome.source.spans} tags in ${outcome.source.texts} articles (${outcome.source.labels.join(', ')})`;
  io.out(`Suggested ${outcome.annotations} annotations and ${outcome.relations} links in ${outcome.documents} articles, into the layer “${SUGGESTIONS_LAYER}”, from ${from}.`);
  return 0;
}

function findCollection(ws: Workspace, name: string) {
  const collection = listCollections(ws).find((c) => c.name === name || c.id === name);
  if (!collection) throw new BylineError('not_found', `there is no collection named “${name}”.`);
  return collection;
}

async function suggestCommand(rest: string[], values: { train?: string; test?: string; seed?: string; json?: boolean }, io: Io): Promise<number> {
  if (!values.train || !values.test) throw new UsageError('suggest evaluate needs --train and --test, two folders of brat files');
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, not “${values.seed}”`);
  const report = await evaluateSuggestions(resolve(values.train), resolve(values.test), seed);
  if (values.json) {
    io.out(JSON.stringify(report, null, 2));
    return 0;
  }
  io.out(`Trained on ${report.train.articles} articles (${report.train.spans} spans), tested on ${report.test.articles} (${report.test.spans} spans).`);
  const percent = (n: number) => (100 * n).toFixed(1).padStart(5);
  const width = Math.max(5, ...report.labels.map((l) => l.label.length));
  io.out(`${'label'.padEnd(width)}  exact P     R    F1   tokens P     R    F1   expected`);
  for (const { label, exact, overlap } of report.labels) {
    io.out(`${label.padEnd(width)}    ${percent(exact.precision)} ${percent(exact.recall)} ${percent(exact.f1)}   ${percent(overlap.precision)} ${percent(overlap.recall)} ${percent(overlap.f1)}   ${String(exact.expected).padStart(8)}`);
  }
  const { links } = report;
  io.out(`Links (content to source): P ${percent(links.precision).trim()}, R ${percent(links.recall).trim()}, F1 ${percent(links.f1).trim()} of ${links.expected}.`);
  return 0;
}

async function importCommand(ws: Workspace, paths: string[], annotator: string, io: Io): Promise<number> {
  if (paths.length === 0) throw new UsageError('import needs files or folders to import');
  const outcomes = await runImport(ws, await findImportUnits(paths.map((p) => resolve(p))), {
    annotator,
    onProgress: ({ done, total, current }) => io.progress?.(`${done}/${total} ${current ?? ''}`),
  });
  const failed = outcomes.filter((o) => o.status === 'failed');
  for (const outcome of failed) io.err(outcome.status === 'failed' ? outcome.reason : '');
  for (const warning of outcomes.flatMap(warningsOf)) io.err(`warning: ${warning.message}`);
  const imported = outcomes.filter((o) => o.status === 'imported').length;
  const duplicates = outcomes.filter((o) => o.status === 'duplicate').length;
  io.out(`${imported} imported, ${duplicates} already in the workspace, ${failed.length} failed; ${warningSummary(outcomes)}.`);
  // Warnings are told, but the files were imported: only a failed file fails the command.
  return failed.length > 0 ? 1 : 0;
}

async function exportCommand(
  ws: Workspace,
  values: { format?: string; out?: string; annotator?: string[]; collection?: string; search?: string; done?: boolean },
  io: Io,
  bundle: Bundle,
): Promise<number> {
  if (!values.format) throw new UsageError('export needs --format');
  if (!(values.format in EXPORT_FORMATS)) {
    throw new UsageError(`there is no format “${values.format}” (the formats: ${Object.keys(EXPORT_FORMATS).join(', ')})`);
  }
  if (!values.out) throw new UsageError('export needs --out, the file (or folder) to write');
  const annotators = listAnnotators(ws);
  const annotatorIds =
    values.annotator?.map((name) => {
      const found = annotators.find((a) => a.name === name);
      if (!found) throw new BylineError('not_found', `there is no annotator named “${name}” (there are: ${annotators.map((a) => a.name).join(', ')}).`);
      return found.id;
    }) ?? null;
  let scope: ExportScope = { kind: 'all' };
  if (values.collection) {
    scope = { kind: 'collection', id: findCollection(ws, values.collection).id };
  } else if (values.search) {
    scope = { kind: 'search', search: values.search };
  }
  const result = await runExport(
    ws,
    { format: values.format as ExportFormat, scope, annotatorIds, onlyDone: values.done ?? false, path: resolve(values.out) },
    { laneWorker: bundle.laneWorker, onProgress: ({ done, total }) => io.progress?.(`${done}/${total} articles`) },
  );
  io.out(`Exported ${result.documents} articles, ${result.annotations} annotations and ${result.relations} links to ${result.path}.`);
  return 0;
}

async function agreementCommand(
  ws: Workspace,
  values: { annotators?: string; collection?: string; json?: boolean },
  io: Io,
): Promise<number> {
  const names = (values.annotators ?? '').split(',').map((n) => n.trim()).filter(Boolean);
  if (names.length < 2) throw new UsageError('agreement needs --annotators with two or more annotators, separated by commas');
  const repeated = names.find((n, k) => names.indexOf(n) !== k);
  if (repeated) throw new UsageError(`--annotators names “${repeated}” twice`);
  const annotatorIds = names.map((name) => findAnnotator(ws, name));
  let scope: AgreementRequest['scope'] = { kind: 'all' };
  if (values.collection) scope = { kind: 'collection', id: findCollection(ws, values.collection).id };
  const report = computeAgreement(ws, { annotatorIds, scope });
  if (values.json) io.out(JSON.stringify(report, null, 2));
  else for (const line of printAgreement(report)) io.out(line);
  return 0;
}

interface StatsOptions {
  json?: boolean;
  csv?: boolean;
  collection?: string;
  search?: string;
  annotator?: string[];
  outlet?: string[];
  from?: string;
  to?: string;
  label?: string[];
}

function statsCommand(ws: Workspace, values: StatsOptions, io: Io): number {
  if (values.json && values.csv) throw new UsageError('stats prints --json or --csv, not both');
  if ((values.annotator?.length ?? 0) > 1) throw new UsageError('stats counts one layer: give --annotator once');
  for (const [option, day] of [['--from', values.from], ['--to', values.to]] as const) {
    if (day !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new UsageError(`${option} takes a date as YYYY-MM-DD, not “${day}”`);
  }
  if (values.collection && values.search) throw new UsageError('stats takes --collection or --search, not both');
  const layer = values.annotator?.[0];
  const labels = listLabels(ws).filter((l) => l.kind === 'span');
  const filters: AnalyticsFilters = {
    scope: values.collection
      ? { kind: 'collection', id: findCollection(ws, values.collection).id }
      : values.search
        ? { kind: 'search', search: values.search }
        : { kind: 'all' },
    layerId: layer === undefined ? null : findAnnotator(ws, layer),
    outlets: values.outlet ?? [],
    from: values.from ?? null,
    to: values.to ?? null,
    claimLabelIds: values.label
      ? values.label.map((name) => {
          const found = labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
          if (!found) throw new BylineError('not_found', `there is no span label named “${name}” (there are: ${labels.map((l) => l.name).join(', ')}).`);
          return found.id;
        })
      : null,
  };
  const report = computeAnalytics(ws, filters);
  if (values.json) {
    io.out(JSON.stringify(report, null, 2));
    return 0;
  }
  if (values.csv) {
    io.out(stringifyCsv([[...ROW_COLUMNS], ...reportRows(report)]).trimEnd());
    return 0;
  }
  const documents = ws.db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
  const byLabel = ws.db
    .prepare(
      `SELECT l.name, count(a.id) AS n FROM labels l LEFT JOIN annotations a ON a.label_id = l.id
       WHERE l.kind = 'span' GROUP BY l.id ORDER BY l.position, l.name`,
    )
    .all() as { name: string; n: number }[];
  const byAnnotator = ws.db
    .prepare(
      `SELECT p.name, count(a.id) AS n FROM annotators p LEFT JOIN annotations a ON a.annotator_id = p.id
       GROUP BY p.id ORDER BY p.is_local DESC, p.name`,
    )
    .all() as { name: string; n: number }[];
  const table = (rows: { name: string; n: number | string }[]) => {
    const width = Math.max(0, ...rows.map((r) => r.name.length));
    return rows.map((r) => `  ${r.name.padEnd(width)}  ${String(r.n).padStart(8)}`);
  };
  const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
  io.out(`Workspace: ${ws.path}`);
  io.out(`Documents: ${documents}`);
  io.out('Annotations by label:');
  for (const line of table(byLabel)) io.out(line);
  io.out('Annotations by annotator:');
  for (const line of table(byAnnotator)) io.out(line);
  const { counts, shares } = report.totals;
  io.out(`Claims: ${report.totals.claims} in ${report.totals.articles} articles`);
  for (const line of table(SOURCE_KINDS.map((kind) => ({ name: `  ${kind}`, n: `${counts[kind]} (${percent(shares[kind].share)})` })))) io.out(line);
  io.out('Most quoted sources:');
  for (const line of table(report.sources.slice(0, 10).map((r) => ({ name: `  ${r.name}`, n: r.claims })))) io.out(line);
  io.out('All figures: --json, or --csv.');
  return 0;
}

function findAnnotator(ws: Workspace, name: string): string {
  const annotators = listAnnotators(ws);
  const found = annotators.find((a) => a.name === name) ?? annotators.find((a) => a.id === name);
  if (!found) throw new BylineError('not_found', `there is no annotator named “${name}” (there are: ${annotators.map((a) => a.name).join(', ')}).`);
  return found.id;
}

function localUserName(): string {
  try {
    return userInfo().username || 'Me';
  } catch {
    return 'Me';
  }
}

/** The entry point of the bundled command. */
export async function main(): Promise<void> {
  const tty = process.stderr.isTTY;
  let drawn = false;
  const code = await runCli(process.argv.slice(2), process.env, {
    out: (line) => {
      if (drawn) process.stderr.write('\r\x1b[K');
      drawn = false;
      process.stdout.write(`${line}\n`);
    },
    err: (line) => {
      if (drawn) process.stderr.write('\r\x1b[K');
      drawn = false;
      process.stderr.write(`${line}\n`);
    },
    progress: tty
      ? (line) => {
          process.stderr.write(`\r\x1b[K${line.slice(0, (process.stderr.columns ?? 80) - 1)}`);
          drawn = true;
        }
      : undefined,
  }, { laneWorker: fileURLToPath(new URL('./export-lane.mjs', import.meta.url)) });
  process.exitCode = code;
}
