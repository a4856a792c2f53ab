import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testData } from '../testing/temp';
import { readMarkdown } from './markdown';

const md = (text: string) => Buffer.from(text, 'utf8');

describe('readMarkdown', () => {
  it('reads the article as rendered, with its front matter as metadata', async () => {
    const doc = await readMarkdown(readFileSync(testData('formats/bayside-ferry-explainer.md')), 'explainer.md');
    expect(doc).toEqual({
      source: 'explainer.md',
      format: 'markdown',
      title: 'What the Bayside ferry vote means for commuters',
      text: [
        'What the Bayside ferry vote means for commuters',
        'The council\'s 7-2 vote on Tuesday sets aside $3.1 million for the first year of a ferry between Bayside ' +
          'and the old port. Here is what changes, and what the finance office warned about.',
        'Who benefits',
        'According to the council\'s own estimate, about 4,000 residents would save at least 40 minutes a day. ' +
          'The route would serve:',
        'commuters to the business district;',
        'students at the harbor campus, who now take two buses;',
        'shift workers at the port, including',
        'the night crews, and',
        'the weekend ferry staff.',
        'The cost',
        '"Ticket sales will cover less than half of the operating cost," the finance office wrote.',
        'Fares would have to rise above $6 a trip to close the gap, a figure that Councilmember Tom Hendricks ' +
          'called "wishful thinking".\nA hearing on fares is set for April 18.',
        'Year\tProjected deficit',
        '2026\t$3.1 million',
        '2027\t$2.4 million',
        'Read the full report or the council\'s draft final decision.',
        'Published on the council website on March 5.',
      ].join('\n\n'),
      outlet: 'The Harbor Gazette',
      author: 'Marta Okafor, Lena Brandt',
      publishedAt: '2024-03-06',
      url: 'https://www.harborgazette.example/explainers/bayside-ferry',
      annotator: null,
      annotations: [],
      relations: [],
      labels: [],
    });
  });

  it('titles an article without front matter by its first heading', async () => {
    const doc = await readMarkdown(
      md('Dateline: Riverside\n\nSchool board delays vote\n========================\n\nParents packed the meeting.\n'),
      'board.md',
    );
    expect(doc.title).toBe('School board delays vote');
    expect(doc.text).toBe('Dateline: Riverside\n\nSchool board delays vote\n\nParents packed the meeting.');
    expect([doc.author, doc.outlet, doc.publishedAt, doc.url]).toEqual([null, null, null, null]);
  });

  it('titles an article without headings by its first line, and drops inline HTML tags but not their text', async () => {
    const doc = await readMarkdown(
      md('The minister said <b>no</b> comment<br>\nand left.<!-- a note -->\n\n<script>alert(1)</script>\n\nSecond.'),
      'plain.md',
    );
    expect(doc.text).toBe('The minister said no comment and left.\n\nSecond.');
    expect(doc.title).toBe('The minister said no comment and left.');
  });

  it('takes other common front matter names and date forms', async () => {
    const doc = await readMarkdown(
      md('---\nTitle: Storm closes coast road\nbyline: By Deb Ross\npublished: March 5, 2024\nsite: Coast Post\n' +
        'link: https://coastpost.example/storm\n---\nThe road is closed.\n'),
      'storm.md',
    );
    expect([doc.title, doc.author, doc.publishedAt, doc.outlet, doc.url]).toEqual([
      'Storm closes coast road',
      'Deb Ross',
      '2024-03-05',
      'Coast Post',
      'https://coastpost.example/storm',
    ]);
  });

  it('reads UTF-16 Markdown with a byte order mark, front matter included', async () => {
    const text = '---\ntitle: Überschrift\n---\n# Hallo\r\n\r\nDer Bürgermeister sagte „nein“.\r\n';
    const doc = await readMarkdown(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'de.md');
    expect(doc.title).toBe('Überschrift');
    expect(doc.text).toBe('Hallo\n\nDer Bürgermeister sagte „nein“.');
  });

  it('refuses front matter that is not valid YAML, saying where', async () => {
    await expect(readMarkdown(md('---\ntitle: "Ferry\nauthor: x\n---\nText.\n'), 'broken.md')).rejects.toThrow(
      'broken.md has front matter that is not valid YAML: Missing closing "quote at line 3, column 10.',
    );
  });

  it('refuses a file with nothing but front matter and comments', async () => {
    await expect(readMarkdown(md('---\ntitle: Draft\n---\n\n<!-- todo -->\n\n---\n'), 'draft.md')).rejects.toThrow(
      'draft.md is empty: there is no text to annotate.',
    );
  });

  it('refuses a binary file', async () => {
    await expect(readMarkdown(readFileSync(testData('photo-renamed.txt')), 'photo.md')).rejects.toThrow(
      'photo.md is not a text file: it looks like a PNG image (image/png).',
    );
  });
});
