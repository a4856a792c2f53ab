import { createEditor, type LexicalEditor } from 'lexical';
import { afterEach } from 'vitest';
import { $fillArticle } from '../article-content';
import { OffsetIndex } from '../offset-index';

export interface MountedArticle {
  editor: LexicalEditor;
  root: HTMLDivElement;
  index: OffsetIndex;
}

const mounted: (() => void)[] = [];

afterEach(() => {
  window.getSelection()?.removeAllRanges();
  while (mounted.length > 0) mounted.pop()!();
});

/**
 * A read-only Lexical editor showing `text` in a div inside `parent`, as the article view renders
 * it, with its offset index. Removed after each test.
 */
export function mountArticle(text: string, parent: HTMLElement = document.body): MountedArticle {
  const root = document.createElement('div');
  parent.append(root);
  const editor = createEditor({
    namespace: 'article-test',
    editable: false,
    onError: (error) => {
      throw error;
    },
  });
  editor.setRootElement(root);
  mounted.push(() => {
    editor.setRootElement(null);
    root.remove();
  });
  editor.update(() => $fillArticle(text), { discrete: true });
  return { editor, root, index: OffsetIndex.build(editor) };
}

/** Runs `cleanup` after the current test, with the articles' own. */
export function afterThisTest(cleanup: () => void): void {
  mounted.push(cleanup);
}
