import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabeledSpan } from '../suggest/span-scores';
import { tempDir } from './temp';

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

/**
 * A folder of brat files, one article per marked text. `events`: each article's Content, Cue and
 * Source also make an attribution event (an Attribution trigger over the cue), as in PolNeAR.
 */
export function bratFolder(marked: readonly string[], events = false): string {
  const folder = tempDir();
  marked.forEach((source, k) => {
    const { text, spans } = markedSpans(source);
    const lines = spans.map((s, n) => `T${n + 1}\t${s.label} ${s.start} ${s.end}\t${text.slice(s.start, s.end)}`);
    if (events) {
      const ref = (label: string) => `T${spans.findIndex((s) => s.label === label) + 1}`;
      const cue = spans.find((s) => s.label === 'Cue')!;
      lines.push(`T${spans.length + 1}\tAttribution ${cue.start} ${cue.end}\t${text.slice(cue.start, cue.end)}`);
      lines.push(`E1\tAttribution:T${spans.length + 1} Content:${ref('Content')} Cue:${ref('Cue')} Source:${ref('Source')}`);
    }
    writeFileSync(join(folder, `article-${k}.txt`), text);
    writeFileSync(join(folder, `article-${k}.ann`), lines.join('\n') + '\n');
  });
  return folder;
}
