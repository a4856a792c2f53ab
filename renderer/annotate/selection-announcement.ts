/** Quotes longer than this many characters (graphemes) are cut for reading out. */
const LONGEST_QUOTE = 80;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export interface Announced {
  label: string;
  quote: string;
  /** The colleague whose annotation it is; null for my own. */
  owner: string | null;
  /** Its place among the annotations shown, from 0; -1 when it is not (yet) among them. */
  position: number;
  total: number;
}

/** What a screen reader says when an annotation is selected: `Claim: “We are…”, 3 of 12`. */
export function selectionAnnouncement({ label, quote, owner, position, total }: Announced): string {
  // Cut between user-perceived characters, so an emoji sequence is read whole or not at all.
  const characters = Array.from(graphemes.segment(quote.replace(/\s+/g, ' ').trim()), (s) => s.segment);
  const shown = characters.length > LONGEST_QUOTE ? `${characters.slice(0, LONGEST_QUOTE - 1).join('').trimEnd()}…` : characters.join('');
  const by = owner ? `, by ${owner}` : '';
  const place = position >= 0 ? `, ${position + 1} of ${total}` : '';
  return `${label}: “${shown}”${by}${place}`;
}
