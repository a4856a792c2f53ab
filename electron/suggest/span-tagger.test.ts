import { describe, expect, it } from 'vitest';
import { markedSpans } from '../testing/marked-spans';
import { wordTokens } from '../formats/export-tokens';
import { ruleFeatures } from './rule-features';
import { staticScores, tagSpans, textFeatures, trainTagger } from './span-tagger';

const TRAINING = [
  '[Source The mayor] [Cue said] the budget is balanced.',
  '[Source Maria Lindqvist] [Cue said] the ferry will sail.',
  '[Source The union] [Cue warned] of a strike.',
  '[Source Police] [Cue said] the road was closed.',
  'The ferry sailed at noon.',
  '[Source A spokesman] [Cue added] that prices will rise.',
  'Prices rose in May.',
  '[Source The minister] [Cue said] nothing.',
  '[Source The company] [Cue said] profits fell.',
  '[Source The court] [Cue said] the law stands.',
  'The bridge reopened in March.',
  'The storm closed the port on Monday.',
].map(markedSpans);

describe('span tagger', () => {
  it('learns sources and cues from a few sentences and finds them in a new one', () => {
    const model = trainTagger(TRAINING, { seed: 3, epochs: 10 });
    expect(model.examples).toEqual({ texts: 12, spans: 16, perLabel: { Source: 8, Cue: 8 } });
    expect(model.tags).toEqual(['O', 'B-Cue', 'I-Cue', 'B-Source', 'I-Source']);
    const text = 'The council said the school will close.';
    const found = tagSpans(model, text).map((s) => [s.label, text.slice(s.start, s.end)]);
    expect(found).toEqual([
      ['Source', 'The council'],
      ['Cue', 'said'],
    ]);
    expect(tagSpans(model, 'The school closed in June.')).toEqual([]);
  });

  it('gives the same model for the same examples and seed', () => {
    const a = trainTagger(TRAINING, { seed: 7 });
    const b = trainTagger(TRAINING, { seed: 7 });
    expect([...a.weights.keys()]).toEqual([...b.weights.keys()]);
    for (const [feature, w] of a.weights) expect([...w]).toEqual([...b.weights.get(feature)!]);
  });

  it('scores each token by word as the sum of the weights of its features, as training sums them', () => {
    const model = trainTagger(TRAINING, { seed: 3, extra: ruleFeatures });
    const text = '“We will see,” the mayor said. Police said the “road” was closed, officials said.\nNew words here.';
    const tokens = wordTokens(text);
    const byWord = staticScores(model, text, tokens, ruleFeatures);
    const size = model.tags.length;
    textFeatures(text, tokens, ruleFeatures).forEach((features, i) => {
      const summed = new Float64Array(size);
      for (const f of features) model.weights.get(f)?.forEach((w, t) => (summed[t]! += w));
      for (let t = 0; t < size; t++) expect(byWord[i * size + t]).toBeCloseTo(summed[t]!, 9);
    });
  });
});
