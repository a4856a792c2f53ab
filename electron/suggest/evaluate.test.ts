import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markedSpans } from '../testing/marked-spans';
import { tempDir } from '../testing/temp';
import { evaluateSuggestions, readBratExamples } from './evaluate';

/** A folder of brat files, one article per sentence, spans marked [Label words], each sentence's Content and Source joined by an event, as PolNeAR has them. */
function attributionFolder(sentences: string[]): string {
  const folder = tempDir();
  sentences.forEach((marked, k) => {
    const { text, spans } = markedSpans(marked);
    const lines = spans.map((s, n) => `T${n + 1}\t${s.label} ${s.start} ${s.end}\t${text.slice(s.start, s.end)}`);
    const ref = (label: string) => `T${spans.findIndex((s) => s.label === label) + 1}`;
    const cue = spans.find((s) => s.label === 'Cue')!;
    lines.push(`T${spans.length + 1}\tAttribution ${cue.start} ${cue.end}\t${text.slice(cue.start, cue.end)}`);
    lines.push(`E1\tAttribution:T${spans.length + 1} Content:${ref('Content')} Cue:${ref('Cue')} Source:${ref('Source')}`);
    writeFileSync(join(folder, `article-${k}.txt`), text);
    writeFileSync(join(folder, `article-${k}.ann`), lines.join('\n') + '\n');
  });
  return folder;
}

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
    const train = attributionFolder(TRAIN);
    const [first] = await readBratExamples(train);
    expect(first!.links).toEqual([{ content: [{ start: 15, end: 37 }], source: [{ start: 0, end: 9 }] }]);
    const test = attributionFolder(['[Source The minister] [Cue said] [Content the port will reopen].', '[Source Officials] [Cue said] [Content the ferry sank].']);
    const report = await evaluateSuggestions(train, test, 1);
    expect(report.links).toMatchObject({ expected: 2, found: 2, matched: 2, f1: 1 });
    expect(report.labels.find((l) => l.label === 'Content')?.exact.f1).toBe(1);
  });
});
