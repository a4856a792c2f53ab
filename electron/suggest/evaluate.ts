/**
 * `byline suggest evaluate`: trains the span tagger (span-tagger.ts, with the built-in rules'
 * suggestions as features) on one folder of brat files and scores what it suggests on another,
 * per label, by exact span and by shared tokens (span-scores.ts).
 */
import { BylineError } from '../../schema/errors';
import { wordTokens } from '../formats/export-tokens';
import { readBratPair } from '../import/run-import';
import { findImportUnits } from '../import/sources';
import { ruleFeatures } from './rule-features';
import { scores, spanScores, type LabeledSpan, type Scores } from './span-scores';
import { tagSpans, trainTagger, type TrainingText } from './span-tagger';

export interface Evaluation {
  train: { folder: string; articles: number; spans: number };
  test: { folder: string; articles: number; spans: number };
  labels: Array<{ label: string; exact: Scores; overlap: Scores }>;
}

/**
 * The articles of a folder of brat files with their spans, a span per fragment: a quotation broken by
 * its cue ("“…,” said Caddell. “…”") is two spans of Content, as a tagger finds it, not one span over
 * the cue and source between. An article annotated by several people counts once, with the first
 * of their files by name.
 */
export async function readBratExamples(folder: string): Promise<TrainingText[]> {
  const units = (await findImportUnits([folder])).flatMap((unit) => (unit.kind === 'brat' ? [unit] : []));
  if (units.length === 0) throw new BylineError('bad_input', `${folder} has no brat .ann files with their .txt.`);
  const seen = new Set<string>();
  const examples: TrainingText[] = [];
  for (const unit of units) {
    if (seen.has(unit.txt)) continue;
    seen.add(unit.txt);
    const doc = await readBratPair(unit);
    const spans = doc.annotations.flatMap((a) => a.fragments.map((f) => ({ label: a.label, start: f.start, end: f.end })));
    examples.push({ text: doc.text, spans });
  }
  return examples;
}

export async function evaluateSuggestions(trainFolder: string, testFolder: string, seed = 1): Promise<Evaluation> {
  const [train, test] = [await readBratExamples(trainFolder), await readBratExamples(testFolder)];
  const model = trainTagger(train, { seed, extra: ruleFeatures });
  const totals = new Map<string, { exact: [number, number, number]; overlap: [number, number, number] }>();
  for (const { text, spans } of test) {
    const suggested: LabeledSpan[] = tagSpans(model, text, ruleFeatures);
    for (const s of spanScores(spans, suggested, wordTokens(text))) {
      const total = totals.get(s.label) ?? { exact: [0, 0, 0], overlap: [0, 0, 0] };
      for (const kind of ['exact', 'overlap'] as const) {
        total[kind][0] += s[kind].matched;
        total[kind][1] += s[kind].found;
        total[kind][2] += s[kind].expected;
      }
      totals.set(s.label, total);
    }
  }
  const count = (examples: TrainingText[]) => examples.reduce((n, e) => n + e.spans.length, 0);
  return {
    train: { folder: trainFolder, articles: train.length, spans: count(train) },
    test: { folder: testFolder, articles: test.length, spans: count(test) },
    labels: [...totals]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([label, t]) => ({ label, exact: scores(...t.exact), overlap: scores(...t.overlap) })),
  };
}
