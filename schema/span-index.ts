/** `[start, end)`, in whatever unit the caller counts. */
export interface Span {
  start: number;
  end: number;
}

export const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** Spans by the blocks of text they cover, to find the ones overlapping a span without a scan of all. */
export class SpanIndex<T extends Span> {
  private static readonly BLOCK = 512;
  private readonly blocks = new Map<number, T[]>();

  constructor(spans: Iterable<T>) {
    for (const span of spans) {
      for (let b = Math.floor(span.start / SpanIndex.BLOCK); b <= Math.floor((span.end - 1) / SpanIndex.BLOCK); b++) {
        const block = this.blocks.get(b);
        if (block) block.push(span);
        else this.blocks.set(b, [span]);
      }
    }
  }

  /** Of the spans that overlap `span` and pass `test`, the one that starts first. */
  find(span: Span, test: (found: T) => boolean): T | undefined {
    let first: T | undefined;
    let firstAt = Infinity;
    for (let b = Math.floor(span.start / SpanIndex.BLOCK); b <= Math.floor((span.end - 1) / SpanIndex.BLOCK); b++) {
      for (const found of this.blocks.get(b) ?? []) {
        if (found.start < firstAt && overlaps(found, span) && test(found)) [first, firstAt] = [found, found.start];
      }
    }
    return first;
  }
}
