import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testData } from '../testing/temp';
import { articleFromText, decodeText, decodeTextFile, readPlainText, readTextFile } from './plain-text';

const bytes = (name: string) => readFileSync(testData(name));

/** The article of formats/utf16*-bom.txt, which have CRLF line ends. */
const PORT_STRIKE =
  'Port strike ends after “final” offer\r\n\r\n' +
  'Dockworkers in Gdańsk voted on Sunday to accept the port authority’s offer, ending a nine-day strike 🚢.\r\n' +
  'A union official, who asked not to be named, said the vote was “closer than anyone expected.”\r\n';

describe('readTextFile', () => {
  it('reads UTF-8 with CRLF exactly as the file has it, titled by its first line', async () => {
    const doc = await readTextFile(bytes('unicode-crlf.txt'), 'unicode-crlf.txt');
    expect(doc).toEqual({
      source: 'unicode-crlf.txt',
      format: 'text',
      title: 'Emoji, accents and a tricky byline 👍',
      text:
        'Emoji, accents and a tricky byline 👍\r\n\r\n' +
        'The café owner 👩‍💻 wrote that the rumor was false, according to the newsletter.\r\n' +
        'Zoë Ñúñez (pronounced with a n\u0308 on some maps) 🇺🇦 confirmed the deal, sources said.\r\n\r\n' +
        'Officials who spoke on condition of anonymity said the mayor will resign on Friday.\r\n',
      outlet: null,
      author: null,
      publishedAt: null,
      url: null,
      annotator: null,
      annotations: [],
      relations: [],
      labels: [],
    });
  });

  it('reads UTF-16 LE with a byte order mark', async () => {
    const doc = await readTextFile(bytes('formats/utf16le-bom.txt'), 'utf16le-bom.txt');
    expect(doc.title).toBe('Port strike ends after “final” offer');
    expect(doc.text).toBe(PORT_STRIKE);
  });

  it('reads UTF-16 BE with a byte order mark', async () => {
    const doc = await readTextFile(bytes('formats/utf16be-bom.txt'), 'utf16be-bom.txt');
    expect(doc.text).toBe(PORT_STRIKE);
  });

  it('reads UTF-16 written at run time, NUL bytes and all', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('A\u0000?\r\nNo: “A” 😀', 'utf16le')]);
    // A NUL character is not text, even in UTF-16.
    await expect(readTextFile(le, 'nul16.txt')).rejects.toThrow(
      'nul16.txt is not a text file: it contains binary data (NUL characters).',
    );
    const fine = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Headline\r\nSaid “yes” 😀', 'utf16le')]);
    expect((await readTextFile(fine, 'fine16.txt')).text).toBe('Headline\r\nSaid “yes” 😀');
  });

  it('refuses UTF-16 cut off in the middle of a character', async () => {
    const cut = bytes('formats/utf16le-bom.txt').subarray(0, -1);
    await expect(readTextFile(cut, 'cut16.txt')).rejects.toThrow(
      'cut16.txt starts with a UTF-16 LE byte order mark but is not valid UTF-16 LE text: it ends in the middle of a character.',
    );
  });

  it('strips a UTF-8 byte order mark, and only that', async () => {
    const doc = await readTextFile(Buffer.from('\uFEFFHeadline\r\nBody “quote\u0301d”', 'utf8'), 'bom.txt');
    expect(doc.text).toBe('Headline\r\nBody “quote\u0301d”');
    expect(doc.title).toBe('Headline');
  });

  it('decodes Windows-1252 with curly quotes', async () => {
    // "The minister said “no comment”..." in Windows-1252: “ is the byte 0x93, ” is 0x94.
    const doc = await readTextFile(bytes('windows-1252.txt'), 'windows-1252.txt');
    expect(doc.text).toBe('The minister said “no comment” and left.\n');
    expect(doc.title).toBe('The minister said “no comment” and left.');
  });

  it('decodes a Windows-1252 article with dashes, accents and the euro sign', async () => {
    const doc = await readTextFile(bytes('formats/windows-1252-article.txt'), 'tolls.txt');
    expect(doc.text).toBe(
      'Bridge tolls to rise by 40% next year\r\n\r\n' +
        'The transport board approved a 40% rise in bridge tolls on Thursday — the first increase since 2011 — ' +
        'saying maintenance costs had “outpaced every forecast.”\r\n' +
        'A board member who spoke on condition of anonymity said the vote was “a foregone conclusion” and that ' +
        'the café owners’ association had not been consulted. Tolls will rise to €3.50 in January.\r\n',
    );
  });

  it('decodes Cyrillic in Windows-1251', async () => {
    const doc = await readTextFile(bytes('formats/windows-1251-article.txt'), 'bridge-ru.txt');
    expect(doc.title).toBe('Мэрия объявила о закрытии моста');
    expect(doc.text).toBe(
      'Мэрия объявила о закрытии моста\r\n\r\n' +
        'По словам источника в администрации, пожелавшего остаться неизвестным, ремонт продлится не менее ' +
        'трёх месяцев. «Решение ещё не окончательное», — заявил представитель мэрии.\r\n',
    );
  });

  it('refuses an empty file', async () => {
    await expect(readTextFile(bytes('empty.txt'), 'empty.txt')).rejects.toThrow(
      'empty.txt is empty: there is no text to annotate.',
    );
  });

  it('refuses a file with only blank lines', async () => {
    await expect(readTextFile(Buffer.from('\n  \r\n\t\n'), 'blank.txt')).rejects.toThrow(
      'blank.txt is empty: there is no text to annotate.',
    );
  });

  it('refuses a UTF-16 file with only a byte order mark', async () => {
    await expect(readTextFile(Buffer.from([0xfe, 0xff]), 'bom-only.txt')).rejects.toThrow(
      'bom-only.txt is empty: there is no text to annotate.',
    );
  });

  it('refuses an image renamed .txt, saying what it is', async () => {
    await expect(readTextFile(bytes('photo-renamed.txt'), 'photo-renamed.txt')).rejects.toThrow(
      'photo-renamed.txt is not a text file: it looks like a PNG image (image/png).',
    );
  });

  it('refuses binary data', async () => {
    await expect(readTextFile(Buffer.from([65, 66, 0, 1, 2, 67]), 'data.txt')).rejects.toThrow(
      'data.txt is not a text file: it contains binary data (NUL bytes).',
    );
  });

  it('refuses bytes that are neither UTF-8 nor text in any other encoding', async () => {
    // No NUL byte and no known signature, but control characters no text has.
    const noise = Buffer.from([0x52, 0x65, 0x70, 0x6f, 0x72, 0x74, 0x0a, 0x93, 0x01, 0x02, 0xfe, 0x1b, 0x88, 0x41]);
    await expect(readTextFile(noise, 'noise.txt')).rejects.toThrow(
      'noise.txt is not a text file Byline can read: it is not UTF-8 (byte 0x93 at position 7 is not part of a ' +
        'UTF-8 character), and it does not read as text in any other encoding either. Save it as UTF-8 and import it again.',
    );
  });

  it('refuses UTF-8 damaged after valid accented text, naming the first bad byte', async () => {
    // "Café" in UTF-8 shows the file is UTF-8; the lone 0x93 later is damage, not Windows-1252.
    const damaged = Buffer.concat([Buffer.from('Café said ', 'utf8'), Buffer.from([0x93]), Buffer.from('no', 'utf8')]);
    await expect(readTextFile(damaged, 'damaged.txt')).rejects.toThrow(
      'damaged.txt is not valid UTF-8 text: byte 0x93 at position 11 is not part of a UTF-8 character. ' +
        'Save it as UTF-8 and import it again.',
    );
  });

  it('refuses a file with a UTF-8 byte order mark that is not UTF-8', async () => {
    const lying = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Caf\xe9 noir', 'latin1')]);
    await expect(readTextFile(lying, 'lying.txt')).rejects.toThrow(
      'lying.txt is not valid UTF-8 text: byte 0xE9 at position 6 is not part of a UTF-8 character.',
    );
  });

  it('refuses a file cut off in the middle of a character', async () => {
    const cut = Buffer.from('Ends with é', 'utf8').subarray(0, -1);
    await expect(readTextFile(cut, 'cut.txt')).rejects.toThrow(
      'cut.txt is not valid UTF-8 text: it ends in the middle of a character. Save it as UTF-8 and import it again.',
    );
  });
});

describe('decodeText', () => {
  it('keeps line ends and a byte order mark as they are, for readers that count offsets in the file', async () => {
    expect(decodeText(Buffer.from('\uFEFFa\r\nb', 'utf8'), 'x.txt')).toBe('\uFEFFa\r\nb');
    expect(decodeText(bytes('formats/utf16be-bom.txt'), 'x.txt').slice(0, 5)).toBe('\uFEFFPort');
    expect(await decodeTextFile(Buffer.from('a\r\nb', 'utf8'), 'x.md')).toBe('a\r\nb');
  });
});

describe('readPlainText (the shape electron/import.ts uses)', () => {
  it('returns the title and canonical text', async () => {
    expect(await readPlainText(bytes('windows-1252.txt'), 'windows-1252.txt')).toEqual({
      title: 'The minister said “no comment” and left.',
      text: 'The minister said “no comment” and left.\n',
    });
  });
});

describe('articleFromText', () => {
  it('keeps pasted text as it is, but for a BOM', () => {
    expect(articleFromText('\uFEFFTitle\r\ncafe\u0301', 'clipboard')).toEqual({ title: 'Title', text: 'Title\r\ncafe\u0301' });
  });

  it('refuses blank pasted text', () => {
    expect(() => articleFromText(' \n ', 'The pasted text')).toThrow(
      'The pasted text is empty: there is no text to annotate.',
    );
  });
});
