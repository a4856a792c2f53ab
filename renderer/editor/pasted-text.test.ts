import { describe, expect, it } from 'vitest';
import { pastedText, textOfHtml } from './pasted-text';

// Real Chromium (the `browser` project of vitest.config.ts): DOMParser and DataTransfer are the browser's.

const transfer = (data: Record<string, string>) => {
  const out = new DataTransfer();
  for (const [type, value] of Object.entries(data)) out.setData(type, value);
  return out;
};

describe('textOfHtml', () => {
  it('keeps the words, a blank line between blocks and a line break for <br>, and no markup', () => {
    const html = '<h1>Title</h1>\n<p>One <b>bold</b>\n   word &amp; <a href="https://x.test/">a link</a>.</p><ul><li>first</li><li>second<br>line</li></ul>';
    expect(textOfHtml(html)).toBe('Title\n\nOne bold word & a link.\n\nfirst\n\nsecond\nline');
  });

  it('drops what a reader never sees, and runs nothing', () => {
    const html = '<style>p{}</style><script>window.ran = true</script><p>Kept<img src="x" onerror="window.ran = true"></p><template>hidden</template>';
    expect(textOfHtml(html)).toBe('Kept');
    expect((window as { ran?: boolean }).ran).toBeUndefined();
  });
});

describe('pastedText', () => {
  it('takes the plain text when there is some, without a BOM, with LF line ends and its characters as copied', () => {
    expect(pastedText(transfer({ 'text/plain': '\uFEFFcafe\u0301\r\nnext\rlast', 'text/html': '<b>other</b>' }))).toBe('cafe\u0301\nnext\nlast');
  });

  it('takes the text of the HTML when that is all there is', () => {
    expect(pastedText(transfer({ 'text/html': '<p>a <i>b</i></p><p>c</p>' }))).toBe('a b\n\nc');
  });

  it('is null when there is no text at all', () => {
    expect(pastedText(transfer({ 'text/uri-list': 'https://x.test/' }))).toBeNull();
    expect(pastedText(transfer({}))).toBeNull();
  });
});
