/**
 * Headless Chromium for the benchmarks, logged in to the test host, with a few timing helpers
 * installed in every page it loads.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../support/browser.ts';

export interface BenchBrowser {
  browser: Browser;
  page: Page;
  /** Page errors and console errors seen so far: a run with any is not trustworthy. */
  problems: string[];
  close(): Promise<void>;
}

/** What `installPageHelpers` defines as `window.__bench`. */
export interface PageHelpers {
  /** Resolves at the start of the next animation frame (a requestAnimationFrame callback). */
  frame(): Promise<number>;
  frames(count: number): Promise<void>;
  /**
   * Polls `condition` once per animation frame; once it holds, returns performance.now() after
   * that frame has been rendered: a message posted from its requestAnimationFrame callback is
   * handled after the frame's style, layout and paint. So "painted" is the end of the first
   * frame that shows the change. (DESIGN.md's figures waited for the start of the frame after
   * it, "two animation frames": a frame later, which put the floor at about 33 ms.)
   */
  paintedAfter(condition: () => boolean, timeoutMs: number): Promise<number>;
  /** The number of ranges in all the Highlight objects of CSS.highlights. */
  highlightRanges(): number;
}

export type BenchWindow = Window & { __bench: PageHelpers };

export async function launchBrowser(loginUrl: string): Promise<BenchBrowser> {
  const browser = await chromium.launch({
    headless: true,
    executablePath: findChromium().path,
    args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc', '--enable-precise-memory-info'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    await context.addInitScript(installPageHelpers);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    await page.goto(loginUrl);
    return { browser, page, problems, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** Runs in the page (serialized by Playwright), so it may use nothing from this module. */
function installPageHelpers(): void {
  const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
  const helpers: PageHelpers = {
    frame,
    async frames(count) {
      for (let i = 0; i < count; i++) await frame();
    },
    paintedAfter(condition, timeoutMs) {
      const start = performance.now();
      return new Promise<number>((resolve, reject) => {
        const check = () => {
          if (condition()) {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve(performance.now());
            channel.port2.postMessage(null);
          } else if (performance.now() - start > timeoutMs) {
            reject(new Error(`Not painted within ${timeoutMs} ms.`));
          } else {
            requestAnimationFrame(check);
          }
        };
        requestAnimationFrame(check);
      });
    },
    highlightRanges() {
      let count = 0;
      CSS.highlights.forEach((highlight) => (count += highlight.size));
      return count;
    },
  };
  Object.defineProperty(window, '__bench', { value: helpers });
}
