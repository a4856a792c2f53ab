import { describe, expect, it } from 'vitest';
import type { Fragment } from '../../schema/model';
import { OffsetMap } from '../../schema/text';
import type { OffsetIndex } from './offset-index';
import { afterThisTest, mountArticle } from './testing/mount-article';
import { fragmentFromRange, snapSpanToWords } from './selection';

// These run in real Chromium (the `browser` project of vitest.config.ts): selections are made
// with the browser's own Range and Selection.

interface Article {
  text: string;
  root: HTMLDivElement;
  index: OffsetIndex;
  /** The fragment a DOM range selects. */
  fragment(range: AbstractRange, snapToWords?: boolean): Fragment | null;
}

/** A read-only Lexical editor showing `text`, attached to a div inside `parent`. */
function mount(text: string, parent: HTMLElement = document.body): Article {
  const { root, index } = mountArticle(text, parent);
  const offsets = new OffsetMap(text);
  return {
    text,
    root,
    index,
    fragment: (range, snapToWords = false) => fragmentFromRange(range, index, text, offsets, snapToWords),
  };
}

/** The text of a fragment, counted in code points as stored. */
function quote(text: string, fragment: Fragment | null): string | null {
  return fragment && Array.from(text).slice(fragment.start, fragment.end).join('');
}

/** The code point offset where `needle` first occurs in `text`. */
function cp(text: string, needle: string): number {
  const at = text.indexOf(needle);
  expect(at, `"${needle}" in the text`).toBeGreaterThanOrEqual(0);
  return Array.from(text.slice(0, at)).length;
}

/** The DOM position `delta` UTF-16 units after the first occurrence of `needle` in a text node. */
function at(root: Node, needle: string, delta = 0): [Text, number] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode as Text;
    const i = node.data.indexOf(needle);
    if (i >= 0) return [node, i + delta];
  }
  throw new Error(`"${needle}" is not in any text node`);
}

/** A DOM range from one position to another. */
function domRange(start: [Node, number], end: [Node, number]): Range {
  const range = document.createRange();
  range.setStart(...start);
  range.setEnd(...end);
  return range;
}

/** The window's selection set to the given ends, as the app reads it back (getRangeAt(0)). */
function select(start: [Node, number], end: [Node, number]): Range {
  const selection = window.getSelection()!;
  selection.setBaseAndExtent(start[0], start[1], end[0], end[1]);
  expect(selection.rangeCount).toBe(1);
  return selection.getRangeAt(0);
}

/** The range over `needle` (its first occurrence inside one text node). */
function over(root: Node, needle: string): Range {
  const start = at(root, needle);
  return domRange(start, [start[0], start[1] + needle.length]);
}

describe('fragmentFromRange', () => {
  it('counts code points, not UTF-16 units, after emoji, ZWJ sequences and flags', () => {
    const text = 'She 👩‍💻 codes in Kyiv 🇺🇦 daily 👍.\n\nThen n\u0308ews.';
    const article = mount(text);
    for (const word of ['She', 'codes', 'Kyiv', 'daily', 'Then', 'n\u0308ews']) {
      const fragment = article.fragment(over(article.root, word));
      expect(fragment).toEqual({ start: cp(text, word), end: cp(text, word) + Array.from(word).length });
      expect(quote(text, fragment)).toBe(word);
    }
    // "codes" starts at code point 8 (UTF-16 10): "She " + 3 code points of 👩‍💻 + " ".
    expect(article.fragment(over(article.root, 'codes'))).toEqual({ start: 8, end: 13 });
    // The emoji themselves.
    for (const emoji of ['👩‍💻', '🇺🇦', '👍']) {
      expect(quote(text, article.fragment(over(article.root, emoji)))).toBe(emoji);
    }
  });

  it('reads the window selection the same way as a plain range', () => {
    const text = 'Kyiv 🇺🇦 said: n\u0308o comment.';
    const article = mount(text);
    const range = select(at(article.root, 'said'), at(article.root, 'comment', 7));
    expect(quote(text, article.fragment(range))).toBe('said: n\u0308o comment');
  });

  it('accepts a StaticRange', () => {
    const text = 'One 👍 two.';
    const article = mount(text);
    const [node, offset] = at(article.root, 'two');
    const range = new StaticRange({ startContainer: node, startOffset: offset, endContainer: node, endOffset: offset + 3 });
    expect(quote(text, article.fragment(range))).toBe('two');
  });

  describe('with ends in paragraph gaps', () => {
    const text = 'First 👍 paragraph ends.\n\nSecond 👩‍💻 starts here.\n\n\n\nFourth 🇺🇦 after an empty one.';

    it('starts after the gap when the start is at the end of the previous paragraph', () => {
      const article = mount(text);
      const first = article.root.children[0]!;
      for (const range of [
        domRange([first, first.childNodes.length], at(article.root, 'Second', 6)),
        select([first, first.childNodes.length], at(article.root, 'Second', 6)),
      ]) {
        const fragment = article.fragment(range);
        expect(fragment).toEqual({ start: cp(text, 'Second'), end: cp(text, 'Second') + 6 });
        expect(quote(text, fragment)).toBe('Second');
      }
    });

    it('starts after the gap when the start is at the end of the last text node', () => {
      const article = mount(text);
      const [node] = at(article.root, 'ends.');
      const fragment = article.fragment(domRange([node, node.length], at(article.root, 'starts', 6)));
      expect(quote(text, fragment)).toBe('Second 👩‍💻 starts');
    });

    it('ends before the gap when the end is at the start of the next paragraph', () => {
      const article = mount(text);
      const second = article.root.children[1]!;
      for (const range of [
        domRange(at(article.root, 'paragraph'), [second, 0]),
        select(at(article.root, 'paragraph'), [second, 0]),
      ]) {
        const fragment = article.fragment(range);
        expect(fragment).toEqual({ start: cp(text, 'paragraph'), end: cp(text, 'ends.') + 5 });
        expect(quote(text, fragment)).toBe('paragraph ends.');
      }
    });

    it('ends before the gap when the end is between paragraphs in the root', () => {
      const article = mount(text);
      const fragment = article.fragment(domRange(at(article.root, 'starts'), [article.root, 2]));
      expect(quote(text, fragment)).toBe('starts here.');
    });

    it('handles ends inside an empty paragraph', () => {
      const article = mount(text);
      const empty = article.root.children[2]!;
      expect(empty.textContent).toBe('');
      const fromEmpty = article.fragment(domRange([empty, 0], at(article.root, 'Fourth', 6)));
      expect(quote(text, fromEmpty)).toBe('Fourth');
      const br = empty.firstChild!;
      const fromBr = article.fragment(domRange([br, 0], at(article.root, 'after', 5)));
      expect(quote(text, fromBr)).toBe('Fourth 🇺🇦 after');
      const toEmpty = article.fragment(domRange(at(article.root, 'here'), [empty, 0]));
      expect(quote(text, toEmpty)).toBe('here.');
    });

    it('spans several paragraphs, gaps included', () => {
      const article = mount(text);
      const fragment = article.fragment(select(at(article.root, 'ends'), at(article.root, 'Fourth', 6)));
      expect(fragment).toEqual({ start: cp(text, 'ends'), end: cp(text, 'Fourth') + 6 });
      expect(quote(text, fragment)).toBe('ends.\n\nSecond 👩‍💻 starts here.\n\n\n\nFourth');
    });
  });

  it('handles line breaks inside a paragraph', () => {
    const text = 'Headline 👍\nStandfirst under it';
    const article = mount(text);
    const p = article.root.firstElementChild!;
    const br = p.querySelector('br')!;
    const afterBr = Array.prototype.indexOf.call(p.childNodes, br) + 1;
    expect(quote(text, article.fragment(domRange(at(article.root, 'Headline'), [p, afterBr])))).toBe('Headline 👍');
    expect(quote(text, article.fragment(domRange([p, afterBr - 1], at(article.root, 'under', 5))))).toBe(
      'Standfirst under',
    );
  });

  it('clamps a selection that starts before the article to its start', () => {
    const container = document.createElement('div');
    const before = document.createElement('p');
    before.textContent = 'A heading outside the article';
    container.append(before);
    document.body.append(container);
    afterThisTest(() => container.remove());
    const text = '\n\nHello 👋 world, said n\u0308obody.';
    const article = mount(text, container);
    for (const range of [
      domRange(at(before, 'heading'), at(article.root, 'world', 5)),
      select(at(before, 'heading'), at(article.root, 'world', 5)),
      domRange([container, 0], at(article.root, 'world', 5)),
    ]) {
      const fragment = article.fragment(range);
      // Offset 0 is the empty first paragraph; trimming moves past its "\n\n".
      expect(fragment).toEqual({ start: 2, end: cp(text, 'world') + 5 });
      expect(quote(text, fragment)).toBe('Hello 👋 world');
    }
  });

  it('clamps a selection that ends after the article to its end', () => {
    const container = document.createElement('div');
    document.body.append(container);
    afterThisTest(() => container.remove());
    const text = 'Hello 👋 world.\n\n';
    const article = mount(text, container);
    const after = document.createElement('p');
    after.textContent = 'A footer outside the article';
    container.append(after);
    const fragment = article.fragment(select(at(article.root, 'world'), at(after, 'footer')));
    expect(fragment).toEqual({ start: cp(text, 'world'), end: Array.from(text).length - 2 });
    expect(quote(text, fragment)).toBe('world.');
  });

  // Dragging past the end of the article can leave the selection's end in the element that holds
  // it, just after the article's root (ArticleView's scroller holds the root and an overlay).
  it('clamps a selection that ends after the article, in its parent element, to its end', () => {
    const container = document.createElement('div');
    document.body.append(container);
    afterThisTest(() => container.remove());
    const text = 'Hello 👋 world.\n\nSecond paragraph.';
    const article = mount(text, container);
    container.append(document.createElement('div'));
    const afterRoot = Array.prototype.indexOf.call(container.childNodes, article.root) + 1;
    const fragment = article.fragment(domRange(at(article.root, 'world'), [container, afterRoot]));
    expect(fragment).toEqual({ start: cp(text, 'world'), end: Array.from(text).length });
    expect(quote(text, fragment)).toBe('world.\n\nSecond paragraph.');
  });

  it('is null for a selection of white space only', () => {
    const text = 'Alpha   beta.\n\n\n\nGamma\n  \ndelta.';
    const article = mount(text);
    const [alpha] = at(article.root, 'Alpha');
    // The spaces between two words.
    expect(article.fragment(domRange([alpha, 5], [alpha, 8]))).toBeNull();
    expect(article.fragment(domRange([alpha, 5], [alpha, 8]), true)).toBeNull();
    // From the end of one paragraph to the start of the next, over an empty one.
    const [gamma] = at(article.root, 'Gamma');
    expect(article.fragment(domRange([alpha, alpha.length], [gamma, 0]))).toBeNull();
    expect(article.fragment(domRange([alpha, alpha.length], [gamma, 0]), true)).toBeNull();
    // A line of spaces between two line breaks, with the breaks.
    const blank = at(article.root, 'Gamma')[0].parentNode!.nextSibling!.nextSibling!.firstChild as Text;
    expect(blank.data).toBe('  ');
    expect(article.fragment(domRange([gamma, gamma.length], at(article.root, 'delta')))).toBeNull();
    expect(article.fragment(domRange([blank, 0], [blank, 2]), true)).toBeNull();
    // A collapsed selection.
    expect(article.fragment(domRange([alpha, 2], [alpha, 2]))).toBeNull();
  });

  it('trims white space at both ends', () => {
    const text = 'Alpha   beta 👍   gamma.';
    const article = mount(text);
    const [node] = at(article.root, 'Alpha');
    const fragment = article.fragment(domRange([node, 6], [node, text.indexOf('gamma') - 1]));
    expect(quote(text, fragment)).toBe('beta 👍');
  });
});

describe('snapping to words', () => {
  const text = 'Russia\u2019s invasion began, officials said. Great👍news from 👩‍💻coders: n\u0308ice!';

  function selectText(article: Article, needle: string, snap: boolean): string | null {
    return quote(article.text, article.fragment(over(article.root, needle), snap));
  }

  it('widens a selection inside a word (with a typographic apostrophe) only when asked', () => {
    const article = mount(text);
    expect(selectText(article, 'ussia', true)).toBe('Russia\u2019s');
    expect(selectText(article, 'ussia', false)).toBe('ussia');
    expect(selectText(article, 'ssia\u2019s inv', true)).toBe('Russia\u2019s invasion');
    expect(selectText(article, 'nvasio', true)).toBe('invasion');
  });

  it('leaves selections on word boundaries unchanged', () => {
    const article = mount(text);
    for (const words of ['invasion', 'invasion began', 'officials', 'Great', 'coders']) {
      expect(selectText(article, words, true)).toBe(words);
      expect(selectText(article, words, false)).toBe(words);
    }
    expect(article.fragment(over(article.root, 'invasion began'), true)).toEqual(
      article.fragment(over(article.root, 'invasion began'), false),
    );
  });

  it('keeps punctuation a selection ends in', () => {
    const article = mount(text);
    expect(selectText(article, 'began,', true)).toBe('began,');
    expect(selectText(article, 'egan,', true)).toBe('began,');
    expect(selectText(article, 'aid.', true)).toBe('said.');
    expect(selectText(article, 'coders:', true)).toBe('coders:');
    expect(selectText(article, 'ice!', true)).toBe('n\u0308ice!');
  });

  it('never crosses a space into the neighbouring word', () => {
    const article = mount(text);
    expect(selectText(article, 'invasion ', true)).toBe('invasion');
    expect(selectText(article, ' began', true)).toBe('began');
    expect(selectText(article, 'nvasion ', true)).toBe('invasion');
    expect(selectText(article, ' bega', true)).toBe('began');
    expect(selectText(article, 'als sa', true)).toBe('officials said');
  });

  it('works next to emoji and counts code points', () => {
    const article = mount(text);
    expect(selectText(article, 'rea', true)).toBe('Great');
    expect(selectText(article, 'ew', true)).toBe('news');
    expect(selectText(article, 'eat👍ne', true)).toBe('Great👍news');
    expect(selectText(article, 'oder', true)).toBe('coders');
    const fragment = article.fragment(over(article.root, 'ew'), true);
    expect(fragment).toEqual({ start: cp(text, 'news'), end: cp(text, 'news') + 4 });
  });

  it('keeps combining marks inside the word', () => {
    const article = mount(text);
    const [node, offset] = at(article.root, 'n\u0308ice');
    // "ic" of "n̈ice".
    expect(quote(text, article.fragment(domRange([node, offset + 2], [node, offset + 4]), true))).toBe('n\u0308ice');
    expect(quote(text, article.fragment(domRange([node, offset + 2], [node, offset + 4]), false))).toBe('ic');
    // Only the "n" of "n̈": snapping takes its mark and the rest of the word.
    expect(quote(text, article.fragment(domRange([node, offset], [node, offset + 1]), true))).toBe('n\u0308ice');
  });

  it('works on word snapping across paragraphs', () => {
    const multi = 'The 👍 ministry\n\nconfirmed it.';
    const article = mount(multi);
    const fragment = article.fragment(domRange(at(article.root, 'nistry'), at(article.root, 'confirmed', 4)), true);
    expect(quote(multi, fragment)).toBe('ministry\n\nconfirmed');
  });
});

describe('snapSpanToWords', () => {
  it('widens edges that fall inside words (UTF-16 offsets)', () => {
    const s = 'Russia\u2019s war';
    expect(snapSpanToWords(s, 1, 6)).toEqual([0, 8]);
    expect(snapSpanToWords(s, 0, 8)).toEqual([0, 8]);
    expect(snapSpanToWords(s, 9, 11)).toEqual([9, 12]);
  });

  it('leaves edges between words or next to punctuation alone', () => {
    const s = 'big cat, 👍 dog';
    expect(snapSpanToWords(s, 3, 4)).toEqual([3, 4]); // the space
    expect(snapSpanToWords(s, 4, 8)).toEqual([4, 8]); // "cat,"
    expect(snapSpanToWords(s, 9, 11)).toEqual([9, 11]); // the emoji
    expect(snapSpanToWords(s, 12, 13)).toEqual([12, 15]); // "d" of "dog"
    expect(snapSpanToWords(s, 0, s.length)).toEqual([0, s.length]);
  });
});
