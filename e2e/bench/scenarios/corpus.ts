/**
 * The corpus scenarios: importing 1,000 generated articles with brat annotations (and PolNeAR,
 * when ../shared is here) through the app's own import, searching and scrolling a library of
 * 100,000 articles. All in headless Chromium against the built test host and real workspaces.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { versionWriter } from '../bulk-seed.ts';
import { launchBrowser, type BenchBrowser, type BenchWindow } from '../browser.ts';
import { generateArticle } from '../generate-article.ts';
import { createWorkspace, snapshotBuild, startHost, type BuildSnapshot, type RunningHost } from '../host.ts';
import { planAnnotations } from '../plan-annotations.ts';
import type { Measurement, Scenario, ScenarioGroup } from '../scenario.ts';
import { median, round1 } from '../stats.ts';

const POLNEAR = resolve('../shared/corpora/polnear');
const BRAT_LABELS = { claim: 'Claim', source: 'Source', anonymous: 'Anonymous_attribution' } as const;
const LIBRARY_SIZE = 100_000;
const SEARCHES = ['ferry', 'council budget', 'officials said', 'spokesperson', 'contract', 'percent', 'residents', 'harbor', 'according to', 'statement'];

interface Session {
  host: RunningHost;
  browser: BenchBrowser;
  close(): Promise<void>;
}

export function corpusScenarios(): ScenarioGroup {
  const cleanups: (() => unknown)[] = [];
  let build: BuildSnapshot | null = null;
  const built = () => (build ??= (() => {
    const snapshot = snapshotBuild();
    cleanups.push(() => snapshot.remove());
    return snapshot;
  })());
  let library: Promise<Session> | null = null;
  const bigLibrary = () => (library ??= openLibrary(built(), cleanups));
  let importRun: Promise<ImportRun> | null = null;
  const imported = () => (importRun ??= importGenerated(built(), cleanups));

  const scenarios: Scenario[] = [
    {
      id: 'corpus.import.1000',
      unit: 's',
      target: 10,
      run: async () => {
        const run = await imported();
        return {
          value: round1(run.seconds),
          n: 1,
          runs: [run.seconds],
          detail: `${round1(1000 / run.seconds)} articles/s, ${run.annotations} annotations; ${run.report}`,
          problem: run.problem,
        };
      },
    },
    {
      id: 'corpus.import.ui_max_task',
      unit: 'ms',
      target: 100,
      run: async () => {
        const { maxTask } = await imported();
        return { value: round1(maxTask), n: 1, runs: [maxTask] };
      },
    },
    {
      id: 'corpus.import.polnear',
      unit: 's',
      target: 10,
      run: async () => importPolnear(built(), cleanups),
    },
    {
      id: 'corpus.search.100k',
      unit: 'ms',
      target: 100,
      run: async () => measureSearch(await bigLibrary()),
    },
    {
      id: 'corpus.scroll.max_task',
      unit: 'ms',
      target: 100,
      run: async () => measureLibraryScroll(await bigLibrary()),
    },
  ];

  return {
    scenarios,
    async close() {
      const session = await library?.catch(() => null);
      await session?.close();
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    },
  };
}

async function startSession(build: BuildSnapshot, workspacePath: string): Promise<Session> {
  const host = await startHost(build.server, workspacePath);
  const browser = await launchBrowser(host.loginUrl);
  return {
    host,
    browser,
    close: async () => {
      await browser.close();
      await host.stop();
    },
  };
}

function tempFolder(cleanups: (() => unknown)[], prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

interface ImportRun {
  seconds: number;
  maxTask: number;
  annotations: number;
  report: string;
  problem?: string;
}

/**
 * Imports a folder through the page, as the Import dialog does, and times it in the page from
 * the request to the report; long tasks seen meanwhile measure whether the UI stayed usable.
 */
async function importFolder(session: Session, folder: string): Promise<Omit<ImportRun, 'annotations'>> {
  const { page } = session.browser;
  const result = await page.evaluate(async (folder) => {
    const w = window as unknown as BenchWindow;
    let maxTask = 0;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) maxTask = Math.max(maxTask, entry.duration);
    });
    observer.observe({ type: 'long-animation-frame', buffered: false });
    const answered = await fetch('/__host/open-dialog', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ paths: [folder] }),
    });
    if (!answered.ok) throw new Error(`The host refused the dialog answer: ${answered.status}`);
    const started = performance.now();
    const report = await new Promise<{ outcomes: { status: string; reason?: string }[] }>((resolve) => {
      const stop = w.byline.subscribe((event) => {
        if (event.type === 'import.finished') {
          stop();
          resolve(event.report);
        }
      });
      void w.byline.invoke('imports.start', { what: 'folder', annotator: 'Bench' });
    });
    const seconds = (performance.now() - started) / 1000;
    observer.disconnect();
    const count = (status: string) => report.outcomes.filter((o) => o.status === status).length;
    const failures = report.outcomes.filter((o) => o.status === 'failed').map((o) => o.reason);
    return {
      seconds,
      maxTask,
      report: `${count('imported')} imported, ${count('duplicate')} duplicates, ${count('failed')} failed`,
      failures,
    };
  }, folder);
  return {
    seconds: result.seconds,
    maxTask: result.maxTask,
    report: result.report,
    problem: result.failures.length ? `failed files: ${result.failures.slice(0, 3).join(' | ')}` : undefined,
  };
}

/** 1,000 articles of about 3,000 characters, each with a brat .ann of 15 spans and 5 links. */
async function importGenerated(build: BuildSnapshot, cleanups: (() => unknown)[]): Promise<ImportRun> {
  const folder = tempFolder(cleanups, 'byline-bench-corpus-');
  writeFileSync(join(folder, 'annotation.conf'), '[entities]\nClaim\nSource\nAnonymous_attribution\n\n[relations]\nattributed_to\tArg1:Claim, Arg2:Source|Anonymous_attribution\n\n[events]\n\n[attributes]\n');
  let annotations = 0;
  for (let i = 0; i < 1000; i++) {
    const text = generateArticle(3000, 1000 + i);
    const plan = planAnnotations(text, { annotations: 15, overlapping: 1, links: 5 });
    const lines = plan.spans.map(
      (span, k) => `T${k + 1}\t${BRAT_LABELS[span.label]} ${span.start} ${span.end}\t${text.slice(span.start, span.end)}`,
    );
    plan.links.forEach(([from, to], k) => lines.push(`R${k + 1}\tattributed_to Arg1:T${from + 1} Arg2:T${to + 1}`));
    annotations += plan.spans.length;
    const dir = join(folder, `batch-${Math.floor(i / 100)}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `article-${i}.txt`), text);
    writeFileSync(join(dir, `article-${i}.ann`), `${lines.join('\n')}\n`);
  }
  const workspace = join(tempFolder(cleanups, 'byline-bench-import-'), 'workspace.sqlite');
  await createWorkspace(build.server, workspace);
  const session = await startSession(build, workspace);
  try {
    return { ...(await importFolder(session, folder)), annotations };
  } finally {
    await session.close();
  }
}

async function importPolnear(build: BuildSnapshot, cleanups: (() => unknown)[]): Promise<Measurement> {
  if (!existsSync(POLNEAR)) throw new Error(`${POLNEAR} is not here (no ../shared checkout): nothing to import.`);
  const workspace = join(tempFolder(cleanups, 'byline-bench-polnear-'), 'workspace.sqlite');
  await createWorkspace(build.server, workspace);
  const session = await startSession(build, workspace);
  try {
    const run = await importFolder(session, POLNEAR);
    const db = new Database(workspace, { readonly: true });
    const documents = (db.prepare("SELECT count(*) AS n FROM documents WHERE origin_format = 'brat'").get() as { n: number }).n;
    db.close();
    return {
      value: round1(run.seconds),
      n: 1,
      runs: [run.seconds],
      detail: `${documents} articles, ${round1(documents / run.seconds)} articles/s; ${run.report}; longest frame ${round1(run.maxTask)} ms`,
      problem: run.problem,
    };
  } finally {
    await session.close();
  }
}

/** A workspace with 100,000 generated articles of about 1,200 characters, open in the library. */
async function openLibrary(build: BuildSnapshot, cleanups: (() => unknown)[]): Promise<Session> {
  const workspace = join(tempFolder(cleanups, 'byline-bench-library-'), 'workspace.sqlite');
  await createWorkspace(build.server, workspace);
  const started = performance.now();
  const db = new Database(workspace);
  db.pragma('journal_mode = WAL');
  const insertDocument = db.prepare(
    `INSERT INTO documents (id, title, outlet, published_at, origin_format, version, word_count, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'bench', 1, ?, ?, ?)`,
  );
  const insertVersion = versionWriter(db);
  const outlets = ['Harbor Post', 'City Paper', 'The Ledger', 'Morning Wire', 'Valley Times'];
  db.transaction(() => {
    for (let i = 0; i < LIBRARY_SIZE; i++) {
      // Each its own headline: the generator's first paragraph is the same for every seed.
      const generated = generateArticle(1400, 5000 + i);
      const body = generated.slice(generated.indexOf('\n\n') + 2);
      const title = body.slice(0, body.search(/[,.;—]/)).slice(0, 90);
      const text = `${title}\n\n${body}`;
      const now = new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString();
      const id = uuidv7();
      insertDocument.run(id, title, outlets[i % outlets.length], now.slice(0, 10), text.split(/\s+/).length, now, now);
      insertVersion(id, text, now);
    }
  })();
  db.close();
  process.stderr.write(`[bench] seeded ${LIBRARY_SIZE} articles in ${Math.round((performance.now() - started) / 1000)} s\n`);
  return startSession(build, workspace);
}

/** Searches as the library does, timed in the page from the request to the reply. */
async function measureSearch(session: Session): Promise<Measurement> {
  const { page } = session.browser;
  const times = await page.evaluate(async (searches) => {
    const w = window as unknown as BenchWindow;
    const out: number[] = [];
    for (const search of [...searches, ...searches]) {
      const started = performance.now();
      const reply = await w.byline.invoke('library.query', { offset: 0, limit: 100, sort: 'relevance', descending: false, search });
      if (!reply.ok) throw new Error(reply.error.message);
      out.push(performance.now() - started);
    }
    return out;
  }, SEARCHES);
  return { value: round1(median(times)), n: times.length, runs: times };
}

/** Scrolls the library of 100,000 from top to bottom in 120 steps; the longest frame seen. */
async function measureLibraryScroll(session: Session): Promise<Measurement> {
  const { page } = session.browser;
  await page.goto(new URL('/#/', session.host.origin).href);
  await page.getByRole('table', { name: 'Articles' }).getByRole('link').first().waitFor();
  const longest = await page.evaluate(async () => {
    const w = window as unknown as BenchWindow;
    const scroller = document.querySelector('.library-scroller')!;
    await w.__bench.frames(5);
    let max = 0;
    const started = performance.now();
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.startTime >= started) max = Math.max(max, entry.duration);
    });
    observer.observe({ type: 'long-animation-frame', buffered: false });
    for (let step = 1; step <= 120; step++) {
      scroller.scrollTop = (scroller.scrollHeight * step) / 120;
      await w.__bench.frame();
    }
    await w.__bench.frames(10);
    observer.disconnect();
    return max;
  });
  return { value: round1(longest), n: 1, runs: [longest], detail: 'the longest animation frame (0 when none took 50 ms or more)' };
}
