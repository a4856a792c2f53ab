import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testData } from '../testing/temp';
import { articleFromText, readPlainText } from './plain-text';

const bytes = (name: string) => readFileSync(testData(name));

describe('readPlainText', () => {
  it('reads UTF-8 with CRLF as canonical text, titled by its first line', async () => {
    const article = await readPlainText(bytes('unicode-crlf.txt'), 'unicode-crlf.txt');
    expect(article.title).toBe('Emoji, accents and a tricky byline 👍');
    expect(article.text).not.toContain('\r');
    expect(article.text).toContain('👩‍💻');
    expect(article.text).toContain('n\u0308');
  });

  it('strips a UTF-8 byte order mark', async () => {
    const article = await readPlainText(Buffer.from('\uFEFFHeadline\nBody', 'utf8'), 'bom.txt');
    expect(article.text).toBe('Headline\nBody');
  });

  it('refuses an empty file', async () => {
    await expect(readPlainText(bytes('empty.txt'), 'empty.txt')).rejects.toThrow(
      'empty.txt is empty: there is no text to annotate.',
    );
  });

  it('refuses a file with only blank lines', async () => {
    await expect(readPlainText(Buffer.from('\n  \r\n\t\n'), 'blank.txt')).rejects.toThrow(
      'blank.txt is empty',
    );
  });

  it('refuses an image renamed .txt, saying what it is', async () => {
    await expect(readPlainText(bytes('photo-renamed.txt'), 'photo-renamed.txt')).rejects.toThrow(
      'photo-renamed.txt is not a text file: it looks like a PNG image (image/png).',
    );
  });

  it('refuses binary data', async () => {
    await expect(readPlainText(Buffer.from([65, 66, 0, 1, 2, 67]), 'data.txt')).rejects.toThrow(
      'data.txt is not a text file: it contains binary data (NUL bytes).',
    );
  });

  it('refuses invalid UTF-8, naming the first bad byte and where it is', async () => {
    // "The minister said “no comment”..." in Windows-1252: “ is the byte 0x93 at position 18.
    await expect(readPlainText(bytes('windows-1252.txt'), 'windows-1252.txt')).rejects.toThrow(
      'windows-1252.txt is not valid UTF-8 text: byte 0x93 at position 18 is not part of a UTF-8 character.',
    );
  });

  it('refuses a file cut off in the middle of a character', async () => {
    const cut = Buffer.from('Ends with é', 'utf8').subarray(0, -1);
    await expect(readPlainText(cut, 'cut.txt')).rejects.toThrow(
      'cut.txt is not valid UTF-8 text: it ends in the middle of a character.',
    );
  });
});

describe('articleFromText', () => {
  it('canonicalizes pasted text', () => {
    expect(articleFromText('Title\r\ncafe\u0301', 'clipboard')).toEqual({ title: 'Title', text: 'Title\ncafé' });
  });
});
