import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testData } from '../testing/temp';
import { ARTICLE_EXTENSIONS, readArticleFile } from './articles';

const read = (name: string, as = name) => readArticleFile(as, readFileSync(testData(name)));

describe('readArticleFile', () => {
  it('lists the extensions it reads', () => {
    expect(ARTICLE_EXTENSIONS).toEqual(['.txt', '.text', '.md', '.markdown', '.html', '.htm', '.docx']);
  });

  it('chooses the reader by extension, whatever its case', async () => {
    const text = await read('windows-1252.txt', 'quote.TXT');
    expect([text.format, text.text]).toEqual(['text', 'The minister said “no comment” and left.\n']);
    expect((await read('formats/bayside-ferry-explainer.md', 'explainer.Markdown')).format).toBe('markdown');
    const page = await read('formats/northern-ledger-water.html', 'water.HTM');
    expect([page.format, page.title]).toEqual(['html', 'Water utility knew of lead pipes for years, records show']);
  });

  it('reads Markdown as Markdown and the same bytes as text as plain text', async () => {
    const bytes = Buffer.from('---\ntitle: Ferry\n---\n# Vote *today*\n');
    expect((await readArticleFile('a.md', bytes)).text).toBe('Vote today');
    expect((await readArticleFile('a.txt', bytes)).text).toBe('---\ntitle: Ferry\n---\n# Vote *today*\n');
  });

  it('names the file in what a reader refuses', async () => {
    await expect(readArticleFile('/tmp/story.docx', Buffer.from('plain words'))).rejects.toThrow(
      '/tmp/story.docx is not a Word document (.docx): it is not a zip archive.',
    );
  });

  it('refuses other extensions, listing what Byline reads', async () => {
    const reads =
      'Byline reads plain text (.txt, .text), Markdown (.md, .markdown), web pages (.html, .htm) and Word documents (.docx)';
    await expect(readArticleFile('/tmp/scan.pdf', Buffer.from('%PDF-1.7'))).rejects.toThrow(
      `/tmp/scan.pdf cannot be imported as an article: ${reads}, not .pdf.`,
    );
    await expect(readArticleFile('/tmp/README', Buffer.from('text'))).rejects.toThrow(
      `/tmp/README cannot be imported as an article: ${reads}, not files without an extension.`,
    );
    await expect(readArticleFile('/tmp/x.constructor', Buffer.from('text'))).rejects.toThrow(
      `/tmp/x.constructor cannot be imported as an article: ${reads}, not .constructor.`,
    );
  });
});
