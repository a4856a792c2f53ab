/** The measures on small cases computed by hand, and textbook examples. */
import { describe, expect, it } from 'vitest';
import { wordTokens } from '../formats/export-tokens';
import { AlphaAccumulator, nominalAlpha } from './agreement-alpha';
import { cohensKappa, PairTally } from './agreement-kappa';
import { matchExact, matchOverlap, sharedLength } from './agreement-spans';
import { tokenLabels } from './agreement-tokens';

describe("Cohen's kappa", () => {
  it('is 1 for perfect agreement, -1 for total disagreement on two balanced categories, 0 at chance', () => {
    expect(cohensKappa([[5, 0], [0, 5]])).toBe(1);
    expect(cohensKappa([[0, 5], [5, 0]])).toBe(-1);
    // Independent coders: each cell is the product of the margins.
    expect(cohensKappa([[25, 25], [25, 25]])).toBe(0);
    expect(cohensKappa([[9, 3], [6, 2]])).toBeCloseTo(0, 12);
  });

  it('matches the textbook example (Ao 0.7, Ae 0.5: kappa 0.4)', () => {
    // 50 items: both yes 20, A yes B no 5, A no B yes 10, both no 15.
    expect(cohensKappa([[20, 5], [10, 15]])).toBeCloseTo(0.4, 12);
  });

  it('is undefined (null) without items or when both used one category only', () => {
    expect(cohensKappa([[0, 0], [0, 0]])).toBeNull();
    expect(cohensKappa([[7, 0], [0, 0]])).toBeNull();
  });

  it('counts value pairs of any kind', () => {
    const tally = new PairTally();
    for (const [a, b] of [['x', 'x'], ['y', 'y'], ['x', 'y'], ['y', 'y']] as const) tally.add(a, b);
    expect([tally.total, tally.agreed]).toEqual([4, 3]);
    // Ao 3/4; A: x 2, y 2; B: x 1, y 3; Ae = (2·1 + 2·3)/16 = 1/2.
    expect(tally.kappa()).toBeCloseTo(0.5, 12);
  });
});

describe("Krippendorff's alpha (nominal)", () => {
  it("gives 0.743 on Krippendorff's own example: 4 coders, 12 units, missing values", () => {
    // Krippendorff (2011), "Computing Krippendorff's alpha-reliability", the nominal example.
    const coders = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
      [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    ];
    const units = coders[0]!.map((_, u) => coders.map((c) => (c[u] === null ? null : String(c[u]))));
    expect(nominalAlpha(units)).toBeCloseTo(0.743, 3);
  });

  it('is 1 for perfect agreement and below 0 for systematic disagreement', () => {
    expect(nominalAlpha([['a', 'a'], ['b', 'b'], ['a', 'a']])).toBe(1);
    // Two coders, two units, always different: n = 4 values, 2 of each; 1 − (n−1)·Σ(m² − Σn²)/(m−1) / (n² − Σn_c²) = 1 − 3·4/8.
    expect(nominalAlpha([['a', 'b'], ['b', 'a']])).toBeCloseTo(-0.5, 12);
  });

  it('leaves out units with a single value (missing data), rather than counting them', () => {
    const complete = [['a', 'a', 'b'], ['b', 'b', 'b'], ['a', 'b', 'a']];
    expect(nominalAlpha([...complete, ['a', null, null], [null, null, 'b']])).toBe(nominalAlpha(complete));
    // A missing value is not a category: filling it in changes alpha.
    expect(nominalAlpha([...complete, ['a', null, 'b']])).not.toBe(nominalAlpha([...complete, ['a', 'O', 'b']]));
  });

  it('accumulates unit by unit to the same value as the whole matrix', () => {
    const accumulator = new AlphaAccumulator(3);
    accumulator.addUnit([2, 1, 0], [0, 1], 3);
    accumulator.addUnit([0, 0, 2], [2], 2);
    accumulator.addUnit([1, 0, 0], [0], 1);
    expect(accumulator.value()).toBeCloseTo(nominalAlpha([['0', '0', '1'], ['2', '2', null], ['0', null, null]])!, 12);
  });

  it('is undefined (null) when nothing is pairable or there is one category only', () => {
    expect(nominalAlpha([['a', null], [null, 'b']])).toBeNull();
    expect(nominalAlpha([['a', 'a'], ['a', 'a']])).toBeNull();
  });
});

describe('token labels', () => {
  const text = 'Officials said the bridge is safe, according to the city.';
  const tokens = wordTokens(text);
  const at = (phrase: string) => ({ start: text.indexOf(phrase), end: text.indexOf(phrase) + phrase.length });

  it('labels every word token under a span, O elsewhere; a token touched by part of a fragment counts', () => {
    expect(tokens.map((t) => t.text)).toEqual(['Officials', 'said', 'the', 'bridge', 'is', 'safe', ',', 'according', 'to', 'the', 'city', '.']);
    expect([...tokenLabels(tokens, [{ label: 1, fragments: [at('ridge is saf')] }])]).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
  });

  it('gives a token under several spans the shortest one, equal lengths the earlier label', () => {
    const claim = { label: 1, fragments: [at('Officials said the bridge is safe')] };
    const source = { label: 2, fragments: [at('Officials')] };
    expect([...tokenLabels(tokens, [source, claim])]).toEqual([2, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    expect([...tokenLabels(tokens, [claim, source])]).toEqual([2, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    const tie = [{ label: 3, fragments: [at('the city')] }, { label: 2, fragments: [at('the city')] }];
    expect([...tokenLabels(tokens, tie)].slice(9, 11)).toEqual([2, 2]);
  });

  it('labels the fragments of a discontinuous span, not the gap', () => {
    const span = { label: 1, fragments: [at('the bridge'), at('safe')] };
    expect([...tokenLabels(tokens, [span])]).toEqual([0, 0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0]);
  });
});

describe('span matching', () => {
  const s = (id: string, label: number, ...fragments: [number, number][]) => ({
    id,
    label,
    fragments: fragments.map(([start, end]) => ({ start, end })),
  });

  it('matches exactly on label and the whole set of fragments, one to one', () => {
    const a = [s('a1', 1, [0, 5], [9, 12]), s('a2', 1, [0, 5]), s('a3', 1, [0, 5]), s('a4', 2, [20, 25])];
    const b = [s('b1', 1, [0, 5]), s('b2', 1, [0, 5], [9, 12]), s('b3', 1, [20, 25])];
    expect(matchExact(a, b)).toEqual([[0, 1], [1, 0]]);
  });

  it('matches overlapping spans of a label greedily, the largest shared length first', () => {
    expect(sharedLength([{ start: 0, end: 4 }, { start: 8, end: 12 }], [{ start: 2, end: 10 }])).toBe(4);
    const a = [s('a1', 1, [0, 10]), s('a2', 1, [8, 20])];
    const b = [s('b1', 1, [0, 3]), s('b2', 1, [2, 10]), s('b3', 2, [0, 10])];
    // a1–b2 shares 8 and is taken first; a2 may then only have b1, which it does not touch.
    expect(matchOverlap(a, b)).toEqual([[0, 1]]);
    // A gap of a discontinuous span does not overlap.
    expect(matchOverlap([s('a', 1, [0, 2], [8, 10])], [s('b', 1, [3, 7])])).toEqual([]);
  });
});
