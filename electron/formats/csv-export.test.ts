import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { textHash } from '../../schema/text';
import { CSV_COLUMNS, csvExport } from './csv-export';
import { CONTEXT, DOC_1, DOC_2, fragmentOf } from './export-fixtures';
import type { ExportDocument } from './export-types';
import { collect } from './testing-sink';

const id = (n: number) => `01900000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
const HEADER = 'document_id,title,outlet,published,annotation_id,label,start_code_point,end_code_point,fragments,quote,note,attributes,annotator,links';

/** As a spreadsheet would: the BOM taken as the encoding’s mark, quoted cells unquoted; a row with too few or too many cells fails. */
const read = (csv: string) => parse(csv, { bom: true, columns: true }) as Array<Record<string, string>>;

describe('csvExport', () => {
  it('writes a BOM, a header, one CRLF row per annotation with RFC 4180 quoting', async () => {
    const csv = await collect(csvExport, [DOC_1, DOC_2], CONTEXT);
    expect(csv.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    // No cell of the fixture has a line break, so every LF is part of a CRLF.
    expect(csv.replaceAll('\r\n', '')).not.toContain('\n');
    const rows = csv.slice(1).split('\r\n');
    expect(rows).toHaveLength(1 + 11 + 1);
    const d1 = `${DOC_1.id},"Budget “will pass”, mayor says",The Daily Example,2024-05-01`;
    expect(rows[1]).toBe(`${d1},${id(1)},Source,10,19,,Ana Núñez,,"{""kind"":""person""}",Maria Keller,attributed to ← ${id(2)} “the budget “will pass””`);
    expect(rows[2]).toBe(
      `${d1},${id(2)},Claim,25,47,,the budget “will pass”,"'=SUM(A1:A9) is not a claim, check the tape","{""check_worthiness"":""check-worthy""}",Maria Keller,attributed to → ${id(1)} “Ana Núñez”`,
    );
    expect(rows[6]).toBe(
      `${d1},${id(5)},Source,124,151,,A spokesman for Spın̈al Tap,"The band’s spokesman, ""name"" not given",,Maria Keller,attributed to ← ${id(7)} “the band would comment”`,
    );
    expect(rows[8]).toBe(`${d1},${id(7)},Claim,157,187,157-171;180-187,the band would comment,,,Maria Keller,attributed to → ${id(5)} “A spokesman for Spın̈al Tap”`);
    expect(rows[9]).toBe(`${DOC_2.id},Council approves park,,,${id(0x21)},Claim,1,18,,ouncil 👍 approves,,,Jonas Berg,`);
    expect(rows[12]).toBe('');
  });

  it('parses back with the right columns, as a spreadsheet reads it', async () => {
    const records = read(await collect(csvExport, [DOC_1, DOC_2], CONTEXT));
    expect(Object.keys(records[0]!)).toEqual([...CSV_COLUMNS]);
    expect(records.map((r) => [r['annotation_id'], r['label'], r['start_code_point'], r['end_code_point'], r['fragments'], r['quote']])).toEqual([
      [id(1), 'Source', '10', '19', '', 'Ana Núñez'],
      [id(2), 'Claim', '25', '47', '', 'the budget “will pass”'],
      [id(3), 'Anonymous attribution', '51', '97', '', 'Officials in Kyiv 🇺🇦 who asked not to be named'],
      [id(9), 'Claim', '98', '111', '', 'said the vote'],
      [id(4), 'Claim', '103', '122', '', 'the vote would slip'],
      [id(5), 'Source', '124', '151', '', 'A spokesman for Spın̈al Tap'],
      [id(6), 'Source', '140', '151', '', 'Spın̈al Tap'],
      [id(7), 'Claim', '157', '187', '157-171;180-187', 'the band would comment'],
      [id(0x21), 'Claim', '1', '18', '', 'ouncil 👍 approves'],
      [id(0x22), 'Claim', '25', '40', '', 'It opens in May'],
      [id(0x23), 'Source', '42', '49', '', 'an aide'],
    ]);
    expect(records[1]).toEqual({
      document_id: DOC_1.id,
      title: 'Budget “will pass”, mayor says',
      outlet: 'The Daily Example',
      published: '2024-05-01',
      annotation_id: id(2),
      label: 'Claim',
      start_code_point: '25',
      end_code_point: '47',
      fragments: '',
      quote: 'the budget “will pass”',
      // The formula defence: a leading ' so that no spreadsheet evaluates it.
      note: "'=SUM(A1:A9) is not a claim, check the tape",
      attributes: '{"check_worthiness":"check-worthy"}',
      annotator: 'Maria Keller',
      links: `attributed to → ${id(1)} “Ana Núñez”`,
    });
    expect(JSON.parse(records[2]!['attributes']!)).toEqual({ justification_given: false, number_of_sources: 2 });
    expect(records[2]!['links']).toBe(`attributed to ← ${id(4)} “the vote would slip”`);
    expect(records[3]!['links']).toBe('');
    expect(records[8]).toMatchObject({ document_id: DOC_2.id, title: 'Council approves park', outlet: '', published: '', annotator: 'Jonas Berg' });
  });

  it('defuses every cell that a spreadsheet would take as a formula, and keeps line breaks in cells', async () => {
    const text = '-5 points +3 @home\nline two';
    const base = DOC_2.annotations[0]!;
    const doc: ExportDocument = {
      ...DOC_2,
      id: id(0xd3),
      title: '=HYPERLINK("http://evil.example","click")',
      outlet: '+cmd|calc',
      author: null,
      text,
      sha256: textHash(text),
      annotations: [
        { ...base, id: id(0x31), fragments: [fragmentOf(text, '-5 points')], quote: '-5 points', note: '\tTabbed', attributes: {} },
        { ...base, id: id(0x32), fragments: [fragmentOf(text, '@home\nline')], quote: '@home\nline', note: '\rCarriage', attributes: { x: '=1+1' } },
      ],
      relations: [],
    };
    const csv = await collect(csvExport, [doc], CONTEXT);
    const records = read(csv);
    expect(records.map((r) => [r['title'], r['outlet'], r['quote'], r['note'], r['start_code_point']])).toEqual([
      ['\'=HYPERLINK("http://evil.example","click")', "'+cmd|calc", "'-5 points", "'\tTabbed", '0'],
      ['\'=HYPERLINK("http://evil.example","click")', "'+cmd|calc", "'@home\nline", "'\rCarriage", '13'],
    ]);
    // JSON starts with {, so attributes need no defence; the row count is right despite the LF in a quote.
    expect(records[1]!['attributes']).toBe('{"x":"=1+1"}');
    expect(records).toHaveLength(2);
  });

  it('writes only the header for no documents', async () => {
    expect(await collect(csvExport, [], CONTEXT)).toBe(`\uFEFF${HEADER}\r\n`);
  });
});
