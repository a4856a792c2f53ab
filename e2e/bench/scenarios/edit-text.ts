/**
 * The edit mode on the big article (600,000 characters, 10,000 annotations): a keystroke to the
 * moved highlights ready to paint, and committing a version. Run last: they change the article.
 */
import type { Page } from '@playwright/test';
import type { BenchWindow } from '../browser.ts';
import type { Measurement } from '../scenario.ts';
import { median, percentile, round1 } from '../stats.ts';

const WARM_UP_KEYS = 5;
const EDITED_MARK = 'byline.article.edited';
const TIMEOUT_MS = 30_000;

export interface EditBench {
  page: Page;
  /** Opens the big article afresh, painted. */
  open(): Promise<void>;
  /** Errors the page reported since the last call. */
  problems(): string | undefined;
}

type EditWindow = BenchWindow & { benchEdit?: { keyAt: number; marks: number; done: Promise<number> } };

/**
 * Types into the middle of the article: letters, spaces, Backspace and Enter (a paragraph split).
 * Each key is timed in the page from its keydown to the end of the task that handled it, once the
 * edit mode has moved the annotations and repainted the highlights in view (its mark), plus the
 * style and layout the next frame needs (forced). Painting itself is the compositor's and not
 * counted: waiting for the next frame would add up to 16.7 ms of vsync to every key. Each run
 * opens the article afresh and types the same keys; the figure is the median of the runs' p95.
 */
export async function measureKeystrokes(b: EditBench, count: number, runs: number): Promise<Measurement> {
  const keys = keySequence(count + WARM_UP_KEYS);
  const p95s: number[] = [];
  const all: number[] = [];
  const warmUps: number[] = [];
  for (let run = 0; run < runs; run++) {
    const times = await typeKeys(b, keys);
    warmUps.push(...times.splice(0, WARM_UP_KEYS));
    p95s.push(percentile(times, 95));
    all.push(...times);
  }
  return {
    value: round1(median(p95s)),
    n: all.length,
    runs: p95s,
    detail:
      `median ${round1(median(all))} ms, max ${round1(Math.max(...all))} ms ` +
      `(the first ${WARM_UP_KEYS} keys of each run, not counted: ${warmUps.map(round1).join(', ')} ms); ` +
      `keys of a run: ${keys.slice(WARM_UP_KEYS).join(' ')}`,
    problem: b.problems(),
  };
}

/** Opens the article, types `keys` into its middle in the edit mode and leaves it; each key's time. */
async function typeKeys(b: EditBench, keys: string[]): Promise<number[]> {
  await b.open();
  const { page } = b;
  await startEditing(page);
  await clickIntoMiddle(page);
  await page.evaluate(
    ({ mark, timeoutMs }) => {
      const w = window as unknown as EditWindow;
      const scroller = document.querySelector<HTMLElement>('.article-scroller')!;
      window.addEventListener(
        'keydown',
        () => {
          const keyAt = performance.now();
          const marks = performance.getEntriesByName(mark).length;
          const done = new Promise<number>((resolve, reject) => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => {
              if (performance.getEntriesByName(mark).length > marks) {
                scroller.getBoundingClientRect();
                void document.body.offsetHeight;
                resolve(performance.now() - keyAt);
              } else if (performance.now() - keyAt > timeoutMs) {
                reject(new Error('The edit mode never repainted after a key.'));
              } else {
                channel.port2.postMessage(null);
              }
            };
            channel.port2.postMessage(null);
          });
          w.benchEdit = { keyAt, marks, done };
        },
        true,
      );
    },
    { mark: EDITED_MARK, timeoutMs: TIMEOUT_MS },
  );
  const times: number[] = [];
  for (const key of keys) {
    await page.keyboard.press(key);
    times.push(await page.evaluate(() => (window as unknown as EditWindow).benchEdit!.done));
  }
  await page.getByRole('button', { name: 'Done editing' }).click();
  await page.getByRole('button', { name: 'Edit text' }).waitFor({ timeout: TIMEOUT_MS });
  return times;
}

/**
 * Edits the article near its start (so every one of the 10,000 annotations after it moves) and
 * leaves the edit mode, timing from the click on “Done editing” to the reply of
 * documents.editText: the version stored and the annotations moved in SQLite. The time until the
 * view is read-only again is reported too.
 */
export async function measureCommit(b: EditBench, runs: number): Promise<Measurement> {
  const commits: number[] = [];
  const shown: number[] = [];
  for (let run = 0; run < runs; run++) {
    await b.open();
    const { page } = b;
    await startEditing(page);
    await clickIntoFirstParagraph(page);
    await page.keyboard.type('Edited ');
    await page.evaluate(() => performance.clearResourceTimings());
    const clickAt = await page.evaluate(() => {
      const button = [...document.querySelectorAll('button')].find((e) => e.textContent === 'Done editing');
      if (!button) throw new Error('There is no “Done editing” button.');
      const at = performance.now();
      button.click();
      return at;
    });
    await page.getByRole('button', { name: 'Edit text' }).waitFor({ timeout: TIMEOUT_MS });
    const times = await page.evaluate(
      async ({ clickAt, timeoutMs }) => {
        const shownAt = performance.now();
        const deadline = shownAt + timeoutMs;
        const reply = () =>
          performance
            .getEntriesByType('resource')
            .find((e): e is PerformanceResourceTiming => e.name.endsWith('/api/documents.editText'));
        while (!reply()) {
          if (performance.now() > deadline) throw new Error('documents.editText never replied.');
          await (window as unknown as BenchWindow).__bench.frame();
        }
        return { committed: reply()!.responseEnd - clickAt, shown: shownAt - clickAt };
      },
      { clickAt, timeoutMs: TIMEOUT_MS },
    );
    commits.push(times.committed);
    shown.push(times.shown);
  }
  return {
    value: round1(median(commits)),
    n: runs,
    runs: commits,
    detail: `the view read-only again after ${shown.map(round1).join(', ')} ms`,
    problem: b.problems(),
  };
}

async function startEditing(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Edit text' }).click();
  await page.locator('[aria-label="Article text"][contenteditable="true"]').waitFor({ timeout: TIMEOUT_MS });
}

/** Clicks at the end of a word in a paragraph halfway down, scrolled into view. */
async function clickIntoMiddle(page: Page): Promise<void> {
  await clickInto(page, 0.5);
}

async function clickIntoFirstParagraph(page: Page): Promise<void> {
  await clickInto(page, 0);
}

async function clickInto(page: Page, where: number): Promise<void> {
  const at = await page.evaluate(async (where) => {
    const root = document.querySelector('[aria-label="Article text"]')!;
    // The second paragraph when asked for the start: the first is the headline.
    const block = root.children[Math.max(1, Math.floor(root.children.length * where))] as HTMLElement;
    block.scrollIntoView({ block: 'center' });
    await (window as unknown as BenchWindow).__bench.frames(3);
    const text = block.querySelector('span')?.firstChild as Text;
    const space = text.data.indexOf(' ', 20);
    const range = document.createRange();
    range.setStart(text, space);
    range.setEnd(text, space);
    const rect = range.getBoundingClientRect();
    return { x: rect.left, y: rect.top + rect.height / 2 };
  }, where);
  await page.mouse.click(at.x, at.y);
}

/** Letters and spaces, with a Backspace now and then and an Enter that splits the paragraph. */
function keySequence(count: number): string[] {
  const letters = 'reported by the agency on Thursday';
  return Array.from({ length: count }, (_, i) => {
    if (i === Math.floor(count / 2)) return 'Enter';
    if (i % 9 === 8) return 'Backspace';
    const c = letters[i % letters.length]!;
    return c === ' ' ? 'Space' : c;
  });
}
