import { describe, expect, it } from 'vitest';
import type { Span } from '../../schema/span-index';
import { anonymousHead, suggestAttributions, type Attribution } from './attribution-rules';

/** The attributions of `text` as the strings they cover (the texts here are ASCII and BMP only). */
function readable(text: string) {
  const cut = (span: Span | null) => (span ? text.slice(span.start, span.end) : null);
  return suggestAttributions(text).map((a: Attribution) => ({
    cue: cut(a.cue),
    source: cut(a.source),
    content: cut(a.content),
    anonymous: a.anonymous && { text: cut(a.anonymous), descriptor: a.anonymous.descriptor, justification: a.anonymous.justification, sources: a.anonymous.sources },
  }));
}

describe('attribution rules', () => {
  it('find a named source before its verb and the clause it reports', () => {
    expect(readable('The minister said that the bridge would reopen in May.')).toEqual([
      { cue: 'said', source: 'The minister', content: 'that the bridge would reopen in May', anonymous: null },
    ]);
    expect(readable('Maria Lindqvist has also warned the plan could fail.')[0]).toMatchObject({ cue: 'warned', source: 'Maria Lindqvist', content: 'the plan could fail' });
  });

  it('find the quotation before the verb, and the source after it when the order is inverted', () => {
    expect(readable('“We will not raise fares,” said Kwame Mensah, the operator’s chief.')[0]).toEqual({
      cue: 'said',
      source: 'Kwame Mensah',
      content: '“We will not raise fares,”',
      anonymous: null,
    });
    expect(readable('“The numbers are wrong,” she told reporters.')[0]).toMatchObject({ cue: 'told', source: 'she', content: '“The numbers are wrong,”' });
  });

  it('take the name set off by commas before the verb, a name with "of" in it, and never the one told as the source', () => {
    expect(readable('The city’s chief engineer, Marisol Ferreira, told the transportation committee on Tuesday.')[0]).toMatchObject({
      cue: 'told',
      source: 'Marisol Ferreira',
      content: null,
    });
    expect(readable('A spokesperson for the mayor, Priya Raman, said in a statement that no decision has been made.')[0]).toMatchObject({
      source: 'Priya Raman',
      content: 'that no decision has been made',
    });
    expect(readable('Mayor Tom Lindqvist has said publicly that he opposes new tolls.')[0]).toMatchObject({ content: 'that he opposes new tolls' });
    expect(readable('The Port Alden Chamber of Commerce warned that a toll would push shoppers away.')[0]).toMatchObject({
      source: 'The Port Alden Chamber of Commerce',
    });
    // Not a name set off by commas: the inverted order still finds the source after the verb.
    expect(readable('The port will close on Friday, said Mayor Tom Lindqvist.')[0]).toMatchObject({ source: 'Mayor Tom Lindqvist' });
  });

  it('take a reported clause before "X said" at the end of the sentence', () => {
    expect(readable('Prices will rise next year, a spokesman for the ministry said.')[0]).toMatchObject({
      cue: 'said',
      source: 'a spokesman for the ministry',
      content: 'Prices will rise next year',
    });
  });

  it('read "according to" both ways round', () => {
    expect(readable('According to the city council, the budget is balanced.')[0]).toMatchObject({
      cue: 'According to',
      source: 'the city council',
      content: 'the budget is balanced',
    });
    expect(readable('The budget is balanced, according to the city council.')[0]).toMatchObject({
      cue: 'according to',
      source: 'the city council',
      content: 'The budget is balanced',
    });
  });

  it('find people familiar with the matter, and count them when the text does', () => {
    expect(readable('The deal is close, according to people familiar with the matter.')[0]).toEqual({
      cue: 'according to',
      source: null,
      content: 'The deal is close',
      anonymous: { text: 'people familiar with the matter', descriptor: 'people', justification: false, sources: null },
    });
    const two = readable('Two senior officials briefed on the talks said no agreement was reached.')[0]!;
    expect(two.anonymous).toEqual({ text: 'Two senior officials briefed on the talks', descriptor: 'officials', justification: false, sources: 2 });
    expect(two.content).toBe('no agreement was reached');
  });

  it('find a source who spoke on condition of anonymity, and the reason given', () => {
    const [found] = readable('An official, who spoke on condition of anonymity because he was not authorized to discuss the case, said charges were likely.');
    expect(found!.anonymous).toEqual({
      text: 'An official, who spoke on condition of anonymity because he was not authorized to discuss the case',
      descriptor: 'official',
      justification: true,
      sources: 1,
    });
    expect(found!.content).toBe('charges were likely');
    expect(readable('According to the citizens, who spoke on condition of anonymity to discuss private talks, the plan failed.')[0]).toEqual({
      cue: 'According to',
      source: null,
      content: 'the plan failed',
      anonymous: { text: 'the citizens, who spoke on condition of anonymity to discuss private talks', descriptor: 'citizens', justification: true, sources: null },
    });
    expect(readable('A person close to the company, who asked not to be identified, confirmed the sale.')[0]!.anonymous).toMatchObject({
      text: 'A person close to the company, who asked not to be identified',
      justification: false,
      sources: 1,
    });
  });

  it('do not fire on the same words as nouns or adjectives, or on text without attribution', () => {
    expect(readable('The reports were released on Monday.')).toEqual([]);
    expect(readable('Notes from the meeting were lost in the flood.')).toEqual([]);
    expect(readable('He was charged with fraud after the alleged theft.')).toEqual([]);
    expect(readable('The state budget passed and the ferry sailed at noon.')).toEqual([]);
    expect(readable('Officials met in the morning.')).toEqual([]);
    expect(readable('The United States sent aid.')).toEqual([]);
  });

  it('suggest an anonymous source that no cue points to on its own', () => {
    expect(readable('The memo was shown to people familiar with the matter.')).toEqual([
      { cue: null, source: null, content: null, anonymous: { text: 'people familiar with the matter', descriptor: 'people', justification: false, sources: null } },
    ]);
  });

  it('give offsets in code points when the text has astral characters', () => {
    const text = '🚢 The captain said the ship was safe.';
    const [found] = suggestAttributions(text);
    const points = [...text];
    expect(points.slice(found!.cue!.start, found!.cue!.end).join('')).toBe('said');
    expect(points.slice(found!.source!.start, found!.source!.end).join('')).toBe('The captain');
  });
});

describe('anonymousHead', () => {
  it('finds the head word of a source described without a name', () => {
    expect(anonymousHead('sources')).toBe('sources');
    // The clause after the comma is left out: "a senior official" → "official".
    expect(anonymousHead('a senior official, who spoke on condition of anonymity')).toBe('official');
    expect(anonymousHead('White House aides')).toBe('aides');
    // "familiar" starts what describes them: "people".
    expect(anonymousHead('people familiar with the matter')).toBe('people');
    expect(anonymousHead('Sources familiar with the talks')).toBe('sources');
    expect(anonymousHead('a source')).toBe('source');
  });

  it('finds none in a name, an outlet or a pronoun', () => {
    expect(anonymousHead('Spokesman John Smith')).toBeNull();
    expect(anonymousHead('The Post')).toBeNull();
    expect(anonymousHead('he')).toBeNull();
    expect(anonymousHead('')).toBeNull();
  });
});
