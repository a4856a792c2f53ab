import { fileTypeFromBuffer } from 'file-type';
import { badInput } from '../../schema/errors';
import { canonicalText, titleFromText } from '../../schema/text';

export interface Article {
  title: string;
  /** Canonical text. */
  text: string;
}

/**
 * Reads the bytes of a plain-text file (UTF-8, with or without BOM) as an article. `source` names
 * the file in every message, which always says why the file cannot be used.
 */
export async function readPlainText(bytes: Uint8Array, source: string): Promise<Article> {
  if (bytes.length === 0) throw badInput(`${source} is empty: there is no text to annotate.`);
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) {
    throw badInput(
      `${source} is not a text file: it looks like ${describeType(detected.ext, detected.mime)}.`,
    );
  }
  if (bytes.includes(0)) {
    throw badInput(`${source} is not a text file: it contains binary data (NUL bytes).`);
  }
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badInput(`${source} is not valid UTF-8 text: ${describeUtf8Error(bytes)}. Save it as UTF-8 and import it again.`);
  }
  return articleFromText(decoded, source);
}

/** Turns raw text (a decoded file, or pasted text) into an article with a title. */
export function articleFromText(raw: string, source: string): Article {
  const text = canonicalText(raw);
  if (text.trim() === '') throw badInput(`${source} is empty: there is no text to annotate.`);
  return { title: titleFromText(text), text };
}

function describeType(ext: string, mime: string): string {
  const article = /^[aeiou]/i.test(ext) ? 'an' : 'a';
  const kind = mime.startsWith('image/') ? ' image' : mime.startsWith('audio/') ? ' audio file' : ' file';
  return `${article} ${ext.toUpperCase()}${kind} (${mime})`;
}

/** Where strict UTF-8 decoding first fails, found as the shortest prefix that cannot be decoded. */
function describeUtf8Error(bytes: Uint8Array): string {
  const fails = (length: number) => {
    try {
      // `stream` holds back an unfinished character at the end instead of failing on it.
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
      return false;
    } catch {
      return true;
    }
  };
  if (!fails(bytes.length)) return 'it ends in the middle of a character';
  let lo = 1;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (fails(mid)) hi = mid;
    else lo = mid + 1;
  }
  const byte = bytes[lo - 1]!.toString(16).toUpperCase().padStart(2, '0');
  return `byte 0x${byte} at position ${lo - 1} is not part of a UTF-8 character`;
}
