/**
 * The suggestion scenarios.
 * - `suggest.polnear.{cue,source,content}_f1`: `byline suggest evaluate` on the PolNeAR dev
 *   articles of ../shared split in halves by article (the even ones in text-file order train, the
 *   odd ones test), exact-span F1 per label; higher is better. One run: training is seeded, so
 *   the figures are the same every time.
 * - `suggest.article.600k`: the suggestion worker (the bundled jobs worker, as the host starts it)
 *   answering for the editor benchmark's article, 600,000 characters with 10,000 annotations, the
 *   first time it is asked for it: from asking to the answer arriving on the main thread, with the
 *   tagger it learned from that workspace, in a worker that has the workspace open already; the
 *   median of RUNS workers. Asking again (after a tag: the text is the same, only what is left out
 *   changes), the first answer before it learned, and the time it took to learn are in the detail.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { copyCli, runCli, type CliFixture } from '../cli-run.ts';
import { generateArticle } from '../generate-article.ts';
import { createWorkspace, snapshotBuild } from '../host.ts';
import { planAnnotations } from '../plan-annotations.ts';
import type { Measurement, Scenario, ScenarioGroup } from '../scenario.ts';
import { seedDocument } from '../seed.ts';
import { median, round1 } from '../stats.ts';

const POLNEAR_DEV = resolve('../shared/corpora/polnear/dev');
const RUNS = 5;

interface Evaluation {
  train: { articles: number; spans: number };
  test: { articles: number; spans: number };
  labels: { label: string; exact: { f1: number; expected: number }; overlap: { f1: number } }[];
  links: { f1: number; expected: number };
}

export function suggestScenarios(): ScenarioGroup {
  const cleanups: (() => unknown)[] = [];
  let evaluation: Promise<{ report: Evaluation; seconds: number }> | null = null;
  const f1 = (label: string, target: number): Scenario => ({
    id: `suggest.polnear.${label.toLowerCase()}_f1`,
    unit: 'F1',
    target,
    better: 'higher',
    run: async () => {
      const { report, seconds } = await (evaluation ??= evaluatePolnear(cleanups));
      const scores = report.labels.find((l) => l.label === label);
      if (!scores) throw new Error(`The evaluation has no label ${label}: ${report.labels.map((l) => l.label).join(', ')}.`);
      return {
        value: Number(scores.exact.f1.toFixed(3)),
        n: 1,
        runs: [scores.exact.f1],
        detail:
          `exact F1 ${scores.exact.f1.toFixed(3)}, token-overlap F1 ${scores.overlap.f1.toFixed(3)}, ${scores.exact.expected} ${label} spans to find; ` +
          `trained on ${report.train.articles} articles (${report.train.spans} spans), tested on ${report.test.articles} (${report.test.spans}); ` +
          `link F1 ${report.links.f1.toFixed(3)} of ${report.links.expected}; the command took ${round1(seconds)} s`,
      };
    },
  });
  return {
    scenarios: [
      f1('Cue', 0.8),
      f1('Source', 0.65),
      f1('Content', 0.55),
      { id: 'suggest.article.600k', unit: 'ms', target: 300, run: () => suggestInWorker(cleanups) },
    ],
    async close() {
      await evaluation?.catch(() => undefined);
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    },
  };
}

/** The dev articles in halves, as two folders of brat files (copies: the importer reads no symlinks), and `byline suggest evaluate` over them. */
async function evaluatePolnear(cleanups: (() => unknown)[]): Promise<{ report: Evaluation; seconds: number }> {
  if (!existsSync(POLNEAR_DEV)) throw new Error(`${POLNEAR_DEV} is not here (no ../shared checkout): nothing to evaluate on.`);
  const cli: CliFixture = await copyCli('byline-bench-suggest-', cleanups);
  const texts = readdirSync(join(POLNEAR_DEV, 'text')).filter((f) => f.endsWith('.txt')).sort();
  const annotations = readdirSync(join(POLNEAR_DEV, 'attributions')).filter((f) => f.endsWith('.ann'));
  const halves = ['train', 'test'].map((half) => {
    const folder = join(cli.folder, half);
    for (const sub of ['text', 'attributions']) mkdirSync(join(folder, sub), { recursive: true });
    return folder;
  });
  texts.forEach((text, k) => {
    const folder = halves[k % 2]!;
    const stem = text.slice(0, -'.txt'.length);
    copyFileSync(join(POLNEAR_DEV, 'text', text), join(folder, 'text', text));
    for (const ann of annotations.filter((a) => a.startsWith(`${stem}_`))) {
      copyFileSync(join(POLNEAR_DEV, 'attributions', ann), join(folder, 'attributions', ann));
    }
  });
  const run = await runCli(cli, ['suggest', 'evaluate', '--train', halves[0]!, '--test', halves[1]!, '--json']);
  return { report: JSON.parse(run.stdout) as Evaluation, seconds: run.wallMs / 1000 };
}

type FromWorker = { type: 'answered'; requestId: number; answer: { suggestions: unknown[]; links: unknown[]; source: { kind: string } } } | { type: 'answer-failed'; message: string };

async function suggestInWorker(cleanups: (() => unknown)[]): Promise<Measurement> {
  const build = snapshotBuild();
  cleanups.push(() => build.remove());
  const folder = mkdtempSync(join(tmpdir(), 'byline-bench-suggest-article-'));
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  const workspacePath = join(folder, 'workspace.sqlite');
  await createWorkspace(build.server, workspacePath);
  const text = generateArticle(600_000);
  const big = seedDocument(
    workspacePath,
    { title: 'Bench: 600k characters, 10,000 annotations', text },
    planAnnotations(text, { annotations: 10_000, overlapping: 1_000, links: 2_000 }),
  ).id;
  const shortText = generateArticle(3_000);
  const small = seedDocument(workspacePath, { title: 'Bench: a short article', text: shortText }, planAnnotations(shortText, { annotations: 5, overlapping: 0, links: 0 })).id;

  // The first worker answers with the rules, then learns from the workspace and keeps the model there.
  const first = await startSuggester(build.server, workspacePath, cleanups);
  const rulesOnly = await first.ask(big);
  const learnStarted = performance.now();
  const db = new Database(workspacePath, { readonly: true });
  try {
    while (!db.prepare('SELECT 1 FROM suggestion_model').get()) {
      if (performance.now() - learnStarted > 600_000) throw new Error('The worker did not learn within 10 minutes.');
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    db.close();
  }
  const learnMs = performance.now() - learnStarted;
  await first.stop();

  // Each run: a worker that has the workspace and model open (it answered for a short article),
  // asked for the long one for the first time; then asked again, as after a tag.
  const runs: number[] = [];
  const again: number[] = [];
  let last: Answer | null = null;
  for (let run = 0; run < RUNS; run++) {
    const suggester = await startSuggester(build.server, workspacePath, cleanups);
    await suggester.ask(small);
    const answer = await suggester.ask(big);
    runs.push(answer.ms);
    again.push((await suggester.ask(big)).ms);
    last = answer;
    await suggester.stop();
  }
  return {
    value: round1(median(runs)),
    n: RUNS,
    runs,
    detail:
      `${last!.suggestions.length} suggestions and ${last!.links.length} links (${last!.source}); asked again (after a tag): ${again.map(round1).join(', ')} ms; ` +
      `before it learned, the first answer took ${round1(rulesOnly.ms)} ms (${rulesOnly.suggestions.length} suggestions, rules only); learning from the workspace took ${round1(learnMs / 1000)} s`,
    problem: last!.source === 'learned' ? undefined : `it answered from ${last!.source} after learning`,
  };
}

interface Answer {
  ms: number;
  suggestions: unknown[];
  links: unknown[];
  source: string;
}

/** The bundled jobs worker serving suggestions, as the host starts it. */
async function startSuggester(server: string, workspacePath: string, cleanups: (() => unknown)[]) {
  const worker = new Worker(join(server, '../jobs-worker.mjs'), { workerData: { kind: 'suggest', workspacePath } });
  cleanups.push(() => worker.terminate());
  let nextId = 1;
  const ask = (documentId: string) =>
    new Promise<Answer>((resolve, reject) => {
      const requestId = nextId++;
      const started = performance.now();
      const onMessage = (message: FromWorker) => {
        if (message.type === 'answer-failed') reject(new Error(message.message));
        else if (message.requestId === requestId) {
          const { suggestions, links, source } = message.answer;
          resolve({ ms: performance.now() - started, suggestions, links, source: source.kind });
        } else return;
        worker.off('message', onMessage);
      };
      worker.on('message', onMessage);
      worker.postMessage({ type: 'suggest', requestId, documentId });
    });
  return { ask, stop: () => worker.terminate() };
}
