/**
 * fast-check generators for the property tests: texts whose code point, UTF-16 and comparison
 * forms differ, and damaged copies of valid files. Pure (no Node, no DOM), so the renderer's
 * browser tests use them too.
 */
import fc from 'fast-check';

/**
 * Pieces that make offsets hard: astral characters (an emoji, a ZWJ sequence, a flag, a math
 * letter), precomposed and decomposed letters, combining marks with and without a base, a
 * singleton NFC mapping (Angstrom sign), a mark that NFC splits in two (U+0344), Hangul jamo that
 * NFC composes into syllables, every line end, a BOM, and separators that end lines elsewhere.
 */
export const TRICKY_PIECES = [
  'a', 'Z', ' ', '.', '\t', 'ı',
  '👍', '👩‍💻', '🇺🇦', '𝒜',
  'é', 'e\u0301', '\u0301', '\u0308', 'n\u0308', '\u0344', '\u212B', 'ñ', 'o\u0308\u0301',
  '\u1100', '\u1161', '\u11A8', '\uAC00',
  '\r', '\n', '\r\n', '\uFEFF', '\u2028', '\u0085',
] as const;

/** Halves of surrogate pairs, alone: JavaScript strings may hold them, and files decode to them. */
export const LONE_SURROGATES = ['\uD83D', '\uDC4D', '\uDBFF', '\uDC00'] as const;

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...TRICKY_PIECES) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);

/** Text made of tricky pieces and random code points (no lone surrogates). */
export function trickyText(maxPieces = 40): fc.Arbitrary<string> {
  return fc.array(piece, { maxLength: maxPieces }).map((pieces) => pieces.join(''));
}

/** Like trickyText, with lone surrogates mixed in (two may meet and form a pair). */
export function trickyTextWithLoneSurrogates(maxPieces = 40): fc.Arbitrary<string> {
  const any = fc.oneof({ weight: 8, arbitrary: piece }, { weight: 1, arbitrary: fc.constantFrom(...LONE_SURROGATES) });
  return fc.array(any, { maxLength: maxPieces }).map((pieces) => pieces.join(''));
}

const LINE_PIECES = ['a', 'b', 'Z', ' ', '.', '\t', '👍', '👩‍💻', '🇺🇦', '𝒜', 'é', 'e\u0301', 'n\u0308', '\u0301', '\uAC00', '\u2028', '\r'];

/**
 * An article's text as Byline stores it (exactly as its file had it, so decomposed letters and
 * CR too) with many line shapes: lines joined by one "\n" (a line break), CRLF, or runs of them
 * (paragraphs, empty paragraphs), blank ends included.
 */
export function articleText(maxLines = 8): fc.Arbitrary<string> {
  const line = fc.array(fc.constantFrom(...LINE_PIECES), { maxLength: 8 }).map((p) => p.join(''));
  const gap = fc.constantFrom('\n', '\n\n', '\n\n', '\n\n\n', '\n\n\n\n', '\r\n', '\r\n\r\n');
  return fc
    .tuple(fc.array(fc.tuple(gap, line), { maxLength: maxLines }), line)
    .map(([rest, first]) => first + rest.map(([g, l]) => g + l).join(''));
}

/** One change to a file's bytes; `at` is a fraction of its length, so it fits any size. */
export type ByteEdit =
  | { kind: 'flip'; at: number; bits: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'truncate'; at: number };

const at = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at, bits: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at, bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), at, count: fc.integer({ min: 1, max: 16 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at }),
);

/** A few edits to apply to a valid file with `applyEdits`. */
export const byteEdits = fc.array(byteEdit, { minLength: 1, maxLength: 4 });

export function applyEdits(original: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  let bytes: Uint8Array = Uint8Array.from(original);
  for (const edit of edits) {
    const i = Math.floor(edit.at * bytes.length);
    switch (edit.kind) {
      case 'flip':
        if (bytes.length > 0) bytes[i] = bytes[i]! ^ edit.bits;
        break;
      case 'insert':
        bytes = concatBytes(bytes.subarray(0, i), edit.bytes, bytes.subarray(i));
        break;
      case 'delete':
        bytes = concatBytes(bytes.subarray(0, i), bytes.subarray(i + edit.count));
        break;
      case 'truncate':
        bytes = bytes.slice(0, i);
        break;
    }
  }
  return bytes;
}

function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
