/**
 * `review.open.600k_10k`: opening the review view on the editor benchmark's 600,000-character
 * article with two layers of 10,000 annotations each (and their links), in headless Chromium
 * against the built test host and a real workspace. "Open" runs from the route change to
 * #/review/<id>?a=<layer>&b=<layer> (the address the review view keeps, as a reload or the
 * agreement view's links use it) until both layers are painted in view and the differences are
 * listed, and the frame that shows them is painted (browser.ts paintedAfter).
 */
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { BenchBrowser, BenchWindow } from '../browser.ts';
import { generateArticle } from '../generate-article.ts';
import type { RunningHost } from '../host.ts';
import { openSeededApp } from '../seeded-app.ts';
import { planAnnotations, type AnnotationPlan, type LabelKey } from '../plan-annotations.ts';
import type { Measurement, ScenarioGroup } from '../scenario.ts';
import { seedDocument } from '../seed.ts';
import { median, round1 } from '../stats.ts';

const ARTICLE_LENGTH = 600_000;
const ANNOTATIONS = 10_000;
const PAINT_TIMEOUT_MS = 60_000;
const RUNS = 5;
const COLLEAGUE = 'Bench colleague';

interface ReviewFixture {
  documentId: string;
  layerA: string;
  layerB: string;
  /** Characters the article shows (its text without line breaks). */
  characters: number;
  host: RunningHost;
  browser: BenchBrowser;
  close(): Promise<void>;
}

export function reviewOpenScenarios(): ScenarioGroup {
  let fixture: Promise<ReviewFixture> | null = null;
  return {
    scenarios: [
      {
        id: 'review.open.600k_10k',
        unit: 'ms',
        target: 700,
        run: async () => measureOpen(await (fixture ??= createFixture()), RUNS),
      },
    ],
    async close() {
      const f = await fixture?.catch(() => null);
      await f?.close();
    },
  };
}

async function createFixture(): Promise<ReviewFixture> {
  const started = performance.now();
  const text = generateArticle(ARTICLE_LENGTH);
  const plan = planAnnotations(text, { annotations: ANNOTATIONS, overlapping: 1_000, links: 2_000 });
  const app = await openSeededApp('byline-bench-review-', (workspacePath) => {
    // Layer A: mine, as the editor benchmark seeds it.
    const seeded = seedDocument(workspacePath, { title: 'Bench: review of 600k characters, 2 x 10,000 annotations', text }, plan);
    return { documentId: seeded.id, ...seedColleague(workspacePath, seeded.id, text, plan) };
  });
  try {
    const { seeded, host, browser, close } = app;
    const f: ReviewFixture = { ...seeded, characters: text.replaceAll('\n', '').length, host, browser, close };
    // The first open also warms the host (SQLite cache, JIT): not counted.
    await openReview(f);
    process.stderr.write(`[bench] review set-up took ${Math.round(performance.now() - started)} ms\n`);
    return f;
  } catch (error) {
    await app.close();
    throw error;
  }
}

const ROTATE: Record<LabelKey, LabelKey> = { claim: 'source', source: 'anonymous', anonymous: 'claim' };
const LABEL_NAMES: Record<LabelKey, string> = { claim: 'Claim', source: 'Source', anonymous: 'Anonymous attribution' };

/**
 * Layer B: a colleague's 10,000 annotations of the same article, as two people's differ: of each
 * ten of A's spans, one has another label, one other boundaries, one is cut short under another
 * label (only in A, and only in B), the rest agree; the links follow, one in five left out.
 */
export function seedColleague(
  workspacePath: string,
  documentId: string,
  text: string,
  plan: AnnotationPlan,
): { layerA: string; layerB: string } {
  const db = new Database(workspacePath, { fileMustExist: true });
  try {
    db.pragma('foreign_keys = ON');
    const local = (db.prepare('SELECT id FROM annotators WHERE is_local = 1').get() as { id: string }).id;
    const labels = new Map(
      (db.prepare('SELECT id, name, kind FROM labels').all() as { id: string; name: string; kind: string }[]).map((l) => [
        l.kind === 'relation' ? `relation:${l.name}` : l.name,
        l.id,
      ]),
    );
    const labelId = (name: string) => {
      const id = labels.get(name);
      if (!id) throw new Error(`The workspace has no label ${name}.`);
      return id;
    };
    const now = new Date().toISOString();
    const colleague = uuidv7();
    const ids = plan.spans.map(() => uuidv7());
    const insertAnnotation = db.prepare(
      `INSERT INTO annotations (id, document_id, annotator_id, label_id, quote, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertFragment = db.prepare('INSERT INTO fragments (annotation_id, seq, start, "end") VALUES (?, 0, ?, ?)');
    const insertRelation = db.prepare(
      `INSERT INTO relations (id, document_id, annotator_id, label_id, from_id, to_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    db.transaction(() => {
      db.prepare('INSERT INTO annotators (id, name, is_local, created_at) VALUES (?, ?, 0, ?)').run(colleague, COLLEAGUE, now);
      plan.spans.forEach((span, i) => {
        const { start } = span;
        let { end, label } = span;
        const half = start + Math.max(1, Math.floor((end - start) / 2));
        if (i % 10 === 0) label = ROTATE[label];
        else if (i % 10 === 1) end = half;
        else if (i % 10 === 2) [end, label] = [half, ROTATE[label]];
        insertAnnotation.run(ids[i], documentId, colleague, labelId(LABEL_NAMES[label]), text.slice(start, end), now, now);
        insertFragment.run(ids[i], start, end);
      });
      plan.links.forEach(([from, to], k) => {
        if (k % 5 === 4) return;
        insertRelation.run(uuidv7(), documentId, colleague, labelId('relation:attributed to'), ids[from], ids[to], now, now);
      });
    })();
    return { layerA: local, layerB: colleague };
  } finally {
    db.close();
  }
}

/**
 * Loads the app afresh at the library, then opens the review the way its links do and times, in
 * the page, from that hash change until both layers have highlights registered and the list shows
 * differences, and that frame is painted.
 */
async function openReview(f: ReviewFixture): Promise<{ ms: number; session: number; differences: number }> {
  const { page } = f.browser;
  await page.goto('about:blank');
  await page.goto(`${f.host.origin}/#/`);
  await page.getByRole('heading', { name: 'Library' }).waitFor();
  await page.evaluate(async () => {
    (globalThis as unknown as { gc(): void }).gc();
    await (window as unknown as BenchWindow).__bench.frames(5);
  });
  const run = await page.evaluate(
    async ({ hash, timeoutMs }) => {
      const bench = (window as unknown as BenchWindow).__bench;
      const ranges = (prefix: string) => {
        let count = 0;
        CSS.highlights.forEach((highlight, name) => {
          if (name.startsWith(prefix)) count += highlight.size;
        });
        return count;
      };
      const ready = () =>
        ranges('bl-review-a-') > 0 &&
        ranges('bl-review-b-') > 0 &&
        document.querySelector('[role="listbox"][aria-label="Differences"] [role="option"]') !== null;
      performance.clearMarks('byline.review.session');
      const start = performance.now();
      location.hash = hash;
      const end = await bench.paintedAfter(ready, timeoutMs);
      const counter = document.querySelector('.review-counter')?.textContent ?? '';
      return {
        ms: end - start,
        session: (performance.getEntriesByName('byline.review.session')[0]?.startTime ?? NaN) - start,
        counter,
        characters: document.querySelector('[aria-label="Article text"]')?.textContent?.length ?? 0,
      };
    },
    { hash: `#/review/${f.documentId}?a=${f.layerA}&b=${f.layerB}`, timeoutMs: PAINT_TIMEOUT_MS },
  );
  // Make sure what was timed is the whole article with its differences listed.
  const total = /^0 \/ (\d+) resolved/.exec(run.counter)?.[1];
  if (run.characters !== f.characters || !total) {
    throw new Error(`The review shows ${run.characters} of ${f.characters} characters and “${run.counter}”.`);
  }
  return { ms: run.ms, session: run.session, differences: Number(total) };
}

async function measureOpen(f: ReviewFixture, runs: number): Promise<Measurement> {
  const times: number[] = [];
  const sessions: number[] = [];
  let differences = 0;
  for (let i = 0; i < runs; i++) {
    const run = await openReview(f);
    times.push(run.ms);
    sessions.push(run.session);
    differences = run.differences;
  }
  // Where the time goes: the call the view waits for, on its own (request to parsed reply, and
  // its size), and a verdict given and withdrawn, each replying with what it changed.
  const calls = await f.browser.page.evaluate(
    async ({ documentId, layerA, layerB }) => {
      const time = async (channel: string, request: unknown) => {
        const start = performance.now();
        const reply = await window.byline.invoke(channel, request);
        if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
        return { ms: performance.now() - start, value: reply.value };
      };
      const target = { documentId, layerA, layerB };
      const open = await time('review.open', target);
      const session = open.value as { differences: { key: string; kind: string; resolution: unknown }[] };
      const key = session.differences.find((d) => d.kind === 'label' && !d.resolution)?.key;
      if (!key) throw new Error('The review has no open label difference to resolve.');
      const resolve = await time('review.resolve', { ...target, key, verdict: 'take_b' });
      const unresolve = await time('review.unresolve', { ...target, key });
      return { review: open.ms, bytes: JSON.stringify(open.value).length, resolve: resolve.ms, unresolve: unresolve.ms };
    },
    { documentId: f.documentId, layerA: f.layerA, layerB: f.layerB },
  );
  const problems = f.browser.problems.splice(0);
  return {
    value: round1(median(times)),
    n: runs,
    runs: times,
    detail:
      `the session had arrived at ${sessions.map(round1).join(', ')} ms; ` +
      `${differences} differences listed; ` +
      `alone, review.open took ${round1(calls.review)} ms (${(calls.bytes / 1e6).toFixed(1)} MB of JSON); ` +
      `a verdict took ${round1(calls.resolve)} ms, withdrawing it ${round1(calls.unresolve)} ms`,
    problem: problems.length ? problems.join('; ') : undefined,
  };
}
