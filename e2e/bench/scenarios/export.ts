/**
 * The export scenarios: 100,000 annotations (with links, attributes, notes and discontinuous
 * annotations) over 10,000 generated articles of news length, exported through the built
 * `byline` command line, which runs the same engine (electron/export/run-export.ts) as the app's
 * export worker. Each run is a fresh process under e2e/bench/cli-probe.ts: the figure is the
 * command's own time from the bundle loaded to the process exiting (opening the workspace,
 * choosing the articles, loading, formatting, writing and renaming the file into place), without
 * Node's start-up and the loading of the 4 MB bundle, which the app pays once; the detail line has
 * the whole command's wall time and its start-up too. Every output is checked (articles, spans,
 * links, each span's text) so a broken export shows as a problem, not as a fast figure.
 */
import { createReadStream, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { v7 as uuidv7 } from 'uuid';
import { openPromise } from 'yauzl';
import { newsArticle, openSeedTarget, randomAttributes, versionWriter } from '../bulk-seed.ts';
import { copyCli, runCli, type CliFixture } from '../cli-run.ts';
import { planAnnotations, type AnnotationPlan } from '../plan-annotations.ts';
import { createRandom } from '../random.ts';
import type { Measurement, Scenario, ScenarioGroup } from '../scenario.ts';
import { median, round1 } from '../stats.ts';

const DOCUMENTS = 10_000;
const ANNOTATIONS_PER_DOCUMENT = 10;
const LINKS_PER_DOCUMENT = 3;
/** Runs of each export; each is a whole `byline export` process. */
const RUNS = 3;

const OUTLETS = ['Harbor Post', 'City Paper', 'The Ledger', 'Morning Wire', 'Valley Times'];
const AUTHORS = ['Maria Lindqvist', 'Kwame Mensah', 'Sofia Rossi', 'Hiroshi Sato', null];
const NOTES = [
  'Check against the council minutes.',
  'Second source needed before this goes in the dataset.',
  'The quote is paraphrased in the print edition.',
  'Unclear whether this is the spokesperson or the minister.',
];
/** One word of a generated article, as plan-annotations.ts counts words. */
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}’'.-]*[\p{L}\p{N}])?/gu;

interface Corpus {
  documents: number;
  annotations: number;
  /** Fragments of all annotations: the spans a spaCy export has, one per fragment. */
  fragments: number;
  relations: number;
  characters: number;
}

interface Fixture extends CliFixture {
  corpus: Corpus;
}

interface Format {
  /** The `byline export --format` value. */
  name: string;
  /** The output's name in the fixture's folder. */
  file: string;
  /** Checks a written file against what was seeded; a sentence when it is wrong. */
  check(path: string, corpus: Corpus): Promise<string | undefined>;
}

interface FormatRuns {
  /** The export's own time in each run (bundle loaded to exit), ms. */
  exportMs: number[];
  /** The whole process, as a script calling `byline export` waits for it, ms. */
  wallMs: number[];
  /** Peak resident memory of each run's process, MB. */
  peakMb: number[];
  bytes: number;
  problem?: string;
}

const FORMATS = {
  jsonl: { name: 'spacy-jsonl', file: 'out.jsonl', check: (path, corpus) => checkJsonlTasks(path, corpus, false) },
  prodigy: { name: 'prodigy-jsonl', file: 'tasks.jsonl', check: (path, corpus) => checkJsonlTasks(path, corpus, true) },
  exchange: { name: 'exchange', file: 'out.byline.json', check: checkExchange },
  csv: { name: 'csv', file: 'out.csv', check: checkCsv },
  brat: { name: 'brat', file: 'out.zip', check: checkBratZip },
} satisfies Record<string, Format>;

export function exportScenarios(): ScenarioGroup {
  const cleanups: (() => unknown)[] = [];
  let fixture: Promise<Fixture> | null = null;
  const setUp = () => (fixture ??= createFixture(cleanups));
  const runs = new Map<Format, Promise<FormatRuns>>();
  const measured = (format: Format) => {
    let found = runs.get(format);
    if (!found) {
      found = setUp().then((f) => measureFormat(f, format));
      runs.set(format, found);
    }
    return found;
  };
  const timed = (format: Format) => async (): Promise<Measurement> => figure(await measured(format));

  const scenarios: Scenario[] = [
    { id: 'export.jsonl.100k', unit: 'ms', target: 1000, run: timed(FORMATS.jsonl) },
    { id: 'export.prodigy.100k', unit: 'ms', target: 4000, run: timed(FORMATS.prodigy) },
    { id: 'export.exchange.100k', unit: 'ms', target: 3000, run: timed(FORMATS.exchange) },
    { id: 'export.csv.100k', unit: 'ms', target: 1000, run: timed(FORMATS.csv) },
    { id: 'export.brat.100k', unit: 'ms', target: 3000, run: timed(FORMATS.brat) },
    {
      id: 'export.brat.peak_mb',
      unit: 'MB',
      target: 300,
      run: async () => {
        const { peakMb } = await measured(FORMATS.brat);
        return { value: round1(median(peakMb)), n: peakMb.length, runs: peakMb, detail: 'peak resident memory of the byline process writing the brat zip' };
      },
    },
    {
      id: 'export.peak_mb',
      unit: 'MB',
      target: 300,
      run: async () => {
        const jsonl = await measured(FORMATS.jsonl);
        const exchange = await measured(FORMATS.exchange);
        const [peakJsonl, peakExchange] = [median(jsonl.peakMb), median(exchange.peakMb)];
        return {
          value: round1(Math.max(peakJsonl, peakExchange)),
          n: jsonl.peakMb.length + exchange.peakMb.length,
          runs: [...jsonl.peakMb, ...exchange.peakMb],
          detail:
            `peak resident memory of the byline process (median of its runs): JSONL ${round1(peakJsonl)} MB, ` +
            `exchange ${round1(peakExchange)} MB`,
        };
      },
    },
  ];

  return {
    scenarios,
    async close() {
      await Promise.allSettled(runs.values());
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    },
  };
}

function figure(runs: FormatRuns): Measurement {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const exportMs = median(runs.exportMs);
  const wallMs = median(runs.wallMs);
  return {
    value: Math.round(exportMs),
    n: runs.exportMs.length,
    runs: runs.exportMs,
    detail:
      `the whole command ${seconds(wallMs)} ` +
      `(start-up ${seconds(wallMs - exportMs)}); peak ${round1(median(runs.peakMb))} MB; ` +
      `${round1(runs.bytes / 1e6)} MB written, ${round1(runs.bytes / 1e6 / (exportMs / 1000))} MB/s`,
    problem: runs.problem,
  };
}

/**
 * A copy of the built command line (so a rebuild meanwhile cannot swap it), a workspace it
 * created and migrated, and the corpus written into it.
 */
async function createFixture(cleanups: (() => unknown)[]): Promise<Fixture> {
  const fixture = await copyCli('byline-bench-export-', cleanups);
  const started = performance.now();
  const corpus = seedCorpus(fixture.workspace);
  process.stderr.write(
    `[bench] seeded ${corpus.documents} articles (${round1(corpus.characters / 1e6)} M characters), ` +
      `${corpus.annotations} annotations (${corpus.fragments} fragments) and ${corpus.relations} links ` +
      `in ${Math.round((performance.now() - started) / 1000)} s\n`,
  );
  return { ...fixture, corpus };
}

/**
 * Writes the corpus straight into the workspace in one transaction, as corpus.ts does for the
 * library (the store has no bulk API): 10,000 articles of 2,000-6,000 characters with metadata,
 * each with 10 annotations of the local annotator (one overlapping another, one of two
 * fragments with a word left out between them, some with attributes or a note) and 3 links.
 */
export function seedCorpus(workspacePath: string): Corpus {
  const { db, local: annotator, spanLabel, linkLabel } = openSeedTarget(workspacePath);
  try {
    const insertDocument = db.prepare(
      `INSERT INTO documents (id, title, outlet, author, published_at, url, origin_format, version, word_count, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'bench', 1, ?, ?, ?)`,
    );
    const insertVersion = versionWriter(db);
    const insertAnnotation = db.prepare(
      `INSERT INTO annotations (id, document_id, annotator_id, label_id, quote, note, attributes, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertFragment = db.prepare('INSERT INTO fragments (annotation_id, seq, start, "end") VALUES (?, ?, ?, ?)');
    const insertRelation = db.prepare(
      `INSERT INTO relations (id, document_id, annotator_id, label_id, from_id, to_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertStatus = db.prepare(
      "INSERT INTO document_status (document_id, annotator_id, status, updated_at) VALUES (?, ?, 'done', ?)",
    );

    const corpus: Corpus = { documents: 0, annotations: 0, fragments: 0, relations: 0, characters: 0 };
    const random = createRandom(42);
    db.transaction(() => {
      for (let i = 0; i < DOCUMENTS; i++) {
        const { title, text } = newsArticle(2000 + ((i * 7919) % 4000), 20_000 + i);
        const at = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
        const documentId = uuidv7();
        insertDocument.run(
          documentId,
          title,
          OUTLETS[i % OUTLETS.length],
          AUTHORS[i % AUTHORS.length],
          at.slice(0, 10),
          `https://news.example/${i}`,
          text.split(/\s+/).length,
          at,
          at,
        );
        insertVersion(documentId, text, at);
        if (i % 3 === 0) insertStatus.run(documentId, annotator, at);

        const plan = planFor(text, i);
        const split = i % plan.spans.length;
        const ids = plan.spans.map((span, k) => {
          const id = uuidv7();
          const fragments = k === split ? leaveOutAWord(text, span.start, span.end) : [{ start: span.start, end: span.end }];
          const quote = fragments.map((f) => text.slice(f.start, f.end)).join(' ');
          const note = random.chance(0.05) ? random.pick(NOTES) : null;
          insertAnnotation.run(id, documentId, annotator, spanLabel[span.label], quote, note, randomAttributes(span.label, random), at, at);
          fragments.forEach((f, seq) => insertFragment.run(id, seq, f.start, f.end));
          corpus.fragments += fragments.length;
          return id;
        });
        for (const [from, to] of plan.links) {
          insertRelation.run(uuidv7(), documentId, annotator, linkLabel, ids[from], ids[to], at, at);
        }
        corpus.documents++;
        corpus.annotations += plan.spans.length;
        corpus.relations += plan.links.length;
        corpus.characters += text.length;
      }
    })();
    return corpus;
  } finally {
    db.close();
  }
}

/**
 * The annotations and links of article `i`. Ten labels drawn at random now and then leave too few
 * claims, sources or attributions for three links: the next seed then.
 */
function planFor(text: string, i: number): AnnotationPlan {
  for (let attempt = 0; ; attempt++) {
    let plan: AnnotationPlan | null = null;
    try {
      plan = planAnnotations(text, {
        annotations: ANNOTATIONS_PER_DOCUMENT,
        overlapping: 1,
        links: LINKS_PER_DOCUMENT,
        seed: i + attempt * DOCUMENTS,
      });
    } catch (error) {
      if (attempt === 9) throw error;
    }
    // Without a claim at all the planner's links point nowhere.
    if (plan?.links.every(([from, to]) => plan.spans[from] && plan.spans[to])) return plan;
    if (attempt === 9) throw new Error(`No plan of ${ANNOTATIONS_PER_DOCUMENT} annotations with links for article ${i}.`);
  }
}

/** Two fragments of a span of 3 or more words: its first word and its last, the rest left out. */
function leaveOutAWord(text: string, start: number, end: number): { start: number; end: number }[] {
  const words = Array.from(text.slice(start, end).matchAll(WORD));
  if (words.length < 3) return [{ start, end }];
  return [
    { start, end: start + words[0]!.index + words[0]![0].length },
    { start: start + words.at(-1)!.index, end },
  ];
}

/** RUNS exports in the format; the first run's file is checked, the others must be the same size. */
async function measureFormat(fixture: Fixture, format: Format): Promise<FormatRuns> {
  const { corpus } = fixture;
  const result: FormatRuns = { exportMs: [], wallMs: [], peakMb: [], bytes: 0 };
  const expected = `Exported ${corpus.documents} articles, ${corpus.annotations} annotations and ${corpus.relations} links`;
  for (let run = 0; run < RUNS; run++) {
    const out = join(fixture.folder, format.file);
    rmSync(out, { recursive: true, force: true });
    const measured = await runCli(fixture, ['export', '--format', format.name, '--out', out, '--workspace', fixture.workspace]);
    result.exportMs.push(measured.commandMs);
    result.wallMs.push(measured.wallMs);
    result.peakMb.push(measured.peakMb);
    const problems: string[] = [];
    if (!measured.stdout.startsWith(expected)) problems.push(`the command said “${measured.stdout.trim()}”, not “${expected}…”`);
    const bytes = statSync(out).size;
    if (run === 0) {
      result.bytes = bytes;
      const wrong = await format.check(out, corpus);
      if (wrong) problems.push(wrong);
    } else if (bytes !== result.bytes) {
      problems.push(`run ${run + 1} wrote ${bytes} bytes, run 1 ${result.bytes}`);
    }
    rmSync(out, { recursive: true, force: true });
    if (problems.length > 0) {
      result.problem = problems.join('; ');
      break;
    }
  }
  return result;
}

function lines(path: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
}

/** Counts seen against counts seeded, as one sentence naming the differences; undefined when all agree. */
function compare(seen: Record<string, number>, expected: Record<string, number>, mistakes: string[] = []): string | undefined {
  const wrong = Object.keys(expected)
    .filter((key) => seen[key] !== expected[key])
    .map((key) => `${seen[key]} ${key} where ${expected[key]} were seeded`);
  const all = [...wrong, ...mistakes.slice(0, 3)];
  return all.length > 0 ? all.join('; ') : undefined;
}

/** spaCy lines (no tokens) or Prodigy tasks (`withTokens`). */
async function checkJsonlTasks(path: string, corpus: Corpus, withTokens: boolean): Promise<string | undefined> {
  const seen = { articles: 0, spans: 0, links: 0 };
  const mistakes: string[] = [];
  for await (const line of lines(path)) {
    if (line === '') continue;
    const record = JSON.parse(line) as {
      text: string;
      spans: { start: number; end: number; text: string; token_start?: number }[];
      tokens?: { start: number; end: number }[];
      relations: unknown[];
    };
    seen.articles++;
    seen.spans += record.spans.length;
    seen.links += record.relations.length;
    for (const span of record.spans) {
      if (record.text.slice(span.start, span.end) !== span.text) mistakes.push(`span “${span.text}” is not the text at ${span.start}–${span.end}`);
      if (withTokens && span.token_start === undefined) mistakes.push(`span “${span.text}” is not on token boundaries`);
    }
    const tokens = record.tokens?.length ?? 0;
    if (withTokens && tokens < record.text.length / 10) mistakes.push(`only ${tokens} tokens in ${record.text.length} characters`);
    if (!withTokens && record.tokens) mistakes.push('a spaCy line has tokens');
  }
  return compare(seen, { articles: corpus.documents, spans: corpus.fragments, links: corpus.relations }, mistakes);
}

async function checkExchange(path: string, corpus: Corpus): Promise<string | undefined> {
  const seen = { articles: 0, annotations: 0, fragments: 0, links: 0 };
  const mistakes: string[] = [];
  let header = true;
  let closed = false;
  for await (const line of lines(path)) {
    if (header) {
      const parsed = JSON.parse(`${line}]}`) as { format?: string };
      if (parsed.format !== 'byline-exchange') mistakes.push(`the header's format is ${parsed.format}`);
      header = false;
      continue;
    }
    if (line === ']}') {
      closed = true;
      continue;
    }
    if (line === '') continue;
    const doc = JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line) as {
      text: string;
      annotations: { quote: string; fragments: { start: number; end: number }[] }[];
      relations: unknown[];
    };
    seen.articles++;
    seen.annotations += doc.annotations.length;
    seen.links += doc.relations.length;
    for (const a of doc.annotations) {
      seen.fragments += a.fragments.length;
      const quote = a.fragments.map((f) => doc.text.slice(f.start, f.end)).join(' ');
      if (quote !== a.quote) mistakes.push(`annotation “${a.quote}” is not the text of its fragments`);
    }
  }
  if (!closed) mistakes.push('the file does not end with ]}');
  return compare(
    seen,
    { articles: corpus.documents, annotations: corpus.annotations, fragments: corpus.fragments, links: corpus.relations },
    mistakes,
  );
}

async function checkCsv(path: string, corpus: Corpus): Promise<string | undefined> {
  // The generated texts, titles and notes have no line breaks: one line per row.
  let rows = -1;
  let first = true;
  const mistakes: string[] = [];
  for await (const line of lines(path)) {
    if (first && !line.startsWith('\uFEFFdocument_id,')) mistakes.push('the file does not start with a BOM and the header');
    first = false;
    if (line !== '') rows++;
  }
  return compare({ rows }, { rows: corpus.annotations }, mistakes);
}

async function checkBratZip(path: string, corpus: Corpus): Promise<string | undefined> {
  const seen = { texts: 0, 'ann files': 0, annotations: 0, fragments: 0, links: 0, 'conf files': 0 };
  const zip = await openPromise(path, { lazyEntries: true, autoClose: false });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('.txt')) seen.texts++;
      else if (entry.fileName.endsWith('.conf')) seen['conf files']++;
      else if (entry.fileName.endsWith('.ann')) {
        seen['ann files']++;
        const chunks: Buffer[] = [];
        for await (const chunk of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) chunks.push(chunk);
        for (const line of Buffer.concat(chunks).toString('utf8').split('\n')) {
          if (line.startsWith('T')) {
            seen.annotations++;
            seen.fragments += line.split('\t')[1]!.split(';').length;
          } else if (line.startsWith('R')) seen.links++;
        }
      }
    }
  } finally {
    zip.close();
  }
  return compare(seen, {
    texts: corpus.documents,
    'ann files': corpus.documents,
    annotations: corpus.annotations,
    fragments: corpus.fragments,
    links: corpus.relations,
    'conf files': 2,
  });
}
