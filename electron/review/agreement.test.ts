/** Agreement over real workspace files: layers imported under annotators' names, hand-computed figures. */
import { describe, expect, it } from 'vitest';
import type { AgreementRequest } from '../../schema/review';
import { listAnnotators } from '../store/annotators';
import { addToCollection, createCollection } from '../store/collections';
import { dispatch } from '../dispatch';
import { handlersFor, valueOf } from '../testing/handlers';
import { importLayer as layer } from '../testing/layers';
import { workspacesClosedAfterEach } from '../testing/workspace';
import type { Workspace } from '../store/workspace';
import { nominalAlpha } from './agreement-alpha';
import { computeAgreement } from './agreement';

const open = workspacesClosedAfterEach();
const TEXT = 'Officials said the bridge is safe, according to the city.';
const OTHER = 'The mayor announced a new budget on Monday, a spokesperson said.';

const idOf = (ws: Workspace, name: string) => listAnnotators(ws).find((a) => a.name === name)!.id;
const agreement = (ws: Workspace, names: string[], scope: AgreementRequest['scope'] = { kind: 'all' }) =>
  computeAgreement(ws, { annotatorIds: names.map((n) => idOf(ws, n)), scope });

describe('agreement between two layers', () => {
  it('is perfect when both tagged the same spans, links and attributes', async () => {
    const ws = open('Lead');
    for (const who of ['Ana', 'Ben']) layer(ws, who, TEXT, [['Claim', 'the bridge is safe', { checkworthiness: 'check-worthy' }], ['Source', 'Officials']], [[0, 1]]);
    const report = await agreement(ws, ['Ana', 'Ben']);
    expect(report.documents).toBe(1);
    expect(report.annotators.map((a) => a.name)).toEqual(['Ana', 'Ben']);
    const [pair] = report.pairs;
    expect(pair!.documents).toBe(1);
    expect(pair!.spans.micro.exact).toEqual({ a: 2, b: 2, matched: 2, precision: 1, recall: 1, f1: 1 });
    expect(pair!.spans.macro).toEqual({ exact: 1, overlap: 1 });
    expect(pair!.tokenKappa).toBe(1);
    expect(pair!.tokens).toBe(12);
    expect(pair!.confusion).toEqual({ labels: ['O', 'Claim', 'Source'], counts: [[7, 0, 0], [0, 4, 0], [0, 0, 1]] });
    expect(pair!.links).toEqual({ a: 1, b: 1, matched: 1, precision: 1, recall: 1, f1: 1 });
    expect(pair!.attributes).toEqual([
      { label: 'Claim', key: 'checkworthiness', name: 'Check-worthiness', compared: 1, agreed: 1, percent: 1, kappa: null },
    ]);
    expect(report.alpha).toBe(1);
  });

  it('gives the hand-computed figures when boundaries and a source differ', async () => {
    const ws = open('Lead');
    // Tokens: Officials said the bridge is safe , according to the city .
    // Ana:    S         O    C   C      C  C    O O         O  O   O    O
    // Ben:    O         O    O   C      C  C    C O         O  S   S    O
    layer(ws, 'Ana', TEXT, [['Claim', 'the bridge is safe'], ['Source', 'Officials']], [[0, 1]]);
    layer(ws, 'Ben', TEXT, [['Claim', 'bridge is safe,'], ['Source', 'the city']], [[0, 1]]);
    const [pair] = (await agreement(ws, ['Ana', 'Ben'])).pairs;
    expect(pair!.confusion.counts).toEqual([[4, 1, 2], [1, 3, 0], [1, 0, 0]]);
    // Ao = 7/12, Ae = (7·6 + 4·4 + 1·2)/144 = 5/12: kappa = (2/12)/(7/12).
    expect(pair!.tokenKappa).toBeCloseTo(2 / 7, 12);
    expect(pair!.spans.micro.exact.f1).toBe(0);
    // The claims overlap, the sources do not.
    expect(pair!.spans.micro.overlap).toEqual({ a: 2, b: 2, matched: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(pair!.spans.perLabel.map((l) => [l.label, l.exact.f1, l.overlap.f1])).toEqual([['Claim', 0, 1], ['Source', 0, 0]]);
    expect(pair!.spans.macro).toEqual({ exact: 0, overlap: 0.5 });
    // No link has both ends matched exactly: nothing to compare.
    expect(pair!.links).toEqual({ a: 0, b: 0, matched: 0, precision: null, recall: null, f1: null });
  });

  it('gives alpha by hand for two annotators (24 values: O 13, Claim 8, Source 3; 5 units differ)', async () => {
    const ws = open('Lead');
    layer(ws, 'Ana', TEXT, [['Claim', 'the bridge is safe'], ['Source', 'Officials']]);
    layer(ws, 'Ben', TEXT, [['Claim', 'bridge is safe,'], ['Source', 'the city']]);
    // 1 − (n − 1)·Σ_u(m² − Σn²)/(m − 1) / (n² − Σn_c²) = 1 − 23·(5·2)/(576 − 242).
    expect((await agreement(ws, ['Ana', 'Ben'])).alpha).toBeCloseTo(1 - 230 / 334, 12);
  });

  it('compares links between exactly matched ends, and attributes on exactly matched spans', async () => {
    const ws = open('Lead');
    layer(
      ws,
      'Ana',
      TEXT,
      [['Claim', 'the bridge is safe', { checkworthiness: 'check-worthy' }], ['Source', 'Officials', { kind: 'person' }], ['Source', 'the city', { kind: 'organization' }]],
      [[0, 1], [0, 2]],
    );
    layer(
      ws,
      'Ben',
      TEXT,
      [['Claim', 'the bridge is safe', { checkworthiness: 'not factual' }], ['Source', 'Officials', { kind: 'person' }], ['Source', 'the city']],
      [[0, 2]],
    );
    const [pair] = (await agreement(ws, ['Ana', 'Ben'])).pairs;
    expect(pair!.links).toEqual({ a: 2, b: 1, matched: 1, precision: 1, recall: 0.5, f1: 2 / 3 });
    expect(pair!.attributes).toEqual([
      { label: 'Claim', key: 'checkworthiness', name: 'Check-worthiness', compared: 1, agreed: 0, percent: 0, kappa: 0 },
      // Set on one side only counts as a disagreement; "not set" is a value of its own for kappa:
      // Ao 1/2, Ae = p(person)·p(person) = 1/4, kappa = (1/2 − 1/4)/(3/4).
      { label: 'Source', key: 'kind', name: 'Kind', compared: 2, agreed: 1, percent: 0.5, kappa: 1 / 3 },
    ]);
  });

  it('compares a discontinuous span by its fragments (exact) and their union (overlap)', async () => {
    const ws = open('Lead');
    layer(ws, 'Ana', TEXT, [['Claim', ['the bridge', 'safe']], ['Claim', ['according', 'city']]]);
    layer(ws, 'Ben', TEXT, [['Claim', 'the bridge is safe'], ['Claim', ['according', 'city']]]);
    const [pair] = (await agreement(ws, ['Ana', 'Ben'])).pairs;
    expect([pair!.spans.micro.exact.matched, pair!.spans.micro.overlap.matched]).toEqual([1, 2]);
  });
});

describe('agreement with missing data and scopes', () => {
  it('treats an article an annotator never worked on as missing, one marked done as all O', async () => {
    const ws = open('Lead');
    const first = layer(ws, 'Ana', TEXT, [['Claim', 'the bridge is safe']]);
    layer(ws, 'Ben', TEXT, [['Claim', 'the bridge is safe']]);
    layer(ws, 'Cy', TEXT, [['Claim', 'bridge is safe']]);
    const second = layer(ws, 'Ana', OTHER, [['Claim', 'a new budget']]);
    layer(ws, 'Ben', OTHER, [['Source', 'a spokesperson']]);
    const report = await agreement(ws, ['Ana', 'Ben', 'Cy']);
    expect(report.documents).toBe(2);
    const byPair = new Map(report.pairs.map((p) => [`${p.a}|${p.b}`, p]));
    const ana = idOf(ws, 'Ana');
    const ben = idOf(ws, 'Ben');
    const cy = idOf(ws, 'Cy');
    expect(byPair.get(`${ana}|${ben}`)!.documents).toBe(2);
    expect(byPair.get(`${ana}|${cy}`)!.documents).toBe(1);
    expect(byPair.get(`${ana}|${cy}`)!.tokens).toBe(12);

    // Token labels by hand: the first article (12 tokens), then the second (13 tokens).
    const o = (n: number) => Array<string>(n).fill('O');
    const ana1 = [...o(2), 'C', 'C', 'C', 'C', ...o(6)];
    const cy1 = [...o(3), 'C', 'C', 'C', ...o(6)];
    const ana2 = [...o(3), 'C', 'C', 'C', ...o(7)];
    const ben2 = [...o(9), 'S', 'S', ...o(2)];
    const units = [...ana1.map((v, t) => [v, ana1[t]!, cy1[t]!]), ...ana2.map((v, t) => [v, ben2[t]!, null])];
    expect(report.alpha).toBeCloseTo(nominalAlpha(units)!, 12);
    expect(report.alpha).not.toBeCloseTo(nominalAlpha(units.map((u) => u.map((v) => v ?? 'O')))!, 6);

    // Cy marks the second article done without tagging anything: now all O there.
    ws.db
      .prepare("INSERT INTO document_status (document_id, annotator_id, status, updated_at) VALUES (?, ?, 'done', ?)")
      .run(second, cy, new Date().toISOString());
    const done = await agreement(ws, ['Ana', 'Ben', 'Cy']);
    expect(done.alpha).toBeCloseTo(nominalAlpha(units.map((u) => u.map((v) => v ?? 'O')))!, 12);
    expect(done.pairs.find((p) => p.a === ana && p.b === cy)!.documents).toBe(2);

    // One article only, and a collection holding the second.
    const one = await agreement(ws, ['Ana', 'Ben'], { kind: 'document', id: first });
    expect([one.documents, one.pairs[0]!.tokens, one.pairs[0]!.tokenKappa]).toEqual([1, 12, 1]);
    const batch = createCollection(ws, 'Batch');
    addToCollection(ws, batch.id, [second]);
    const inBatch = await agreement(ws, ['Ana', 'Ben'], { kind: 'collection', id: batch.id });
    expect([inBatch.documents, inBatch.pairs[0]!.tokens]).toEqual([1, 13]);
    expect(inBatch.pairs[0]!.spans.micro.overlap.matched).toBe(0);
  });

  it('refuses unknown annotators, a repeated one, and an unknown article or collection, by name', () => {
    const ws = open('Lead');
    layer(ws, 'Ana', TEXT, [['Claim', 'the bridge is safe']]);
    const ana = idOf(ws, 'Ana');
    const ghost = '01900000-0000-7000-8000-000000000000';
    expect(() => computeAgreement(ws, { annotatorIds: [ana, ghost], scope: { kind: 'all' } })).toThrow(
      `annotatorIds: there is no annotator with id ${ghost} in this workspace.`,
    );
    expect(() => computeAgreement(ws, { annotatorIds: [ana, ana], scope: { kind: 'all' } })).toThrow(/given twice/);
    const lead = ws.localAnnotator.id;
    expect(() => computeAgreement(ws, { annotatorIds: [ana, lead], scope: { kind: 'collection', id: ghost } })).toThrow(
      `There is no collection with id ${ghost}.`,
    );
    expect(() => computeAgreement(ws, { annotatorIds: [ana, lead], scope: { kind: 'document', id: ghost } })).toThrow(
      `There is no article with id ${ghost}.`,
    );
  });

  it('reports no figures (null, not 0 or NaN) when the annotators share no article', async () => {
    const ws = open('Lead');
    layer(ws, 'Ana', TEXT, [['Claim', 'the bridge is safe']]);
    layer(ws, 'Ben', OTHER, [['Claim', 'a new budget']]);
    const report = await agreement(ws, ['Ana', 'Ben']);
    expect(report.documents).toBe(2);
    expect(report.alpha).toBeNull();
    expect(report.pairs[0]).toMatchObject({ documents: 0, tokens: 0, tokenKappa: null, spans: { perLabel: [], macro: { exact: null, overlap: null } } });
  });
});

// Over a collection or the workspace the channel computes in the worker thread (jobs/worker.ts),
// which exists only as a bundle: the e2e suite (agreement.spec.ts) checks those answers against
// `byline agreement`. One article is computed in place.
describe("the 'agreement.compute' channel", () => {
  it('answers for one article, and refuses bad requests with the field and the reason', async () => {
    const ws = open('Lead');
    const article = layer(ws, 'Ana', TEXT, [['Claim', 'the bridge is safe']]);
    layer(ws, 'Ben', TEXT, [['Claim', 'the bridge is safe']]);
    const handlers = handlersFor(ws);
    const ids = [idOf(ws, 'Ana'), idOf(ws, 'Ben')];
    expect(await valueOf(handlers)('agreement.compute', { annotatorIds: ids, scope: { kind: 'document', id: article } })).toMatchObject({
      documents: 1,
      alpha: 1,
      pairs: [{ a: ids[0], b: ids[1], tokenKappa: 1 }],
    });

    const one = await dispatch(handlers, 'agreement.compute', { annotatorIds: [ids[0]], scope: { kind: 'all' } });
    expect(one).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringMatching(/^agreement\.compute: annotatorIds: /) } });
    const scope = await dispatch(handlers, 'agreement.compute', { annotatorIds: ids, scope: { kind: 'search', search: 'x' } });
    expect(scope).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('scope') } });
  });
});
