/**
 * The word boundaries of UAX #29 for a run without whitespace of the characters news text is
 * mostly made of (ASCII, Latin letters, typographic quotes and dashes), computed from character
 * codes. It gives the segments Intl.Segmenter gives for such a run (a property test holds it to
 * that) at a fraction of the cost: Intl.Segmenter makes an object per segment, and a Prodigy
 * export tokenizes every article of a workspace. A run with any other character is Intl.Segmenter's.
 *
 * Among these characters only these rules can join two of them (there is no Extend or Format
 * character, and no Katakana, Hebrew letter or regional indicator):
 *   WB5  letter × letter                      WB8  digit × digit
 *   WB6  letter × (: · . ' ‘ ’) letter        WB9  letter × digit
 *   WB7  letter (: · . ' ‘ ’) × letter        WB10 digit × letter
 *   WB11 digit (, ; . ' ‘ ’) × digit          WB13a (letter | digit | _) × _
 *   WB12 digit × (, ; . ' ‘ ’) digit          WB13b _ × (letter | digit)
 * Everywhere else there is a boundary (WB999).
 */

/** A character this module does not know: its run goes to Intl.Segmenter. */
export const UNKNOWN = 0;
const OTHER = 1;
const LETTER = 2;
const DIGIT = 3;
/** MidLetter: the colon, the middle dot. */
const MID_LETTER = 4;
/** MidNumLet and Single_Quote: the full stop, the apostrophe, the single curly quotes. */
const MID_NUM_LET = 5;
/** MidNum: the comma and the semicolon. */
const MID_NUM = 6;
/** ExtendNumLet: the low line. */
const EXTEND_NUM_LET = 7;

/** Classes of U+0000 to U+017F (Basic Latin, Latin-1, Latin Extended-A). */
const LATIN = new Uint8Array(0x180);
// Whitespace stays unknown: it is never inside a run.
for (let c = 0x00; c < 0x80; c++) LATIN[c] = c === 0x20 || (c >= 0x09 && c <= 0x0d) ? UNKNOWN : OTHER;
for (let c = 0x41; c <= 0x5a; c++) LATIN[c] = LETTER;
for (let c = 0x61; c <= 0x7a; c++) LATIN[c] = LETTER;
for (let c = 0x30; c <= 0x39; c++) LATIN[c] = DIGIT;
const assign = (wordClass: number, ...units: number[]) => units.forEach((unit) => (LATIN[unit] = wordClass));
// Latin-1: the letters (not × and ÷), the ordinal indicators and micro sign, the middle dot and
// the guillemets; the rest (the soft hyphen is Format, the superscripts are their own case) is unknown.
for (let c = 0xc0; c <= 0xff; c++) LATIN[c] = LETTER;
assign(OTHER, 0xd7, 0xf7, 0xab, 0xbb);
assign(LETTER, 0xaa, 0xb5, 0xba);
assign(MID_LETTER, 0x3a, 0xb7);
assign(MID_NUM_LET, 0x2e, 0x27);
assign(MID_NUM, 0x2c, 0x3b);
assign(EXTEND_NUM_LET, 0x5f);
for (let c = 0x100; c < 0x180; c++) LATIN[c] = LETTER;

/** The class of one UTF-16 unit (UNKNOWN for any this module does not handle). */
export function wordClass(unit: number): number {
  if (unit < 0x180) return LATIN[unit]!;
  switch (unit) {
    case 0x2018: // ‘
    case 0x2019: // ’
      return MID_NUM_LET;
    case 0x2013: // –
    case 0x2014: // —
    case 0x201c: // “
    case 0x201d: // ”
    case 0x2022: // •
    case 0x2026: // …
    case 0x20ac: // €
      return OTHER;
    default:
      return UNKNOWN;
  }
}

/** Whether there is no word boundary between `text[i - 1]` and `text[i]`, inside `[from, to)`. */
function joined(text: string, from: number, i: number, to: number): boolean {
  const before = wordClass(text.charCodeAt(i - 1));
  const at = wordClass(text.charCodeAt(i));
  switch (at) {
    case LETTER:
      if (before === LETTER || before === DIGIT || before === EXTEND_NUM_LET) return true;
      return (before === MID_LETTER || before === MID_NUM_LET) && i - 2 >= from && wordClass(text.charCodeAt(i - 2)) === LETTER;
    case DIGIT:
      if (before === LETTER || before === DIGIT || before === EXTEND_NUM_LET) return true;
      return (before === MID_NUM || before === MID_NUM_LET) && i - 2 >= from && wordClass(text.charCodeAt(i - 2)) === DIGIT;
    case EXTEND_NUM_LET:
      return before === LETTER || before === DIGIT || before === EXTEND_NUM_LET;
    case MID_LETTER:
      return before === LETTER && i + 1 < to && wordClass(text.charCodeAt(i + 1)) === LETTER;
    case MID_NUM_LET: {
      const after = i + 1 < to ? wordClass(text.charCodeAt(i + 1)) : OTHER;
      return (before === LETTER && after === LETTER) || (before === DIGIT && after === DIGIT);
    }
    case MID_NUM:
      return before === DIGIT && i + 1 < to && wordClass(text.charCodeAt(i + 1)) === DIGIT;
    default:
      return false;
  }
}

/**
 * Calls `segment(start, end)` (UTF-16 indexes of `text`) for each word segment of `[from, to)`,
 * a run without whitespace in which every unit has a class.
 */
export function forEachCommonWord(text: string, from: number, to: number, segment: (start: number, end: number) => void): void {
  let start = from;
  for (let i = from + 1; i < to; i++) {
    if (joined(text, from, i, to)) continue;
    segment(start, i);
    start = i;
  }
  if (start < to) segment(start, to);
}
