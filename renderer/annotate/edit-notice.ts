import type { Annotation } from '../../schema/model';

/** What the annotate view says about the edit mode: on entering and leaving it, and when it refuses. */
export const editModeNotice = {
  on: 'Editing the text: annotations move with it. Tagging and the side panel are off until you are done.',
  unchanged: 'Done editing: the text is unchanged.',
  saved: (version: number) => `Done editing: the text is saved as version ${version}.`,
  empty: 'This edit would leave the article empty, and an article needs some text. Undo (Ctrl+Z) or type some, then finish editing.',
};

const SHOWN_QUOTES = 3;
const QUOTE_LENGTH = 60;

/** An annotation's quote as a notice names it: cut with “…” past QUOTE_LENGTH characters. */
export const shortQuote = (quote: string) =>
  quote.length > QUOTE_LENGTH ? `${quote.slice(0, QUOTE_LENGTH - 1).trimEnd()}…` : quote;

/** The status line of the edit mode: the annotations whose text is all gone, which saving deletes. */
export function deletedNotice(deleted: readonly Annotation[]): string {
  if (deleted.length === 0) return '';
  const quotes = deleted
    .slice(0, SHOWN_QUOTES)
    .map((a) => `“${shortQuote(a.quote)}”`)
    .join(', ');
  const more = deleted.length > SHOWN_QUOTES ? ` and ${deleted.length - SHOWN_QUOTES} more` : '';
  const one = deleted.length === 1;
  return `${one ? '1 annotation' : `${deleted.length} annotations`} will be deleted: ${quotes}${more}. Ctrl+Z brings ${one ? 'it' : 'them'} back.`;
}
