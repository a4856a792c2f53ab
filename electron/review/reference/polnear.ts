/** What the agreement reference (dump-tokens.ts, nltk_agreement.py) and its test share. */
import { createHash } from 'node:crypto';

/** The PolNeAR annotator-training articles, from the project root. */
export const POLNEAR_TRAINING = '../shared/corpora/polnear/annotator-training';

/** Every annotator's label for every word token of each article; annotators who did not work on one are absent. */
export interface TokenDump {
  articles: { sha256: string; title: string; tokens: number; sequences: Record<string, string[]> }[];
}

/** What nltk_agreement.py wrote: NLTK's figures and the hash of the sequences it was given. */
export interface ReferenceFixture {
  reference: string;
  sequencesSha256: string;
  annotators: string[];
  /** Over the four articles together, and per article (by text sha-256). */
  alpha: number;
  pairs: { a: string; b: string; kappa: number }[];
  articles: { sha256: string; title: string; alpha: number; pairs: { a: string; b: string; kappa: number }[] }[];
}

/**
 * The sha-256 of the label sequences, as nltk_agreement.py computes it: one JSON line
 * `[text sha-256, annotator, [labels...]]` per article (by its sha-256) and annotator (by name),
 * in that order, each followed by a newline.
 */
export function sequencesHash(articles: { sha256: string; sequences: Record<string, readonly string[]> }[]): string {
  const hash = createHash('sha256');
  for (const article of [...articles].sort((x, y) => (x.sha256 < y.sha256 ? -1 : 1))) {
    for (const name of Object.keys(article.sequences).sort()) {
      hash.update(`${JSON.stringify([article.sha256, name, article.sequences[name]])}\n`);
    }
  }
  return hash.digest('hex');
}
