import { describe, expect, it } from 'vitest';
import { editsOf, findChanges, type FixId } from './find-replace';
import { applyEdits } from './text-edits';

/** The text after a fix, made through the same edits the host commits. */
const fixed = (text: string, fix: FixId) => applyEdits(text, editsOf(findChanges(text, { kind: 'fix', fix })));

// Sentences as they came in a syndicated wire article (../shared/fixtures/wire-article.txt), its
// no-break spaces (\u00a0) included.
const WIRE = {
  nbsp: 'while apologizing that Russia andnbsp still saw issues that needed to be resolved.',
  commas: 'The biggest attack of the year was launched immediately by \u00a0, Russia\u00a0, against \u00a0, Ukraine, killing 12.',
  spaces: 'The people claimed that the hospital would then fall under U.S. \u00a0 control to distribute power.',
  list: 'Putin has resisted acknowledgment of Luhansk, Zaporizhzhia, Donetsk, Donetsk, and Kherson.',
};

describe('the nbsp-artifact fix', () => {
  it('turns a scraped “andnbsp” between words into one space', () => {
    expect(fixed(WIRE.nbsp, 'nbsp-artifact')).toBe('while apologizing that Russia still saw issues that needed to be resolved.');
  });

  it('turns “&nbsp;” and “nbsp” glued to a word into a space, and none at the edge of a line or before punctuation', () => {
    expect(fixed('the&nbsp;word', 'nbsp-artifact')).toBe('the word');
    expect(fixed('Englandnbsp word', 'nbsp-artifact')).toBe('England word');
    expect(fixed('Russia andnbsp, still', 'nbsp-artifact')).toBe('Russia, still');
    expect(fixed('andnbsp Start\nend andnbsp\nnext', 'nbsp-artifact')).toBe('Start\nend\nnext');
  });

  it('leaves words that merely contain “and” alone', () => {
    expect(findChanges('England and Wales band', { kind: 'fix', fix: 'nbsp-artifact' })).toEqual([]);
  });
});

describe('the html-entities fix', () => {
  it('turns named and numeric entities into their characters', () => {
    expect(fixed('AT&amp;T said &quot;no&quot; &#8212; caf&eacute; &#x2019;s &lt;b&gt;', 'html-entities')).toBe(
      'AT&T said "no" — café ’s <b>',
    );
  });

  it('makes &nbsp; a plain space and leaves unknown names, control characters, combining marks and a bare “&” alone', () => {
    expect(fixed('a&nbsp;b &bogus; &#0; &#7; e&#769; BS&N AT&T;', 'html-entities')).toBe('a b &bogus; &#0; &#7; e&#769; BS&N AT&T;');
  });
});

describe('the space-before-punctuation fix', () => {
  it('removes the spaces scrapers leave before commas and full stops', () => {
    expect(fixed(WIRE.commas, 'space-before-punctuation')).toBe(
      'The biggest attack of the year was launched immediately by, Russia, against, Ukraine, killing 12.',
    );
    expect(fixed('according to Bloomberg News . Then ; why ?!', 'space-before-punctuation')).toBe(
      'according to Bloomberg News. Then; why?!',
    );
  });

  it('leaves a line that starts with punctuation and a dot that begins a word (“.NET”)', () => {
    expect(fixed('one\n, two uses .NET today', 'space-before-punctuation')).toBe('one\n, two uses .NET today');
  });
});

describe('the double-spaces fix', () => {
  it('makes a run of spaces (no-break ones too) between words one, removing only the extra ones', () => {
    expect(fixed(WIRE.spaces, 'double-spaces')).toBe(
      'The people claimed that the hospital would then fall under U.S. control to distribute power.',
    );
    const changes = findChanges('U.S.   control', { kind: 'fix', fix: 'double-spaces' });
    expect(changes).toMatchObject([{ start: 4, end: 7, before: '   ', after: ' ' }]);
    expect(editsOf(changes)).toEqual([{ start: 5, end: 7, text: '' }]);
  });

  it('leaves indentation at the start of a line', () => {
    expect(fixed('  indented\n   too', 'double-spaces')).toBe('  indented\n   too');
  });
});

describe('the doubled-words fix', () => {
  it('removes a repeated word, whatever its case, keeping the first', () => {
    expect(fixed('The the cat saw the the the dog', 'doubled-words')).toBe('The cat saw the dog');
  });

  it('removes a list item given twice', () => {
    expect(fixed(WIRE.list, 'doubled-words')).toBe('Putin has resisted acknowledgment of Luhansk, Zaporizhzhia, Donetsk, and Kherson.');
    expect(fixed('from NATO, NATO, or nations', 'doubled-words')).toBe('from NATO, or nations');
  });

  it('does not join across a line break, inside words, or a pair that is no list item', () => {
    for (const text of ['the\nthe', 'the theory', 'that thatch', 'very, very good', 'Ukraine and Ukraine']) {
      expect(findChanges(text, { kind: 'fix', fix: 'doubled-words' })).toEqual([]);
    }
  });
});
