import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BylineError } from './errors';
import { changeEdits, editsOf, findChanges, replaceDescription, withEffects, type ReplaceRule } from './find-replace';
import type { Annotation, Fragment } from './model';
import { OffsetMap, sliceCodePoints } from './text';
import { applyEdits, mapFragments } from './text-edits';

const text = (find: string, replace: string, options: Partial<{ matchCase: boolean; wholeWord: boolean }> = {}): ReplaceRule => ({
  kind: 'text',
  find,
  replace,
  matchCase: options.matchCase ?? false,
  wholeWord: options.wholeWord ?? false,
});
const regex = (pattern: string, replace: string, matchCase = true): ReplaceRule => ({ kind: 'regex', pattern, replace, matchCase });
const replaced = (source: string, rule: ReplaceRule) => applyEdits(source, editsOf(findChanges(source, rule)));

let serial = 0;
function annotation(source: string, ...fragments: Fragment[]): Annotation {
  const offsets = new OffsetMap(source);
  return {
    id: `a${++serial}`,
    documentId: 'd',
    annotatorId: 'me',
    labelId: 'claim',
    fragments,
    quote: fragments.map((f) => sliceCodePoints(source, offsets, f.start, f.end)).join(' '),
    note: null,
    attributes: {},
    createdAt: '',
    updatedAt: '',
  };
}
const quoteAfter = (after: string, fragments: Fragment[]) => {
  const offsets = new OffsetMap(after);
  return fragments.map((f) => sliceCodePoints(after, offsets, f.start, f.end)).join(' ');
};

describe('findChanges with plain text', () => {
  it('finds every occurrence, ignoring case unless asked, with offsets in code points and context', () => {
    const source = '👍 The cat. the Cat!';
    expect(findChanges(source, text('the', 'a')).map((c) => [c.start, c.end, c.before])).toEqual([
      [2, 5, 'The'],
      [11, 14, 'the'],
    ]);
    expect(findChanges(source, text('the', 'a', { matchCase: true })).map((c) => c.start)).toEqual([11]);
    const [first] = findChanges(source, text('cat', 'dog'));
    expect(first).toMatchObject({ before: 'cat', after: 'dog', context: { before: '👍 The ', after: '. the Cat!' } });
  });

  it('keeps a whole word from matching inside another, and treats the replacement literally', () => {
    expect(replaced('cat concat cat.', text('cat', '$&-$1', { wholeWord: true }))).toBe('$&-$1 concat $&-$1.');
    // A find that starts or ends with punctuation has no word edge to check there.
    expect(replaced('by  , Russia , against', text(' , Russia , ', ' Russia ', { wholeWord: true }))).toBe('by  Russia against');
  });

  it('lets a space in Find match a no-break space, which scraped copy is full of', () => {
    expect(replaced('by \u00a0, Russia\u00a0, against', text(' , Russia , ', ' Russia '))).toBe('by  Russia against');
    expect(replaced('10\u00a0km and 10 km', text('10 km', 'ten km'))).toBe('ten km and ten km');
  });

  it('finds words typed composed where the text has them decomposed, and replaces exactly those characters', () => {
    const source = 'Jose\u0301 Nu\u0301n\u0303ez said,\r\nand Núñez agreed.';
    const changes = findChanges(source, text('Núñez', 'Nunez'));
    expect(changes.map((c) => c.before)).toEqual(['Nu\u0301n\u0303ez', 'Núñez']);
    expect(replaced(source, text('Núñez', 'Nunez'))).toBe('Jose\u0301 Nunez said,\r\nand Nunez agreed.');
    // A regular expression is exact: it sees the text as it is.
    expect(findChanges(source, regex('Núñez', 'x')).map((c) => c.before)).toEqual(['Núñez']);
  });

  it('keeps its context within the paragraph and starts it at a word', () => {
    const source = 'An opening paragraph.\nA very long sentence that goes on and on before the word target and after it goes on.';
    const [change] = findChanges(source, text('target', 'goal'));
    expect(change!.context.before).toBe('that goes on and on before the word ');
    expect(change!.context.after).toBe(' and after it goes on.');
    const [late] = findChanges(`${'word '.repeat(20)}target${' word'.repeat(20)}`, text('target', 'goal'));
    expect(late!.context).toEqual({ before: `${'word '.repeat(8)}`, after: `${' word'.repeat(8)}` });
    expect(findChanges('first\nsecond', text('second', 'x'))[0]!.context).toEqual({ before: '', after: '' });
  });

  it('makes exactly the text split and join make, for any find and replacement (property)', () => {
    const piece = fc.constantFrom('a', 'b', ' ', '👍', '$', '.', '*');
    const short = (max: number) => fc.array(piece, { maxLength: max }).map((p) => p.join(''));
    fc.assert(
      fc.property(short(30), short(3).filter((f) => f !== ''), short(3), (source, find, replace) => {
        expect(replaced(source, text(find, replace, { matchCase: true }))).toBe(source.split(find).join(replace));
      }),
      { numRuns: 400 },
    );
  });

  it('finds nothing where nothing matches, and makes no change that changes nothing', () => {
    expect(findChanges('The cat', text('dog', 'cat'))).toEqual([]);
    expect(findChanges('the cat', text('cat', 'cat'))).toEqual([]);
  });
});

describe('findChanges with a regular expression', () => {
  it('replaces with $1, $<name>, $&, $$ and a digit that names no group', () => {
    expect(replaced('Steve Witkoff, Vladimir Putin', regex('(\\p{Lu}\\w+) (?<last>\\w+)', '$<last> $1 ($&) $$ $9'))).toBe(
      'Witkoff Steve (Steve Witkoff) $ $9, Putin Vladimir (Vladimir Putin) $ $9',
    );
  });

  it('ignores case unless asked', () => {
    expect(replaced('Nbsp nbsp', regex('nbsp', '_', false))).toBe('_ _');
    expect(replaced('Nbsp nbsp', regex('nbsp', '_', true))).toBe('Nbsp _');
  });

  it('refuses an invalid pattern with a message naming it and the reason', () => {
    const attempt = () => findChanges('text', regex('(unclosed', 'x'));
    expect(attempt).toThrow(BylineError);
    expect(attempt).toThrow('The regular expression “(unclosed” is not valid: unterminated group.');
  });

  it('ends, with no empty changes, for a pattern that can match empty text', () => {
    expect(findChanges('aaa bbb', regex('x*', 'y'))).toEqual([]);
    expect(findChanges('aaa', regex('(?=a)', 'y'))).toEqual([]);
    expect(replaced('a xx b x', regex('x*', 'y'))).toBe('a y b y');
    // In code points: an emoji is one step, never half of one.
    expect(findChanges('👍👍', regex('', '-'))).toEqual([]);
  });

  it('makes exactly the text String.replace makes (property)', () => {
    const piece = fc.constantFrom('a', 'b', 'A', ' ', '👍', '\n', 'é');
    const textArb = fc.array(piece, { maxLength: 30 }).map((p) => p.join(''));
    // Patterns that cannot match empty text: String.replace would replace an empty match.
    const patterns = ['a+', '(a)(b)?', 'b+', '(?<x>a|👍)', '\\s+', '(?<=a)b', '.', 'A'];
    const templates = ['', 'x', '$1', '[$&]', '$2$1', '$<x>!', '$$', '$`', "$'", '$10', '$01'];
    fc.assert(
      fc.property(textArb, fc.constantFrom(...patterns), fc.constantFrom(...templates), fc.boolean(), (source, pattern, template, matchCase) => {
        const expected = source.replace(new RegExp(pattern, matchCase ? 'gu' : 'giu'), template);
        expect(replaced(source, regex(pattern, template, matchCase))).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });
});

describe('changeEdits', () => {
  it('removes the stray commas around a word and keeps the word itself', () => {
    const source = 'by  , Russia , against';
    const [change] = findChanges(source, text(' , Russia , ', ' Russia '));
    expect(changeEdits(change!)).toEqual([
      { start: 13, end: 15, text: '' },
      { start: 4, end: 6, text: '' },
    ]);
  });

  it('changes only the letters that differ inside a word', () => {
    expect(changeEdits({ start: 10, before: 'Zelenskyy', after: 'Zelensky' })).toEqual([{ start: 18, end: 19, text: '' }]);
  });
});

describe('withEffects', () => {
  const source = 'A claim by  , Russia , against Ukraine. Later text here.';
  const rule = text(' , Russia , ', ' Russia ');

  it('says which annotations a change resizes, trims or deletes, and counts those it only moves', () => {
    const whole = annotation(source, { start: 0, end: 39 }); // the sentence: resized
    const russia = annotation(source, { start: 14, end: 20 }); // "Russia": moved
    const comma = annotation(source, { start: 9, end: 15 }); // "y  , R": both ends kept, text inside removed
    const edge = annotation(source, { start: 21, end: 29 }); // ", agains": trimmed at its start
    const onlyComma = annotation(source, { start: 12, end: 13 }); // ",": deleted
    const before = annotation(source, { start: 0, end: 7 }); // "A claim": untouched, not moved
    const after = annotation(source, { start: 40, end: 45 }); // "Later": moved
    const { changes, moved } = withEffects(findChanges(source, rule), [whole, russia, comma, edge, onlyComma, before, after]);
    expect(changes).toHaveLength(1);
    expect(changes[0]!.effects.map((e) => [e.quote, e.effect])).toEqual([
      [whole.quote, 'resized'],
      ['y  , R', 'resized'],
      [', agains', 'trimmed'],
      [',', 'deleted'],
    ]);
    expect(moved).toBe(2);
  });

  it('calls a discontinuous annotation that loses one fragment trimmed', () => {
    const two = annotation(source, { start: 12, end: 13 }, { start: 40, end: 45 });
    const { changes } = withEffects(findChanges(source, rule), [two]);
    expect(changes[0]!.effects[0]!.effect).toBe('trimmed');
  });

  it('agrees with mapping through all the edits: untouched annotations keep their text, deleted ones go (property)', () => {
    const piece = fc.constantFrom('ab', 'a', ' ', 'b', '👍', 'x', '\n');
    const arb = fc
      .array(piece, { minLength: 1, maxLength: 25 })
      .map((p) => p.join(''))
      .chain((source) => {
        const length = [...source].length;
        const fragment = fc
          .tuple(fc.nat({ max: length - 1 }), fc.integer({ min: 1, max: length }))
          .map(([s, n]) => ({ start: s, end: Math.min(length, s + n) }));
        return fc.tuple(fc.constant(source), fc.array(fc.array(fragment, { minLength: 1, maxLength: 2 }), { maxLength: 6 }));
      });
    const rules = [text('ab', 'x'), text('a', ''), text(' ', '  '), regex('b+', 'bb'), regex('👍', 'y'), text('x', 'x 👍 x')];
    fc.assert(
      fc.property(arb, fc.constantFrom(...rules), ([source, fragmentLists], rule) => {
        const annotations = fragmentLists
          .map((fragments) => fragments.sort((a, b) => a.start - b.start))
          .filter((fragments) => fragments.every((f, i) => i === 0 || f.start >= fragments[i - 1]!.end))
          .map((fragments) => annotation(source, ...fragments));
        const found = findChanges(source, rule);
        const { changes, moved } = withEffects(found, annotations);
        const edits = editsOf(found);
        const after = applyEdits(source, edits);
        const affected = new Map(changes.flatMap((c) => c.effects.map((e) => [e.annotationId, e.effect] as const)));
        let shifted = 0;
        for (const a of annotations) {
          const mapped = mapFragments(a.fragments, edits);
          if (!affected.has(a.id)) {
            expect(mapped).not.toBeNull();
            expect(quoteAfter(after, mapped!)).toBe(a.quote);
            if (mapped!.some((f, i) => f.start !== a.fragments[i]!.start)) shifted++;
          } else if (affected.get(a.id) === 'deleted') {
            expect(mapped).toBeNull();
          }
        }
        expect(moved).toBe(shifted);
      }),
      { numRuns: 400 },
    );
  });
});

describe('replaceDescription', () => {
  it('says what was replaced and how often', () => {
    expect(replaceDescription(text('andnbsp', ' '), 2)).toBe('Replaced “andnbsp” with “ ” (2)');
    expect(replaceDescription(regex('\\s+,', ','), 3)).toBe('Replaced /\\s+,/ with “,” (3)');
    expect(replaceDescription({ kind: 'fix', fix: 'nbsp-artifact' }, 1)).toBe('Replaced “andnbsp” with a space (1)');
  });
});
