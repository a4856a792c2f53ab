import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testData } from '../testing/temp';
import { parseDataset } from './datasets';
import type { ImportedAnnotation, ImportedDocument } from './types';

const read = (name: string) => readFileSync(testData(`datasets/${name}`), 'utf8');

// Every file's text has CRLF and emoji outside the BMP (a ZWJ sequence, a flag, 🏛️, 👍), so
// UTF-16 and code point offsets differ after them. doccano and Prodigy count code points; Label
// Studio counts UTF-16 code units.
// The texts are stored as the files have them, CRLF and all.
const ARTICLE_1 =
  'Mayor \u{1F469}\u200D\u{1F4BB} Ana Núñez said the budget “will pass.”\r\nOfficials \u{1F1FA}\u{1F1E6} who asked not to be named said the vote would slip.';
const ARTICLE_2 = '\u{1F3DB}\uFE0F Council: the deputy mayor \u{1F44D} said the new park opens in May.\r\nResidents were not told, one aide said.';
const TITLE_1 = 'Mayor \u{1F469}\u200D\u{1F4BB} Ana Núñez said the budget “will pass.”';
const TITLE_2 = '\u{1F3DB}\uFE0F Council: the deputy mayor \u{1F44D} said the new park opens in May.';

// Where the spans are in the stored texts (code points; the CRLF is two).
const ANA = [{ start: 10, end: 19 }];
const BUDGET = [{ start: 25, end: 48 }];
const OFFICIALS = [{ start: 50, end: 59 }];
const VOTE = [{ start: 94, end: 113 }];

const span = (ref: string, label: string, fragments: ImportedAnnotation['fragments'], more: Partial<ImportedAnnotation> = {}): ImportedAnnotation => ({
  ref,
  label,
  fragments,
  attributes: {},
  note: null,
  extras: {},
  ...more,
});
const article = (format: string, text: string, title: string, more: Partial<ImportedDocument> = {}): ImportedDocument => ({
  source: more.source ?? `${format}.jsonl`,
  format,
  title,
  text,
  outlet: null,
  author: null,
  publishedAt: null,
  url: null,
  annotator: null,
  annotations: [],
  relations: [],
  labels: [],
  ...more,
});
const spanLabels = (...names: string[]) => names.map((name) => ({ name, kind: 'span' as const, attributes: [] }));

describe('parseDataset: doccano', () => {
  it('reads both flavours: 0.x label lists in code points, 1.x entities in UTF-16 units; metadata at the top level or in meta', () => {
    const content = read('doccano.jsonl');
    expect(content).toContain('\\r\\n');
    expect(parseDataset(content, 'doccano.jsonl')).toEqual([
      article('doccano', ARTICLE_1, 'Budget vote delayed', {
        url: 'https://example.org/budget',
        annotations: [
          span('label[0]', 'Source', ANA),
          span('label[1]', 'Claim', BUDGET),
          span('label[2]', 'Anonymous attribution', OFFICIALS),
        ],
        labels: spanLabels('Source', 'Claim', 'Anonymous attribution'),
      }),
      article('doccano', ARTICLE_1, TITLE_1, {
        annotations: [
          span('101', 'Source', ANA),
          span('102', 'Claim', BUDGET),
          span('103', 'Anonymous attribution', OFFICIALS),
          span('104', 'Claim', VOTE),
        ],
        relations: [
          { ref: '11', type: 'attributed to', from: '102', to: '101', extras: {} },
          { ref: '12', type: 'attributed to', from: '104', to: '103', extras: {} },
        ],
        labels: [...spanLabels('Source', 'Claim', 'Anonymous attribution'), { name: 'attributed to', kind: 'relation', attributes: [] }],
      }),
      article('doccano', ARTICLE_2, 'Park opening', {
        publishedAt: '2024-05-02',
        annotations: [span('labels[0]', 'Source', [{ start: 12, end: 28 }]), span('labels[1]', 'Anonymous attribution', [{ start: 89, end: 97 }])],
        labels: spanLabels('Source', 'Anonymous attribution'),
      }),
    ]);
  });

  it('reads offsets in the unit it is told, whatever the shape says', () => {
    const line = JSON.stringify({ text: '\u{1F44D} Ana said so.', label: [[3, 6, 'Source']] });
    const [doc] = parseDataset(line, 'admin.jsonl', { doccanoOffsets: 'utf-16' });
    expect(doc!.annotations).toEqual([span('label[0]', 'Source', [{ start: 2, end: 5 }])]);
    const [asCodePoints] = parseDataset(line, 'admin.jsonl');
    expect(asCodePoints!.annotations).toEqual([span('label[0]', 'Source', [{ start: 3, end: 6 }])]);
    const entities = JSON.stringify({ text: '\u{1F44D} Ana said so.', entities: [{ id: 1, label: 'Source', start_offset: 3, end_offset: 6 }] });
    expect(parseDataset(entities, 'admin.jsonl', { doccanoOffsets: 'code-points' })[0]!.annotations[0]!.fragments).toEqual([{ start: 3, end: 6 }]);
    expect(parseDataset(entities, 'admin.jsonl')[0]!.annotations[0]!.fragments).toEqual([{ start: 2, end: 5 }]);
  });

  it('refuses a text classification export, whose labels are not spans', () => {
    expect(() => parseDataset('{"text": "Good news.", "label": ["positive"]}\n', 'cats.jsonl')).toThrow(
      'cats.jsonl, line 1: its labels are categories of the whole text (text classification), not spans; Byline imports spans.',
    );
  });

  it('refuses a relation to an entity that is not there', () => {
    const line = JSON.stringify({
      text: 'Ana said so.',
      entities: [{ id: 1, label: 'Source', start_offset: 0, end_offset: 3 }],
      relations: [{ id: 5, from_id: 1, to_id: 9, type: 'attributed to' }],
    });
    expect(() => parseDataset(line, 'rel.jsonl')).toThrow(
      'rel.jsonl, line 1: relation 1 (“attributed to”) links 1 to 9, which are not both among the entities.',
    );
  });
});

describe('parseDataset: Prodigy', () => {
  it('reads spans (code points) and rel.manual relations; a rejected task brings only its text', () => {
    expect(parseDataset(read('prodigy.jsonl'), 'prodigy.jsonl')).toEqual([
      article('prodigy', ARTICLE_1, 'Budget vote delayed', {
        annotator: 'attribution-alex',
        annotations: [
          span('spans[0]', 'Source', ANA, { extras: { prodigy: { token_start: 2, token_end: 3 } } }),
          span('spans[1]', 'Claim', BUDGET, { extras: { prodigy: { token_start: 5, token_end: 11 } } }),
          span('spans[2]', 'Claim', VOTE, { extras: { prodigy: { token_start: 25, token_end: 28 } } }),
          span('spans[3]', 'Anonymous attribution', OFFICIALS, { extras: { prodigy: { token_start: 13, token_end: 13 } } }),
        ],
        relations: [
          // The first names its spans (head_span, child_span); the second only its tokens.
          { ref: 'relations[0]', type: 'attributed to', from: 'spans[1]', to: 'spans[0]', extras: {} },
          { ref: 'relations[1]', type: 'attributed to', from: 'spans[2]', to: 'spans[3]', extras: {} },
        ],
        labels: [...spanLabels('Source', 'Claim', 'Anonymous attribution'), { name: 'attributed to', kind: 'relation', attributes: [] }],
      }),
      article('prodigy', ARTICLE_2, TITLE_2),
    ]);
  });

  it('refuses a span whose text is not what the article has there', () => {
    const line = JSON.stringify({ text: 'Ana said so.', spans: [{ start: 0, end: 3, text: 'Ann', label: 'Source' }] });
    expect(() => parseDataset(line, 'p.jsonl')).toThrow(
      'p.jsonl, line 1: span 1 (“Source”)\'s text “Ann” is not what the article has at 0–3 (“Ana”).',
    );
  });

  it('refuses a relation whose head is in no span', () => {
    const line = JSON.stringify({
      text: 'Ana said so.',
      spans: [{ start: 0, end: 3, token_start: 0, token_end: 0, label: 'Source' }],
      relations: [{ head: 2, child: 0, label: 'attributed to' }],
    });
    expect(() => parseDataset(line, 'p.jsonl')).toThrow(
      'p.jsonl, line 1: relation 1 (“attributed to”) has its head outside every span; Byline links spans.',
    );
  });
});

describe('parseDataset: Label Studio', () => {
  const annotated = {
    url: 'https://example.org/budget',
    source: 'label-studio.json',
    text: ARTICLE_1,
  };
  const fromLabels = { extras: { labelStudio: { from_name: 'label', to_name: 'text' } } };

  it('reads regions in UTF-16 offsets, per-region choices, ratings and notes, relations, and one document per annotator', () => {
    expect(parseDataset(read('label-studio.json'), 'label-studio.json')).toEqual([
      article('label-studio', ARTICLE_1, 'Budget vote delayed', {
        ...annotated,
        annotator: 'ana@example.org',
        annotations: [
          span('src1', 'Source', ANA, fromLabels),
          span('clm1', 'Claim', BUDGET, { ...fromLabels, attributes: { checkworthiness: 'check-worthy' }, note: 'Said at the council meeting' }),
          span('anon1', 'Anonymous attribution', OFFICIALS, { ...fromLabels, attributes: { number_of_sources: 2 } }),
          span('clm2', 'Claim', VOTE, { ...fromLabels, attributes: { checkworthiness: 'unimportant' } }),
        ],
        relations: [
          { ref: 'clm1>src1', type: 'attributed to', from: 'clm1', to: 'src1', extras: {} },
          // direction "left": the arrow points from to_id to from_id.
          { ref: 'anon1>clm2', type: 'attributed to', from: 'clm2', to: 'anon1', extras: { labelStudio: { direction: 'left', unlabelled: true } } },
        ],
        labels: [
          { name: 'Source', kind: 'span', attributes: [] },
          {
            name: 'Claim',
            kind: 'span',
            attributes: [{ key: 'checkworthiness', name: 'checkworthiness', type: 'choice', options: ['check-worthy', 'unimportant'] }],
          },
          {
            name: 'Anonymous attribution',
            kind: 'span',
            attributes: [{ key: 'number_of_sources', name: 'number_of_sources', type: 'number' }],
          },
          { name: 'attributed to', kind: 'relation', attributes: [] },
        ],
      }),
      article('label-studio', ARTICLE_1, 'Budget vote delayed', {
        ...annotated,
        annotator: 'Label Studio user 3',
        annotations: [span('x1', 'Source', ANA, fromLabels)],
        labels: spanLabels('Source'),
      }),
      // The second task has only a prediction, and its text in another data field.
      article('label-studio', ARTICLE_2, TITLE_2, { source: 'label-studio.json' }),
    ]);
  });

  const task = (text: string, start: number, end: number, quoted: string) =>
    JSON.stringify([
      {
        data: { text },
        annotations: [{ completed_by: 1, result: [{ id: 'r1', type: 'labels', value: { start, end, text: quoted, labels: ['Source'] } }] }],
      },
    ]);

  it('takes code point offsets when the regions’ text says so', () => {
    // "Ana" is at 2–5 in code points, 3–6 in UTF-16 code units.
    const [doc] = parseDataset(task('\u{1F44D} Ana said so.', 2, 5, 'Ana'), 'ls.json');
    expect(doc!.annotations[0]!.fragments).toEqual([{ start: 2, end: 5 }]);
  });

  it('takes offsets that count CRLF as one line end when the regions’ text says so', () => {
    const [doc] = parseDataset(task('Title\r\n\u{1F44D} Ana said so.', 9, 12, 'Ana'), 'ls.json');
    // Stored as the task has it: "Ana" is at 9–12 in its code points, the CRLF being two.
    expect(doc!.text).toBe('Title\r\n\u{1F44D} Ana said so.');
    expect(doc!.annotations[0]!.fragments).toEqual([{ start: 9, end: 12 }]);
  });

  it('refuses regions that are not of plain text', () => {
    const html = JSON.stringify([{ data: { text: 'x' }, annotations: [{ result: [{ id: 'h', type: 'hypertextlabels', value: {} }] }] }]);
    expect(() => parseDataset(html, 'ls.json')).toThrow(
      'ls.json, item 1, annotation 1: result 1 is a “hypertextlabels” region; Byline reads regions of plain text (“labels”).',
    );
  });

  it('refuses a region whose text is not what the article has there', () => {
    expect(() => parseDataset(task('\u{1F44D} Ana said so.', 3, 6, 'Bob'), 'ls.json')).toThrow(
      'ls.json, item 1, annotation 1: region r1\'s text “Bob” is not what the article has at 3–6 (“Ana”).',
    );
  });

  it('refuses a region outside the text, counting UTF-16 code units', () => {
    expect(() => parseDataset(task('\u{1F44D} Ana.', 3, 40, 'Ana.'), 'ls.json')).toThrow(
      'ls.json, item 1, annotation 1: region r1 at 3–40 is outside the text, which has 7 UTF-16 code units.',
    );
  });

  it('refuses a region that cuts an emoji in half', () => {
    expect(() => parseDataset(task('\u{1F44D} Ana.', 1, 6, undefined as unknown as string), 'ls.json')).toThrow(
      'ls.json, item 1, annotation 1: region r1 (“Source”) at 1–6 cuts a character (an emoji\'s surrogate pair) in half.',
    );
  });
});

describe('parseDataset: bad files', () => {
  it('refuses a JSONL file with a line that is not JSON, naming the line', () => {
    expect(() => parseDataset(read('bad-line.jsonl'), 'bad-line.jsonl')).toThrow(
      "bad-line.jsonl, line 2 is not JSON: Expected ',' or '}' after property value (column 55).",
    );
  });

  it('refuses a line without text', () => {
    expect(() => parseDataset('{"text": "Fine."}\n{"label": [[0, 4, "Claim"]]}\n', 'x.jsonl')).toThrow('x.jsonl, line 2 has no “text”.');
  });

  it('refuses a span outside the text', () => {
    expect(() => parseDataset('{"text": "Short.", "label": [[0, 99, "Claim"]]}', 'x.jsonl')).toThrow(
      'x.jsonl, line 1: span 1 (“Claim”) at 0–99 is outside the text, which has 6 characters.',
    );
  });

  it('refuses a line that is JSON but not an object', () => {
    expect(() => parseDataset('{"text": "Fine."}\n[1, 2]\n', 'x.jsonl')).toThrow('x.jsonl, line 2 is not a JSON object.');
  });

  it('refuses broken JSON, naming the line and column', () => {
    expect(() => parseDataset('[\n  {"data": {"text": "A"}},\n  {"data": }\n]', 'ls.json')).toThrow(
      'ls.json is not valid JSON: Unexpected token \'}\', ..." {"data": }\\n]" is not valid JSON.',
    );
  });

  it('refuses an empty file', () => {
    expect(() => parseDataset('\uFEFF \n', 'x.jsonl')).toThrow('x.jsonl is empty.');
  });

  it('reads a file of texts only as articles', () => {
    expect(parseDataset('{"text": "One.\\r\\nTwo."}\n\n{"text": "Three.", "meta": {"title": "3"}}\n', 'plain.jsonl')).toEqual([
      article('jsonl', 'One.\r\nTwo.', 'One.', { source: 'plain.jsonl' }),
      article('jsonl', 'Three.', '3', { source: 'plain.jsonl' }),
    ]);
  });
});
