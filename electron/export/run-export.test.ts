import { parse as parseCsv } from 'csv-parse/sync';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { EXCHANGE_OFFSET_UNIT } from '../../schema/exchange';
import { OffsetMap } from '../../schema/text';
import { CSV_COLUMNS } from '../formats/csv-export';
import { readExchange } from '../formats/exchange';
import { runImport } from '../import/run-import';
import { findImportUnits } from '../import/sources';
import { addToCollection, createCollection } from '../store/collections';
import { getDocument, setDocumentStatus } from '../store/documents';
import { Workspace } from '../store/workspace';
import { BRIDGE, carried, fillRichWorkspace, UNICODE } from '../testing/rich-workspace';
import { everything } from '../testing/export-request';
import { workspacesClosedAfterEach } from '../testing/workspace';
import { tempDir } from '../testing/temp';
import { EXPORT_FORMATS, ExportCanceled, runExport, type ExportFormat, type ExportRequest } from './run-export';

const workspace = workspacesClosedAfterEach();

function richWorkspace() {
  const ws = workspace('Ana');
  return { ws, ...fillRichWorkspace(ws) };
}

const annotatorId = (ws: Workspace, name: string) => ws.db.prepare('SELECT id FROM annotators WHERE name = ?').pluck().get(name) as string;

const codePoints = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join('');

/** What every export must leave in its folder: the file it was asked for, and nothing else. */
function expectOnly(folder: string, names: string[]) {
  expect(readdirSync(folder).sort()).toEqual([...names].sort());
}

/** The entries of a zip file, by name. */
function unzip(path: string): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, string>();
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** Per article text and annotator: the spans as label and fragments, and the links between them. */
function layers(ws: Workspace) {
  const spans = ws.db
    .prepare(
      `SELECT v.text, p.name AS annotator, l.name AS label, a.id,
              (SELECT json_group_array(json_array(start, "end")) FROM (SELECT start, "end" FROM fragments WHERE annotation_id = a.id ORDER BY seq)) AS fragments
       FROM annotations a JOIN documents d ON d.id = a.document_id JOIN document_versions v ON v.document_id = d.id AND v.version = d.version
       JOIN annotators p ON p.id = a.annotator_id JOIN labels l ON l.id = a.label_id`,
    )
    .all() as { text: string; annotator: string; label: string; id: string; fragments: string }[];
  const describe = new Map(spans.map((s) => [s.id, `${s.label} ${s.fragments}`]));
  const links = ws.db
    .prepare(
      `SELECT v.text, p.name AS annotator, l.name AS type, r.from_id AS fromId, r.to_id AS toId
       FROM relations r JOIN documents d ON d.id = r.document_id JOIN document_versions v ON v.document_id = d.id AND v.version = d.version
       JOIN annotators p ON p.id = r.annotator_id JOIN labels l ON l.id = r.label_id`,
    )
    .all() as { text: string; annotator: string; type: string; fromId: string; toId: string }[];
  const result: Record<string, { spans: string[]; links: string[] }> = {};
  const entry = (text: string, annotator: string) => (result[`${text.slice(0, 20)}… by ${annotator}`] ??= { spans: [], links: [] });
  for (const s of spans) entry(s.text, s.annotator).spans.push(describe.get(s.id)!);
  for (const r of links) entry(r.text, r.annotator).links.push(`${describe.get(r.fromId)} ${r.type} ${describe.get(r.toId)}`);
  for (const value of Object.values(result)) {
    value.spans.sort();
    value.links.sort();
  }
  return result;
}

interface W3cTarget {
  source: { id: string };
  selector: { type: string; start?: number; end?: number; exact?: string; prefix?: string; suffix?: string }[];
}

/** Every annotation's note and attributes, by its label and fragments. */
function notes(ws: Workspace) {
  return (
    ws.db
      .prepare(
        `SELECT l.name || ' ' || (SELECT group_concat(start || '-' || "end") FROM fragments WHERE annotation_id = a.id) AS span, a.note, a.attributes
         FROM annotations a JOIN labels l ON l.id = a.label_id ORDER BY span`,
      )
      .all() as { span: string; note: string | null; attributes: string }[]
  ).map((r) => ({ ...r, attributes: JSON.parse(r.attributes) as unknown }));
}

describe('runExport', () => {
  it.each(Object.keys(EXPORT_FORMATS) as ExportFormat[])('writes %s under the chosen name only, and counts what it wrote', async (format) => {
    const { ws } = richWorkspace();
    const folder = tempDir();
    const name = format === 'brat' ? 'out.zip' : `out${EXPORT_FORMATS[format].extension}`;
    const result = await runExport(ws, everything(format, join(folder, name)));
    expect(result).toMatchObject({ path: join(folder, name), documents: 3, annotations: 8, relations: 4 });
    expectOnly(folder, [name]);
  });

  it('exchange: a new workspace made from the file is identical in every field, through the importer a person uses', async () => {
    const { ws: ana } = richWorkspace();
    const folder = tempDir();
    for (const format of ['exchange', 'exchange-gz'] as const) {
      const path = join(folder, `ana${EXPORT_FORMATS[format].extension}`);
      await runExport(ana, everything(format, path));
      const text = format === 'exchange' ? readFileSync(path, 'utf8') : gunzipSync(readFileSync(path)).toString('utf8');
      expect(readExchange(text, path).offsetUnit).toBe(EXCHANGE_OFFSET_UNIT);

      const bea = workspace('Bea');
      const [outcome] = await runImport(bea, await findImportUnits([path]), { annotator: 'Bea' });
      expect(outcome).toMatchObject({ status: 'imported', documents: 3, annotations: 8, relations: 4 });
      expect(carried(bea, bea.localAnnotator.id)).toEqual(carried(ana));
    }
  });

  it('brat: a folder and a zip with the same files; imported again, every span, label and link of every layer comes back', async () => {
    const { ws: ana } = richWorkspace();
    const folder = tempDir();
    await runExport(ana, everything('brat', join(folder, 'corpus')));
    await runExport(ana, everything('brat', join(folder, 'corpus.zip')));
    const files = readdirSync(join(folder, 'corpus')).sort();
    expect(files.filter((f) => f.endsWith('.ann'))).toEqual([
      expect.stringMatching(/^bridge-[0-9a-f]{8}_Ana\.ann$/),
      expect.stringMatching(/^bridge-[0-9a-f]{8}_Ben\.ann$/),
      expect.stringMatching(/^emoji-accents-and-a-tricky-byline-[0-9a-f]{8}_Ana\.ann$/),
    ]);
    expect(files).toContain('annotation.conf');
    expect(files).toContain('visual.conf');
    const zipped = await unzip(join(folder, 'corpus.zip'));
    expect([...zipped.keys()].sort()).toEqual(files);
    for (const name of files) expect(zipped.get(name), name).toBe(readFileSync(join(folder, 'corpus', name), 'utf8'));

    // Offsets count code points of the .txt beside the .ann.
    const ann = readFileSync(join(folder, 'corpus', files.find((f) => f.startsWith('emoji') && f.endsWith('.ann'))!), 'utf8');
    const txt = readFileSync(join(folder, 'corpus', files.find((f) => f.startsWith('emoji') && f.endsWith('.txt'))!), 'utf8');
    expect(txt).toBe(UNICODE);
    const tLines = ann.split('\n').filter((l) => l.startsWith('T'));
    expect(tLines).toHaveLength(4);
    for (const line of tLines) {
      const [, spec, quote] = line.split('\t') as [string, string, string];
      const fragments = spec.split(' ').slice(1).join(' ').split(';').map((f) => f.split(' ').map(Number) as [number, number]);
      expect(fragments.map(([s, e]) => codePoints(txt, s, e)).join(' '), line).toBe(quote);
    }

    const again = workspace('Ana');
    const outcomes = await runImport(again, await findImportUnits([join(folder, 'corpus')]), { annotator: 'Ana' });
    // Three .ann files with their articles, and the article without annotations as plain text.
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'imported', 'imported', 'imported']);
    expect(again.db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(3);
    expect(layers(again)).toEqual(layers(ana));
  });

  it('JSONL, every flavour: imported again, every span, label, link, note and attribute comes back in its annotator’s layer', async () => {
    const { ws: ana } = richWorkspace();
    const folder = tempDir();
    for (const format of ['spacy-jsonl', 'prodigy-jsonl', 'doccano-jsonl'] as const) {
      const path = join(folder, `${format}.jsonl`);
      await runExport(ana, everything(format, path));
      const again = workspace('Ana');
      const [outcome] = await runImport(again, await findImportUnits([path]), { annotator: 'Ana' });
      expect(outcome, format).toMatchObject({ status: 'imported', documents: 3 });
      // Neither format has discontinuous spans, but Byline's export says which spans are one annotation.
      expect(layers(again), format).toEqual(layers(ana));
      expect(notes(again), format).toEqual(notes(ana));
    }
  });

  it('writes offsets that slice the exported text to the quote, in every format, across emoji, ZWJ sequences, flags and combining marks', async () => {
    const { ws, unicodeId } = richWorkspace();
    const folder = tempDir();
    const text = (id: string) => getDocument(ws, id).text;
    const path = (format: ExportFormat) => join(folder, `${format}${EXPORT_FORMATS[format].extension}`);
    let checked = 0;
    const expectSlice = (documentText: string, start: number, end: number, quote: string, where: string) => {
      expect(codePoints(documentText, start, end), where).toBe(quote);
      checked++;
    };

    for (const format of ['spacy-jsonl', 'prodigy-jsonl'] as const) {
      await runExport(ws, everything(format, path(format)));
      for (const line of readFileSync(path(format), 'utf8').trim().split('\n')) {
        const task = JSON.parse(line) as {
          text: string;
          spans: { start: number; end: number; text: string }[];
          tokens?: { start: number; end: number; text: string }[];
          meta: { offset_unit: string };
        };
        expect(task.meta.offset_unit).toBe('code_point');
        for (const s of task.spans) expectSlice(task.text, s.start, s.end, s.text, `${format} ${s.text}`);
        for (const t of task.tokens ?? []) expect(codePoints(task.text, t.start, t.end), `${format} token`).toBe(t.text);
        expect(task.tokens === undefined, format).toBe(format === 'spacy-jsonl');
      }
    }
    await runExport(ws, everything('doccano-jsonl', path('doccano-jsonl')));
    for (const line of readFileSync(path('doccano-jsonl'), 'utf8').trim().split('\n')) {
      const record = JSON.parse(line) as {
        text: string;
        entities: { id: number; start_offset: number; end_offset: number }[];
        meta: { offset_unit: string; annotations: { entity_ids: number[]; id: string }[] };
      };
      expect(record.meta.offset_unit).toBe('code_point');
      // An annotation's entities, in order, are its quote.
      for (const a of record.meta.annotations) {
        const slices = a.entity_ids.map((entityId) => {
          const e = record.entities.find((x) => x.id === entityId)!;
          checked++;
          return codePoints(record.text, e.start_offset, e.end_offset);
        });
        expect(slices.join(' '), `doccano ${a.id}`).toBe(ws.db.prepare('SELECT quote FROM annotations WHERE id = ?').pluck().get(a.id));
      }
    }
    await runExport(ws, everything('csv', path('csv')));
    const rows = parseCsv(readFileSync(path('csv'), 'utf8').replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    for (const row of rows.filter((r) => r.fragments === '')) {
      expectSlice(text(row.document_id!), Number(row.start_code_point), Number(row.end_code_point), row.quote!.replace(/^'/, ''), `CSV ${row.quote}`);
    }
    await runExport(ws, everything('w3c', path('w3c')));
    const collection = JSON.parse(readFileSync(path('w3c'), 'utf8')) as {
      first: { items: { motivation: string; target: W3cTarget | W3cTarget[] }[] };
    };
    const bySha = new Map(ws.db.prepare('SELECT sha256, id FROM documents').all().map((r) => [(r as { sha256: string }).sha256, (r as { id: string }).id]));
    for (const item of collection.first.items.filter((i) => i.motivation !== 'linking')) {
      for (const target of Array.isArray(item.target) ? item.target : [item.target]) {
        const documentText = text(bySha.get(target.source.id.split(':').pop()!)!);
        const quote = target.selector.find((s) => s.type === 'TextQuoteSelector')!;
        const position = target.selector.find((s) => s.type === 'TextPositionSelector')!;
        expectSlice(documentText, position.start!, position.end!, quote.exact!, `W3C ${quote.exact}`);
        // The quote with its context is found in the text once, at those positions.
        const context = `${quote.prefix ?? ''}${quote.exact}${quote.suffix ?? ''}`;
        const at = documentText.indexOf(context);
        expect(at, `W3C ${quote.exact}`).toBeGreaterThanOrEqual(0);
        expect(documentText.indexOf(context, at + 1)).toBe(-1);
        expect(new OffsetMap(documentText).toCodePoint(at + (quote.prefix ?? '').length)).toBe(position.start);
      }
    }
    // 8 annotations, one of them of two fragments: a span (or entity, or target) per fragment; in CSV, the other 7.
    expect(checked).toBe(9 + 9 + 9 + 7 + 9);
    expect(text(unicodeId)).toBe(UNICODE);
  });

  it('exports only the chosen layers, and a link only with both its ends', async () => {
    const { ws } = richWorkspace();
    const folder = tempDir();
    const path = join(folder, 'ben.jsonl');
    const result = await runExport(ws, { ...everything('spacy-jsonl', path), annotatorIds: [annotatorId(ws, 'Ben')] });
    expect(result).toMatchObject({ documents: 3, annotations: 3, relations: 2 });
    const tasks = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; spans: { annotator: string }[] });
    expect(tasks.flatMap((t) => t.spans.map((s) => s.annotator))).toEqual(['Ben', 'Ben', 'Ben']);
    expect(tasks.find((t) => t.text === BRIDGE)).toBeDefined();
  });

  it('chooses articles by id, by search, by collection, and only those marked done', async () => {
    const { ws, unicodeId, bridgeId } = richWorkspace();
    const folder = tempDir();
    const documents = async (request: Partial<ExportRequest>) =>
      (await runExport(ws, { ...everything('spacy-jsonl', join(folder, `${Math.random()}.jsonl`)), ...request })).documents;
    expect(await documents({ scope: { kind: 'documents', ids: [bridgeId] } })).toBe(1);
    expect(await documents({ scope: { kind: 'search', search: 'bridge' } })).toBe(1);
    expect(await documents({ scope: { kind: 'search', search: 'nothing-matches-this' } })).toBe(0);
    const collection = createCollection(ws, 'Checked');
    addToCollection(ws, collection.id, [unicodeId, bridgeId]);
    expect(await documents({ scope: { kind: 'collection', id: collection.id } })).toBe(2);
    expect(await documents({ onlyDone: true })).toBe(1);
    setDocumentStatus(ws, bridgeId, 'done');
    expect(await documents({ scope: { kind: 'collection', id: collection.id }, onlyDone: true })).toBe(2);
  });
});

describe('runExport, when it cannot finish', () => {
  const fails = async (ws: Workspace, request: ExportRequest, message: RegExp | string | typeof ExportCanceled, options = {}) => {
    await expect(runExport(ws, request, options)).rejects.toThrow(message);
  };

  it.each(['spacy-jsonl', 'exchange-gz', 'brat'] as const)('%s: a full disk (a tiny byte limit) leaves nothing behind', async (format) => {
    const { ws } = richWorkspace();
    const folder = tempDir();
    const path = join(folder, format === 'brat' ? 'out.zip' : 'out.jsonl');
    await fails(ws, everything(format, path), `${path} could not be written: the disk is full. Nothing was left under that name.`, { byteLimit: 2000 });
    expectOnly(folder, []);
    await fails(ws, everything('brat', join(folder, 'out')), 'the disk is full', { byteLimit: 2000 });
    expectOnly(folder, []);
  });

  it('a canceled export leaves nothing behind, and an earlier file of that name as it was', async () => {
    const { ws } = richWorkspace();
    const folder = tempDir();
    const path = join(folder, 'out.csv');
    writeFileSync(path, 'yesterday’s export');
    let asked = 0;
    await fails(ws, everything('csv', path), ExportCanceled, { isCanceled: () => ++asked > 2 });
    expectOnly(folder, ['out.csv']);
    expect(readFileSync(path, 'utf8')).toBe('yesterday’s export');
  });

  it('refuses a folder that does not exist, or one it may not write in', async () => {
    const { ws } = richWorkspace();
    const missing = join(tempDir(), 'no-such-folder', 'out.jsonl');
    await fails(ws, everything('spacy-jsonl', missing), `${missing} cannot be written: the folder`);
    expect(existsSync(join(missing, '..'))).toBe(false);
  });

  // /sys refuses new files even to root, so this runs in containers too; elsewhere a chmod'ed folder would not stop root.
  it.runIf(existsSync('/sys/kernel'))('refuses a folder it may not write in (/sys/kernel)', async () => {
    const { ws } = richWorkspace();
    await fails(ws, everything('spacy-jsonl', '/sys/kernel/out.jsonl'), '/sys/kernel/out.jsonl could not be written: Byline may not write in /sys/kernel.');
    await fails(ws, everything('brat', '/sys/kernel/corpus.zip'), 'Byline may not write in /sys/kernel');
    expect(existsSync('/sys/kernel/out.jsonl')).toBe(false);
  });

  it('refuses a brat folder that already holds files, and leaves them alone', async () => {
    const { ws } = richWorkspace();
    const folder = join(tempDir(), 'corpus');
    mkdirSync(folder);
    writeFileSync(join(folder, 'keep.txt'), 'mine');
    await fails(ws, everything('brat', folder), `${folder} already exists and is not an empty folder`);
    expectOnly(folder, ['keep.txt']);
  });

  it('refuses an unknown annotator or collection before writing anything', async () => {
    const { ws } = richWorkspace();
    const folder = tempDir();
    const path = join(folder, 'out.jsonl');
    const nobody = '01900000-0000-7000-8000-00000000dead';
    await fails(ws, { ...everything('spacy-jsonl', path), annotatorIds: [nobody] }, `There is no annotator with id ${nobody}`);
    await fails(ws, { ...everything('spacy-jsonl', path), scope: { kind: 'collection', id: nobody } }, `There is no collection with id ${nobody}`);
    expectOnly(folder, []);
  });
});

describe('CSV through the engine', () => {
  it('has the columns, a BOM, and a note starting with =SUM( escaped', async () => {
    const { ws } = richWorkspace();
    const path = join(tempDir(), 'out.csv');
    ws.db.prepare("UPDATE annotations SET note = '=SUM(A1:A3) looks wrong' WHERE note IS NOT NULL").run();
    await runExport(ws, everything('csv', path));
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(bytes.toString('utf8').slice(1)) as string[][];
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(8);
    expect(rows.map((r) => r[CSV_COLUMNS.indexOf('note')]).filter(Boolean)).toEqual(["'=SUM(A1:A3) looks wrong", "'=SUM(A1:A3) looks wrong"]);
  });
});
