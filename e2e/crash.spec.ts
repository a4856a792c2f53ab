/**
 * Crash safety: the app's main process is killed with SIGKILL at random moments while a person
 * tags and edits an article, and while a folder is being imported. After every kill the workspace
 * file must be sound, hold everything that was acknowledged, and hold no half-stored file; the
 * app must open it again and carry on. The kill times are drawn from a seed printed with every
 * failure; BYLINE_CRASH_SEED=<seed> draws the same ones again.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, test } from '@playwright/test';
import type { Fragment } from '../schema/model';
import { generateArticle } from './bench/generate-article.ts';
import { snapshotBuild, type BuildSnapshot } from './bench/host.ts';
import { planAnnotations } from './bench/plan-annotations.ts';
import { createRandom, type Random } from './bench/random.ts';
import { startHostClient, type HostClient } from './support/host-client';

const SEED = Number(process.env.BYLINE_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 32));
const TAGGING_CYCLES = 16;
const IMPORT_CYCLES = 12;
const ARTICLES = 200;
const BRAT_LABELS = { claim: 'Claim', source: 'Source', anonymous: 'Anonymous_attribution' } as const;
/** The workspace label each brat type above becomes (an underscore matches a space). */
const WORKSPACE_LABEL: Record<string, string> = { Claim: 'Claim', Source: 'Source', Anonymous_attribution: 'Anonymous attribution' };

test.beforeEach(({}, testInfo) => {
  test.skip(
    testInfo.project.name === 'electron',
    'the crash is of the process that holds the workspace: the test host runs the same handler table, store and ' +
      'import worker as Electron’s main process, so SIGKILLing it is the same crash without an IPC layer in between',
  );
});

// A copy of the built host: each test restarts it many times over a minute or more, and a rebuild
// meanwhile must not swap the app under it.
let build: BuildSnapshot | null = null;
const server = () => (build ??= snapshotBuild()).server;
// Playwright runs afterAll whenever a worker leaves this file, and the worker may come back for
// its other test later: the next test then takes a new copy.
test.afterAll(() => {
  build?.remove();
  build = null;
});

/** What the writers were told was stored, and what they had sent without an answer yet. */
interface Ledger {
  documentId: string;
  /** Acknowledged annotations: id -> label and fragments (sorted, as the store keeps them). */
  tags: Map<string, { labelId: string; fragments: Fragment[] }>;
  /** Title edits are numbered: the last one acknowledged, and the last one sent. */
  titleAcked: number;
  titleSent: number;
  statusAcked: string | null;
  statusSent: string | null;
  /** Refusals and other answers that are bugs in themselves. */
  problems: string[];
}

const titleNumber = (title: string) => Number(/ \(edit (\d+)\)$/.exec(title)?.[1] ?? 0);

test('killing the app mid-tagging loses no acknowledged annotation and leaves a sound workspace', async () => {
  // About half a minute on an idle machine; each host start takes seconds on a loaded one.
  test.setTimeout(240_000);
  const kills = createRandom(SEED);
  const writes = createRandom(SEED ^ 0x5bd1e995);
  const workspacePath = join(mkdtempSync(join(tmpdir(), 'byline-crash-')), 'workspace.sqlite');
  let ledger: Ledger | null = null;
  let target: Target | null = null;

  for (let cycle = 1; cycle <= TAGGING_CYCLES; cycle++) {
    const where = `seed ${SEED} (BYLINE_CRASH_SEED=${SEED} repeats it), cycle ${cycle}`;
    const host = await startHostClient(workspacePath, server());
    try {
      target ??= await sampleArticle(host);
      ledger ??= newLedger(target.documentId);
      const writing = writeUntilKilled(host, writes, target, ledger, { edits: true, pauseMs: 0 });
      // After a random number of answers (so that a slow machine still writes in every cycle),
      // and a random moment later: the writers never pause, so requests are always under way.
      const answers = ledger.tags.size + kills.int(0, 40);
      while (host.running && ledger.tags.size < answers && ledger.problems.length === 0) await sleep(1);
      if (!host.running) throw new Error(`${where}: the test host exited on its own while tagging.`);
      await sleep(kills.int(0, 20));
      await host.kill();
      await writing;
    } finally {
      await host.kill();
    }
    expect(ledger.problems, where).toEqual([]);
    withWorkspace(workspacePath, (db) => {
      expectSound(db, where);
      expectLedgerKept(db, ledger!, where);
    });
  }

  // The app opens the file after the last kill too, and serves every acknowledged annotation.
  const host = await startHostClient(workspacePath, server());
  try {
    const opened = await host.call('documents.open', { id: ledger!.documentId });
    const served = new Set(opened.annotations.map((a) => a.id));
    expect([...ledger!.tags.keys()].filter((id) => !served.has(id)), `seed ${SEED}: acknowledged but not served`).toEqual([]);
  } finally {
    await host.stop();
  }
});

test('killing the app mid-import stores each file whole or not at all, and importing again completes it once', async () => {
  test.setTimeout(300_000);
  const kills = createRandom(SEED ^ 0x27d4eb2f);
  const writes = createRandom(SEED ^ 0x165667b1);
  const folder = mkdtempSync(join(tmpdir(), 'byline-crash-corpus-'));
  const corpus = writeCorpus(folder, ARTICLES);
  const workspacePath = join(mkdtempSync(join(tmpdir(), 'byline-crash-')), 'workspace.sqlite');
  let ledger: Ledger | null = null;
  let stored = 0;
  let midImport = 0;
  const landed: string[] = [];

  for (let cycle = 1; cycle <= IMPORT_CYCLES; cycle++) {
    const where = `seed ${SEED} (BYLINE_CRASH_SEED=${SEED} repeats it), import cycle ${cycle}`;
    const host = await startHostClient(workspacePath, server());
    try {
      const target = await sampleArticle(host);
      ledger ??= newLedger(target.documentId);
      // Kill after the import stored at least one more file and a random share of what is left,
      // so that every cycle kills a running import and later cycles still have files to kill.
      const left = ARTICLES - stored;
      const stopAt = Math.min(ARTICLES - 1, stored + kills.int(1, Math.ceil(left / (IMPORT_CYCLES - cycle + 2))));
      await host.answerDialog([folder]);
      const started = await host.call('imports.start', { what: 'folder', annotator: 'Crash' });
      if (!started) throw new Error(`${where}: the import did not start (the dialog answer was not taken).`);
      const finished = () => host.events.some((e) => e.type === 'import.finished' && e.report.jobId === started.jobId);
      // A person keeps tagging while the import runs (quickly: a tag every 100 ms or so); the
      // import worker and they share the file.
      const writing = writeUntilKilled(host, writes, target, ledger, { edits: false, pauseMs: 200 });
      // Watched through a connection of its own: the host's main thread may be waiting for the
      // worker's write lock, and the kill must not wait for it.
      const watch = new Database(workspacePath, { readonly: true, fileMustExist: true });
      try {
        const imported = watch.prepare("SELECT count(*) FROM documents WHERE origin_format <> 'sample'").pluck();
        while (host.running && !finished() && (imported.get() as number) < stopAt) await sleep(kills.int(1, 5));
        if (!host.running) throw new Error(`${where}: the test host exited on its own during the import.`);
      } finally {
        watch.close();
      }
      await sleep(kills.int(0, 40));
      // Mid-import: this run stored a file of its own (stopAt is past what was stored) and had not finished.
      const landedMid = stopAt > stored && !finished();
      await host.kill();
      await writing;
      if (landedMid) midImport++;
      landed.push(`${landedMid ? 'mid-import' : 'not mid-import'} (${stopAt}+ of ${ARTICLES} stored)`);
    } finally {
      await host.kill();
    }
    expect(ledger.problems, where).toEqual([]);
    withWorkspace(workspacePath, (db) => {
      expectSound(db, where);
      expectLedgerKept(db, ledger!, where);
      stored = expectWholeArticles(db, corpus, where).size;
    });
  }
  const summary = `seed ${SEED}: ${midImport} of ${IMPORT_CYCLES} kills landed mid-import: ${landed.join(', ')}`;
  console.log(`[crash] ${summary}`);
  test.info().annotations.push({ type: 'kills', description: summary });
  expect(midImport, summary).toBeGreaterThanOrEqual(Math.ceil(IMPORT_CYCLES * 0.75));

  // Importing the folder again after the last kill finishes, and leaves each article once.
  const host = await startHostClient(workspacePath, server());
  try {
    const report = await importFolder(host, folder);
    const where = `seed ${SEED}, the import after the last kill`;
    expect(report.filter((o) => o.status !== 'imported' && o.status !== 'duplicate'), where).toEqual([]);
    expect(report.length, where).toBe(ARTICLES);
    const before = withWorkspace(workspacePath, (db) => {
      expectSound(db, where);
      expectLedgerKept(db, ledger!, where);
      expect(expectWholeArticles(db, corpus, where).size, where).toBe(ARTICLES);
      return rowCounts(db);
    });

    // And once more: everything is already there, so nothing changes.
    const again = await importFolder(host, folder);
    expect(again.map((o) => o.status), `seed ${SEED}: importing the complete folder again`).toEqual(Array(ARTICLES).fill('duplicate'));
    withWorkspace(workspacePath, (db) => expect(rowCounts(db), `seed ${SEED}: a repeated import changed nothing`).toEqual(before));
  } finally {
    await host.stop();
  }
});

interface Target {
  documentId: string;
  length: number;
  labelIds: string[];
}

/** The built-in sample article every new workspace starts with, and the span labels. */
async function sampleArticle(host: HostClient): Promise<Target> {
  const page = await host.call('library.query', { offset: 0, limit: 500, sort: 'added', descending: false });
  const sample = page.rows.find((row) => row.originFormat === 'sample');
  if (!sample) throw new Error('The workspace has no sample article to tag.');
  const labels = await host.call('labels.list', {});
  return { documentId: sample.id, length: sample.length, labelIds: labels.filter((l) => l.kind === 'span').map((l) => l.id) };
}

function newLedger(documentId: string): Ledger {
  return { documentId, tags: new Map(), titleAcked: 0, titleSent: 0, statusAcked: null, statusSent: null, problems: [] };
}

/**
 * Tags the article over and over (one at a time, and now and then several at once), with title
 * and status edits in between when `edits`, until a request fails because the host is gone.
 */
async function writeUntilKilled(
  host: HostClient,
  random: Random,
  target: Target,
  ledger: Ledger,
  options: { edits: boolean; pauseMs: number },
): Promise<void> {
  const tag = async () => {
    const fragments = randomFragments(random, target.length);
    const labelId = random.pick(target.labelIds);
    const reply = await host.invoke('annotations.create', { documentId: target.documentId, labelId, fragments });
    if (!reply.ok) return void ledger.problems.push(`annotations.create was refused: ${reply.error.message}`);
    const [created] = reply.value.changes.annotations.put;
    if (!created) return void ledger.problems.push('annotations.create answered without the new annotation');
    ledger.tags.set(created.id, { labelId, fragments: [...fragments].sort((a, b) => a.start - b.start) });
  };
  try {
    for (;;) {
      const step = random.next();
      if (step < 0.15) {
        const burst = await Promise.allSettled(Array.from({ length: random.int(2, 5) }, tag));
        const failed = burst.find((r) => r.status === 'rejected');
        if (failed) throw failed.reason;
      } else if (options.edits && step < 0.25) {
        const n = ++ledger.titleSent;
        const reply = await host.invoke('documents.update', { id: target.documentId, title: `Harbor city weighs bridge toll (edit ${n})` });
        if (reply.ok) ledger.titleAcked = n;
        else ledger.problems.push(`documents.update was refused: ${reply.error.message}`);
      } else if (options.edits && step < 0.3) {
        const status = random.pick(['in progress', 'done'] as const);
        ledger.statusSent = status;
        const reply = await host.invoke('documents.setStatus', { id: target.documentId, status });
        if (reply.ok) ledger.statusAcked = status;
        else ledger.problems.push(`documents.setStatus was refused: ${reply.error.message}`);
      } else {
        await tag();
      }
      if (ledger.problems.length > 0) return;
      if (options.pauseMs > 0) await sleep(random.int(0, options.pauseMs));
    }
  } catch {
    // The request that was under way when the host was killed: it was never acknowledged.
  }
}

/** One span, or now and then two apart (a discontinuous annotation), inside the text. */
function randomFragments(random: Random, length: number): Fragment[] {
  const start = random.int(0, length - 40);
  const first = { start, end: start + random.int(1, 15) };
  if (!random.chance(0.25)) return [first];
  const second = first.end + random.int(1, 10);
  // Sent out of order now and then: the store keeps fragments in text order.
  const fragments = [first, { start: second, end: second + random.int(1, 12) }];
  return random.chance(0.5) ? fragments.reverse() : fragments;
}

async function importFolder(host: HostClient, folder: string) {
  await host.answerDialog([folder]);
  const started = await host.call('imports.start', { what: 'folder', annotator: 'Crash' });
  if (!started) throw new Error('The import did not start (the dialog answer was not taken).');
  const finished = await host.waitForEvent(
    (e): e is Extract<typeof e, { type: 'import.finished' }> => e.type === 'import.finished' && e.report.jobId === started.jobId,
  );
  return finished.report.outcomes;
}

/** Opens the workspace file the way a crash left it: read-only, so the app itself recovers it next. */
function withWorkspace<T>(path: string, use: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return use(db);
  } finally {
    db.close();
  }
}

function count(db: Database.Database, sql: string): number {
  return db.prepare(sql).pluck().get() as number;
}

/** SQLite's own checks, and the invariants the store keeps within each transaction. */
function expectSound(db: Database.Database, where: string): void {
  expect(db.pragma('integrity_check', { simple: true }), `${where}: PRAGMA integrity_check`).toBe('ok');
  expect(db.pragma('foreign_key_check'), `${where}: PRAGMA foreign_key_check`).toEqual([]);
  expect(
    count(db, 'SELECT count(*) FROM documents d WHERE annotation_count <> (SELECT count(*) FROM annotations WHERE document_id = d.id)'),
    `${where}: documents whose annotation count disagrees with their annotations`,
  ).toBe(0);
  expect(
    count(db, 'SELECT count(*) FROM annotations a WHERE NOT EXISTS (SELECT 1 FROM fragments WHERE annotation_id = a.id)'),
    `${where}: annotations without fragments`,
  ).toBe(0);
  expect(
    count(db, `SELECT count(*) FROM annotations a WHERE NOT EXISTS
                 (SELECT 1 FROM events WHERE entity = 'annotation' AND entity_id = a.id AND action = 'create')`),
    `${where}: annotations without their create event`,
  ).toBe(0);
  expect(
    count(db, 'SELECT count(*) FROM events e WHERE action_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM actions WHERE id = e.action_id)'),
    `${where}: events of an action that is not there`,
  ).toBe(0);
  expect(
    count(db, 'SELECT count(*) FROM documents d LEFT JOIN search s ON s.rowid = d.rowid WHERE s.title IS NOT d.title'),
    `${where}: documents the search index does not have (or has under another title)`,
  ).toBe(0);
}

/** Every acknowledged write is there; the unanswered one under way at the kill may or may not be. */
function expectLedgerKept(db: Database.Database, ledger: Ledger, where: string): void {
  const local = db.prepare('SELECT id FROM annotators WHERE is_local = 1').pluck().get() as string;
  const annotation = db.prepare('SELECT document_id AS documentId, annotator_id AS annotatorId, label_id AS labelId FROM annotations WHERE id = ?');
  const fragments = db.prepare('SELECT start, "end" FROM fragments WHERE annotation_id = ? ORDER BY seq');
  const created = db.prepare("SELECT count(*) FROM events WHERE entity = 'annotation' AND entity_id = ? AND action = 'create'").pluck();
  const lost: string[] = [];
  for (const [id, tag] of ledger.tags) {
    const row = annotation.get(id);
    const expected = { documentId: ledger.documentId, annotatorId: local, labelId: tag.labelId };
    if (!row) lost.push(`${id} is missing`);
    else if (JSON.stringify(row) !== JSON.stringify(expected)) lost.push(`${id} is ${JSON.stringify(row)}, not ${JSON.stringify(expected)}`);
    else if (JSON.stringify(fragments.all(id)) !== JSON.stringify(tag.fragments)) {
      lost.push(`${id} has the fragments ${JSON.stringify(fragments.all(id))}, not ${JSON.stringify(tag.fragments)}`);
    } else if (created.get(id) !== 1) lost.push(`${id} has ${String(created.get(id))} create events, not 1`);
  }
  expect(lost, `${where}: acknowledged annotations (${ledger.tags.size}) not stored as acknowledged`).toEqual([]);
  const title = db.prepare('SELECT title FROM documents WHERE id = ?').pluck().get(ledger.documentId) as string;
  expect(titleNumber(title), `${where}: the title is the last acknowledged edit or the one under way (${title})`).toBeGreaterThanOrEqual(ledger.titleAcked);
  expect(titleNumber(title), `${where}: the title was never sent (${title})`).toBeLessThanOrEqual(ledger.titleSent);
  if (ledger.statusAcked) {
    const status = db.prepare('SELECT status FROM document_status WHERE document_id = ? AND annotator_id = ?').pluck().get(ledger.documentId, local);
    expect([ledger.statusAcked, ledger.statusSent], `${where}: the status is the last acknowledged one or the one under way`).toContain(status);
  }
}

interface ExpectedArticle {
  file: string;
  /** `ref label start end`, sorted. */
  annotations: string[];
  /** `ref from to`, sorted. */
  relations: string[];
}

/** `count` generated articles as brat .txt and .ann pairs, by the sha-256 of their (canonical) text. */
function writeCorpus(folder: string, count: number): Map<string, ExpectedArticle> {
  const corpus = new Map<string, ExpectedArticle>();
  for (let i = 0; i < count; i++) {
    // The generator's first paragraph is the same for every seed: a headline of its own makes each text unique.
    const text = `Crash test article ${i}\n\n${generateArticle(900, 7000 + i)}`;
    const plan = planAnnotations(text, { annotations: 10, overlapping: 1, links: 2, seed: i });
    const lines = plan.spans.map((s, k) => `T${k + 1}\t${BRAT_LABELS[s.label]} ${s.start} ${s.end}\t${text.slice(s.start, s.end)}`);
    plan.links.forEach(([from, to], k) => lines.push(`R${k + 1}\tattributed_to Arg1:T${from + 1} Arg2:T${to + 1}`));
    const name = `article-${String(i).padStart(3, '0')}`;
    writeFileSync(join(folder, `${name}.txt`), text);
    writeFileSync(join(folder, `${name}.ann`), `${lines.join('\n')}\n`);
    corpus.set(sha256(text), {
      file: `${name}.txt`,
      annotations: plan.spans.map((s, k) => `T${k + 1} ${WORKSPACE_LABEL[BRAT_LABELS[s.label]]} ${s.start} ${s.end}`).sort(),
      relations: plan.links.map(([from, to], k) => `R${k + 1} T${from + 1} T${to + 1}`).sort(),
    });
  }
  return corpus;
}

/**
 * Every imported article in the workspace is one of the corpus, once, with its whole text and
 * exactly the annotations and links its .ann defines. Returns the hashes of those stored.
 */
function expectWholeArticles(db: Database.Database, corpus: Map<string, ExpectedArticle>, where: string): Set<string> {
  const documents = db
    .prepare(
      `SELECT d.id, d.sha256, v.text, d.annotation_count AS annotationCount FROM documents d
       JOIN document_versions v ON v.document_id = d.id AND v.version = d.version
       WHERE d.origin_format <> 'sample'`,
    )
    .all() as { id: string; sha256: string; text: string; annotationCount: number }[];
  const annotations = db
    .prepare(
      `SELECT a.external_ref || ' ' || l.name || ' ' || f.start || ' ' || f."end" FROM annotations a
       JOIN labels l ON l.id = a.label_id JOIN fragments f ON f.annotation_id = a.id
       JOIN annotators p ON p.id = a.annotator_id AND p.name = 'Crash'
       WHERE a.document_id = ?`,
    )
    .pluck();
  const relations = db
    .prepare(
      `SELECT r.external_ref || ' ' || fa.external_ref || ' ' || ta.external_ref FROM relations r
       JOIN annotations fa ON fa.id = r.from_id JOIN annotations ta ON ta.id = r.to_id
       JOIN labels l ON l.id = r.label_id AND l.name = 'attributed to'
       WHERE r.document_id = ?`,
    )
    .pluck();
  const created = db.prepare("SELECT count(*) FROM events WHERE entity = 'document' AND entity_id = ? AND action = 'create'").pluck();
  const seen = new Set<string>();
  const broken: string[] = [];
  const differs = (what: string, actual: unknown, expected: unknown) => {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) broken.push(`${what}: ${JSON.stringify(actual)}, not ${JSON.stringify(expected)}`);
  };
  for (const document of documents) {
    const expected = corpus.get(document.sha256);
    if (!expected) {
      broken.push(`document ${document.id} (sha-256 ${document.sha256}) is none of the imported files`);
      continue;
    }
    const what = `${expected.file} (document ${document.id})`;
    if (seen.has(document.sha256)) broken.push(`${what} is stored more than once`);
    seen.add(document.sha256);
    differs(`${what}, the hash of its stored text`, sha256(document.text), document.sha256);
    differs(`${what}, its annotations`, (annotations.all(document.id) as string[]).sort(), expected.annotations);
    differs(`${what}, its annotation count`, document.annotationCount, expected.annotations.length);
    differs(`${what}, its links`, (relations.all(document.id) as string[]).sort(), expected.relations);
    differs(`${what}, its create events`, created.get(document.id), 1);
  }
  expect(broken, `${where}: imported articles that are not whole, or not once`).toEqual([]);
  return seen;
}

function rowCounts(db: Database.Database) {
  const tables = ['documents', 'document_versions', 'annotations', 'fragments', 'relations', 'labels', 'annotators', 'events', 'actions'];
  return Object.fromEntries(tables.map((table) => [table, count(db, `SELECT count(*) FROM ${table}`)]));
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
