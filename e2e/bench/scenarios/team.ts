/**
 * The team scenarios, on a throwaway PostgreSQL cluster (electron/testing/pg-cluster.ts), set up
 * with the built command line as a team admin does it (`byline team init`, `team add`).
 *
 * `team.sync.initial_10k`: an admin's workspace with 10,000 articles of news length and 100,000
 * annotations (10 per article, with links) is connected and sent up; then an analyst connects a
 * new workspace and brings it all down. The figure is that command's own time (`byline team
 * connect`, under cli-probe.ts): connecting, the pull of every article, annotation and link in one
 * snapshot, and storing them. The workspace is checked for every one of them afterwards.
 *
 * `team.latency.p95`: two test hosts, Ana's and Ben's, on their own workspaces connected to one
 * team; Ben's page shows the review of an article, his layer against Ana's. Ana tags a span
 * (through her page's channel, as the annotate view sends it), and the figure is the time from
 * her call to Ben's review view having painted a difference more: her push, the server's
 * NOTIFY, Ben's pull, his page's new comparison. The p95 of TAGS tags, one at a time.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { findPostgres, PgCluster } from '../../../electron/testing/pg-cluster.ts';
import { launchBrowser, type BenchBrowser, type BenchWindow } from '../browser.ts';
import { corpusWriters, newsArticle, openSeedTarget, randomAttributes } from '../bulk-seed.ts';
import { copyCli, runCli, type CliFixture } from '../cli-run.ts';
import { snapshotBuild, startHost, type RunningHost } from '../host.ts';
import { planAnnotations } from '../plan-annotations.ts';
import { createRandom } from '../random.ts';
import type { Measurement, Scenario, ScenarioGroup } from '../scenario.ts';
import { percentile, round1 } from '../stats.ts';

const ARTICLES = 10_000;
const ANNOTATIONS_PER_ARTICLE = 10;
const LINKS_PER_ARTICLE = 3;
const TAGS = 30;

interface Team {
  cluster: PgCluster;
  cli: CliFixture;
  /** The address of a database of the team for a role, with its password. */
  address(database: string, role: string): string;
}

export function teamScenarios(): ScenarioGroup {
  const cleanups: (() => unknown)[] = [];
  let team: Promise<Team> | null = null;
  const scenarios: Scenario[] = [
    { id: 'team.sync.initial_10k', unit: 's', target: 30, run: async () => measureInitialSync(await (team ??= startTeam(cleanups)), cleanups) },
    { id: 'team.latency.p95', unit: 'ms', target: 1000, run: async () => measureLatency(await (team ??= startTeam(cleanups)), cleanups) },
  ];
  return {
    scenarios,
    async close() {
      await team?.catch(() => undefined);
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    },
  };
}

async function startTeam(cleanups: (() => unknown)[]): Promise<Team> {
  const postgres = findPostgres();
  if ('missing' in postgres) throw new Error(`The team scenarios need PostgreSQL: ${postgres.missing}.`);
  const cluster = await PgCluster.start(postgres.bin);
  cleanups.push(() => cluster.stop());
  const cli = await copyCli('byline-bench-team-', cleanups);
  const passwords = new Map<string, string>();
  const team: Team = { cluster, cli, address: (database, role) => cluster.url(role, passwords.get(role), database) };
  const superuser = new pg.Client({ connectionString: cluster.url() });
  await superuser.connect();
  try {
    for (const database of ['initial', 'latency']) await superuser.query(`CREATE DATABASE ${database}`);
  } finally {
    await superuser.end();
  }
  for (const database of ['initial', 'latency']) await runCli(cli, ['team', 'init', cluster.url('postgres', undefined, database)]);
  for (const [name, role] of [['ada', 'admin'], ['ana', 'analyst'], ['ben', 'analyst']] as const) {
    const { stdout } = await runCli(cli, ['team', 'add', cluster.url('postgres', undefined, 'initial'), name, '--as', role]);
    passwords.set(name, /with the password (\S+)/.exec(stdout)![1]!);
  }
  return team;
}

async function measureInitialSync(team: Team, cleanups: (() => unknown)[]): Promise<Measurement> {
  const started = performance.now();
  const seeded = seedAdminWorkspace(team.cli.workspace);
  process.stderr.write(
    `[bench] seeded ${ARTICLES} articles (${round1(seeded.characters / 1e6)} M characters), ${seeded.annotations} annotations, ` +
      `${seeded.relations} links in ${Math.round((performance.now() - started) / 1000)} s\n`,
  );
  const up = await runCli(team.cli, ['team', 'connect', team.address('initial', 'ada'), '--workspace', team.cli.workspace]);
  const analyst = join(team.cli.folder, 'analyst.sqlite');
  cleanups.push(() => rmSync(analyst, { force: true }));
  const down = await runCli(team.cli, ['team', 'connect', team.address('initial', 'ana'), '--workspace', analyst]);
  const problems: string[] = [];
  const db = new Database(analyst, { readonly: true });
  try {
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    const articles = count("SELECT count(*) FROM documents WHERE origin_format = 'bench'");
    const annotations = count('SELECT count(*) FROM annotations');
    const relations = count('SELECT count(*) FROM relations');
    if (articles !== ARTICLES) problems.push(`${articles} articles arrived, not ${ARTICLES}`);
    if (annotations !== seeded.annotations) problems.push(`${annotations} annotations arrived, not ${seeded.annotations}`);
    if (relations !== seeded.relations) problems.push(`${relations} links arrived, not ${seeded.relations}`);
  } finally {
    db.close();
  }
  const seconds = down.commandMs / 1000;
  return {
    value: round1(seconds),
    n: 1,
    runs: [round1(seconds)],
    detail:
      `the analyst's connect and first pull took ${seconds.toFixed(1)} s (the whole command ${(down.wallMs / 1000).toFixed(1)} s, ` +
      `peak ${round1(down.peakMb)} MB); the admin's first push of it all took ${(up.commandMs / 1000).toFixed(1)} s ` +
      `(peak ${round1(up.peakMb)} MB)`,
    problem: problems.length > 0 ? problems.join('; ') : undefined,
  };
}

/** The admin's corpus, written straight into the workspace as the other scenarios do (the store has no bulk API). */
function seedAdminWorkspace(workspacePath: string): { annotations: number; relations: number; characters: number } {
  const { db, local, spanLabel, linkLabel } = openSeedTarget(workspacePath);
  const seeded = { annotations: 0, relations: 0, characters: 0 };
  try {
    const { insertArticle, insertAnnotation, insertFragment, insertRelation } = corpusWriters(db);
    const random = createRandom(16);
    db.transaction(() => {
      for (let i = 0; i < ARTICLES; i++) {
        const { title, text } = newsArticle(2500 + ((i * 7919) % 1500), 50_000 + i);
        const at = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
        const documentId = uuidv7();
        insertArticle(documentId, title, text, at);
        const plan = planAnnotations(text, { annotations: ANNOTATIONS_PER_ARTICLE, overlapping: 1, links: LINKS_PER_ARTICLE });
        const ids = plan.spans.map((span) => {
          const id = uuidv7();
          insertAnnotation.run(id, documentId, local, spanLabel[span.label], text.slice(span.start, span.end), randomAttributes(span.label, random), at, at);
          insertFragment.run(id, span.start, span.end);
          return id;
        });
        for (const [from, to] of plan.links) insertRelation.run(uuidv7(), documentId, local, linkLabel, ids[from], ids[to], at, at);
        seeded.annotations += ids.length;
        seeded.relations += plan.links.length;
        seeded.characters += text.length;
      }
    })();
  } finally {
    db.close();
  }
  return seeded;
}

async function measureLatency(team: Team, cleanups: (() => unknown)[]): Promise<Measurement> {
  const build = snapshotBuild();
  cleanups.push(() => build.remove());
  const hosts: RunningHost[] = [];
  const browsers: BenchBrowser[] = [];
  cleanups.push(async () => {
    for (const b of browsers) await b.close();
    for (const h of hosts) await h.stop();
  });
  // The admin shares one article; Ana and Ben each connect their own app.
  const admin = join(team.cli.folder, 'latency-admin.sqlite');
  const article = newsArticle(3000, 7);
  await runCli(team.cli, ['stats', '--workspace', admin]);
  const { db } = openSeedTarget(admin);
  const documentId = uuidv7();
  try {
    corpusWriters(db).insertArticle(documentId, article.title, article.text, new Date().toISOString());
  } finally {
    db.close();
  }
  await runCli(team.cli, ['team', 'connect', team.address('latency', 'ada'), '--workspace', admin]);

  const sides: { page: BenchBrowser['page'] }[] = [];
  for (const role of ['ana', 'ben']) {
    const host = await startHost(build.server, join(team.cli.folder, `latency-${role}.sqlite`));
    hosts.push(host);
    const browser = await launchBrowser(host.loginUrl);
    browsers.push(browser);
    const address = team.address('latency', role);
    await browser.page.evaluate(
      async (given) => {
        const reply = await window.byline.invoke('team.connect', { address: given, password: '' });
        if (!reply.ok) throw new Error(reply.error.message);
      },
      address,
    );
    sides.push({ page: browser.page });
  }
  const [ana, ben] = sides as [{ page: BenchBrowser['page'] }, { page: BenchBrowser['page'] }];
  const call = async <T>(page: BenchBrowser['page'], channel: string, request: object): Promise<T> =>
    page.evaluate(
      async ([c, r]) => {
        const reply = await window.byline.invoke(c as never, r as never);
        if (!reply.ok) throw new Error(reply.error.message);
        return reply.value as T;
      },
      [channel, request] as const,
    );
  // Each side finds the shared article and the other's layer once the first sync is done.
  const waitFor = async <T>(what: () => Promise<T | undefined>, label: string): Promise<T> => {
    for (let i = 0; i < 200; i++) {
      const found = await what();
      if (found !== undefined) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${label} never arrived`);
  };
  const annotators = (page: BenchBrowser['page']) => call<{ id: string; name: string; isLocal: boolean }[]>(page, 'annotators.list', {});
  const anaLayer = await waitFor(async () => (await annotators(ana.page)).find((a) => a.isLocal), 'Ana’s layer');
  const benLayer = await waitFor(async () => (await annotators(ben.page)).find((a) => a.isLocal), 'Ben’s layer');
  await waitFor(async () => ((await annotators(ben.page)).some((a) => a.id === anaLayer.id) ? true : undefined), 'Ana’s layer at Ben’s');
  const labels = await call<{ id: string; name: string }[]>(ana.page, 'labels.list', {});
  const source = labels.find((l) => l.name === 'Source')!.id;
  await ben.page.evaluate(
    ([id, a, b]) => (window.location.hash = `#/review/${id}?a=${a}&b=${b}`),
    [documentId, benLayer.id, anaLayer.id] as const,
  );
  await ben.page.locator('#difference-list').waitFor({ state: 'attached' });

  const words = [...article.text.matchAll(/\b[A-Za-z]{6,}\b/g)].slice(0, TAGS);
  if (words.length < TAGS) throw new Error(`the article has only ${words.length} words to tag`);
  const latencies: number[] = [];
  for (const [k, word] of words.entries()) {
    const start = Array.from(article.text.slice(0, word.index)).length;
    const painted = ben.page.evaluate(
      (count) =>
        (window as unknown as BenchWindow).__bench.paintedAfter(
          // The list is virtualized: every option says how many there are.
          () => Number(document.querySelector('#difference-list [role="option"]')?.getAttribute('aria-setsize') ?? 0) >= count,
          10_000,
        ),
      k + 1,
    );
    const sentAt = await ana.page.evaluate(
      async ([id, label, from, to]) => {
        const at = performance.timeOrigin + performance.now();
        const reply = await window.byline.invoke('annotations.create', { documentId: id, labelId: label, fragments: [{ start: from, end: to }] } as never);
        if (!reply.ok) throw new Error(reply.error.message);
        return at;
      },
      [documentId, source, start, start + word[0].length] as const,
    );
    const paintedAt = await painted;
    const benOrigin = await ben.page.evaluate(() => performance.timeOrigin);
    latencies.push(round1(benOrigin + paintedAt - sentAt));
  }
  const problems = browsers.flatMap((b) => b.problems);
  return {
    value: round1(percentile(latencies, 95)),
    n: latencies.length,
    runs: [round1(percentile(latencies, 95))],
    detail: `from Ana's tag to Ben's review view painted (ms): ${latencies.join(', ')}`,
    problem: problems.length > 0 ? problems.join('; ') : undefined,
  };
}
