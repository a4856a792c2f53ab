import { $createLineBreakNode, $createParagraphNode, $createTextNode, $getRoot } from 'lexical';

/**
 * Fills the editor with a canonical text so that `$getRoot().getTextContent()` equals it exactly:
 * Lexical joins paragraphs with "\n\n", so "\n\n" separates paragraphs and any other "\n" is a
 * line break inside one.
 */
export function $fillArticle(text: string): void {
  const root = $getRoot();
  root.clear();
  for (const block of text.split('\n\n')) {
    const paragraph = $createParagraphNode();
    block.split('\n').forEach((line, i) => {
      if (i > 0) paragraph.append($createLineBreakNode());
      if (line) paragraph.append($createTextNode(line));
    });
    root.append(paragraph);
  }
}
