import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgreementReport } from '../schema/review';
import { runCli } from './cli';
import { Workspace } from './store/workspace';
import { importLayer } from './testing/layers';
import { bratFolder } from './testing/marked-spans';
import { fillRichWorkspace } from './testing/rich-workspace';
import { damageTable } from './testing/damage';
import { fileDigest, tempDir, testData } from './testing/temp';

/** Runs the command line on a workspace file; what it printed, by stream, and its exit code. */
async function byline(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, env, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

function richWorkspaceFile(): string {
  const path = join(tempDir(), 'ana.sqlite');
  const ws = Workspace.open(path, { userName: 'Ana' });
  fillRichWorkspace(ws);
  ws.close();
  return path;
}

describe('byline export', () => {
  it('writes the file and says what it wrote', async () => {
    const workspace = richWorkspaceFile();
    const out = join(tempDir(), 'ben.jsonl');
    const result = await byline(['export', '--format', 'spacy-jsonl', '--out', out, '--annotator', 'Ben', '--workspace', workspace]);
    expect(result).toEqual({ code: 0, out: [`Exported 3 articles, 3 annotations and 2 links to ${out}.`], err: [] });
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('takes the workspace from BYLINE_WORKSPACE, and a collection by name', async () => {
    const workspace = richWorkspaceFile();
    const ws = Workspace.open(workspace, { userName: 'Ana' });
    const { createCollection, addToCollection } = await import('./store/collections');
    const batch = createCollection(ws, 'Batch A');
    addToCollection(ws, batch.id, [ws.db.prepare('SELECT id FROM documents ORDER BY created_at LIMIT 1').pluck().get() as string]);
    ws.close();
    const out = join(tempDir(), 'batch.csv');
    const result = await byline(['export', '--format', 'csv', '--out', out, '--collection', 'Batch A'], { BYLINE_WORKSPACE: workspace });
    expect(result.code).toBe(0);
    expect(result.out[0]).toMatch(/^Exported 1 articles?, 4 annotations and 2 links to /);
  });

  it.each([
    [['export', '--format', 'xml', '--out', 'x.xml'], 2, 'byline: there is no format “xml” (the formats: exchange, exchange-gz, spacy-jsonl, prodigy-jsonl, doccano-jsonl, csv, w3c, conll, brat).'],
    [['export', '--out', 'x.jsonl'], 2, 'byline: export needs --format.'],
    [['export', '--format', 'csv'], 2, 'byline: export needs --out, the file (or folder) to write.'],
    [['frobnicate'], 2, 'byline: there is no command “frobnicate”.'],
    [['export', '--format', 'csv', '--out', 'x.csv', '--colour', 'red'], 2, /^byline: Unknown option '--colour'\./],
    [['export', '--format', 'csv', '--out', 'OUT', '--annotator', 'Zed'], 1, 'byline: there is no annotator named “Zed” (there are: Ana, Ben).'],
    [['export', '--format', 'csv', '--out', 'OUT', '--collection', 'Nope'], 1, 'byline: there is no collection named “Nope”.'],
  ] as const)('byline %j: exit %i, the reason first, and no file', async (args, code, reason) => {
    const folder = tempDir();
    const workspace = richWorkspaceFile();
    const result = await byline([...args.map((a) => (a === 'OUT' ? join(folder, 'out.csv') : a)), '--workspace', workspace]);
    expect(result.code).toBe(code);
    expect(result.err[0]).toMatch(reason);
    expect(result.out).toEqual([]);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('fails with the reason when the folder to write in does not exist', async () => {
    const out = join(tempDir(), 'missing', 'out.csv');
    const result = await byline(['export', '--format', 'csv', '--out', out, '--workspace', richWorkspaceFile()]);
    expect(result).toEqual({ code: 1, out: [], err: [`byline: ${out} cannot be written: the folder ${join(out, '..')} does not exist.`] });
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a workspace file that is not one, and leaves it as it was', async () => {
    const notAWorkspace = testData('school-board-budget.txt');
    const before = readFileSync(notAWorkspace);
    const result = await byline(['stats', '--workspace', notAWorkspace]);
    expect(result.code).toBe(1);
    expect(result.err).toEqual([expect.stringContaining(notAWorkspace)]);
    expect(readFileSync(notAWorkspace)).toEqual(before);
  });
});

describe('byline import and stats', () => {
  it('imports files, says how it went, and counts annotations by label and annotator', async () => {
    const workspace = join(tempDir(), 'new.sqlite');
    const imported = await byline(['import', testData('brat'), '--workspace', workspace]);
    // e2e/data/brat holds good files and bad ones on purpose: the bad are named, the exit code says so.
    expect(imported.code).toBe(1);
    expect(imported.out).toEqual(['2 imported, 0 already in the workspace, 4 failed; no warnings.']);
    expect(imported.err).toHaveLength(4);
    expect(imported.err.every((line) => line.includes(testData('brat')))).toBe(true);

    const good = await byline(['import', testData('school-board-budget.txt'), '--workspace', workspace]);
    expect(good).toEqual({ code: 0, out: ['1 imported, 0 already in the workspace, 0 failed; no warnings.'], err: [] });
    const again = await byline(['import', testData('school-board-budget.txt'), '--workspace', workspace]);
    expect(again.out).toEqual(['0 imported, 1 already in the workspace, 0 failed; no warnings.']);

    const stats = await byline(['stats', '--workspace', workspace]);
    expect(stats.code).toBe(0);
    expect(stats.out[0]).toBe(`Workspace: ${workspace}`);
    expect(stats.out).toContain('Annotations by label:');
    expect(stats.out).toContain('Annotations by annotator:');
    const ws = Workspace.open(workspace, { userName: 'x' });
    const documents = ws.db.prepare('SELECT count(*) FROM documents').pluck().get();
    const claims = ws.db.prepare("SELECT count(*) FROM annotations a JOIN labels l ON l.id = a.label_id WHERE l.name = 'Claim'").pluck().get() as number;
    ws.close();
    expect(stats.out[1]).toBe(`Documents: ${documents}`);
    expect(stats.out.find((line) => line.trim().startsWith('Claim '))?.trim().split(/\s+/).at(-1)).toBe(String(claims));
    expect(claims).toBeGreaterThan(0);
  });

  it('imports a corpus with line-level problems: each is a warning on stderr, the summary counts them, and the exit code is 0', async () => {
    const workspace = join(tempDir(), 'quirks.sqlite');
    const imported = await byline(['import', testData('brat-quirks'), '--workspace', workspace]);
    expect(imported.code).toBe(0);
    expect(imported.out).toEqual(['6 imported, 0 already in the workspace, 0 failed; 9 warnings in 4 files (6 lines kept with a difference, 3 lines left out).']);
    expect(imported.err).toHaveLength(9);
    expect(imported.err.every((line) => line.startsWith(`warning: ${testData('brat-quirks')}`))).toBe(true);
    expect(imported.err.filter((line) => line.endsWith('the line is left out.'))).toHaveLength(3);
    expect(imported.err.filter((line) => line.endsWith('the span is kept as its offsets say.'))).toHaveLength(5);
  });

  it('prints its usage for --help and for no command (exit 0 and 2)', async () => {
    const help = await byline(['--help']);
    expect(help.code).toBe(0);
    expect(help.out[0]).toMatch(/^Usage:/);
    expect((await byline([])).code).toBe(2);
  });
});

describe('byline agreement', () => {
  const TEXT = 'Officials said the bridge is safe, according to the city.';
  const OTHER = 'The mayor announced a new budget on Monday, a spokesperson said.';

  /** Ana and Ben tag the bridge article differently (hand-computed in review/agreement.test.ts) and the budget one alike. */
  async function twoLayers(): Promise<string> {
    const { createCollection, addToCollection } = await import('./store/collections');
    const path = join(tempDir(), 'layers.sqlite');
    const ws = Workspace.open(path, { userName: 'Lead' });
    const bridge = importLayer(ws, 'Ana', TEXT, [['Claim', 'the bridge is safe'], ['Source', 'Officials']]);
    importLayer(ws, 'Ben', TEXT, [['Claim', 'bridge is safe,'], ['Source', 'the city']]);
    importLayer(ws, 'Ana', OTHER, [['Claim', 'a new budget']]);
    importLayer(ws, 'Ben', OTHER, [['Claim', 'a new budget']]);
    addToCollection(ws, createCollection(ws, 'Bridge').id, [bridge]);
    ws.close();
    return path;
  }

  it('prints a table of the pairs and alpha', async () => {
    const workspace = await twoLayers();
    const result = await byline(['agreement', '--annotators', 'Ana,Ben', '--collection', 'Bridge', '--workspace', workspace]);
    expect(result).toEqual({
      code: 0,
      out: [
        'Agreement of Ana, Ben over 1 article (span F1 micro-averaged unless macro).',
        'pair       articles  tokens  span F1 exact  span F1 overlap  macro exact  macro overlap  token kappa  link F1',
        'Ana – Ben         1      12          0.000            0.500        0.000          0.500        0.286        -',
        `Krippendorff's alpha (nominal, token-wise, 2 annotators): ${(1 - 230 / 334).toFixed(3)}`,
      ],
      err: [],
    });
  });

  it('prints the whole report as JSON with --json, annotators by name or id', async () => {
    const workspace = await twoLayers();
    const ws = Workspace.open(workspace);
    const ben = ws.db.prepare("SELECT id FROM annotators WHERE name = 'Ben'").pluck().get() as string;
    ws.close();
    const result = await byline(['agreement', '--annotators', `Ana,${ben}`, '--json', '--workspace', workspace]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out.join('\n')) as AgreementReport;
    expect(report.annotators.map((a) => a.name)).toEqual(['Ana', 'Ben']);
    expect(report.documents).toBe(2);
    // The budget claims match exactly; of the bridge article's spans, only the claims overlap.
    expect(report.pairs[0]!.spans.micro.exact).toMatchObject({ a: 3, b: 3, matched: 1 });
    expect(report.pairs[0]!.spans.micro.overlap).toMatchObject({ a: 3, b: 3, matched: 2 });
    expect(report.pairs[0]!.tokens).toBe(25);
  });

  it.each([
    [['agreement', '--annotators', 'Ana,Zed'], 1, 'byline: there is no annotator named “Zed” (there are: Lead, Ana, Ben).'],
    [['agreement', '--annotators', 'Ana'], 2, 'byline: agreement needs --annotators with two or more annotators, separated by commas.'],
    [['agreement'], 2, 'byline: agreement needs --annotators with two or more annotators, separated by commas.'],
    [['agreement', '--annotators', 'Ana,Ben,Ana'], 2, 'byline: --annotators names “Ana” twice.'],
    [['agreement', '--annotators', 'Ana,Ben', '--collection', 'Nope'], 1, 'byline: there is no collection named “Nope”.'],
  ] as const)('byline %j: exit %i with the reason', async (args, code, reason) => {
    const result = await byline([...args, '--workspace', await twoLayers()]);
    expect(result.code).toBe(code);
    expect(result.err[0]).toBe(reason);
    expect(result.out).toEqual([]);
  });

  it('is in the usage', async () => {
    expect((await byline(['--help'])).out.join('\n')).toContain('byline agreement --annotators A,B[,C...] [--collection NAME] [--json]');
  });
});

describe('byline import', () => {
  it('checks the workspace first, and writes nothing into one that fails the check', async () => {
    const workspace = richWorkspaceFile();
    damageTable(workspace, 'document_versions');
    const before = fileDigest(workspace);

    const result = await byline(['import', testData('school-board-budget.txt'), '--workspace', workspace]);

    expect(result.code).toBe(1);
    expect(result.err.join('\n')).toMatch(/^byline: This workspace is open read-only: it failed its integrity check \(SQLite found: .+\)\./);
    expect(result.out).toEqual([]);
    expect(fileDigest(workspace)).toBe(before);
  });
});

describe('byline suggest evaluate', () => {
  const TRAIN = [
    '[Source The mayor] [Cue said] the budget is balanced.',
    '[Source The union] [Cue warned] of a strike.',
    '[Source Police] [Cue said] the road was closed.',
    '[Source The company] [Cue said] profits fell.',
    '[Source The court] [Cue said] the law stands.',
    'The bridge reopened in March.',
  ];

  it('trains on one folder, scores another, and prints a line per label', async () => {
    const train = bratFolder(TRAIN);
    const test = bratFolder(['[Source The council] [Cue said] the school will close.', '[Source The union] [Cue said] the talks failed.']);
    const result = await byline(['suggest', 'evaluate', '--train', train, '--test', test, '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out.join('\n')) as { train: { articles: number; spans: number }; test: { articles: number }; labels: { label: string; exact: { expected: number; f1: number } }[] };
    expect(report.train).toMatchObject({ articles: 6, spans: 10 });
    expect(report.test.articles).toBe(2);
    expect(report.labels.map((l) => [l.label, l.exact.expected])).toEqual([
      ['Cue', 2],
      ['Source', 2],
    ]);
    expect(report.labels[0]!.exact.f1).toBe(1);
    const table = await byline(['suggest', 'evaluate', '--train', train, '--test', test]);
    expect(table.out[0]).toBe('Trained on 6 articles (10 spans), tested on 2 (4 spans).');
    expect(table.out.slice(2, -1).map((line) => line.split(/\s+/)[0])).toEqual(['Cue', 'Source']);
    expect(table.out.at(-1)).toMatch(/^Links \(content to source\): P [\d.]+, R [\d.]+, F1 [\d.]+ of 0\.$/);
  });

  it('names the folder without brat files, and the missing option', async () => {
    const empty = tempDir();
    const train = bratFolder(TRAIN);
    expect(await byline(['suggest', 'evaluate', '--train', train, '--test', empty])).toMatchObject({ code: 1, err: [`byline: ${empty} has no brat .ann files with their .txt.`] });
    const missing = await byline(['suggest', 'evaluate', '--train', train]);
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toBe('byline: suggest evaluate needs --train and --test, two folders of brat files.');
    expect((await byline(['suggest', 'train'])).err[0]).toBe('byline: suggest takes no “train” (did you mean “suggest evaluate”?).');
  });
});

describe('byline suggest', () => {
  it('writes the suggestions of every article into the layer “Suggestions”, replacing its own earlier ones, for agreement with a person', async () => {
    const path = join(tempDir(), 'ws.sqlite');
    const ws = Workspace.open(path, { userName: 'Ana' });
    const { insertDocument } = await import('./store/documents');
    const { createAnnotation } = await import('./store/annotations');
    const text = readFileSync(testData('wire-article.txt'), 'utf8');
    const documentId = insertDocument(ws, { title: 'Wire', text, originFormat: 'text' }).id;
    const anonymous = ws.db.prepare("SELECT id FROM labels WHERE name = 'Anonymous attribution'").pluck().get() as string;
    const start = [...text.slice(0, text.indexOf('people familiar'))].length;
    createAnnotation(ws, { documentId, labelId: anonymous, fragments: [{ start, end: start + 'people familiar with the situation'.length }] });
    ws.close();

    const first = await byline(['suggest', '--workspace', path]);
    expect(first.code).toBe(0);
    expect(first.out[0]).toMatch(/^Suggested \d+ annotations and \d+ links in 1 articles, into the layer “Suggestions”, from the built-in rules\.$/);
    const layer = () => {
      const db = Workspace.open(path, { userName: 'Ana' });
      try {
        return db.db
          .prepare(
            `SELECT a.quote, l.name AS label FROM annotations a JOIN annotators p ON p.id = a.annotator_id
             JOIN labels l ON l.id = a.label_id WHERE p.name = 'Suggestions' ORDER BY a.quote`,
          )
          .all() as { quote: string; label: string }[];
      } finally {
        db.close();
      }
    };
    const written = layer();
    // Everything it finds, the person's own tag included, so that agreement compares like with like.
    expect(written).toContainEqual({ quote: 'people familiar with the situation', label: 'Anonymous attribution' });
    expect(written.length).toBe(Number(/^Suggested (\d+)/.exec(first.out[0]!)![1]));
    const again = await byline(['suggest', '--workspace', path]);
    expect(again.code).toBe(0);
    expect(layer()).toEqual(written);

    const agreement = await byline(['agreement', '--annotators', 'Ana,Suggestions', '--json', '--workspace', path]);
    expect(agreement.code).toBe(0);
    const report = JSON.parse(agreement.out.join('\n')) as AgreementReport;
    expect(report.documents).toBe(1);
  });

  it('names a collection that is not there', async () => {
    const path = richWorkspaceFile();
    expect(await byline(['suggest', '--collection', 'Nope', '--workspace', path])).toMatchObject({ code: 1, err: ['byline: there is no collection named “Nope”.'] });
  });
});

describe('byline team', () => {
  it('says what is missing: a command, the address, a connection, a well-formed address', async () => {
    const workspace = join(tempDir(), 'ws.sqlite');
    const bare = await byline(['team', '--workspace', workspace]);
    expect([bare.code, bare.err[0]]).toEqual([2, 'byline: team needs a command: init, add, connect, sync, status or disconnect.']);
    const unknown = await byline(['team', 'frobnicate', '--workspace', workspace]);
    expect([unknown.code, unknown.err[0]]).toEqual([2, 'byline: there is no team command “frobnicate”.']);
    const noAddress = await byline(['team', 'connect', '--workspace', workspace]);
    expect([noAddress.code, noAddress.err[0]]).toEqual([2, 'byline: team connect needs the server’s address, postgres://role@host/database.']);
    const notConnected = await byline(['team', 'sync', '--workspace', workspace]);
    expect([notConnected.code, notConnected.err[0]]).toEqual([
      2,
      'byline: team sync: the workspace is not connected to a team server (byline team connect postgres://...).',
    ]);
    const status = await byline(['team', 'status', '--workspace', workspace]);
    expect(status.code).toBe(2);
    const http = await byline(['team', 'connect', 'https://example.org/db', '--workspace', workspace]);
    expect([http.code, http.err]).toEqual([1, ['byline: “https:” is not a PostgreSQL address: it must start with postgres://.']]);
    const noRole = await byline(['team', 'connect', 'postgres://127.0.0.1/db', '--workspace', workspace]);
    expect([noRole.code, noRole.err]).toEqual([1, ['byline: postgres://127.0.0.1/db names no role: write postgres://your-role@host/database.']]);
  });
});
