/**
 * Word documents (.docx): the paragraphs of the document body, read by mammoth, titled by the
 * document's core properties.
 *
 * A .docx is a zip archive, so it can be a zip bomb: a few kilobytes that inflate to gigabytes.
 * Before mammoth (which inflates with JSZip, all in memory) sees it, yauzl reads the central
 * directory and the declared sizes are checked against limits; then every entry is inflated as a
 * stream and thrown away, with yauzl failing the moment an entry yields more than it declared.
 */
import { DOMParser } from '@xmldom/xmldom';
import { fileTypeFromBuffer } from 'file-type';
import mammoth from 'mammoth';
import { fromBufferPromise, type Entry, type ZipFile } from 'yauzl';
import { badInput, BylineError } from '../../schema/errors';
import { titleFromText } from '../../schema/text';
import { paragraphText } from './source-text';
import { authorName, cleanField } from './metadata';
import { describeFileType, emptyFile } from './plain-text';
import { articleDocument, type ImportedDocument } from './types';

/** The most that all of a document's parts may inflate to. */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;
/** Deflate does not compress real document parts (XML, images) much beyond this. */
export const MAX_COMPRESSION_RATIO = 100;
/** Parts smaller than this may compress as well as they like (a blank page's XML does). */
const RATIO_APPLIES_FROM = 1024 * 1024;
const MAX_ENTRIES = 10_000;
const CORE_PROPERTIES = 'docprops/core.xml';
const DC = 'http://purl.org/dc/elements/1.1/';

export async function readDocx(bytes: Uint8Array, source: string): Promise<ImportedDocument> {
  if (bytes.length === 0) throw emptyFile(source);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { coreProperties } = await checkArchive(buffer, source);

  let body: MammothElement | null = null;
  try {
    await mammoth.convertToHtml(
      { buffer },
      {
        // Only the document tree is wanted: take it, and give mammoth nothing to render (so it
        // never reads an image either).
        transformDocument: (document: MammothElement) => {
          body = document;
          return { ...document, children: [] };
        },
      },
    );
  } catch (error) {
    // mammoth's own errors say what is missing; a TypeError is it tripping over a part that is not XML.
    const why = error instanceof TypeError ? 'its document part is damaged (it is not the XML Word writes).' : sentence((error as Error).message);
    throw badInput(`${source} could not be read as a Word document: ${why}`);
  }
  const paragraphs = body ? paragraphsOf(body) : [];
  const text = paragraphText(paragraphs);
  if (text.trim() === '') throw emptyFile(source);

  const core = coreProperties === null ? null : parseCoreProperties(coreProperties);
  return articleDocument({
    source,
    format: 'docx',
    title: cleanField(core?.title) ?? titleFromText(text),
    text,
    author: authorName(core?.creator),
  });
}

/**
 * Refuses what is not a whole, reasonably sized zip archive; returns docProps/core.xml, which
 * mammoth does not read.
 */
async function checkArchive(buffer: Buffer, source: string): Promise<{ coreProperties: string | null }> {
  const isZip = buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50;
  if (!isZip) throw await notAZip(buffer, source);

  let zip: ZipFile;
  const entries: Entry[] = [];
  try {
    zip = await fromBufferPromise(buffer, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
    if (zip.entryCount > MAX_ENTRIES) {
      throw badInput(`${source} is not a Word document Byline can read: its zip archive holds ${zip.entryCount} parts.`);
    }
    for await (const entry of zip.eachEntry()) entries.push(entry);
  } catch (error) {
    if (error instanceof BylineError) throw error;
    throw damaged(source, error);
  }

  try {
    let total = 0;
    for (const entry of entries) {
      total += entry.uncompressedSize;
      if (total > MAX_UNPACKED_BYTES) {
        const size = megabytes(entries.reduce((sum, e) => sum + e.uncompressedSize, 0));
        throw badInput(
          `${source} is not safe to open: it would unpack to ${size}, over the ` +
            `${megabytes(MAX_UNPACKED_BYTES)} limit for a Word document (a "zip bomb").`,
        );
      }
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (entry.uncompressedSize >= RATIO_APPLIES_FROM && ratio > MAX_COMPRESSION_RATIO) {
        throw badInput(
          `${source} is not safe to open: its part ${entry.fileName} is compressed ${Math.round(ratio)} to 1, ` +
            `far more than a real document (a "zip bomb").`,
        );
      }
    }

    let coreProperties: string | null = null;
    for (const entry of entries) {
      if (entry.isEncrypted()) {
        throw badInput(`${source} is encrypted: save it without a password and import it again.`);
      }
      const keep = entry.fileName.toLowerCase() === CORE_PROPERTIES;
      const content = await inflate(zip, entry, keep, source);
      if (keep) coreProperties = content;
    }
    return { coreProperties };
  } finally {
    zip.close();
  }
}

/** Inflates one entry as a stream, counting; yauzl fails it once it exceeds its declared size. */
async function inflate(zip: ZipFile, entry: Entry, keep: boolean, source: string): Promise<string | null> {
  const chunks: Buffer[] = [];
  try {
    const stream = await zip.openReadStreamPromise(entry);
    for await (const chunk of stream as AsyncIterable<Buffer>) if (keep) chunks.push(chunk);
  } catch (error) {
    const message = (error as Error).message;
    if (message.startsWith('too many bytes in the stream')) {
      throw badInput(
        `${source} is not safe to open: its part ${entry.fileName} inflates to more than the ` +
          `${entry.uncompressedSize} bytes its zip header says (a "zip bomb", or a damaged file).`,
      );
    }
    throw damaged(source, error);
  }
  return keep ? Buffer.concat(chunks).toString('utf8') : null;
}

async function notAZip(buffer: Buffer, source: string) {
  const detected = await fileTypeFromBuffer(buffer);
  if (detected?.ext === 'cfb') {
    return badInput(
      `${source} is not a .docx file: it is an older Word document (.doc) or a password-protected one. ` +
        'Save it as .docx without a password and import it again.',
    );
  }
  const what = detected ? `it looks like ${describeFileType(detected.ext, detected.mime)}` : 'it is not a zip archive';
  return badInput(`${source} is not a Word document (.docx): ${what}.`);
}

const damaged = (source: string, error: unknown) =>
  badInput(`${source} is damaged or cut short: ${sentence((error as Error).message)}`);

/** The parts of mammoth's document tree that hold text (see mammoth's lib/documents.js). */
interface MammothElement {
  type: string;
  value?: string;
  breakType?: string;
  children?: MammothElement[];
}

/**
 * The body's paragraphs. Like mammoth's extractRawText, but a line break (Shift+Enter) is a line
 * break, where extractRawText drops it and runs the two lines' words together; and footnote and
 * comment markers, images and checkboxes show no text.
 */
function paragraphsOf(document: MammothElement): string[] {
  const paragraphs: string[] = [];
  let line = '';
  const flush = () => {
    const paragraph = line.replace(/[ \t]*\n[ \t]*/g, '\n').replace(/^\s+|\s+$/g, '');
    if (paragraph !== '') paragraphs.push(paragraph);
    line = '';
  };
  const stack: (MammothElement | 'end of paragraph')[] = [document];
  while (stack.length > 0) {
    const element = stack.pop()!;
    if (element === 'end of paragraph') {
      flush();
      continue;
    }
    switch (element.type) {
      case 'text':
        line += element.value ?? '';
        continue;
      case 'tab':
        line += '\t';
        continue;
      case 'break':
        // A page or column break between two runs ends what comes before it.
        if (element.breakType === 'line') line += '\n';
        else flush();
        continue;
      case 'paragraph':
      case 'tableCell':
        flush();
        stack.push('end of paragraph');
        break;
      case 'noteReference':
      case 'commentReference':
      case 'image':
      case 'checkbox':
        continue;
    }
    const children = element.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  flush();
  return paragraphs;
}

/** dc:title and dc:creator from docProps/core.xml; a part that does not parse gives none. */
function parseCoreProperties(xml: string): { title: string | null; creator: string | null } | null {
  try {
    const document = new DOMParser({ onError: () => {} }).parseFromString(xml, 'text/xml');
    const text = (name: string) => document.getElementsByTagNameNS(DC, name)[0]?.textContent ?? null;
    return { title: text('title'), creator: text('creator') };
  } catch {
    return null;
  }
}

function sentence(message: string): string {
  const trimmed = message.trim().replace(/\s+/g, ' ');
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}
