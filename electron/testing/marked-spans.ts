import type { LabeledSpan } from '../suggest/span-scores';

/**
 * A text written with its spans marked `[Label words]`, as the text and its spans. Offsets count
 * UTF-16 units, which are the code points of the BMP text the tests write.
 */
export function markedSpans(source: string): { text: string; spans: LabeledSpan[] } {
  const spans: LabeledSpan[] = [];
  let text = '';
  for (const part of source.split(/(\[\w+ [^\]]+\])/)) {
    const m = /^\[(\w+) ([^\]]+)\]$/.exec(part);
    if (!m) {
      text += part;
      continue;
    }
    spans.push({ label: m[1]!, start: text.length, end: text.length + m[2]!.length });
    text += m[2];
  }
  return { text, spans };
}
