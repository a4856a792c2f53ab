/**
 * CoNLL-style IOB2 for sequence taggers: `token<TAB>tag` per line, a blank line after each
 * sentence, `-DOCSTART-<TAB>O` and a blank line before each document (as CoNLL-2003 lays it out),
 * and a few `#` comment lines at the top that say how the file was made. CoNLL has no offsets; what it depends on instead is
 * the tokenization, which the header states: Intl.Segmenter (UAX #29) sentences, and in each its
 * word segments without whitespace (export-tokens.ts), so an emoji sequence or a letter with a
 * combining mark is one token.
 *
 * IOB2 gives each token one tag, so overlapping spans cannot all be written. The rule (stated in
 * the header too): the span covering the most code points wins (ties: the earlier start, then the
 * document's order), and a span that shares a token with one already placed is left out of this
 * format whole. A span that starts or ends inside a token tags that whole token. A discontinuous
 * span is one chunk per fragment (each starting with B-); it wins or loses as a whole. A span that
 * runs on past a sentence's end starts again with B- in the next sentence (a sentence never starts
 * with I-). Label names have their spaces written as `_`.
 */
import { OffsetMap } from '../../schema/text';
import type { ExportAnnotation, ExportDocument, ExportWriter, TextSink } from './export-types';
import { sentences, tokensTouched, type Token } from './export-tokens';

export const CONLL_HEADER = [
  '# Byline export, CoNLL IOB2: token<TAB>tag, a blank line after each sentence, -DOCSTART- before each document',
  '# tokens: Intl.Segmenter (Unicode UAX #29) sentences, split into word segments; whitespace is not a token',
  '# overlaps: where spans share a token, the one covering the most code points wins (ties: the earlier start, then document order); the others are left out of this file. A span with an edge inside a token tags that whole token. A discontinuous span is one B-/I- chunk per fragment, and a span that runs past a sentence end starts again with B- in the next sentence',
  '# labels: spaces in label names are written as _',
];

export const conllTag = (label: string) => label.trim().replace(/\s+/g, '_');

/** The tag of every token of the document, by the rule above. */
export function iobTags(tokens: readonly Token[], annotations: readonly ExportAnnotation[]): string[] {
  const tags: string[] = new Array<string>(tokens.length).fill('O');
  const candidates = annotations.map((annotation, order) => ({
    annotation,
    order,
    size: annotation.fragments.reduce((sum, f) => sum + (f.end - f.start), 0),
    start: annotation.fragments[0]!.start,
  }));
  candidates.sort((a, b) => b.size - a.size || a.start - b.start || a.order - b.order);
  for (const { annotation } of candidates) {
    const chunks = annotation.fragments.map((f) => tokensTouched(tokens, f.start, f.end)).filter((c) => c !== null);
    if (chunks.length === 0) continue;
    let free = true;
    for (const [first, last] of chunks) {
      for (let i = first; i <= last && free; i++) if (tags[i] !== 'O') free = false;
    }
    if (!free) continue;
    const tag = conllTag(annotation.label);
    // Two fragments of one annotation can touch the same token (a gap inside a word): the second
    // then continues the first's chunk.
    let done = -1;
    for (const [first, last] of chunks) {
      for (let i = Math.max(first, done + 1); i <= last; i++) tags[i] = `${i === first ? 'B' : 'I'}-${tag}`;
      done = Math.max(done, last);
    }
  }
  return tags;
}

const CHUNK = 64 * 1024;

export const conllExport: ExportWriter = {
  async begin(out: TextSink) {
    await out.write(`${CONLL_HEADER.join('\n')}\n\n`);
  },

  async document(out: TextSink, doc: ExportDocument) {
    const map = new OffsetMap(doc.text);
    const parts = sentences(doc.text, map);
    const tokens = parts.flatMap((s) => s.tokens);
    const tags = iobTags(tokens, doc.annotations);
    let chunk = '-DOCSTART-\tO\n\n';
    let at = 0;
    for (const sentence of parts) {
      // A span that runs on past a sentence's end starts again in the next sentence.
      if (tags[at]!.startsWith('I-')) tags[at] = `B-${tags[at]!.slice(2)}`;
      for (const token of sentence.tokens) chunk += `${token.text}\t${tags[at++]}\n`;
      chunk += '\n';
      if (chunk.length >= CHUNK) {
        await out.write(chunk);
        chunk = '';
      }
    }
    if (chunk !== '') await out.write(chunk);
  },

  async end() {},
};
