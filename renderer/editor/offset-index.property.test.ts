import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleText } from '../../electron/testing/arbitraries';
import { mountArticle as mount } from './testing/mount-article';

// Real Chromium and real Lexical (the `browser` project of vitest.config.ts), as offset-index.test.ts.

const RUNS = { numRuns: 60 };
const texts = articleText();

/** Every DOM position under `node`, in document order: (node, 0), then inside child 0, (node, 1)... */
function positions(node: Node): [Node, number][] {
  if (node instanceof Text) return Array.from({ length: node.length + 1 }, (_, i): [Node, number] => [node, i]);
  const out: [Node, number][] = [];
  node.childNodes.forEach((child, k) => {
    out.push([node, k]);
    out.push(...positions(child));
  });
  out.push([node, node.childNodes.length]);
  return out;
}

describe('OffsetIndex (properties)', () => {
  it('maps every DOM position in the article to an offset, in document order, from 0 to the length', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const { root, index } = mount(text);
        expect(index.length).toBe(text.length);
        const offsets = positions(root).map(([node, offset]) => index.offsetOf(node, offset));
        expect(offsets[0]).toBe(0);
        expect(offsets.at(-1)).toBe(text.length);
        let previous = 0;
        for (const offset of offsets) {
          expect(offset).not.toBeNull();
          expect(offset!).toBeGreaterThanOrEqual(previous);
          expect(offset!).toBeLessThanOrEqual(text.length);
          previous = offset!;
        }
      }),
      RUNS,
    );
  });

  it('gives each character that is not a line end a range whose ends map back to its offsets', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const { index } = mount(text);
        for (let at = 0; at < text.length; at++) {
          const range = index.range(at, at + 1);
          if (text[at] === '\n') {
            expect(range, `range(${at}, ${at + 1}) over a line end`).toBeNull();
            continue;
          }
          expect(range, `range(${at}, ${at + 1})`).not.toBeNull();
          expect(range!.toString()).toBe(text[at]);
          expect(index.offsetOf(range!.startContainer, range!.startOffset)).toBe(at);
          expect(index.offsetOf(range!.endContainer, range!.endOffset)).toBe(at + 1);
        }
      }),
      RUNS,
    );
  });

  it('gives any span a range whose text is the slice without line ends, or null when that is empty', () => {
    fc.assert(
      fc.property(
        texts.chain((text) => fc.tuple(fc.constant(text), fc.nat(text.length), fc.nat(text.length))),
        ([text, a, b]) => {
          const { index } = mount(text);
          const [start, end] = a <= b ? [a, b] : [b, a];
          const visible = text.slice(start, end).replaceAll('\n', '');
          const range = index.range(start, end);
          if (visible === '') expect(range, `range(${start}, ${end})`).toBeNull();
          else expect(range?.toString(), `range(${start}, ${end})`).toBe(visible);
          const rangeStatic = index.staticRange(start, end);
          expect(rangeStatic === null).toBe(range === null);
        },
      ),
      { numRuns: 150 },
    );
  });
});
