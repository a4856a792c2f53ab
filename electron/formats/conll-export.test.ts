import { describe, expect, it } from 'vitest';
import { textHash } from '../../schema/text';
import { CONLL_HEADER, conllExport } from './conll-export';
import { CONTEXT, DOC_1, DOC_2, fragmentOf } from './export-fixtures';
import type { ExportAnnotation, ExportDocument } from './export-types';
import { collect } from './testing-sink';

/** `token<TAB>tag` lines written as `token tag` for readability; "" is a blank line. */
const rows = (...lines: string[]) => lines.map((line) => (line === '' ? '' : line.replace(/ (?=[^ ]+$)/, '\t')));

describe('conllExport', () => {
  it('writes IOB2 by sentence: the outermost of overlapping or nested spans, discontinuous spans as two chunks, emoji as tokens', async () => {
    const output = await collect(conllExport, [DOC_1, DOC_2], CONTEXT);
    expect(output.split('\n')).toEqual([
      '# Byline export, CoNLL IOB2: token<TAB>tag, a blank line after each sentence, -DOCSTART- before each document',
      '# tokens: Intl.Segmenter (Unicode UAX #29) sentences, split into word segments; whitespace is not a token',
      '# overlaps: where spans share a token, the one covering the most code points wins (ties: the earlier start, then document order); the others are left out of this file. A span with an edge inside a token tags that whole token. A discontinuous span is one B-/I- chunk per fragment, and a span that runs past a sentence end starts again with B- in the next sentence',
      '# labels: spaces in label names are written as _',
      '',
      ...rows('-DOCSTART- O', ''),
      // Sentence 1: a ZWJ sequence and an emoji are tokens of their own.
      ...rows('Mayor O', '👩‍💻 O', 'Ana B-Source', 'Núñez I-Source', 'said O'),
      ...rows('the B-Claim', 'budget I-Claim', '“ I-Claim', 'will I-Claim', 'pass I-Claim', '” I-Claim', '👍 O', '. O', ''),
      // Sentence 2: “said the vote” overlaps the longer “the vote would slip”, which wins.
      ...rows('Officials B-Anonymous_attribution', 'in I-Anonymous_attribution', 'Kyiv I-Anonymous_attribution', '🇺🇦 I-Anonymous_attribution'),
      ...rows('who I-Anonymous_attribution', 'asked I-Anonymous_attribution', 'not I-Anonymous_attribution', 'to I-Anonymous_attribution'),
      ...rows('be I-Anonymous_attribution', 'named I-Anonymous_attribution', 'said O', 'the B-Claim', 'vote I-Claim', 'would I-Claim', 'slip I-Claim', '. O', ''),
      // Sentence 3: “Spın̈al Tap” is nested in the spokesman and left out; the claim around “never” is two chunks.
      ...rows('A B-Source', 'spokesman I-Source', 'for I-Source', 'Spın̈al I-Source', 'Tap I-Source', 'said O'),
      ...rows('the B-Claim', 'band I-Claim', 'would I-Claim', '“ O', 'never O', '” O', 'comment B-Claim', '. O', ''),
      ...rows('-DOCSTART- O', ''),
      // A span that starts inside “Council” tags the whole token.
      ...rows('Council B-Claim', '👍 I-Claim', 'approves I-Claim', 'park O', '. O', ''),
      ...rows('It B-Claim', 'opens I-Claim', 'in I-Claim', 'May I-Claim', ', O', 'an B-Source', 'aide I-Source', 'said O', '. O', ''),
      '',
    ]);
    expect(output.split('\n').slice(0, 4)).toEqual(CONLL_HEADER);
  });

  it('restarts a span in each sentence it runs into, breaks ties by start then order, and skips spans of whitespace only', async () => {
    const text = 'Ana said: no. Bob \u{1F44D} agreed.  Zoë n\u0308o.';
    const base = DOC_2.annotations[0]!;
    const span = (n: number, label: string, needle: string, occurrence = 1): ExportAnnotation => ({
      ...base,
      id: `01900000-0000-7000-8000-0000000000${n}`,
      label,
      fragments: [fragmentOf(text, needle, occurrence)],
    });
    const doc: ExportDocument = {
      ...DOC_2,
      text,
      sha256: textHash(text),
      annotations: [
        span(10, 'Claim', 'no. Bob'), // across a sentence end
        span(11, 'Source', 'Ana said'), // as long as the next, and earlier: wins
        span(12, 'Other kind', 'said: no'), // overlaps both
        span(13, 'Source', '  '), // only whitespace: no token to tag
        span(14, 'First', 'Zoë'),
        span(15, 'Second', 'Zoë'), // the same span again: document order decides
        span(16, 'Claim', 'n\u0308'), // a letter with a combining mark is one token
      ],
      relations: [],
    };
    const output = await collect(conllExport, [doc], CONTEXT);
    expect(output.split('\n').slice(CONLL_HEADER.length + 1)).toEqual([
      ...rows('-DOCSTART- O', ''),
      ...rows('Ana B-Source', 'said I-Source', ': O', 'no B-Claim', '. I-Claim', ''),
      ...rows('Bob B-Claim', '👍 O', 'agreed O', '. O', ''),
      ...rows('Zoë B-First', 'n̈o B-Claim', '. O', ''),
      '',
    ]);
  });

  it('writes only the header for no documents', async () => {
    expect(await collect(conllExport, [], CONTEXT)).toBe(`${CONLL_HEADER.join('\n')}\n\n`);
  });
});
