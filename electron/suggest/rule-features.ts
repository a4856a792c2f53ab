import { tokensTouched, type Token } from '../formats/export-tokens';
import { suggestAttributions, type Attribution, type Span } from './attribution-rules';

/** The rules' cue, source and content of each token, as tagger features. */
export function ruleFeatures(text: string, tokens: readonly Token[]): string[][] {
  return ruleFeaturesOf(suggestAttributions(text), tokens);
}

/** The same, from the rules' attributions found already. */
export function ruleFeaturesOf(attributions: readonly Attribution[], tokens: readonly Token[]): string[][] {
  const features = tokens.map((): string[] => []);
  const mark = (role: string, span: Span | null) => {
    const touched = span && tokensTouched(tokens, span.start, span.end);
    if (touched) for (let k = touched[0]; k <= touched[1]; k++) features[k]!.push(`rule=${k === touched[0] ? 'B' : 'I'}-${role}`);
  };
  for (const found of attributions) {
    mark('cue', found.cue);
    mark('source', found.source ?? found.anonymous);
    mark('content', found.content);
  }
  return features;
}
