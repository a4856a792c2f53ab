/**
 * The Analytics view (#/analytics) on a workspace of 100,000 short articles and 1,000,000
 * annotations, in headless Chromium against the built test host. Each article has 4 claims,
 * 3 sources, 1 anonymous attribution and 2 cues, with links: a claim attributed to a named
 * source, to the anonymous one, or to nothing; a cue linked to its claim. 10 outlets, 24 months,
 * about 2,000 source names and 40 cue verbs, both spread as Zipf's law has it.
 *
 * `analytics.open.1m`: the first open, from the route change to the first report painted: the
 *   worker builds the facts over the 1M annotations (electron/analytics/facts.ts) and counts.
 * `analytics.filter.p95`: choosing an outlet in the Outlet filter (specific outlets in turn with
 *   "All outlets" between them), from the change to the frame that shows the new report painted
 *   (the Figures region's data-painted counting up, which the view does once the frame with the
 *   report is painted; watched with a MutationObserver). The p95 of FILTER_RUNS changes.
 * `analytics.main_thread.max_task`: the longest main-thread task ('longtask' entries, 0 when none
 *   took 50 ms) during those filter changes, not during the first open.
 *
 * `analytics.merge.1m`: ticking the two most quoted sources, then Merge, from the click to the
 *   report painted with them as one (the merge is written by the worker, which keeps its facts);
 *   then unmerging, timed the same way (in the detail). Both checked on screen.
 *
 * Afterwards the report is asked for through the channel and checked against what was seeded, so
 * a view that paints the wrong thing fast shows as a problem, not as a good figure.
 */
import { v7 as uuidv7 } from 'uuid';
import type { AnalyticsReport } from '../../../schema/analytics.ts';
import type { BenchWindow } from '../browser.ts';
import { corpusWriters, openSeedTarget, randomAttributes, versionWriter } from '../bulk-seed.ts';
import { createRandom, type Random } from '../random.ts';
import type { Scenario, ScenarioGroup } from '../scenario.ts';
import { openSeededApp, type SeededApp } from '../seeded-app.ts';
import { median, percentile, round1 } from '../stats.ts';

const ARTICLES = 100_000;
/** Articles written per transaction. */
const BATCH = 5_000;
const FILTER_RUNS = 20;
const OPEN_TIMEOUT_MS = 180_000;
const PAINT_TIMEOUT_MS = 30_000;
const CLOSE_TIMEOUT_MS = 30_000;

const OUTLETS = [
  'Harbor Post', 'City Paper', 'The Ledger', 'Morning Wire', 'Valley Times',
  'Northern Courier', 'The Daily Dispatch', 'Coastal Herald', 'Metro Observer', 'The Evening Standard',
];
/** 24 months: 2023 and 2024. */
const FIRST_DAY = Date.UTC(2023, 0, 1);
const DAYS = 731;

const FIRST_NAMES = [
  'Maria', 'James', 'Aisha', 'Tomasz', 'Elena', 'David', 'Priya', 'Kwame', 'Sofia', 'Hiroshi',
  'Laura', 'Ahmed', 'Grace', 'Mateo', 'Ingrid', 'Samuel', 'Fatima', 'Oliver', 'Nadia', 'Liam',
  'Chen', 'Ana', 'Pierre', 'Yusuf', 'Helga', 'Rahul', 'Marta', 'Jonas', 'Leila', 'Diego',
  'Mei', 'Viktor', 'Amara', 'Lukas', 'Carmen', 'Tariq', 'Sara', 'Niko', 'Olga', 'Felix',
  'Zara', 'Emil', 'Rosa', 'Kenji', 'Hana', 'Paulo', 'Irene', 'Omar', 'Lena', 'Bruno',
];
const LAST_NAMES = [
  'Alvarez', 'Okafor', 'Lindqvist', 'Kowalski', 'Brennan', 'Nakamura', 'Haddad', 'Fischer',
  'Mensah', 'Rossi', 'Patel', 'Dubois', 'Henderson', 'Novak', 'Sato', 'Murphy', 'Costa', 'Weber',
  'Jansen', 'Moreau', 'Schmidt', 'Ivanova', 'Kaur', 'Berg', 'Silva', 'Tanaka', 'Nowak', 'Horvat',
  'Larsen', 'Ortega', 'Kim', 'Popescu', 'Varga', 'Eriksen', 'Romero', 'Adeyemi', 'Yilmaz', 'Marsh',
  'Keller', 'Duarte',
];
/** 50 x 40 = 2,000 names, rank 1 the most quoted. */
const SOURCE_NAMES = LAST_NAMES.flatMap((last) => FIRST_NAMES.map((first) => `${first} ${last}`));
/** 40 cue verbs, the most used first. */
const CUE_VERBS = [
  'said', 'according to', 'told', 'added', 'claimed', 'stated', 'noted', 'warned', 'argued', 'insisted',
  'explained', 'wrote', 'announced', 'confirmed', 'denied', 'suggested', 'reported', 'estimated', 'acknowledged', 'admitted',
  'alleged', 'asserted', 'contended', 'declared', 'disclosed', 'emphasized', 'indicated', 'maintained', 'observed', 'pointed out',
  'predicted', 'recalled', 'remarked', 'revealed', 'stressed', 'testified', 'conceded', 'complained', 'cautioned', 'hinted',
];
/** Anonymous attributions as written, and the descriptor their attributes record. */
const ANONYMOUS = [
  ['officials', 'officials'],
  ['a senior official', 'officials'],
  ['two officials involved in the talks', 'officials'],
  ['people familiar with the matter', 'people familiar with the matter'],
  ['a person with knowledge of the negotiations', 'people familiar with the matter'],
  ['a government source', 'government sources'],
  ['industry executives', 'executives'],
  ['diplomats', 'diplomats'],
] as const;
const ORGANIZATIONS = [
  'the Ministry of Transport', 'the harbor authority', 'Northline Ferries', 'the city council',
  'the European Commission', 'the port workers’ union', 'Baltic Shipping Group', 'the central bank',
  'the regional government', 'the competition regulator', 'Meridian Capital', 'the coast guard',
];
const TOPICS = [
  'the ferry contract', 'the budget shortfall', 'the merger', 'the safety review', 'the subsidy program',
  'the tender', 'the pension reform', 'the emissions target', 'the expansion plan', 'the audit',
];
const VERBS_PAST = ['approved', 'delayed', 'rejected', 'questioned', 'postponed', 'defended', 'criticized', 'suspended'];
const VERBS = ['approve', 'delay', 'reject', 'review', 'expand', 'cut', 'suspend', 'renegotiate'];
const MONTHS = ['January', 'March', 'April', 'June', 'September', 'October', 'November', 'December'];
const CLAIMS: readonly ((r: Random) => string)[] = [
  (r) => `${r.pick(ORGANIZATIONS)} ${r.pick(VERBS_PAST)} ${r.pick(TOPICS)} without consulting the unions`,
  (r) => `${r.pick(ORGANIZATIONS)} was preparing to ${r.pick(VERBS)} ${r.pick(TOPICS)} before the summer`,
  (r) => `the cost of ${r.pick(TOPICS)} had risen to ${r.int(2, 950)} million euros`,
  (r) => `${r.pick(TOPICS)} would be decided in ${r.pick(MONTHS)} at the earliest`,
  (r) => `${r.pick(ORGANIZATIONS)} had been warned about ${r.pick(TOPICS)} as early as ${r.pick(MONTHS)}`,
  (r) => `${r.pick(ORGANIZATIONS)} expects ${r.pick(TOPICS)} to cost ${r.int(2, 48)} percent more than planned`,
];

export interface AnalyticsSeed {
  articles: number;
  annotations: number;
  relations: number;
  characters: number;
  /** Claims by the kind of source they are attributed to, as the facts should count them. */
  claims: { named: number; anonymous: number; unsourced: number };
  /** Claims of each outlet. */
  byOutlet: Record<string, number>;
  /** Claims with a cue linked, and how many of them with each verb. */
  cued: number;
  cues: Record<string, number>;
  distinctSources: number;
  seconds: number;
}

interface OpenRun {
  ms: number;
  painted: number;
}

interface FilterRuns {
  samples: { outlet: string; ms: number; painted: number }[];
  longTasks: number[];
  longestFrame: number;
  /** What ran in the longest animation frame: its scripts' invokers and times (LoAF attribution). */
  longestFrameScripts: string;
  detail: string;
  problems: string[];
}

interface MergeRun {
  mergeMs: number;
  unmergeMs: number;
  merged: string;
  problems: string[];
}

interface Fixture {
  app: SeededApp<AnalyticsSeed>;
  open: OpenRun;
  filters?: Promise<FilterRuns>;
  merge?: Promise<MergeRun>;
}

export function analyticsScenarios(): ScenarioGroup {
  let fixture: Promise<Fixture> | null = null;
  const opened = () => (fixture ??= createFixture());
  const filtered = async () => {
    const f = await opened();
    return (f.filters ??= measureFilters(f));
  };
  const scenarios: Scenario[] = [
    {
      id: 'analytics.open.1m',
      unit: 'ms',
      // No target was set; 10 s is what the first open of 1M annotations may take.
      target: 10_000,
      run: async () => {
        const { app, open } = await opened();
        const s = app.seeded;
        return {
          value: round1(open.ms),
          n: 1,
          runs: [open.ms],
          detail:
            `the first report over ${s.articles} articles, ${s.annotations} annotations, ${s.relations} links ` +
            `(${s.claims.named + s.claims.anonymous + s.claims.unsourced} claims, ${s.distinctSources} source names, seeded in ${round1(s.seconds)} s); ` +
            `data-painted ${open.painted} at the end`,
          problem: problemsOf(app),
        };
      },
    },
    {
      id: 'analytics.filter.p95',
      unit: 'ms',
      target: 300,
      run: async () => {
        const runs = await filtered();
        const times = runs.samples.map((s) => s.ms);
        const p95 = percentile(times, 95);
        return {
          value: round1(p95),
          n: times.length,
          runs: [p95],
          detail: runs.detail,
          problem: runs.problems.length > 0 ? runs.problems.join('; ') : undefined,
        };
      },
    },
    {
      id: 'analytics.main_thread.max_task',
      unit: 'ms',
      target: 50,
      run: async () => {
        const runs = await filtered();
        const longest = Math.max(0, ...runs.longTasks);
        return {
          value: round1(longest),
          n: runs.samples.length,
          runs: [longest],
          detail:
            `the longest 'longtask' during ${runs.samples.length} filter changes (0 when none took 50 ms); ` +
            `${runs.longTasks.length} long tasks (${runs.longTasks.map(round1).join(', ') || 'none'}); ` +
            `the longest animation frame ${round1(runs.longestFrame)} ms (${runs.longestFrameScripts || 'no scripts attributed'})`,
        };
      },
    },
    {
      id: 'analytics.merge.1m',
      unit: 'ms',
      // A merge is a change of the figures like a filter's: the same 300 ms.
      target: 300,
      run: async () => {
        const f = await opened();
        await filtered();
        const run = await (f.merge ??= measureMerge(f));
        return {
          value: round1(run.mergeMs),
          n: 1,
          runs: [run.mergeMs],
          detail: `from the click on Merge to the report painted with ${run.merged} as one; unmerging again ${round1(run.unmergeMs)} ms`,
          problem: run.problems.length > 0 ? run.problems.join('; ') : undefined,
        };
      },
    },
  ];
  return {
    scenarios,
    async close() {
      const f = await fixture?.catch(() => null);
      await f?.filters?.catch(() => null);
      await f?.merge?.catch(() => null);
      if (f) await closeWithin(f.app);
    },
  };
}

function problemsOf(app: SeededApp<unknown>): string | undefined {
  const problems = app.browser.problems.splice(0);
  return problems.length > 0 ? problems.join('; ') : undefined;
}

async function createFixture(): Promise<Fixture> {
  const app = await openSeededApp('byline-bench-analytics-', seedAnalytics);
  try {
    const s = app.seeded;
    process.stderr.write(
      `[bench] seeded ${s.articles} articles (${round1(s.characters / 1e6)} M characters), ${s.annotations} annotations, ` +
        `${s.relations} links in ${round1(s.seconds)} s\n`,
    );
    return { app, open: await measureOpen(app) };
  } catch (error) {
    await closeWithin(app);
    throw error;
  }
}

/**
 * Closes the app, but waits at most CLOSE_TIMEOUT_MS: a test host whose analytics worker is still
 * in the middle of one SQLite statement (a first open that timed out) does not exit on SIGTERM
 * until the statement ends, which would hold up the rest of the bench.
 */
async function closeWithin(app: SeededApp<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), CLOSE_TIMEOUT_MS)));
  const outcome = await Promise.race([app.close().then(() => 'closed' as const), late]);
  clearTimeout(timer);
  if (outcome === 'late') {
    process.stderr.write(`[bench] analytics: the test host had not stopped ${CLOSE_TIMEOUT_MS / 1000} s after SIGTERM (its analytics worker busy?); left to exit on its own\n`);
  }
}

/** What `installFinder` defines in the page. */
type FinderWindow = BenchWindow & {
  /** The Figures region (a <section> or role="region" named "Figures"), as page.getByRole('region', { name: 'Figures' }) finds it. */
  __figures(): Element | null;
  /**
   * Resolves with performance.now() as soon as the region's data-painted is above `above` and it
   * is not aria-busy: the view sets data-painted once the frame with the new report has been
   * painted (renderer/common/after-paint.ts), so that moment is the end of the painted frame.
   * Watched with a MutationObserver, whose callback runs right after the attribute is set.
   */
  __figuresPainted(above: number, timeoutMs: number): Promise<number>;
};

/** Defines FinderWindow's helpers in the page (by an evaluate: the app's CSP allows no eval). */
async function installFinder(page: SeededApp<unknown>['browser']['page']): Promise<void> {
  await page.evaluate(() => {
    const named = (el: Element) => {
      const label = el.getAttribute('aria-label');
      if (label !== null) return label.trim();
      const ids = el.getAttribute('aria-labelledby');
      return ids ? ids.split(/\s+/).map((id) => document.getElementById(id)?.textContent?.trim() ?? '').join(' ').trim() : '';
    };
    const figures = () => [...document.querySelectorAll('section, [role="region"]')].find((el) => named(el) === 'Figures') ?? null;
    const painted = (above: number, timeoutMs: number) =>
      new Promise<number>((resolve, reject) => {
        const done = () => {
          const region = figures();
          return region !== null && Number(region.getAttribute('data-painted')) > above && region.getAttribute('aria-busy') !== 'true';
        };
        const observer = new MutationObserver(() => {
          if (!done()) return;
          const at = performance.now();
          observer.disconnect();
          clearTimeout(timer);
          resolve(at);
        });
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`The Figures region did not count a report past ${above} within ${timeoutMs} ms.`));
        }, timeoutMs);
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-painted', 'aria-busy'] });
        if (done()) {
          observer.disconnect();
          clearTimeout(timer);
          resolve(performance.now());
        }
      });
    Object.defineProperty(window, '__figures', { configurable: true, value: figures });
    Object.defineProperty(window, '__figuresPainted', { configurable: true, value: painted });
  });
}

/** From the library, the route change to #/analytics until the first report is painted. */
async function measureOpen(app: SeededApp<AnalyticsSeed>): Promise<OpenRun> {
  const { page } = app.browser;
  await page.goto(`${app.host.origin}/#/`);
  await page.getByRole('heading', { name: 'Library' }).waitFor();
  await installFinder(page);
  await page.evaluate(async () => {
    (globalThis as unknown as { gc(): void }).gc();
    await (window as unknown as BenchWindow).__bench.frames(5);
  });
  const run = await page.evaluate(
    async ({ timeoutMs }) => {
      const w = window as unknown as FinderWindow;
      const start = performance.now();
      location.hash = '#/analytics';
      const end = await w.__figuresPainted(0, timeoutMs);
      return { ms: end - start, painted: Number(w.__figures()!.getAttribute('data-painted')) };
    },
    { timeoutMs: OPEN_TIMEOUT_MS },
  );
  // The region found in the page is the one the contract names.
  const region = page.getByRole('region', { name: 'Figures' });
  if ((await region.count()) !== 1) throw new Error(`${await region.count()} regions named Figures, not one.`);
  return run;
}

/**
 * Chooses outlets in the Outlet filter as the person does (an outlet, all outlets, the next
 * outlet…), each timed in the page from the change until the Figures region says a new report is
 * drawn and that frame is painted; long tasks and frames are observed from before the first.
 */
async function measureFilters(f: Fixture): Promise<FilterRuns> {
  const { page } = f.app.browser;
  // Not page.getByLabel('Outlet'), which also finds the outlet figure's section, canvas and table.
  const select = page.getByRole('combobox', { name: 'Outlet', exact: true });
  if ((await select.count()) !== 1) throw new Error(`${await select.count()} Outlet filters, not one.`);
  const options = await select.locator('option').evaluateAll((els) => els.map((el) => ({ value: (el as HTMLOptionElement).value, text: el.textContent?.trim() ?? '' })));
  const problems: string[] = [];
  if (options[0]?.value !== '' || options[0]?.text !== 'All outlets') problems.push(`the first outlet option is ${JSON.stringify(options[0])}, not "All outlets"`);
  const listed = options.slice(1).map((o) => o.value);
  const missing = OUTLETS.filter((o) => !listed.includes(o));
  if (missing.length > 0) throw new Error(`The Outlet filter has no option for ${missing.join(', ')} (it has ${listed.join(', ')}).`);

  await page.evaluate(async () => {
    const w = window as unknown as BenchWindow & { __analyticsTasks?: { longtask: number[]; frame: number; scripts: string } };
    const seen = { longtask: [] as number[], frame: 0, scripts: '' };
    w.__analyticsTasks = seen;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) seen.longtask.push(entry.duration);
    }).observe({ type: 'longtask', buffered: false });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.duration <= seen.frame) continue;
        seen.frame = entry.duration;
        // PerformanceLongAnimationFrameTiming is not in TypeScript's DOM types yet.
        const scripts = (entry as unknown as { scripts?: { invoker: string; sourceFunctionName: string; duration: number; forcedStyleAndLayoutDuration: number }[] }).scripts ?? [];
        seen.scripts = scripts
          .map((x) => `${x.invoker}${x.sourceFunctionName ? ` ${x.sourceFunctionName}` : ''} ${Math.round(x.duration)} ms` + (x.forcedStyleAndLayoutDuration >= 1 ? `, ${Math.round(x.forcedStyleAndLayoutDuration)} ms forced layout` : ''))
          .join('; ');
      }
    }).observe({ type: 'long-animation-frame', buffered: false });
    await w.__bench.frames(5);
  });

  const samples: FilterRuns['samples'] = [];
  for (let k = 0; k < FILTER_RUNS; k++) {
    const outlet = k % 2 === 0 ? OUTLETS[(k / 2) % OUTLETS.length]! : '';
    const handle = await select.elementHandle();
    if (!handle) throw new Error('The Outlet filter is gone.');
    const run = await page.evaluate(
      async ({ element, value, timeoutMs }) => {
        const w = window as unknown as FinderWindow;
        const count = () => Number(w.__figures()?.getAttribute('data-painted'));
        const chooser = element as HTMLSelectElement;
        const before = count();
        const start = performance.now();
        // What Playwright's selectOption does: the option chosen, then input and change.
        chooser.value = value;
        chooser.dispatchEvent(new Event('input', { bubbles: true }));
        chooser.dispatchEvent(new Event('change', { bubbles: true }));
        const end = await w.__figuresPainted(before, timeoutMs);
        const painted = count() - before;
        // Let a second report, if one follows, show before the next change.
        await w.__bench.frames(10);
        return { ms: end - start, painted, chosen: chooser.value, after: count() - before };
      },
      { element: handle, value: outlet, timeoutMs: PAINT_TIMEOUT_MS },
    );
    await handle.dispose();
    if (run.chosen !== outlet) problems.push(`run ${k + 1}: the filter shows "${run.chosen}" after "${outlet}" was chosen`);
    if (run.after !== 1) problems.push(`run ${k + 1} (${outlet || 'all'}): data-painted went up by ${run.after}, not 1`);
    samples.push({ outlet, ms: run.ms, painted: run.painted });
  }
  const observed = await page.evaluate(() => {
    const seen = (window as unknown as { __analyticsTasks: { longtask: number[]; frame: number; scripts: string } }).__analyticsTasks;
    return { longtask: [...seen.longtask], frame: seen.frame, scripts: seen.scripts };
  });

  const check = await checkReport(f);
  problems.push(...check.problems);
  problems.push(...f.app.browser.problems.splice(0));
  const times = samples.map((s) => s.ms);
  const specific = samples.filter((s) => s.outlet).map((s) => s.ms);
  const all = samples.filter((s) => !s.outlet).map((s) => s.ms);
  return {
    samples,
    longTasks: observed.longtask,
    longestFrame: observed.frame,
    longestFrameScripts: observed.scripts,
    detail:
      `from the change to the report painted (ms): ${samples.map((s) => `${s.outlet || 'all'} ${round1(s.ms)}`).join(', ')}; ` +
      `median ${round1(median(times))}, one outlet ${round1(median(specific))}, all outlets ${round1(median(all))}; ` +
      check.detail,
    problems,
  };
}

/** Clicks `button` in the page and times it until the Figures region counts the next report painted. */
async function timedClick(page: SeededApp<unknown>['browser']['page'], button: import('@playwright/test').Locator): Promise<number> {
  const handle = await button.elementHandle();
  if (!handle) throw new Error('The button to time is gone.');
  try {
    return await page.evaluate(
      async ({ element, timeoutMs }) => {
        const w = window as unknown as FinderWindow;
        const before = Number(w.__figures()?.getAttribute('data-painted'));
        const start = performance.now();
        (element as HTMLButtonElement).click();
        return (await w.__figuresPainted(before, timeoutMs)) - start;
      },
      { element: handle, timeoutMs: OPEN_TIMEOUT_MS },
    );
  } finally {
    await handle.dispose();
  }
}

/** Merges the two most quoted sources as the person does, then unmerges them; each timed to the report painted. */
async function measureMerge(f: Fixture): Promise<MergeRun> {
  const { page } = f.app.browser;
  const problems: string[] = [];
  const table = page.getByRole('table', { name: 'Most quoted sources' });
  const boxes = table.getByRole('checkbox');
  const names = (await boxes.evaluateAll((els) => els.slice(0, 2).map((el) => el.getAttribute('aria-label') ?? ''))).map((label) => label.replace(/^Merge “(.*)”$/, '$1'));
  if (names.length < 2) throw new Error(`The sources table offers ${names.length} sources to merge, not two or more.`);
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  const mergeMs = await timedClick(page, page.getByRole('form', { name: 'Merge sources' }).getByRole('button', { name: 'Merge' }));
  const first = (await table.getByRole('row').nth(1).getByRole('rowheader').textContent())?.trim() ?? '';
  // The alias shows as its key (case-folded).
  if (!first.toLowerCase().startsWith(`${names[0]} + ${names[1]}`.toLowerCase())) problems.push(`after the merge the first source reads "${first}", not ${names[0]} + ${names[1]}`);
  const unmergeMs = await timedClick(page, table.getByRole('button', { name: /^Count “.+” on its own again$/ }));
  const again = (await table.getByRole('row').nth(1).getByRole('rowheader').textContent())?.trim() ?? '';
  if (again !== names[0]) problems.push(`after unmerging the first source reads "${again}", not ${names[0]}`);
  problems.push(...f.app.browser.problems.splice(0));
  return { mergeMs, unmergeMs, merged: `“${names[0]}” and “${names[1]}”`, problems };
}

/**
 * The report asked for through the channel, as the view asks for it: its counts against the
 * seed's, and how long the worker takes for one on its own (the rest of a filter change is the
 * view's).
 */
async function checkReport(f: Fixture): Promise<{ problems: string[]; detail: string }> {
  const s = f.app.seeded;
  const answer = await f.app.browser.page.evaluate(
    async ({ outlets }) => {
      const compute = async (chosen: string[]) => {
        const start = performance.now();
        const reply = await window.byline.invoke('analytics.compute', {
          scope: { kind: 'all' },
          layerId: null,
          outlets: chosen,
          from: null,
          to: null,
          claimLabelIds: null,
        });
        if (!reply.ok) throw new Error(reply.error.message);
        return { ms: performance.now() - start, report: reply.value as AnalyticsReport };
      };
      const one: number[] = [];
      const all: number[] = [];
      let report: AnalyticsReport | null = null;
      let outlet: { name: string; claims: number } | null = null;
      for (let i = 0; i < 3; i++) {
        const a = await compute([]);
        all.push(a.ms);
        report = a.report;
        const o = await compute([outlets[i]!]);
        one.push(o.ms);
        outlet ??= { name: outlets[i]!, claims: o.report.totals.claims };
      }
      return {
        one,
        all,
        bytes: JSON.stringify(report).length,
        counts: report!.totals.counts,
        claims: report!.totals.claims,
        articles: report!.totals.articles,
        outlets: report!.byOutlet.length,
        months: report!.byMonth.length,
        sources: report!.sources.length,
        topCue: report!.cues[0] ?? null,
        cued: report!.cues.reduce((sum, c) => sum + c.total, 0),
        cueRows: report!.cues.length,
        cueLabel: report!.roles.cue?.name ?? null,
        justification: report!.anonymity.justification,
        outlet,
      };
    },
    { outlets: OUTLETS },
  );
  const problems: string[] = [];
  const expect = (what: string, got: unknown, want: unknown) => {
    if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`the report has ${what} ${JSON.stringify(got)}, not ${JSON.stringify(want)}`);
  };
  expect('claims by kind', answer.counts, { anonymous: s.claims.anonymous, named: s.claims.named, unsourced: s.claims.unsourced });
  expect('articles', answer.articles, s.articles);
  expect('outlets', answer.outlets, OUTLETS.length);
  expect('months', answer.months, 24);
  expect('the cue label', answer.cueLabel, 'Cue');
  expect('cued claims', answer.cued, s.cued);
  expect('the top cue', answer.topCue && { cue: answer.topCue.cue, total: answer.topCue.total }, { cue: 'said', total: s.cues.said });
  if (answer.outlet) expect(`claims in ${answer.outlet.name}`, answer.outlet.claims, s.byOutlet[answer.outlet.name]);
  return {
    problems,
    detail:
      `alone, analytics.compute took ${round1(median(answer.all))} ms for all outlets and ${round1(median(answer.one))} ms for one ` +
      `(${(answer.bytes / 1e3).toFixed(0)} kB of JSON); ${answer.sources} sources, ${answer.cueRows} cues listed`,
  };
}

/** Draws ranks 0..n-1 with P(rank k) proportional to 1 / (k + 1)^exponent. */
function zipf(n: number, exponent: number): (random: Random) => number {
  const cumulative: number[] = [];
  let sum = 0;
  for (let k = 0; k < n; k++) cumulative.push((sum += 1 / (k + 1) ** exponent));
  return (random) => {
    const x = random.next() * sum;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! < x) low = mid + 1;
      else high = mid;
    }
    return low;
  };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

interface Span {
  start: number;
  end: number;
}

/** A text built piece by piece, remembering where the annotated pieces are. */
class Text {
  value = '';
  add(piece: string): this {
    this.value += piece;
    return this;
  }
  span(piece: string): Span {
    const start = this.value.length;
    this.value += piece;
    return { start, end: this.value.length };
  }
}

/**
 * Writes the corpus straight into the workspace, as the other scenarios do (the store has no
 * bulk API), BATCH articles per transaction, after adding the Cue label the view counts cues by.
 */
export function seedAnalytics(workspacePath: string): AnalyticsSeed {
  const started = performance.now();
  const { db, local, spanLabel, linkLabel } = openSeedTarget(workspacePath);
  const seed: AnalyticsSeed = {
    articles: 0,
    annotations: 0,
    relations: 0,
    characters: 0,
    claims: { named: 0, anonymous: 0, unsourced: 0 },
    byOutlet: Object.fromEntries(OUTLETS.map((o) => [o, 0])),
    cued: 0,
    cues: {},
    distinctSources: 0,
    seconds: 0,
  };
  try {
    db.pragma('cache_size = -262144');
    const cueLabel = uuidv7();
    db.prepare(
      `INSERT INTO labels (id, name, color, hotkey, kind, position, attributes)
       VALUES (?, 'Cue', '#5f6b00', NULL, 'span', (SELECT coalesce(max(position), 0) + 1 FROM labels WHERE kind = 'span'), '[]')`,
    ).run(cueLabel);
    const insertDocument = db.prepare(
      `INSERT INTO documents (id, title, outlet, published_at, origin_format, version, word_count, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'bench', 1, ?, ?, ?)`,
    );
    const insertVersion = versionWriter(db);
    const { insertAnnotation, insertFragment, insertRelation } = corpusWriters(db);
    const random = createRandom(2_000_000);
    const sourceRank = zipf(SOURCE_NAMES.length, 1);
    const cueRank = zipf(CUE_VERBS.length, 1.1);
    const outletRank = zipf(OUTLETS.length, 0.6);
    const sourcesSeen = new Set<number>();

    const writeArticle = (i: number) => {
      const day = new Date(FIRST_DAY + Math.floor((i * DAYS) / ARTICLES) * 86_400_000).toISOString().slice(0, 10);
      const at = `${day}T${String(6 + (i % 14)).padStart(2, '0')}:00:00.000Z`;
      const outlet = OUTLETS[outletRank(random)]!;
      const names: number[] = [];
      while (names.length < 3) {
        const rank = sourceRank(random);
        if (!names.includes(rank)) names.push(rank);
      }
      for (const rank of names) sourcesSeen.add(rank);
      const [anonymous, descriptor] = random.pick(ANONYMOUS);
      const cueOf = () => CUE_VERBS[cueRank(random)]!;
      // The fourth claim: a third named source (55%), the anonymous one again (15%) or none.
      const roll = random.next();
      const last = roll < 0.55 ? 'named' : roll < 0.7 ? 'anonymous' : 'unsourced';

      const title = cap(random.pick(CLAIMS)(random)).slice(0, 90);
      const t = new Text().add(`${title}\n\n`);
      const claims: Span[] = [];
      const cues: (Span | null)[] = [];
      const sources: Span[] = [];
      // A claim, its cue and who said it, in one sentence: “…,” said X. or …, according to X.
      const attributed = (who: string, cue: string): Span => {
        const claim = cap(random.pick(CLAIMS)(random));
        if (cue === 'according to') {
          claims.push(t.span(claim));
          t.add(', ');
        } else {
          t.add('“');
          claims.push(t.span(claim));
          t.add(',” ');
        }
        cues.push(t.span(cue));
        t.add(' ');
        const source = t.span(who);
        t.add('. ');
        return source;
      };
      sources.push(attributed(SOURCE_NAMES[names[0]!]!, cueOf()));
      const anonymousSpan = attributed(anonymous, cueOf());
      sources.push(attributed(SOURCE_NAMES[names[1]!]!, cueOf()));
      t.add('\n\n');
      if (last === 'named') sources.push(attributed(SOURCE_NAMES[names[2]!]!, cueOf()));
      else {
        if (last === 'anonymous') {
          // “…,” they added: the same anonymous source, no second span for it.
          t.add('“');
          claims.push(t.span(cap(random.pick(CLAIMS)(random))));
          t.add(',” they ');
          cues.push(t.span(random.pick(['added', 'said', 'warned'])));
        } else {
          claims.push(t.span(cap(random.pick(CLAIMS)(random))));
          cues.push(null);
        }
        // The third named source, to whom nothing is attributed.
        t.add('. ');
        sources.push(t.span(SOURCE_NAMES[names[2]!]!));
        t.add(' declined to comment.');
      }
      const text = t.value.trimEnd();

      const documentId = uuidv7();
      insertDocument.run(documentId, title, outlet, day, text.split(/\s+/).length, at, at);
      insertVersion(documentId, text, at);
      const annotate = (span: Span, label: string, attributes: string) => {
        const id = uuidv7();
        insertAnnotation.run(id, documentId, local, label, text.slice(span.start, span.end), attributes, at, at);
        insertFragment.run(id, span.start, span.end);
        seed.annotations++;
        return id;
      };
      const link = (from: string, to: string) => {
        insertRelation.run(uuidv7(), documentId, local, linkLabel, from, to, at, at);
        seed.relations++;
      };
      const claimIds = claims.map((span) => annotate(span, spanLabel.claim, randomAttributes('claim', random)));
      const sourceIds = sources.map((span) => annotate(span, spanLabel.source, randomAttributes('source', random)));
      const justification = random.next();
      const anonymousId = annotate(
        anonymousSpan,
        spanLabel.anonymous,
        JSON.stringify(justification < 0.15 ? { descriptor } : { descriptor, justification: justification < 0.55 }),
      );
      link(claimIds[0]!, sourceIds[0]!);
      link(claimIds[1]!, anonymousId);
      link(claimIds[2]!, sourceIds[1]!);
      if (last === 'named') link(claimIds[3]!, sourceIds[2]!);
      else if (last === 'anonymous') link(claimIds[3]!, anonymousId);
      seed.claims.named += last === 'named' ? 3 : 2;
      seed.claims.anonymous += last === 'anonymous' ? 2 : 1;
      seed.claims.unsourced += last === 'unsourced' ? 1 : 0;
      seed.byOutlet[outlet]! += 4;
      // Two cues, of two of the claims that have one, each linked to its claim.
      const withCue = claims.map((_, k) => k).filter((k) => cues[k]);
      while (withCue.length > 2) withCue.splice(random.int(0, withCue.length - 1), 1);
      for (const k of withCue) {
        const cue = cues[k]!;
        link(claimIds[k]!, annotate(cue, cueLabel, '{}'));
        const verb = text.slice(cue.start, cue.end);
        seed.cues[verb] = (seed.cues[verb] ?? 0) + 1;
        seed.cued++;
      }
      seed.articles++;
      seed.characters += text.length;
    };

    for (let first = 0; first < ARTICLES; first += BATCH) {
      db.transaction(() => {
        for (let i = first; i < Math.min(first + BATCH, ARTICLES); i++) writeArticle(i);
      })();
    }
    seed.distinctSources = sourcesSeen.size;
  } finally {
    db.close();
  }
  seed.seconds = (performance.now() - started) / 1000;
  return seed;
}
