/**
 * Workspaces syncing through a real PostgreSQL server (a throwaway cluster, testing/pg-cluster.ts):
 * skipped, with the reason, where no PostgreSQL is installed.
 */
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeEsm } from '../../build/esbuild-options';
import { latestTeamSchemaVersion } from '../../schema/team-migrations';
import { createAnnotation, deleteAnnotation, listAnnotations, putAnnotation, updateAnnotation } from '../store/annotations';
import { documentText } from '../store/documents';
import { openReview, resolveDifference, reviewedLayer, unresolveDifference, verdictsInDocument } from '../store/review';
import { commitTextEdit, listVersions, revertToVersion } from '../store/text-versions';
import { insertDocument, listDocuments, setDocumentStatus } from '../store/documents';
import { listLabels, updateLabel } from '../store/labels';
import { createRelation, listRelations } from '../store/relations';
import { outboxSize, teamConnection } from '../store/team';
import type { Workspace } from '../store/workspace';
import { noPostgres, teamServerPerFile } from '../testing/team';
import { workspacesClosedAfterEach } from '../testing/workspace';
import { STAMPED_TABLES } from './pull';
import { connectTeam, syncWith, teamStatus } from './sync';
import { TeamService, type TeamServiceMessage } from './team-service';
import { parseTeamAddress, TeamError, TeamServer } from './team-server';

const ARTICLES = [
  'Officials said the bridge will reopen in May, according to people familiar with the matter.',
  'The mayor, who spoke on condition of anonymity, said the budget was cut.',
];

const server = teamServerPerFile();
const open = workspacesClosedAfterEach();

async function sync(ws: Workspace, url: string): Promise<void> {
  const connection = await TeamServer.connect(parseTeamAddress(url));
  try {
    await syncWith(ws, connection);
  } finally {
    await connection.close();
  }
}

/** An admin's workspace with the two articles, connected to a new team; and the team's addresses. */
async function team() {
  const as = await server.newTeam();
  const ada = open('Ada');
  for (const [i, text] of ARTICLES.entries()) insertDocument(ada, { title: `Article ${i + 1}`, text, originFormat: 'text' });
  await connectTeam(ada, parseTeamAddress(as('ada')));
  return { as, ada };
}

function tag(ws: Workspace, title: string, label: string, words: string): string {
  const doc = listDocuments(ws).find((d) => d.title === title)!;
  const text = ARTICLES[Number(title.slice(-1)) - 1]!;
  const start = Array.from(text.slice(0, text.indexOf(words))).length;
  const labelId = listLabels(ws).find((l) => l.name === label)!.id;
  return createAnnotation(ws, { documentId: doc.id, labelId, fragments: [{ start, end: start + Array.from(words).length }] });
}

/** Every annotation in the workspace, as (annotator name, quote), sorted. */
function everyAnnotation(ws: Workspace): string[] {
  return (
    ws.db
      .prepare('SELECT n.name, a.quote FROM annotations a JOIN annotators n ON n.id = a.annotator_id ORDER BY n.name, a.quote')
      .all() as { name: string; quote: string }[]
  ).map((r) => `${r.name}: ${r.quote}`);
}

async function serverRows(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe.skipIf(noPostgres !== null)(`team sync through PostgreSQL (${noPostgres ?? 'a throwaway cluster'})`, () => {
  it('three analysts sync through one server: every annotation, link and deletion arrives once, in every workspace', { timeout: 60_000 }, async () => {
    const { as, ada } = await team();
    const [ana, ben, cai] = ['Ana', 'Ben', 'Cai'].map((name) => open(name)) as [Workspace, Workspace, Workspace];
    for (const [ws, role] of [[ana, 'ana'], [ben, 'ben'], [cai, 'cai']] as const) await connectTeam(ws, parseTeamAddress(as(role)));
    // The team's articles and labels came down.
    for (const ws of [ana, ben, cai]) expect(listDocuments(ws).map((d) => d.title).sort()).toEqual(['Article 1', 'Article 2']);

    const claim = tag(ana, 'Article 1', 'Claim', 'the bridge will reopen in May');
    const anonymous = tag(ana, 'Article 1', 'Anonymous attribution', 'people familiar with the matter');
    createRelation(ana, { fromId: claim, toId: anonymous });
    tag(ben, 'Article 1', 'Source', 'Officials');
    const mistake = tag(ben, 'Article 2', 'Claim', 'The mayor');
    tag(cai, 'Article 2', 'Anonymous attribution', 'who spoke on condition of anonymity');
    for (const ws of [ana, ben, cai]) expect(outboxSize(ws, ['annotation', 'relation'])).toBeGreaterThan(0);
    setDocumentStatus(ana, listDocuments(ana).find((d) => d.title === 'Article 2')!.id, 'done');

    for (const [ws, role] of [[ana, 'ana'], [ben, 'ben'], [cai, 'cai']] as const) await sync(ws, as(role));
    // Ben takes back one tag after sending it; a second round brings everyone up to date.
    deleteAnnotation(ben, mistake);
    for (const [ws, role] of [[ben, 'ben'], [ana, 'ana'], [cai, 'cai'], [ada, 'ada']] as const) await sync(ws, as(role));

    const expected = [
      'Ana: people familiar with the matter',
      'Ana: the bridge will reopen in May',
      'Ben: Officials',
      'Cai: who spoke on condition of anonymity',
    ];
    for (const ws of [ana, ben, cai, ada]) {
      expect(everyAnnotation(ws)).toEqual(expected);
      // Ana's link arrived with its two ends.
      const doc = listDocuments(ws).find((d) => d.title === 'Article 1')!;
      expect(listRelations(ws, doc.id).map((r) => [r.fromId, r.toId])).toEqual([[claim, anonymous]]);
      expect(teamStatus(ws)).toMatchObject({ state: 'synced', waiting: 0 });
    }
    // Ana marked an article done without tagging it: her colleagues count her as having worked on it.
    const statuses = `SELECT n.name, d.title, s.status FROM document_status s JOIN annotators n ON n.id = s.annotator_id
                      JOIN documents d ON d.id = s.document_id ORDER BY n.name`;
    for (const ws of [ben, cai, ada]) expect(ws.db.prepare(statuses).all()).toEqual([{ name: 'Ana', title: 'Article 2', status: 'done' }]);
    // Once on the server too: the deleted one is kept as deleted, so that it reaches everyone.
    const rows = await serverRows(as('ada'), 'SELECT quote, deleted FROM byline.annotations ORDER BY quote');
    expect(rows).toEqual([
      { quote: 'Officials', deleted: false },
      { quote: 'The mayor', deleted: true },
      { quote: 'people familiar with the matter', deleted: false },
      { quote: 'the bridge will reopen in May', deleted: false },
      { quote: 'who spoke on condition of anonymity', deleted: false },
    ]);

    // A change travels as the newer version of the same annotation, not as a second one.
    updateAnnotation(cai, listAnnotations(cai, listDocuments(cai).find((d) => d.title === 'Article 2')!.id).find((a) => a.quote.startsWith('who'))!.id, {
      note: 'a city official',
    });
    await sync(cai, as('cai'));
    await sync(ana, as('ana'));
    expect(ana.db.prepare("SELECT note FROM annotations WHERE quote LIKE 'who%'").all()).toEqual([{ note: 'a city official' }]);
    expect(everyAnnotation(ana)).toEqual(expected);
  });

  it('a correction of a text travels as a version: a colleague’s copy moves to it, and their tags with it', { timeout: 30_000 }, async () => {
    const { as, ada } = await team();
    const [ana, ben] = [open('Ana'), open('Ben')];
    for (const [ws, role] of [[ana, 'ana'], [ben, 'ben']] as const) await connectTeam(ws, parseTeamAddress(as(role)));
    const claim = tag(ben, 'Article 1', 'Claim', 'the bridge will reopen in May');
    await sync(ben, as('ben'));

    const doc = listDocuments(ana).find((d) => d.title === 'Article 1')!;
    commitTextEdit(ana, { documentId: doc.id, baseVersion: 1, edits: [{ start: 0, end: 9, text: 'City officials' }] });
    const corrected = `City officials${ARTICLES[0]!.slice(9)}`;
    for (const [ws, role] of [[ana, 'ana'], [ben, 'ben'], [ada, 'ada']] as const) await sync(ws, as(role));

    const start = corrected.indexOf('the bridge');
    for (const ws of [ana, ben, ada]) {
      const here = listDocuments(ws).find((d) => d.title === 'Article 1')!;
      expect(documentText(ws, here.id).text).toBe(corrected);
      // Ben's claim moved with the edit, in his workspace and, sent again from there, in everyone's.
      expect(listAnnotations(ws, here.id).map((a) => [a.id, a.quote, a.fragments])).toEqual([
        [claim, 'the bridge will reopen in May', [{ start, end: start + 'the bridge will reopen in May'.length }]],
      ]);
    }
    expect(listVersions(ben, doc.id).map((v) => [v.author, v.current])).toEqual([
      ['Ana', true],
      [null, false],
    ]);
  });

  it('two analysts correct the same text offline: both versions are kept, the later one a branch to pick from', { timeout: 30_000 }, async () => {
    const { as } = await team();
    const [ana, ben] = [open('Ana'), open('Ben')];
    for (const [ws, role] of [[ana, 'ana'], [ben, 'ben']] as const) await connectTeam(ws, parseTeamAddress(as(role)));
    const docOf = (ws: Workspace) => listDocuments(ws).find((d) => d.title === 'Article 2')!.id;
    const original = ARTICLES[1]!;
    // Offline, each corrects the text their own way; Ben tags on his.
    commitTextEdit(ana, { documentId: docOf(ana), baseVersion: 1, edits: [{ start: 4, end: 9, text: 'city’s mayor' }] });
    commitTextEdit(ben, { documentId: docOf(ben), baseVersion: 1, edits: [{ start: original.length - 1, end: original.length, text: ' sharply.' }] });
    const bens = tag(ben, 'Article 2', 'Anonymous attribution', 'who spoke on condition of anonymity');
    const anas = `The city’s mayor${original.slice(9)}`;
    const benText = `${original.slice(0, -1)} sharply.`;

    // Ana's reaches the server first: it is the team's text. Ben's stays a branch there, and here.
    await sync(ana, as('ana'));
    await sync(ben, as('ben'));
    expect(documentText(ben, docOf(ben)).text).toBe(benText);
    expect(listVersions(ben, docOf(ben)).map((v) => [v.author, v.baseVersion, v.current])).toEqual([
      ['Ana', 1, false],
      ['Ben', 1, true],
      [null, null, false],
    ]);
    const [head] = await serverRows(as('ana'), `SELECT text FROM byline.articles WHERE title = 'Article 2'`);
    expect(head!.text).toBe(anas);
    expect(await serverRows(as('ana'), `SELECT count(*)::int AS n FROM byline.article_versions v JOIN byline.articles a ON a.id = v.article_id WHERE a.title = 'Article 2'`)).toEqual([{ n: 3 }]);

    // Ben picks Ana's, in Versions; his tag moves onto her text, and reaches her there.
    revertToVersion(ben, docOf(ben), listVersions(ben, docOf(ben)).find((v) => v.author === 'Ana')!.version);
    expect(documentText(ben, docOf(ben)).text).toBe(anas);
    await sync(ben, as('ben'));
    await sync(ana, as('ana'));
    expect(documentText(ana, docOf(ana)).text).toBe(anas);
    const arrived = listAnnotations(ana, docOf(ana)).find((a) => a.id === bens)!;
    const start = Array.from(anas.slice(0, anas.indexOf('who spoke'))).length;
    expect([arrived.quote, arrived.fragments]).toEqual(['who spoke on condition of anonymity', [{ start, end: start + 35 }]]);
    // Ana keeps Ben's version beside hers, not current.
    expect(listVersions(ana, docOf(ana)).filter((v) => v.author === 'Ben').map((v) => v.current)).toEqual([false]);
  });

  it('a reviewer’s verdicts and comments reach the analysts they are about; a withdrawn one leaves them', { timeout: 30_000 }, async () => {
    const { as } = await team();
    const [ana, ben, rev] = [open('Ana'), open('Ben'), open('Rev')];
    for (const [ws, role] of [[ana, 'ana'], [ben, 'ben'], [rev, 'rev']] as const) await connectTeam(ws, parseTeamAddress(as(role)));
    tag(ana, 'Article 1', 'Source', 'Officials');
    tag(ben, 'Article 1', 'Claim', 'Officials');
    for (const [ws, role] of [[ana, 'ana'], [ben, 'ben'], [rev, 'rev']] as const) await sync(ws, as(role));

    const documentId = listDocuments(rev).find((d) => d.title === 'Article 1')!.id;
    const target = { documentId, layerA: ana.localAnnotator.id, layerB: ben.localAnnotator.id };
    const [difference] = openReview(rev, target).differences;
    resolveDifference(rev, { ...target, key: difference!.key, verdict: 'take_a', comment: 'Officials is who said it, not what.' });
    await sync(rev, as('rev'));
    for (const [ws, role] of [[ana, 'ana'], [ben, 'ben']] as const) {
      await sync(ws, as(role));
      expect(verdictsInDocument(ws, documentId).map((v) => [v.reviewer.name, v.verdict, v.comment])).toEqual([
        ['Rev', 'take_a', 'Officials is who said it, not what.'],
      ]);
    }
    // The reviewed layer (an analyst's would stay home) went up with what the verdict took.
    expect(everyAnnotation(ben)).toContain('Rev (reviewed): Officials');

    unresolveDifference(rev, { ...target, key: difference!.key });
    await sync(rev, as('rev'));
    await sync(ana, as('ana'));
    expect(verdictsInDocument(ana, documentId)).toEqual([]);
  });

  it('the team’s label schema is its admin’s: a rename or a new color reaches every analyst', { timeout: 30_000 }, async () => {
    const { as, ada } = await team();
    const ana = open('Ana');
    await connectTeam(ana, parseTeamAddress(as('ana')));
    const claim = listLabels(ada).find((l) => l.name === 'Claim')!;
    updateLabel(ada, claim.id, { name: 'Assertion', color: '#aa3300' });
    await sync(ada, as('ada'));
    await sync(ana, as('ana'));
    expect(listLabels(ana).find((l) => l.id === claim.id)).toMatchObject({ name: 'Assertion', color: '#aa3300', hotkey: '1' });
  });

  it('a pull reads every table whose rows carry a seq, so none is missed', { timeout: 30_000 }, async () => {
    const { as } = await team();
    const rows = await serverRows(as('ada'), `SELECT table_name FROM information_schema.columns WHERE table_schema = 'byline' AND column_name = 'seq'`);
    expect(rows.map((r) => r.table_name).sort()).toEqual([...STAMPED_TABLES].sort());
  });

  it('row-level security refuses, at the server, a write into another analyst’s layer', { timeout: 30_000 }, async () => {
    const { as } = await team();
    const ana = open('Ana');
    await connectTeam(ana, parseTeamAddress(as('ana')));
    const id = tag(ana, 'Article 1', 'Claim', 'the bridge will reopen in May');
    await sync(ana, as('ana'));
    const [row] = await serverRows(as('ben'), `SELECT article_id, label_id FROM byline.annotations WHERE id = '${id}'`);

    const ben = new pg.Client({ connectionString: as('ben') });
    await ben.connect();
    try {
      // Into Ana's layer: refused by the policy, whatever the app would do.
      await expect(
        ben.query(
          `INSERT INTO byline.annotations (id, article_id, annotator_id, label_id, fragments, quote, attributes, created_at, updated_at)
           VALUES (gen_random_uuid(), $1, $2, $3, '[]', 'forged', '{}', now()::text, now()::text)`,
          [row!.article_id, ana.localAnnotator.id, row!.label_id],
        ),
      ).rejects.toThrow(/row-level security/);
      // Ana's annotation cannot be changed or taken over either.
      const changed = await ben.query(`UPDATE byline.annotations SET quote = 'forged' WHERE id = $1`, [id]);
      expect(changed.rowCount).toBe(0);
      await expect(ben.query('DELETE FROM byline.annotations')).rejects.toThrow(/permission denied/);
      // Nor the team's articles, which only an admin manages.
      await expect(ben.query(`UPDATE byline.articles SET title = 'forged'`)).rejects.toThrow(/permission denied/);
    } finally {
      await ben.end();
    }
    expect(await serverRows(as('ana'), 'SELECT quote FROM byline.annotations')).toEqual([{ quote: 'the bridge will reopen in May' }]);
  });

  it('a reviewed layer goes up from a reviewer; an analyst’s stays in their workspace, held back with the reason', { timeout: 30_000 }, async () => {
    const { as, ada } = await team();
    const [ana, rev] = [open('Ana'), open('Rev')];
    for (const [ws, role] of [[ana, 'ana'], [rev, 'rev']] as const) {
      await connectTeam(ws, parseTeamAddress(as(role)));
      const layer = reviewedLayer(ws);
      const doc = listDocuments(ws).find((d) => d.title === 'Article 1')!;
      const labelId = listLabels(ws).find((l) => l.name === 'Source')!.id;
      const now = new Date().toISOString();
      putAnnotation(ws, `01a21710-0000-7000-8000-00000000${role === 'ana' ? 'a' : 'b'}001`, {
        id: `01a21710-0000-7000-8000-00000000${role === 'ana' ? 'a' : 'b'}001`,
        documentId: doc.id,
        annotatorId: layer.id,
        labelId,
        fragments: [{ start: 0, end: 9 }],
        quote: 'Officials',
        note: null,
        attributes: {},
        createdAt: now,
        updatedAt: now,
      });
    }
    const connection = await TeamServer.connect(parseTeamAddress(as('ana')));
    try {
      const result = await syncWith(ana, connection);
      expect(result.pushed).toMatchObject({ held: 1, heldReasons: ['a reviewed layer goes to the team only from a team reviewer'] });
    } finally {
      await connection.close();
    }
    expect(teamStatus(ana)).toMatchObject({ state: 'waiting', waiting: 1 });
    await sync(rev, as('rev'));
    await sync(ada, as('ada'));
    expect(everyAnnotation(ada)).toEqual(['Rev (reviewed): Officials']);
  });

  it('gives a clear message for a wrong password, a role outside the team, and a server of a newer schema, and changes nothing', { timeout: 30_000 }, async () => {
    const { as } = await team();
    const ana = open('Ana');
    const wrong = parseTeamAddress(as('ana'));
    await expect(connectTeam(ana, { ...wrong, password: 'not-it' })).rejects.toThrow(/refused the password for “ana”/);
    await expect(connectTeam(ana, { ...wrong, password: null })).rejects.toThrow(/asks for the password of “ana”/);
    expect(teamConnection(ana)).toBeNull();

    const superuser = await TeamServer.connect(parseTeamAddress(server.cluster.url()));
    try {
      await superuser.query(`CREATE ROLE outsider LOGIN PASSWORD 'outsider-secret'`);
    } finally {
      await superuser.close();
    }
    const outsider = parseTeamAddress(as('ana').replace('ana:ana-secret', 'outsider:outsider-secret'));
    await expect(connectTeam(ana, outsider)).rejects.toThrow(/“outsider” is not a member of the team/);

    await serverRows(as('postgres').replace('postgres-secret', 'byline-test-superuser'), `INSERT INTO byline.migrations (version, name) VALUES (99, '0099_future.sql')`);
    const refused = connectTeam(ana, parseTeamAddress(as('ana')));
    await expect(refused).rejects.toBeInstanceOf(TeamError);
    await expect(refused).rejects.toThrow(`team schema version 99, newer than this Byline knows (${latestTeamSchemaVersion})`);
    expect(teamConnection(ana)).toBeNull();
    expect(listDocuments(ana)).toEqual([]);
  });

  it('a server stopped in the middle of a push loses nothing and duplicates nothing', { timeout: 60_000 }, async () => {
    const { as, ada } = await team();
    const ana = open('Ana');
    await connectTeam(ana, parseTeamAddress(as('ana')));
    const ids = [tag(ana, 'Article 1', 'Claim', 'the bridge will reopen in May'), tag(ana, 'Article 2', 'Claim', 'the budget was cut')];

    // Another session holds the lock every write takes, so Ana's push stops inside its transaction.
    const blocker = await holdWriteLock(as('ada'));
    const pushing = sync(ana, as('ana'));
    await waitForLockWait(server.cluster.url(), 'ana');
    server.cluster.halt();
    await expect(pushing).rejects.toMatchObject({ problem: 'offline' });
    await blocker.end().catch(() => {});
    expect(teamStatus(ana, { offline: true })).toMatchObject({ state: 'offline', waiting: 2 });

    server.cluster.resume();
    await sync(ana, as('ana'));
    await sync(ada, as('ada'));
    expect(teamStatus(ana)).toMatchObject({ state: 'synced', waiting: 0 });
    expect((await serverRows(as('ada'), 'SELECT id FROM byline.annotations ORDER BY id')).map((r) => r.id)).toEqual([...ids].sort());
    expect(everyAnnotation(ada)).toEqual(['Ana: the bridge will reopen in May', 'Ana: the budget was cut']);
  });

  it('the background sync connects, hears a colleague’s change at once (LISTEN/NOTIFY), and comes back after an outage', { timeout: 60_000 }, async () => {
    const { as } = await team();
    const ana = open('Ana');
    const ben = open('Ben');
    await connectTeam(ben, parseTeamAddress(as('ben')));
    const messages: TeamServiceMessage[] = [];
    const service = new TeamService({ workspacePath: ana.path, password: null, connect: { address: parseTeamAddress(as('ana')), secret: null } }, (m) =>
      messages.push(m),
    );
    try {
      await service.start();
      const statuses = () => messages.filter((m) => m.type === 'team-status').map((m) => m.status.state);
      await expect.poll(statuses).toContain('synced');
      expect(messages[0]).toEqual({ type: 'team-connected' });

      // Ana's first sync pulled the articles and said so; only a change told after Ben's counts.
      const heard = messages.length;
      tag(ben, 'Article 1', 'Source', 'Officials');
      await sync(ben, as('ben'));
      // Ana's service was told by the server, not asked: the tag is in her workspace.
      await expect.poll(() => messages.slice(heard).some((m) => m.type === 'team-changed')).toBe(true);
      expect(everyAnnotation(ana)).toEqual(['Ben: Officials']);

      server.cluster.halt();
      await expect.poll(statuses, { timeout: 10_000 }).toContain('offline');
      tag(ana, 'Article 1', 'Claim', 'the bridge will reopen in May');
      service.request();
      server.cluster.resume();
      await expect.poll(() => statuses().at(-1), { timeout: 20_000 }).toBe('synced');
      expect(await serverRows(as('ben'), "SELECT quote FROM byline.annotations WHERE quote LIKE 'the bridge%'")).toHaveLength(1);
    } finally {
      service.stop();
    }
  });

  describe('the app killed in the middle of a sync', () => {
    let cli = '';
    beforeAll(async () => {
      cli = await bundledCli();
    }, 60_000);
    afterAll(() => rmSync(dirname(cli), { recursive: true, force: true }));

    it('kill -9 of `byline team sync` mid-push loses nothing and duplicates nothing', { timeout: 60_000 }, async () => {
      const { as, ada } = await team();
      const ana = open('Ana');
      await connectTeam(ana, parseTeamAddress(as('ana')));
      const ids = [tag(ana, 'Article 1', 'Claim', 'the bridge will reopen in May'), tag(ana, 'Article 2', 'Source', 'The mayor')];

      const blocker = await holdWriteLock(as('ada'));
      const child = spawn(process.execPath, [cli, 'team', 'sync', '--workspace', ana.path], {
        env: { ...process.env, PGPASSWORD: 'ana-secret' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      await waitForLockWait(server.cluster.url(), 'ana').catch((error: Error) => {
        throw new Error(`${error.message}; the command said: ${stderr}`);
      });
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      await blocker.query('COMMIT');
      await blocker.end();
      // The server rolled the killed push back; the workspace still has it all to send.
      expect(await serverRows(as('ada'), 'SELECT id FROM byline.annotations')).toEqual([]);
      expect(outboxSize(ana, ['annotation'])).toBe(2);

      await sync(ana, as('ana'));
      await sync(ada, as('ada'));
      expect((await serverRows(as('ada'), 'SELECT id FROM byline.annotations ORDER BY id')).map((r) => r.id)).toEqual([...ids].sort());
      expect(everyAnnotation(ada)).toEqual(['Ana: The mayor', 'Ana: the bridge will reopen in May']);
    });
  });
});

/** The command line bundled as the package builds it, beside the project's node_modules (which it imports). */
async function bundledCli(): Promise<string> {
  mkdirSync('node_modules/.cache', { recursive: true });
  const folder = mkdtempSync(resolve('node_modules/.cache/byline-team-cli-'));
  await build({ ...nodeEsm, entryPoints: { byline: 'electron/cli.ts' }, outdir: folder, sourcemap: false });
  // As bin/byline.mjs runs it.
  writeFileSync(join(folder, 'run.mjs'), "import { main } from './byline.mjs';\nawait main();\n");
  return join(folder, 'run.mjs');
}

/** A session holding the lock that every write to the team schema takes (until it commits). */
async function holdWriteLock(url: string): Promise<pg.Client> {
  const blocker = new pg.Client({ connectionString: url });
  blocker.on('error', () => {});
  await blocker.connect();
  await blocker.query(`BEGIN; SELECT pg_advisory_xact_lock(hashtext('byline.change_seq'))`);
  return blocker;
}

/** Waits until `role` has a query waiting for a lock on the server (only a superuser sees what others wait for). */
async function waitForLockWait(url: string, role: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const rows = await serverRows(url, `SELECT 1 FROM pg_stat_activity WHERE usename = '${role}' AND wait_event_type = 'Lock'`);
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${role} never waited for the lock`);
}
