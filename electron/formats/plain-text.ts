import { getBOMEncoding, labelToName, TextDecoder } from '@exodus/bytes/encoding.js';
import { analyse } from 'chardet';
import { fileTypeFromBuffer } from 'file-type';
import { badInput } from '../../schema/errors';
import { storedText, titleFromText } from '../../schema/text';
import { articleDocument, type ImportedDocument } from './types';

export interface Article {
  title: string;
  /** The text as decoded, without a BOM (schema/text.ts storedText). */
  text: string;
}

/**
 * Reads a plain-text file as an article: UTF-8 (with or without BOM), UTF-16 with a BOM, or a
 * legacy single- or multi-byte encoding (Windows-1252, ISO-8859-2, Shift_JIS...) recognized by
 * chardet. `source` names the file in every message, which always says why it cannot be used.
 */
export async function readTextFile(bytes: Uint8Array, source: string): Promise<ImportedDocument> {
  const article = articleFromText(await decodeTextFile(bytes, source), source);
  return articleDocument({ source, format: 'text', ...article });
}

/** The same as `readTextFile`, as a bare title and text (what electron/import.ts stores today). */
export async function readPlainText(bytes: Uint8Array, source: string): Promise<Article> {
  return articleFromText(await decodeTextFile(bytes, source), source);
}

/** Turns raw text (a decoded file, or pasted text) into an article with a title. */
export function articleFromText(raw: string, source: string): Article {
  const text = storedText(raw);
  if (text.trim() === '') throw emptyFile(source);
  return { title: titleFromText(text), text };
}

export const emptyFile = (source: string) =>
  badInput(`${source} is empty: there is no text to annotate.`);

/** How much of a file chardet looks at: enough for its statistics, and fast on a 50 MB file. */
const DETECTION_SAMPLE = 256 * 1024;
/** Control characters that text never has (tab, line feed, form feed, carriage return are fine). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/;

/**
 * Decodes the bytes of a text file (plain text, Markdown) to a string, refusing what is not text:
 * `decodeText` after a check that the bytes are not a known binary format (an image renamed .txt).
 */
export async function decodeTextFile(bytes: Uint8Array, source: string): Promise<string> {
  const bom = getBOMEncoding(bytes);
  if (bom !== 'utf-16le' && bom !== 'utf-16be') await refuseKnownBinary(bytes, source);
  return decodeText(bytes, source);
}

/**
 * Refuses bytes whose signature shows a binary format (an image or a PDF renamed .txt), or
 * another format than `allowed` (file-type also recognizes a few text formats, such as XML).
 */
export async function refuseKnownBinary(
  bytes: Uint8Array,
  source: string,
  allowed: readonly string[] = [],
): Promise<void> {
  if (bytes.length === 0) return;
  const detected = await fileTypeFromBuffer(bytes);
  if (detected && !allowed.includes(detected.ext)) {
    throw badInput(`${source} is not a text file: it looks like ${describeFileType(detected.ext, detected.mime)}.`);
  }
}

/**
 * Decodes text bytes to a string, keeping a byte order mark as U+FEFF (storedText drops it;
 * brat offsets count it). A BOM decides first, since UTF-16 text legitimately holds NUL bytes.
 * Otherwise NUL bytes mean binary data, and valid UTF-8 is UTF-8. Only text that is not UTF-8 is
 * handed to chardet, and only when it is not damaged UTF-8: a file with valid multi-byte UTF-8
 * before its first bad byte, or one that stops in the middle of a character, is reported as
 * broken UTF-8 rather than read as mojibake in another encoding.
 */
export function decodeText(bytes: Uint8Array, source: string): string {
  if (bytes.length === 0) throw emptyFile(source);
  const bom = getBOMEncoding(bytes);
  if (bom === 'utf-16le' || bom === 'utf-16be') return decodeUtf16(bytes, bom, source);
  if (bytes.includes(0)) {
    throw badInput(`${source} is not a text file: it contains binary data (NUL bytes).`);
  }
  const utf8 = decodeStrictly('utf-8', bytes);
  if (utf8 !== null) return utf8;

  const error = utf8Error(bytes);
  if (bom === 'utf-8' || error.position === null || hasNonAscii(bytes, error.position)) {
    throw badInput(
      `${source} is not valid UTF-8 text: ${error.reason}. Save it as UTF-8 and import it again.`,
    );
  }
  const legacy = decodeLegacy(bytes, error.position);
  if (legacy === null) {
    throw badInput(
      `${source} is not a text file Byline can read: it is not UTF-8 (${error.reason}), ` +
        'and it does not read as text in any other encoding either. Save it as UTF-8 and import it again.',
    );
  }
  return legacy;
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', source: string): string {
  const text = decodeStrictly(encoding, bytes);
  const name = encoding === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE';
  if (text === null) {
    const why = bytes.length % 2 === 1 ? 'it ends in the middle of a character' : 'it has unpaired surrogates';
    throw badInput(`${source} starts with a ${name} byte order mark but is not valid ${name} text: ${why}.`);
  }
  if (text.includes('\0')) {
    throw badInput(`${source} is not a text file: it contains binary data (NUL characters).`);
  }
  return text;
}

/**
 * Asks chardet which encoding the bytes are in, looking around the first byte that is not ASCII,
 * and decodes the whole file with the first of its candidates that decodes without error into
 * text without control characters (which no real text has; random binary data always does).
 */
function decodeLegacy(bytes: Uint8Array, firstNonUtf8: number): string | null {
  const start = Math.max(0, firstNonUtf8 - 1024);
  for (const match of analyse(bytes.subarray(start, start + DETECTION_SAMPLE))) {
    // ASCII is chardet's "nothing else matched"; UTF-8 and UTF-16/32 are ruled out already.
    if (match.name === 'ASCII' || match.name.startsWith('UTF')) continue;
    // WHATWG names, so ISO-8859-1 reads as Windows-1252 as every browser does.
    const encoding = labelToName(match.name);
    if (encoding === null || encoding === 'replacement') continue;
    const text = decodeStrictly(encoding, bytes);
    if (text !== null && !CONTROL_CHARACTER.test(text)) return text;
  }
  return null;
}

function decodeStrictly(encoding: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function hasNonAscii(bytes: Uint8Array, end: number): boolean {
  for (let i = 0; i < end; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/** "a PNG image (image/png)", for messages about a file that is something else. */
export function describeFileType(ext: string, mime: string): string {
  const article = /^[aeiou]/i.test(ext) ? 'an' : 'a';
  const kind = mime.startsWith('image/') ? ' image' : mime.startsWith('audio/') ? ' audio file' : ' file';
  return `${article} ${ext.toUpperCase()}${kind} (${mime})`;
}

/**
 * Where the first sequence that is not UTF-8 starts (in bytes); `position` is null when the only
 * problem is a character cut off at the end.
 */
function utf8Error(bytes: Uint8Array): { position: number | null; reason: string } {
  try {
    // `stream` holds back an unfinished character at the end instead of failing on it.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return { position: null, reason: 'it ends in the middle of a character' };
  } catch {
    // Decoded with replacement, each bad sequence becomes one U+FFFD; what comes before it is
    // valid, so its UTF-8 length is the bad sequence's offset.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    let position = 0;
    let from = 0;
    for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) {
      position += Buffer.byteLength(text.slice(from, i), 'utf8');
      from = i + 1;
      const literal = bytes[position] === 0xef && bytes[position + 1] === 0xbf && bytes[position + 2] === 0xbd;
      if (!literal) break;
      position += 3;
    }
    const byte = bytes[position]!.toString(16).toUpperCase().padStart(2, '0');
    return { position, reason: `byte 0x${byte} at position ${position} is not part of a UTF-8 character` };
  }
}
