import { tokensTouched, type Token } from '../formats/export-tokens';
import lexicon from './attribution-lexicon.json' with { type: 'json' };
import type { Span } from '../../schema/span-index';
import { suggestAttributions, type Attribution } from './attribution-rules';

const CUE_VERBS = new Set(lexicon.cueVerbs);
/** The same strings for every token (a long article has 100,000): looked up, they are hashed once. */
const RULE_FEATURES = {
  cue: ['rule=B-cue', 'rule=I-cue'],
  source: ['rule=B-source', 'rule=I-source'],
  content: ['rule=B-content', 'rule=I-content'],
} as const;

/** The rules' cue, source and content of each token, as tagger features. */
export function ruleFeatures(text: string, tokens: readonly Token[]): string[][] {
  return ruleFeaturesOf(suggestAttributions(text), tokens);
}

/** The same, from the rules' attributions found already. */
export function ruleFeaturesOf(attributions: readonly Attribution[], tokens: readonly Token[]): string[][] {
  // The lexicon's cue verbs wherever they are, not only where a rule fired: a verb seen seldom in training is still known.
  const features = tokens.map((t): string[] => (CUE_VERBS.has(t.text.toLowerCase()) ? ['lex=cue'] : []));
  const mark = (role: keyof typeof RULE_FEATURES, span: Span | null) => {
    const touched = span && tokensTouched(tokens, span.start, span.end);
    const [begin, inside] = RULE_FEATURES[role];
    if (touched) for (let k = touched[0]; k <= touched[1]; k++) features[k]!.push(k === touched[0] ? begin : inside);
  };
  for (const found of attributions) {
    mark('cue', found.cue);
    mark('source', found.source ?? found.anonymous);
    mark('content', found.content);
  }
  return features;
}
