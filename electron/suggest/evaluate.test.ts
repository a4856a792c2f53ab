import { describe, expect, it } from 'vitest';
import { bratFolder } from '../testing/marked-spans';
import { evaluateSuggestions, readBratExamples } from './evaluate';

const TRAIN = [
  '[Source The mayor] [Cue said] [Content the budget is balanced].',
  '[Source The union] [Cue said] [Content the strike will go on].',
  '[Source Police] [Cue said] [Content the road was closed].',
  '[Source The company] [Cue said] [Content profits fell].',
  '[Source The court] [Cue said] [Content the law stands].',
  '[Source The council] [Cue said] [Content the school will close].',
];

describe('suggest evaluate', () => {
  it('reads a brat event’s Content and Source as a link, and scores the links the rules draw between the spans it suggests', async () => {
    const train = bratFolder(TRAIN, true);
    const [first] = await readBratExamples(train);
    expect(first!.links).toEqual([{ content: [{ start: 15, end: 37 }], source: [{ start: 0, end: 9 }] }]);
    const test = bratFolder(['[Source The minister] [Cue said] [Content the port will reopen].', '[Source Officials] [Cue said] [Content the ferry sank].'], true);
    const report = await evaluateSuggestions(train, test, 1);
    expect(report.links).toMatchObject({ expected: 2, found: 2, matched: 2, f1: 1 });
    expect(report.labels.find((l) => l.label === 'Content')?.exact.f1).toBe(1);
  });
});
