import { describe, expect, it } from 'vitest';
import { wordTokens } from '../formats/export-tokens';
import { spanScores } from './span-scores';

describe('span scores', () => {
  const text = 'The minister said the bridge would reopen in May.';
  const tokens = wordTokens(text);
  const at = (label: string, phrase: string) => ({ label, start: text.indexOf(phrase), end: text.indexOf(phrase) + phrase.length });

  it('count exact spans and shared tokens per label, by hand', () => {
    const gold = [at('Cue', 'said'), at('Source', 'The minister'), at('Content', 'the bridge would reopen in May')];
    const suggested = [at('Cue', 'said'), at('Source', 'minister'), at('Content', 'the bridge would reopen in May.'), at('Content', 'May')];
    const byLabel = Object.fromEntries(spanScores(gold, suggested, tokens).map((s) => [s.label, s]));
    expect(Object.keys(byLabel)).toEqual(['Content', 'Cue', 'Source']);
    expect(byLabel.Cue!.exact).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    // "minister" is not the span "The minister", but shares one of its two tokens.
    expect(byLabel.Source!.exact).toMatchObject({ matched: 0, f1: 0 });
    expect(byLabel.Source!.overlap).toMatchObject({ matched: 1, found: 1, expected: 2, precision: 1, recall: 0.5 });
    expect(byLabel.Source!.overlap.f1).toBeCloseTo(2 / 3);
    // The full stop makes a different span; the tokens are 6 of gold's 6, out of 7 suggested.
    expect(byLabel.Content!.exact).toMatchObject({ matched: 0, found: 2, expected: 1 });
    expect(byLabel.Content!.overlap).toMatchObject({ matched: 6, found: 7, expected: 6 });
  });

  it('score a label only one side uses as zero, not as a division by zero', () => {
    const [only] = spanScores([at('Cue', 'said')], [], tokens);
    expect(only).toMatchObject({ label: 'Cue', exact: { precision: 0, recall: 0, f1: 0, expected: 1 } });
  });
});
