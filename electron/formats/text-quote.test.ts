import { describe, expect, it } from 'vitest';
import { OffsetMap } from '../../schema/text';
import { anchorQuote, reanchor, textQuote, type Text } from './text-quote';

const text = (value: string): Text => ({ text: value, offsets: new OffsetMap(value) });
/** The code point fragment of the n-th occurrence of a phrase. */
function at(value: string, phrase: string, nth = 0) {
  let index = -1;
  for (let i = 0; i <= nth; i++) index = value.indexOf(phrase, index + 1);
  const start = Array.from(value.slice(0, index)).length;
  return { start, end: start + Array.from(phrase).length };
}

describe('text quotes', () => {
  it('finds the quote where it moved, in code points, past emoji before it', () => {
    const before = text('The mayor said the bridge is safe.');
    const after = text('👩‍💻 UPDATE: The mayor said the bridge is safe.');
    expect(reanchor(before, after, [at(before.text, 'the bridge')])).toEqual({ fragments: [at(after.text, 'the bridge')] });
    expect(at(after.text, 'the bridge').start).toBe(Array.from(after.text).length - 'the bridge is safe.'.length);
  });

  it('chooses the occurrence with the same text around it, else the nearest to where it was', () => {
    const before = text('He said no. She said yes. They said maybe.');
    const after = text('They said maybe. He said no. She said yes.');
    // "said" before "yes" is the third occurrence now.
    expect(anchorQuote(after, textQuote(before, at(before.text, 'said', 1)))).toEqual(at(after.text, 'said', 2));
    // The most context wins, even far away.
    const repeated = text('a b a b a b a b');
    const moved = text('x a b a b a b a b');
    expect(anchorQuote(moved, textQuote(repeated, at(repeated.text, 'a', 2)))).toEqual(at(moved.text, 'a', 2));
    // As much context at each: the nearest to where it was.
    const quote = { exact: 'said', prefix: 'x ', suffix: ' y', start: 20 };
    expect(anchorQuote(text('x said y. x said y. x said y.'), quote)).toEqual({ start: 22, end: 26 });
  });

  it('says why a quote goes nowhere: missing, or ambiguous without its context', () => {
    const before = text('Officials said the bridge is safe.');
    expect(anchorQuote(text('Officials stated the bridge is safe.'), textQuote(before, at(before.text, 'said')))).toEqual({
      reason: 'its text “said” is not in this workspace\'s text of the article',
    });
    expect(anchorQuote(text('said-said-said'), textQuote(before, at(before.text, 'said')))).toEqual({
      reason: 'its text “said” occurs 3 times here, none with the text that was around it',
    });
  });

  it('keeps a discontinuous span in order, or refuses it', () => {
    const before = text('Officials, speaking on condition of anonymity, said so.');
    const fragments = [at(before.text, 'Officials'), at(before.text, 'on condition of anonymity')];
    const after = text('Today: Officials, speaking on condition of anonymity, said so. Officials agreed.');
    const placed = reanchor(before, after, fragments);
    expect(placed).toEqual({ fragments: [at(after.text, 'Officials'), at(after.text, 'on condition of anonymity')] });
    const swapped = text('On condition of anonymity... on condition of anonymity, said so. Officials, speaking');
    expect(reanchor(before, swapped, fragments)).toEqual({ reason: 'its fragments no longer come one after another in this text' });
  });
});
