/**
 * The editor scenarios: opening, tagging in, scrolling and holding a 600,000-character article
 * with 10,000 annotations, in headless Chromium against the built test host and a real workspace.
 */
import type { Page } from '@playwright/test';
import type { BenchBrowser, BenchWindow } from '../browser.ts';
import { generateArticle } from '../generate-article.ts';
import type { RunningHost } from '../host.ts';
import { openSeededApp } from '../seeded-app.ts';
import { paragraphWords, planAnnotations } from '../plan-annotations.ts';
import type { Measurement, Scenario, ScenarioGroup } from '../scenario.ts';
import { countRows, currentText, seedDocument } from '../seed.ts';
import { median, percentile, round1 } from '../stats.ts';
import { measureCommit, measureKeystrokes, type EditBench } from './edit-text.ts';

const ARTICLE_LENGTH = 600_000;
const WARM_UP_TAGS = 3;
const PAINTED_MARK = 'byline.article.painted';
const PAINT_TIMEOUT_MS = 30_000;
const OPEN_RUNS = 5;
/** Runs of the percentile scenarios: each its own set of samples, the figure their median. */
const RUNS = 3;
const TAGS_PER_RUN = 40;
const KEYS_PER_RUN = 60;

interface EditorFixture {
  workspacePath: string;
  text: string;
  /** The article with 10,000 annotations, and the same one with 100. */
  big: string;
  small: string;
  host: RunningHost;
  browser: BenchBrowser;
  page: Page;
  close(): Promise<void>;
}

export function editorScenarios(): ScenarioGroup {
  let fixture: Promise<EditorFixture> | null = null;
  const setUp = () => (fixture ??= createFixture());

  const editBench = async (): Promise<EditBench> => {
    const f = await setUp();
    return { page: f.page, open: async () => void (await openArticle(f, f.big)), problems: () => pageProblems(f) };
  };

  // Both opens are measured once, for their own ids and for the ratio between them.
  const opens = new Map<'big' | 'small', Promise<Measurement>>();
  const opened = (which: 'big' | 'small') => {
    let found = opens.get(which);
    if (!found) {
      found = setUp().then((f) => measureOpen(f, f[which], OPEN_RUNS));
      opens.set(which, found);
    }
    return found;
  };

  // In run order: tagging adds annotations to the big article and editing changes its text, so they go last.
  const scenarios: Scenario[] = [
    { id: 'editor.open.600k_10k', unit: 'ms', target: 600, run: () => opened('big') },
    { id: 'editor.open.600k_100', unit: 'ms', target: 1000, run: () => opened('small') },
    {
      id: 'editor.open.ratio_10k_to_100',
      unit: 'x',
      target: 1.5,
      run: async () => {
        const [big, small] = [await opened('big'), await opened('small')];
        const ratio = big.value / small.value;
        return {
          value: Math.round(ratio * 100) / 100,
          n: big.n,
          runs: big.runs.map((ms, i) => ms / small.runs[i]!),
          detail: `the article with 10,000 annotations opened in ${big.value} ms, with 100 in ${small.value} ms (medians; runs: each run's ratio)`,
        };
      },
    },
    { id: 'editor.scroll.max_task', unit: 'ms', target: 100, run: async () => measureScroll(await setUp(), 3) },
    { id: 'editor.heap_mb', unit: 'MB', target: 400, run: async () => measureHeap(await setUp(), 3) },
    { id: 'editor.tag.p95', unit: 'ms', target: 17, run: async () => measureTagging(await setUp(), TAGS_PER_RUN, RUNS) },
    {
      id: 'editor.edit.keystroke_p95',
      unit: 'ms',
      target: 16,
      run: async () => measureKeystrokes(await editBench(), KEYS_PER_RUN, RUNS),
    },
    { id: 'editor.edit.commit', unit: 'ms', target: 100, run: async () => measureCommit(await editBench(), 5) },
  ];

  return {
    scenarios,
    async close() {
      const f = await fixture?.catch(() => null);
      await f?.close();
    },
  };
}

/** A workspace with both articles, the test host on it and a browser logged in to it. */
async function createFixture(): Promise<EditorFixture> {
  const started = performance.now();
  const text = generateArticle(ARTICLE_LENGTH);
  const app = await openSeededApp('byline-bench-', (workspacePath) => ({
    big: seedDocument(
      workspacePath,
      { title: 'Bench: 600k characters, 10,000 annotations', text },
      planAnnotations(text, { annotations: 10_000, overlapping: 1_000, links: 2_000 }),
    ).id,
    small: seedDocument(
      workspacePath,
      { title: 'Bench: 600k characters, 100 annotations', text },
      planAnnotations(text, { annotations: 100, overlapping: 10, links: 20 }),
    ).id,
  }));
  try {
    const { workspacePath, seeded, host, browser, close } = app;
    const f = { workspacePath, text, ...seeded, host, browser, page: browser.page, close };
    // The first open after start-up also warms the host (SQLite cache, JIT): not counted.
    await openArticle(f, f.big);
    process.stderr.write(`[bench] editor set-up took ${Math.round(performance.now() - started)} ms\n`);
    return f;
  } catch (error) {
    await app.close();
    throw error;
  }
}

/**
 * Loads the app afresh at the library, then opens the article the way a person does (the route
 * changes to #/doc/<id>) and times, in the page, from that hash change until the frame after the
 * painted mark has been painted (browser.ts paintedAfter). So "open" is fetching the document and its annotations, rendering the
 * article and registering the highlights, not loading the app's own code.
 */
async function openArticle(f: EditorFixture, documentId: string): Promise<{ painted: number; marked: number }> {
  await loadLibrary(f);
  const times = await f.page.evaluate(
    async ({ documentId, mark, timeoutMs }) => {
      const bench = (window as unknown as BenchWindow).__bench;
      performance.clearMarks(mark);
      const start = performance.now();
      location.hash = `#/doc/${documentId}`;
      const end = await bench.paintedAfter(() => performance.getEntriesByName(mark).length > 0, timeoutMs);
      return { painted: end - start, marked: performance.getEntriesByName(mark)[0]!.startTime - start };
    },
    { documentId, mark: PAINTED_MARK, timeoutMs: PAINT_TIMEOUT_MS },
  );
  // Make sure what was timed is the whole article, highlighted.
  const shown = await f.page.evaluate(() => ({
    characters: document.querySelector('[aria-label="Article text"]')?.textContent?.length ?? 0,
    ranges: (window as unknown as BenchWindow).__bench.highlightRanges(),
  }));
  // The edit scenarios change the big article's text: compare with what the workspace has now.
  const expected = currentText(f.workspacePath, documentId).replaceAll('\n', '').length;
  if (shown.characters !== expected || shown.ranges === 0) {
    throw new Error(`The article shows ${shown.characters} of ${expected} characters and ${shown.ranges} highlight ranges.`);
  }
  return times;
}

async function loadLibrary(f: EditorFixture): Promise<void> {
  // A full load, not a same-document hash change: every open starts from a fresh page.
  await f.page.goto('about:blank');
  await f.page.goto(`${f.host.origin}/#/`);
  await f.page.getByRole('heading', { name: 'Library' }).waitFor();
  await f.page.evaluate(async () => {
    (globalThis as unknown as { gc(): void }).gc();
    await (window as unknown as BenchWindow).__bench.frames(5);
  });
}

async function measureOpen(f: EditorFixture, documentId: string, runs: number): Promise<Measurement> {
  const painted: number[] = [];
  const marked: number[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await openArticle(f, documentId);
    painted.push(run.painted);
    marked.push(run.marked);
  }
  return {
    value: round1(median(painted)),
    n: runs,
    runs: painted,
    detail: `the painted mark came at ${list(marked)} ms`,
    problem: pageProblems(f),
  };
}

async function measureHeap(f: EditorFixture, runs: number): Promise<Measurement> {
  const sizes: number[] = [];
  for (let i = 0; i < runs; i++) {
    await openArticle(f, f.big);
    sizes.push(
      await f.page.evaluate(async () => {
        // Twice, with a task between, so that garbage freed by finalizers goes too.
        for (let i = 0; i < 2; i++) {
          (globalThis as unknown as { gc(): void }).gc();
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
        if (!memory) throw new Error('performance.memory is missing (needs --enable-precise-memory-info).');
        return memory.usedJSHeapSize / 2 ** 20;
      }),
    );
  }
  return { value: round1(median(sizes)), n: runs, runs: sizes, problem: pageProblems(f) };
}

/** Scrolls the article from top to bottom, a step per animation frame, watching for long tasks. */
async function measureScroll(f: EditorFixture, runs: number): Promise<Measurement> {
  const longest: number[] = [];
  const details: string[] = [];
  for (let i = 0; i < runs; i++) {
    await openArticle(f, f.big);
    const run = await f.page.evaluate(async (steps) => {
      const bench = (window as unknown as BenchWindow).__bench;
      const scroller = document.querySelector<HTMLElement>('.article-scroller');
      if (!scroller) throw new Error('There is no .article-scroller.');
      const distance = scroller.scrollHeight - scroller.clientHeight;
      if (distance <= 0) throw new Error('The .article-scroller does not scroll.');

      // Let the work that follows opening end, so that it is not counted as scrolling.
      await bench.frames(10);
      await new Promise((resolve) => setTimeout(resolve, 300));

      const types = ['longtask', 'long-animation-frame'].filter((t) =>
        PerformanceObserver.supportedEntryTypes.includes(t),
      );
      const byType: Record<string, number> = Object.fromEntries(types.map((t) => [t, 0]));
      const start = performance.now();
      const take = (entries: PerformanceEntryList) => {
        // An entry is queued after its frame or task ends, so one from before the scroll can still
        // reach an observer made now.
        for (const e of entries) {
          if (e.startTime >= start) byType[e.entryType] = Math.max(byType[e.entryType] ?? 0, e.duration);
        }
      };
      const observer = new PerformanceObserver((list) => take(list.getEntries()));
      for (const type of types) observer.observe({ type });

      let longestFrame = 0;
      let last = performance.now();
      for (let step = 1; step <= steps; step++) {
        scroller.scrollTop = Math.round((distance * step) / steps);
        const now = await bench.frame();
        longestFrame = Math.max(longestFrame, now - last);
        last = now;
      }
      // Entries are delivered after their task ends: let the last ones arrive.
      await bench.frames(2);
      await new Promise((resolve) => setTimeout(resolve, 200));
      take(observer.takeRecords());
      observer.disconnect();
      return { byType, longestFrame, reachedBottom: scroller.scrollTop >= distance - 1 };
    }, 150);
    if (!run.reachedBottom) throw new Error('The scroll did not reach the end of the article.');
    longest.push(Math.max(0, ...Object.values(run.byType)));
    const entries = Object.entries(run.byType).map(([type, ms]) => `${type} ${round1(ms)}`);
    details.push([...entries, `frame to frame ${round1(run.longestFrame)}`].join(', '));
  }
  return {
    value: round1(median(longest)),
    n: runs,
    runs: longest,
    detail: `longest per run (ms): ${details.map((d) => `[${d}]`).join(' ')}`,
    problem: pageProblems(f),
  };
}

interface Phrase {
  paragraph: number;
  /** UTF-16 offsets within the paragraph. */
  start: number;
  end: number;
  text: string;
}

/**
 * Tags phrases spread over the article, one after another as a person would: scroll there (not
 * timed), select with the mouse, press "1", and time from the keydown event's time stamp (when
 * the browser took the key in) until the end of the first frame that paints the new range (the
 * figure) and until its row is committed. Each run opens the article afresh and
 * tags `count` phrases of its own; the figure is the median of the runs' p95.
 */
async function measureTagging(f: EditorFixture, count: number, runs: number): Promise<Measurement> {
  // The first tags after opening also compile the code they run (JIT): they are timed but not
  // counted, and the first one is reported on its own.
  const perRun = count + WARM_UP_TAGS;
  const phrases = phrasesToTag(f.text, perRun * runs);
  const rowsBefore = countRows(f.workspacePath, 'annotations', f.big);
  const p95s: number[] = [];
  const paints: number[] = [];
  const commits: number[] = [];
  const firsts: number[] = [];
  for (let run = 0; run < runs; run++) {
    // Every runs-th phrase: each run's phrases are spread over the whole article too.
    const tagged = await tagPhrases(f, phrases.filter((_, k) => k % runs === run));
    firsts.push(tagged[0]!.painted);
    const counted = tagged.slice(WARM_UP_TAGS);
    p95s.push(percentile(counted.map((t) => t.painted), 95));
    paints.push(...counted.map((t) => t.painted));
    commits.push(...counted.map((t) => t.committed));
  }
  const added = countRows(f.workspacePath, 'annotations', f.big) - rowsBefore;
  const problems = [
    added === perRun * runs ? '' : `the workspace has ${added} new annotation rows after ${perRun * runs} tags`,
    pageProblems(f) ?? '',
  ].filter(Boolean);
  return {
    value: round1(median(p95s)),
    n: paints.length,
    runs: p95s,
    detail:
      `key press to painted: median ${round1(median(paints))} ms, max ${round1(Math.max(...paints))} ms ` +
      `(the first tag after opening, not counted: ${list(firsts)} ms); ` +
      `key press to committed: median ${round1(median(commits))}, p95 ${round1(percentile(commits, 95))} ms`,
    problem: problems.length ? problems.join('; ') : undefined,
  };
}

/** Opens the big article and tags each phrase with the mouse and "1"; each tag's times. */
async function tagPhrases(f: EditorFixture, phrases: Phrase[]): Promise<Tagged[]> {
  await openArticle(f, f.big);
  await f.page.evaluate(() => {
    const w = window as unknown as TagWindow;
    window.addEventListener('keydown', (event) => event.key === '1' && w.benchOnKey?.(event.timeStamp), true);
  });
  const times: Tagged[] = [];
  for (const phrase of phrases) {
    await scrollToPhrase(f.page, phrase);
    await selectWithMouse(f.page, phrase);
    await f.page.evaluate((timeoutMs) => {
      const w = window as unknown as TagWindow;
      const before = w.__bench.highlightRanges();
      performance.clearResourceTimings();
      // The app paints a new tag at once and stores it meanwhile; the host commits before it
      // replies, so the reply's arrival (responseEnd) is a safe, late bound for the commit.
      const reply = () =>
        performance
          .getEntriesByType('resource')
          .find((e): e is PerformanceResourceTiming => e.name.endsWith('/api/annotations.create'));
      // Watched from the key on, not polled before it: frames requested all along would keep the
      // page drawing at 60 Hz, so that each change waited for the next vsync, which an app at rest
      // does not (its first frame after a change comes as soon as the change's task ends).
      w.benchTagged = new Promise<Tagged>((resolve, reject) => {
        w.benchOnKey = (keyAt) => {
          w.benchOnKey = undefined;
          w.__bench
            .paintedAfter(() => w.__bench.highlightRanges() > before, timeoutMs)
            .then(async (paintedAt) => {
              const deadline = performance.now() + timeoutMs;
              while (!reply()) {
                if (performance.now() > deadline) throw new Error('annotations.create never replied.');
                await w.__bench.frame();
              }
              return { painted: paintedAt - keyAt, committed: reply()!.responseEnd - keyAt };
            })
            .then(resolve, reject);
        };
      });
    }, PAINT_TIMEOUT_MS);
    await f.page.keyboard.press('1');
    times.push(await f.page.evaluate(() => (window as unknown as TagWindow).benchTagged!));
  }
  return times;
}

type TagWindow = BenchWindow & { benchOnKey?: (keyAt: number) => void; benchTagged?: Promise<Tagged> };

interface Tagged {
  /** Key press to the new highlight painted, in ms. */
  painted: number;
  /** Key press to the reply of annotations.create having arrived, in ms. */
  committed: number;
}

/** 3-5 words from each of `count` paragraphs spread over the article (skipping the headline). */
function phrasesToTag(text: string, count: number): Phrase[] {
  const words = paragraphWords(text);
  const paragraphStarts: number[] = [];
  let offset = 0;
  for (const paragraph of text.split('\n\n')) {
    paragraphStarts.push(offset);
    offset += paragraph.length + 2;
  }
  return Array.from({ length: count }, (_, k) => {
    const paragraph = 1 + Math.floor(((k + 0.5) * (words.length - 1)) / count);
    const first = 4 + (k % 5);
    const last = first + 2 + (k % 3);
    const from = words[paragraph]![first]!.start;
    const to = words[paragraph]![last]!.end;
    const start = from - paragraphStarts[paragraph]!;
    return { paragraph, start, end: start + (to - from), text: text.slice(from, to) };
  });
}

/** Scrolls the article so the phrase is in the middle of the view, and lets that settle. */
async function scrollToPhrase(page: Page, phrase: Phrase): Promise<void> {
  await page.evaluate(async (phrase) => {
    const bench = (window as unknown as BenchWindow).__bench;
    const root = document.querySelector('[aria-label="Article text"]');
    const block = root?.children[phrase.paragraph];
    if (!block) throw new Error(`The article has no paragraph ${phrase.paragraph}.`);
    block.scrollIntoView({ block: 'center' });
    await bench.frames(3);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await bench.frames(2);
  }, phrase);
}

/** Drags the mouse across the phrase, as the e2e suite's selectWithMouse does. */
async function selectWithMouse(page: Page, phrase: Phrase): Promise<void> {
  const at = await page.evaluate((phrase) => {
    const block = document.querySelector('[aria-label="Article text"]')?.children[phrase.paragraph];
    if (!block) throw new Error(`The article has no paragraph ${phrase.paragraph}.`);
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let offset = 0;
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      if (phrase.start >= offset && phrase.start < offset + node.length) range.setStart(node, phrase.start - offset);
      if (phrase.end > offset && phrase.end <= offset + node.length) range.setEnd(node, phrase.end - offset);
      offset += node.length;
    }
    if (range.toString() !== phrase.text) {
      throw new Error(`Paragraph ${phrase.paragraph} shows “${range.toString()}” where “${phrase.text}” should be.`);
    }
    const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0);
    const first = rects[0]!;
    const last = rects[rects.length - 1]!;
    return {
      startX: first.left + 1,
      y: first.top + first.height / 2,
      endX: last.right - 1,
      endY: last.top + last.height / 2,
    };
  }, phrase);
  await page.mouse.move(at.startX, at.y);
  await page.mouse.down();
  await page.mouse.move((at.startX + at.endX) / 2, (at.y + at.endY) / 2, { steps: 4 });
  await page.mouse.move(at.endX, at.endY, { steps: 4 });
  await page.mouse.up();
  const selected = await page.evaluate(() => window.getSelection()?.toString() ?? '');
  if (selected.trim() !== phrase.text) throw new Error(`Selected “${selected}” instead of “${phrase.text}”.`);
}

/** Errors the page reported since the last call, if any. */
function pageProblems(f: EditorFixture): string | undefined {
  const problems = f.browser.problems.splice(0);
  return problems.length ? problems.join('; ') : undefined;
}

const list = (values: number[]) => values.map(round1).join(', ');
