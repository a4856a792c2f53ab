import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { constants, crc32, createInflateRaw, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { testData } from '../testing/temp';
import { readDocx } from './docx';

/*
 * Word documents are built here from their OOXML parts, as Word writes them (runs split mid-word,
 * styles, a hyperlink, a footnote, a tracked change, a table), and zip bombs are assembled byte
 * by byte so that they cost a megabyte, not the gigabyte they claim.
 */

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const FIXED_DATE = new Date('2024-03-05T12:00:00Z');

const run = (text: string, props = '') =>
  `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${text}</w:t></w:r>`;
const paragraph = (content: string, style?: string) =>
  `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}${content}</w:p>`;
const cell = (text: string) => `<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>${paragraph(run(text))}</w:tc>`;

const BODY = [
  paragraph(run('Ferry contract goes to Dutch shipyard'), 'Title'),
  paragraph(run('By Marta Okafor', '<w:i/>')),
  paragraph(''),
  paragraph(
    run('The Harbor Gazette has learned that the city will award the €48 million contract for two ferries to a ship') +
      run('yard', '<w:b/>') +
      run(' in Zwolle, according to three people briefed on the ') +
      `<w:del w:id="1" w:author="Editor"><w:r><w:delText>final </w:delText></w:r></w:del>` +
      `<w:ins w:id="2" w:author="Editor">${run('decision')}</w:ins>` +
      run('.'),
  ),
  paragraph(
    run('“We expect the boats in 2026,” said a port official.') +
      '<w:r><w:br/></w:r>' +
      run('The official spoke on condition of anonymity.'),
  ),
  paragraph(run('Bids received'), 'Heading1'),
  `<w:tbl><w:tblPr><w:tblW w:w="4000" w:type="dxa"/></w:tblPr>` +
    `<w:tr>${cell('Shipyard')}${cell('Bid')}</w:tr><w:tr>${cell('Zwolle')}${cell('€48m')}</w:tr></w:tbl>`,
  paragraph(
    run('Deadline:') + '<w:r><w:tab/></w:r>' + run('April 30') +
      '<w:r><w:br w:type="page"/></w:r>' + run('Read the ') +
      `<w:hyperlink r:id="rIdTender">${run('tender documents', '<w:rStyle w:val="Hyperlink"/>')}</w:hyperlink>` +
      run('.'),
  ),
  paragraph(
    run('The council must still approve the deal.') +
      '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>',
  ),
].join('');

const TEXT = [
  'Ferry contract goes to Dutch shipyard',
  'By Marta Okafor',
  'The Harbor Gazette has learned that the city will award the €48 million contract for two ferries to a shipyard ' +
    'in Zwolle, according to three people briefed on the decision.',
  '“We expect the boats in 2026,” said a port official.\nThe official spoke on condition of anonymity.',
  'Bids received',
  'Shipyard',
  'Bid',
  'Zwolle',
  '€48m',
  'Deadline:\tApril 30',
  'Read the tender documents.',
  'The council must still approve the deal.',
].join('\n\n');

const CORE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <dc:title>Zwolle shipyard to build Bayside ferries</dc:title>
  <dc:creator>Marta Okafor</dc:creator>
  <cp:lastModifiedBy>Night Desk</cp:lastModifiedBy>
  <dcterms:created xsi:type="dcterms:W3CDTF">2024-03-05T09:00:00Z</dcterms:created>
</cp:coreProperties>`;

async function buildDocx({ body = BODY, core = CORE as string | null } = {}): Promise<Buffer> {
  const zip = new JSZip();
  const add = (name: string, content: string) => zip.file(name, content, { date: FIXED_DATE });
  add(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
  <Default Extension="xml" ContentType="application/xml"/>
  <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
  <Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
  <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>`,
  );
  add(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="${R}/officeDocument" Target="word/document.xml"/>
  <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>`,
  );
  add(
    'word/_rels/document.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rIdNotes" Type="${R}/footnotes" Target="footnotes.xml"/>
  <Relationship Id="rIdTender" Type="${R}/hyperlink" Target="https://bayside.example/tender" TargetMode="External"/>
</Relationships>`,
  );
  add(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body}<w:sectPr/></w:body></w:document>`,
  );
  add(
    'word/footnotes.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="${W}"><w:footnote w:id="1">${paragraph(run('Source: the city’s procurement office.'))}</w:footnote></w:footnotes>`,
  );
  if (core !== null) add('docProps/core.xml', core);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

interface RawEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: 0 | 8;
  data: Buffer;
  crc: number;
  /** What the headers declare the entry inflates to. */
  size: number;
}

/** A zip archive written field by field, so a test can declare whatever sizes it likes. */
function zipArchive(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt32LE(entry.crc >>> 0, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    centrals.push(central, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const stored = (name: string, text: string): RawEntry => {
  const data = Buffer.from(text, 'utf8');
  return { name, method: 0, data, crc: crc32(data), size: data.length };
};

/**
 * `mebibytes` MiB of spaces as one raw deflate stream, built from one compressed MiB repeated: each
 * copy ends on a sync flush (byte-aligned, not final, no references before its start), and an
 * empty final block closes the stream. About 1 KB per MiB.
 */
function spacesDeflated(mebibytes: number): { data: Buffer; crc: number; size: number } {
  const mib = Buffer.alloc(1024 * 1024, 0x20);
  const block = deflateRawSync(mib, { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  let crc = 0;
  for (let i = 0; i < mebibytes; i++) crc = crc32(mib, crc);
  const data = Buffer.concat([...Array<Buffer>(mebibytes).fill(block), deflateRawSync(Buffer.alloc(0))]);
  return { data, crc, size: mebibytes * mib.length };
}

/** A .docx whose word/document.xml is `bomb`, with the parts around it that make it a .docx. */
function bombDocx(bomb: { data: Buffer; crc: number }, declaredSize: number): Buffer {
  return zipArchive([
    stored(
      '[Content_Types].xml',
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    stored(
      '_rels/.rels',
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="rId1" Type="${R}/officeDocument" Target="word/document.xml"/></Relationships>`,
    ),
    { name: 'word/document.xml', method: 8, data: bomb.data, crc: bomb.crc, size: declaredSize },
  ]);
}

/** How many bytes a raw deflate stream inflates to, counted as it streams. */
async function inflatedSize(data: Buffer): Promise<number> {
  let total = 0;
  const inflater = createInflateRaw({ chunkSize: 1024 * 1024 });
  inflater.on('data', (chunk: Buffer) => (total += chunk.length));
  await new Promise<void>((resolve, reject) => {
    inflater.on('end', resolve).on('error', reject);
    inflater.end(data);
  });
  return total;
}

describe('readDocx', () => {
  it('reads the paragraphs, titled and authored by the core properties', async () => {
    const doc = await readDocx(await buildDocx(), 'contract.docx');
    expect(doc).toEqual({
      source: 'contract.docx',
      format: 'docx',
      title: 'Zwolle shipyard to build Bayside ferries',
      text: TEXT,
      outlet: null,
      author: 'Marta Okafor',
      publishedAt: null,
      url: null,
      annotator: null,
      annotations: [],
      relations: [],
      labels: [],
    });
  });

  it('titles a document without core properties by its first paragraph', async () => {
    const doc = await readDocx(await buildDocx({ core: null }), 'contract.docx');
    expect(doc.title).toBe('Ferry contract goes to Dutch shipyard');
    expect(doc.author).toBeNull();
    expect(doc.text).toBe(TEXT);
  });

  it('ignores core properties that are not XML', async () => {
    const doc = await readDocx(await buildDocx({ core: '<cp:coreProperties><dc:title>Broken' }), 'c.docx');
    expect([doc.title, doc.author]).toEqual(['Ferry contract goes to Dutch shipyard', null]);
  });

  it('refuses a document without text', async () => {
    const empty = await buildDocx({ body: paragraph('') + paragraph(run('  ')), core: null });
    await expect(readDocx(empty, 'blank.docx')).rejects.toThrow('blank.docx is empty: there is no text to annotate.');
  });

  it('refuses a truncated copy, saying so', async () => {
    const whole = await buildDocx();
    for (const cut of [whole.subarray(0, Math.floor(whole.length / 2)), whole.subarray(0, whole.length - 10)]) {
      await expect(readDocx(cut, 'cut.docx')).rejects.toThrow(
        'cut.docx is damaged or cut short: End of central directory record signature not found. ' +
          'Either not a zip file, or file is truncated.',
      );
    }
  });

  it('refuses a copy whose compressed document is corrupt', async () => {
    const whole = await buildDocx();
    const corrupt = Buffer.from(whole);
    const documentAt = corrupt.indexOf('word/document.xml') + 'word/document.xml'.length;
    corrupt.fill(0xff, documentAt + 20, documentAt + 60);
    await expect(readDocx(corrupt, 'corrupt.docx')).rejects.toThrow(
      'corrupt.docx is damaged or cut short: invalid bit length repeat.',
    );
  });

  it('refuses what is not a .docx, saying what it is', async () => {
    await expect(readDocx(Buffer.from('Just some text, renamed.'), 'notes.docx')).rejects.toThrow(
      'notes.docx is not a Word document (.docx): it is not a zip archive.',
    );
    await expect(readDocx(readFileSync(testData('photo-renamed.txt')), 'photo.docx')).rejects.toThrow(
      'photo.docx is not a Word document (.docx): it looks like a PNG image (image/png).',
    );
    const cfb = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
    await expect(readDocx(cfb, 'old.docx')).rejects.toThrow(
      'old.docx is not a .docx file: it is an older Word document (.doc) or a password-protected one. ' +
        'Save it as .docx without a password and import it again.',
    );
    const otherZip = zipArchive([stored('notes.txt', 'A zip, but not a Word document.')]);
    await expect(readDocx(otherZip, 'archive.docx')).rejects.toThrow(
      'archive.docx could not be read as a Word document: Could not find main document part. ' +
        'Are you sure this is a valid .docx file?',
    );
    await expect(readDocx(Buffer.alloc(0), 'empty.docx')).rejects.toThrow(
      'empty.docx is empty: there is no text to annotate.',
    );
  });

  describe('zip bombs', () => {
    let gigabyteOfSpaces: ReturnType<typeof spacesDeflated> | undefined;
    const oneGigabyte = () => (gigabyteOfSpaces ??= spacesDeflated(1024));

    it('refuses a .docx whose document inflates to 1 GB, from its declared size, without inflating it', async () => {
      const gigabyte = oneGigabyte();
      expect(gigabyte.data.length).toBeLessThan(2 * 1024 * 1024);
      const bomb = bombDocx(gigabyte, gigabyte.size);
      await expect(readDocx(bomb, 'bomb.docx')).rejects.toThrow(
        'bomb.docx is not safe to open: it would unpack to 1024 MB, over the 200 MB limit for a Word document ' +
          '(a "zip bomb").',
      );
    });

    it('refuses one that stays under the size limit but is compressed far beyond any document', async () => {
      const bomb = spacesDeflated(100);
      const ratio = Math.round(bomb.size / bomb.data.length);
      expect(ratio).toBeGreaterThan(500);
      await expect(readDocx(bombDocx(bomb, bomb.size), 'dense.docx')).rejects.toThrow(
        `dense.docx is not safe to open: its part word/document.xml is compressed ${ratio} to 1, ` +
          'far more than a real document (a "zip bomb").',
      );
    });

    it('refuses one whose header lies about the size, stopping as soon as the data runs past it', async () => {
      const gigabyte = oneGigabyte();
      // The stream really does hold a gigabyte: this is what JSZip would have put in memory.
      expect(await inflatedSize(gigabyte.data)).toBe(1024 * 1024 * 1024);
      const liar = bombDocx(gigabyte, 4000);
      await expect(readDocx(liar, 'liar.docx')).rejects.toThrow(
        'liar.docx is not safe to open: its part word/document.xml inflates to more than the 4000 bytes its ' +
          'zip header says (a "zip bomb", or a damaged file).',
      );
    });
  });
});
