import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ImportedDocument } from './types';
import { testData } from '../testing/temp';
import { annotatorFromFileName, parseAnn, parseAnnotationConf, writeAnn } from './brat';
import { parseVisualLabels, withDisplayNames } from './brat-conf';

const read = (name: string) => readFileSync(testData(`brat/${name}`), 'utf8');

// every-line.txt has CRLF line ends, an emoji with a variation selector, a ZWJ sequence and
// "Núñez" twice with combining marks (u + U+0301, n + U+0303), which NFC composes.
const CANONICAL =
  'City Hall \u{1F3DB}\uFE0F report\n' +
  'Mayor Ana Núñez said the budget “will pass.” Officials \u{1F469}\u200D\u{1F4BB} who asked not to be named said the vote would slip.\n' +
  'Núñez declined to comment.\n';

const EVERY_LINE: ImportedDocument = {
  source: 'every-line.ann',
  format: 'brat',
  title: 'City Hall \u{1F3DB}\uFE0F report',
  text: CANONICAL,
  outlet: null,
  author: null,
  publishedAt: null,
  url: null,
  annotator: 'ana',
  annotations: [
    {
      ref: 'T1',
      label: 'Source',
      fragments: [{ start: 20, end: 35 }],
      attributes: {},
      note: null,
      extras: {
        brat: {
          normalizations: [{ id: 'N1', type: 'Reference', db: 'Wikidata', dbId: 'Q4115189', text: 'Ana Nu\u0301n\u0303ez' }],
        },
      },
    },
    { ref: 'T2', label: 'Cue', fragments: [{ start: 36, end: 40 }], attributes: {}, note: null, extras: {} },
    {
      ref: 'T3',
      label: 'Claim',
      fragments: [{ start: 41, end: 64 }],
      attributes: { Checkworthiness: 'check-worthy' },
      note: 'Quote checked against the recording',
      extras: { brat: { attributes: [{ id: 'A2', name: 'Checkworthiness', key: 'Checkworthiness' }], note: { id: '#1' } } },
    },
    {
      ref: 'T4',
      label: 'Attribution',
      fragments: [{ start: 36, end: 40 }],
      attributes: { Confidence: 'High' },
      note: "The mayor's own words",
      extras: {
        brat: {
          events: [{ id: 'E1', type: 'Attribution' }],
          attributes: [{ id: 'A3', name: 'Confidence', key: 'Confidence', target: 'E1' }],
          note: { id: '#2', target: 'E1' },
        },
      },
    },
    {
      ref: 'T5',
      label: 'Anonymous',
      fragments: [
        { start: 65, end: 74 },
        { start: 79, end: 104 },
      ],
      attributes: {},
      note: null,
      extras: {},
    },
    {
      ref: 'T6',
      label: 'Claim',
      fragments: [{ start: 110, end: 129 }],
      attributes: { Negated: true, Hedged: true },
      note: null,
      extras: {
        brat: {
          attributes: [
            { id: 'A1', name: 'Negated', key: 'Negated' },
            { id: 'M4', name: 'Hedged', key: 'Hedged' },
          ],
          comments: [{ id: '#3', type: 'Reviewed', text: 'looks right' }],
        },
      },
    },
    { ref: 'T7', label: 'Source', fragments: [{ start: 131, end: 136 }], attributes: {}, note: null, extras: {} },
    { ref: 'T8', label: 'Cue', fragments: [{ start: 105, end: 109 }], attributes: {}, note: null, extras: {} },
  ],
  relations: [
    { ref: 'E1', type: 'Claim', from: 'T4', to: 'T3', extras: {} },
    { ref: 'E1', type: 'Source', from: 'T4', to: 'T1', extras: {} },
    { ref: 'E1', type: 'Cue', from: 'T4', to: 'T2', extras: {} },
    {
      ref: 'R1',
      type: 'Attributed',
      from: 'T6',
      to: 'T5',
      extras: {
        brat: {
          roles: ['Claim', 'Speaker'],
          attributes: [{ id: 'A5', name: 'Confidence', key: 'Confidence', value: 'Low' }],
        },
      },
    },
    { ref: '*', type: 'Equiv', from: 'T1', to: 'T7', extras: { brat: { equiv: 1 } } },
    { ref: 'R2', type: 'Coreference', from: 'T7', to: 'T1', extras: {} },
  ],
  labels: [
    { name: 'Source', kind: 'span', attributes: [] },
    { name: 'Cue', kind: 'span', attributes: [] },
    {
      name: 'Claim',
      kind: 'span',
      attributes: [
        { key: 'Negated', name: 'Negated', type: 'boolean' },
        { key: 'Checkworthiness', name: 'Checkworthiness', type: 'choice', options: ['check-worthy'] },
        { key: 'Hedged', name: 'Hedged', type: 'boolean' },
      ],
    },
    { name: 'Attribution', kind: 'span', attributes: [{ key: 'Confidence', name: 'Confidence', type: 'choice', options: ['High'] }] },
    { name: 'Anonymous', kind: 'span', attributes: [] },
    { name: 'Claim', kind: 'relation', attributes: [] },
    { name: 'Source', kind: 'relation', attributes: [] },
    { name: 'Cue', kind: 'relation', attributes: [] },
    { name: 'Attributed', kind: 'relation', attributes: [] },
    { name: 'Equiv', kind: 'relation', attributes: [] },
    { name: 'Coreference', kind: 'relation', attributes: [] },
  ],
};

const EVERY_LINE_WRITTEN = [
  'T1\tSource 20 35\tMayor Ana Núñez',
  'N1\tReference T1 Wikidata:Q4115189\tAna Nu\u0301n\u0303ez',
  'T2\tCue 36 40\tsaid',
  'T3\tClaim 41 64\tthe budget “will pass.”',
  'A2\tCheckworthiness T3 check-worthy',
  '#1\tAnnotatorNotes T3\tQuote checked against the recording',
  'T4\tAttribution 36 40\tsaid',
  'E1\tAttribution:T4 Claim:T3 Source:T1 Cue:T2',
  'A3\tConfidence E1 High',
  "#2\tAnnotatorNotes E1\tThe mayor's own words",
  'T5\tAnonymous 65 74;79 104\tOfficials who asked not to be named',
  'T6\tClaim 110 129\tthe vote would slip',
  'A1\tNegated T6',
  'M4\tHedged T6',
  '#3\tReviewed T6\tlooks right',
  'R1\tAttributed Claim:T6 Speaker:T5',
  'A5\tConfidence R1 Low',
  'T7\tSource 131 136\tNúñez',
  '*\tEquiv T1 T7',
  'R2\tCoreference Arg1:T7 Arg2:T1',
  'T8\tCue 105 109\tsaid',
  '',
].join('\n');

describe('parseAnn', () => {
  it('reads every line type, in canonical code points of a CRLF, non-NFC text with emoji', () => {
    const doc = parseAnn(read('every-line.ann'), read('every-line.txt'), { source: 'every-line.ann', annotator: 'ana' });
    expect(read('every-line.txt')).toContain('\r\n');
    expect(doc).toEqual(EVERY_LINE);
  });

  it('reads offsets that count CRLF as one character, as brat 1.3 (Python 2, universal newlines) wrote them', () => {
    const doc = parseAnn(read('every-line.brat13.ann'), read('every-line.txt'), { source: 'every-line.ann', annotator: 'ana' });
    expect(doc).toEqual(EVERY_LINE);
  });

  it('reads a .ann file with CRLF line ends and a byte order mark', () => {
    const doc = parseAnn('\uFEFFT1\tClaim 0 5\tShort\r\n#1\tAnnotatorNotes T1\tok\r\n', 'Short text.', { source: 'x.ann', annotator: null });
    expect(doc.annotations).toEqual([
      { ref: 'T1', label: 'Claim', fragments: [{ start: 0, end: 5 }], attributes: {}, note: 'ok', extras: { brat: { note: { id: '#1' } } } },
    ]);
  });

  it('reports the problem of the reading of a CRLF text that gets furthest', () => {
    // Line 1 fits only offsets that count CRLF as one character; line 2 fits neither reading.
    expect(() => parseAnn('T1\tClaim 6 10\ttext\nT2\tClaim 0 3\tOne\n', 'Ab.\r\nA text.', { source: 'x.ann', annotator: null })).toThrow(
      'x.ann, line 2: T2\'s text “One” is not what the article has at 0–3 (“Ab.”).',
    );
  });

  it('keeps fragments sorted, remembering the order the file lists them in', () => {
    const doc = parseAnn('T1\tAnonymous 14 19;0 9\tsaid, Officials\n', 'Officials who said, ok', { source: 'x.ann', annotator: null });
    expect(doc.annotations[0]).toEqual({
      ref: 'T1',
      label: 'Anonymous',
      fragments: [
        { start: 0, end: 9 },
        { start: 14, end: 19 },
      ],
      attributes: {},
      note: null,
      extras: { brat: { fragmentOrder: [1, 0] } },
    });
    expect(writeAnn(doc)).toBe('T1\tAnonymous 14 19;0 9\tsaid, Officials\n');
  });

  it('maps event arguments that are events to their trigger, and back', () => {
    const ann = [
      'T1\tCue 0 4\tsaid',
      'T2\tClaim 5 9\tthat',
      'E1\tAttribution:T1 Claim:T2',
      'T3\tCue 10 15\tadded',
      'E2\tAttribution:T3 Claim:E1 Claim2:T2',
      '',
    ].join('\n');
    const doc = parseAnn(ann, 'said that added', { source: 'nested.ann', annotator: null });
    expect(doc.relations).toEqual([
      { ref: 'E1', type: 'Claim', from: 'T1', to: 'T2', extras: {} },
      { ref: 'E2', type: 'Claim', from: 'T3', to: 'T1', extras: { brat: { toEvent: 'E1' } } },
      { ref: 'E2', type: 'Claim2', from: 'T3', to: 'T2', extras: {} },
    ]);
    expect(writeAnn(doc)).toBe(ann);
  });

  it('accepts a T line without its text, and text followed by a comment, as brat does', () => {
    const doc = parseAnn('T1\tClaim 0 5\nT2\tClaim 6 10\ttext  # checked\n', 'Short text.', { source: 'x.ann', annotator: null });
    expect(doc.annotations.map((a) => [a.fragments, a.extras])).toEqual([
      [[{ start: 0, end: 5 }], {}],
      [[{ start: 6, end: 10 }], { brat: { textTail: '  # checked' } }],
    ]);
    expect(writeAnn(doc)).toBe('T1\tClaim 0 5\tShort\nT2\tClaim 6 10\ttext  # checked\n');
  });

  it('refuses offsets beyond the end of the text', () => {
    expect(() => parseAnn(read('bad-beyond.ann'), read('short.txt'), { source: 'bad-beyond.ann', annotator: null })).toThrow(
      'bad-beyond.ann, line 2: T2\'s offsets 6–40 go beyond the end of the article, which has 12 characters.',
    );
  });

  it('refuses a T line whose text is not what the article has there', () => {
    expect(() => parseAnn(read('bad-text.ann'), read('short.txt'), { source: 'bad-text.ann', annotator: null })).toThrow(
      'bad-text.ann, line 2: T2\'s text “texts” is not what the article has at 6–11 (“text.”).',
    );
  });

  it('refuses a malformed line', () => {
    expect(() => parseAnn(read('bad-malformed.ann'), read('short.txt'), { source: 'bad-malformed.ann', annotator: null })).toThrow(
      'bad-malformed.ann, line 3: R1 is not “Type Arg1:Id Arg2:Id”.',
    );
  });

  it.each([
    ['X1\tThing T1', 'x.ann, line 1: unknown line type “X” (X1); brat has T, R, E, A, M, N, # and * lines.'],
    ['T1 Claim 0 5 Short', 'x.ann, line 1: “T1 Claim 0 5 Short” is not a brat annotation: it does not start with an id and a tab.'],
    ['T1\tClaim 0 x\tShort', 'x.ann, line 1: T1\'s offsets “0 x” are not “start end” pairs separated by “;”.'],
    ['T1\tClaim 3 3\t', 'x.ann, line 1: T1\'s fragment 3–3 is empty or ends before it starts.'],
    ['T1\tClaim 0 5;3 8\tShort rt te', 'x.ann, line 1: T1\'s fragments 0–5, 3–8 overlap.'],
    ['T1\tClaim 0 5\tShort\nT1\tClaim 0 5\tShort', 'x.ann, line 2: T1 is defined twice (first on line 1).'],
    ['T1\tClaim 0 5\tShort\nR1\tLink Arg1:T1 Arg2:T9', 'x.ann, line 2: R1 refers to T9, which is not in the file.'],
    ['T1\tClaim 0 5\tShort\nE1\tClaim:R1 Arg:T1', 'x.ann, line 2: E1 refers to R1, which is not in the file.'],
    ['T1\tClaim 0 5\tShort\nA1\tNegated', 'x.ann, line 2: A1 is not “Name Target” or “Name Target Value”.'],
    ['T1\tClaim 0 5\tShort\nA1\tNegated A1', 'x.ann, line 2: A1 refers to A1, which is not a text-bound (T), an event (E) or a relation (R) annotation.'],
    // The first problem in the file is reported, even when a later line is worse.
    ['T1\tClaim 0 5\tShirt\nnonsense', 'x.ann, line 1: T1\'s text “Shirt” is not what the article has at 0–5 (“Short”).'],
  ])('refuses %j', (ann, message) => {
    expect(() => parseAnn(ann, 'Short text.\n', { source: 'x.ann', annotator: null })).toThrow(message);
  });

  it('widens a fragment that ends inside a character NFC composes, and refuses one that is nothing else', () => {
    const doc = parseAnn('T1\tMark 1 2\t\u0301\n', 'e\u0301!', { source: 'x.ann', annotator: null });
    expect(doc.text).toBe('é!');
    expect(doc.annotations[0]!.fragments).toEqual([{ start: 0, end: 1 }]);
    expect(() => parseAnn('T1\tLetter 0 1\te\n', 'e\u0301!', { source: 'x.ann', annotator: null })).toThrow(
      'x.ann, line 1: T1\'s fragment 0–1 is only part of a character that NFC composes (a letter without its mark).',
    );
  });
});

describe('writeAnn', () => {
  it('writes every line type back with its ids, in canonical offsets', () => {
    expect(writeAnn(EVERY_LINE)).toBe(EVERY_LINE_WRITTEN);
  });

  it('reads back what it wrote as the same document', () => {
    const again = parseAnn(writeAnn(EVERY_LINE), EVERY_LINE.text, { source: 'every-line.ann', annotator: 'ana' });
    // The A lines come back in another order, and so do the attributes of the Claim label.
    const byKey = (doc: ImportedDocument) =>
      doc.labels.map((l) => ({ ...l, attributes: [...l.attributes].sort((x, y) => x.key.localeCompare(y.key)) }));
    expect({ ...again, labels: byKey(again) }).toEqual({ ...EVERY_LINE, labels: byKey(EVERY_LINE) });
  });

  it('gives annotations and links from elsewhere fresh ids and single-token names', () => {
    const text = 'Officials said 👍 the mayor will resign.';
    const written = writeAnn({
      text,
      annotations: [
        {
          ref: '0190a0b0-0000-7000-8000-000000000001',
          label: 'Anonymous attribution',
          fragments: [{ start: 0, end: 9 }],
          attributes: { number_of_sources: 2, justified: false },
          note: 'no reason\ngiven',
          extras: {},
        },
        {
          ref: 'T3',
          label: 'Claim',
          fragments: [{ start: 17, end: 39 }],
          attributes: { check: 'check-worthy' },
          note: null,
          extras: {},
        },
      ],
      relations: [
        { ref: 'link-1', type: 'attributed to', from: 'T3', to: '0190a0b0-0000-7000-8000-000000000001', extras: {} },
      ],
      labels: [
        {
          name: 'Anonymous attribution',
          kind: 'span',
          attributes: [{ key: 'number_of_sources', name: 'Number of sources', type: 'number' }],
        },
      ],
    });
    expect(written).toBe(
      [
        'T4\tAnonymous_attribution 0 9\tOfficials',
        'A1\tNumber_of_sources T4 2',
        '#1\tAnnotatorNotes T4\tno reason given',
        'T3\tClaim 17 39\tthe mayor will resign.',
        'A2\tcheck T3 check-worthy',
        'R1\tattributed_to Arg1:T3 Arg2:T4',
        '',
      ].join('\n'),
    );
  });

  it('passes over brat extras of the wrong shape (as another tool may write them in an exchange file)', () => {
    const text = 'Officials said so.';
    const written = writeAnn({
      text,
      annotations: [
        {
          ref: 'T1',
          label: 'Source',
          fragments: [{ start: 0, end: 9 }],
          attributes: {},
          note: null,
          extras: { brat: { normalizations: ['N1 Wiki:Q1'], fragmentOrder: 'backwards', note: { id: 7 }, events: 'E1' } },
        },
      ],
      relations: [{ ref: 'R1', type: 'Cue', from: 'T1', to: 'T1', extras: { brat: { roles: 'Arg1', equiv: -1 } } }],
      labels: [],
    });
    expect(written).toBe(['T1\tSource 0 9\tOfficials', 'R1\tCue Arg1:T1 Arg2:T1', ''].join('\n'));
  });

  it('writes nothing for a document without annotations', () => {
    expect(writeAnn({ text: 'Plain.', annotations: [], relations: [] })).toBe('');
  });
});

describe('parseAnnotationConf', () => {
  it('reads entities, relations, event roles and attributes, skipping groups, macros and overlap rules', () => {
    expect(parseAnnotationConf(read('annotation.conf'), 'annotation.conf')).toEqual([
      { name: 'Source', kind: 'span', attributes: [{ key: 'Kind', name: 'Kind', type: 'choice', options: ['person', 'organization', 'document', 'media'] }] },
      { name: 'Anonymous_attribution', kind: 'span', attributes: [] },
      {
        name: 'Claim',
        kind: 'span',
        attributes: [
          { key: 'Negated', name: 'Negated', type: 'boolean' },
          { key: 'Checkworthiness', name: 'Checkworthiness', type: 'choice', options: ['not-factual', 'unimportant', 'check-worthy'] },
        ],
      },
      {
        name: 'Quote',
        kind: 'span',
        attributes: [{ key: 'Checkworthiness', name: 'Checkworthiness', type: 'choice', options: ['not-factual', 'unimportant', 'check-worthy'] }],
      },
      { name: 'Cue', kind: 'span', attributes: [] },
      { name: 'Attribution', kind: 'span', attributes: [{ key: 'Confidence', name: 'Confidence', type: 'choice', options: ['Low', 'High'] }] },
      { name: 'Anonymous_event', kind: 'span', attributes: [{ key: 'Confidence', name: 'Confidence', type: 'choice', options: ['Low', 'High'] }] },
      { name: 'Attributed', kind: 'relation', attributes: [{ key: 'Confidence', name: 'Confidence', type: 'choice', options: ['Low', 'High'] }] },
      { name: 'Coreference', kind: 'relation', attributes: [] },
      { name: 'Equiv', kind: 'relation', attributes: [] },
      { name: 'Claim', kind: 'relation', attributes: [] },
      { name: 'Source', kind: 'relation', attributes: [] },
      { name: 'Cue', kind: 'relation', attributes: [] },
      { name: 'Who', kind: 'relation', attributes: [] },
    ]);
  });

  it('refuses a macro the section does not define, naming the line', () => {
    expect(() => parseAnnotationConf('[relations]\nLink\tArg1:<PARTY>, Arg2:Claim\n', 'annotation.conf')).toThrow(
      'annotation.conf, line 2: <PARTY> is not defined in this section.',
    );
  });

  it('refuses an argument that is not Name:Type', () => {
    expect(() => parseAnnotationConf('[events]\nSay\tSpeaker Person\n', 'annotation.conf')).toThrow(
      'annotation.conf, line 2: “Speaker Person” is not “Name:Type”.',
    );
  });
});

describe('parseVisualLabels and withDisplayNames', () => {
  it('names each type as visual.conf’s [labels] shows it, and leaves the others', () => {
    const names = parseVisualLabels(
      ['[labels]', '# comment', 'Anonymous_attribution | Anonymous attribution | Anon', 'Claim | Claim', 'attributed_to | attributed to', '', '[drawing]', 'Claim\tbgColor:#fff'].join('\r\n'),
    );
    expect([...names]).toEqual([
      ['Anonymous_attribution', 'Anonymous attribution'],
      ['Claim', 'Claim'],
      ['attributed_to', 'attributed to'],
    ]);
    const doc = parseAnn('T1\tAnonymous_attribution 0 9\tOfficials\nT2\tCue 10 14\tsaid\nR1\tattributed_to Arg1:T2 Arg2:T1\n', 'Officials said so.', {
      source: 'a.ann',
      annotator: null,
    });
    const shown = withDisplayNames(doc, names);
    expect(shown.annotations.map((a) => a.label)).toEqual(['Anonymous attribution', 'Cue']);
    expect(shown.relations.map((r) => r.type)).toEqual(['attributed to']);
    expect(shown.labels.map((l) => l.name)).toEqual(['Anonymous attribution', 'Cue', 'attributed to']);
  });
});

describe('annotatorFromFileName', () => {
  const texts = new Set(['article', 'a_b', 'other.txt']);
  it.each([
    ['/corpus/attributions/article_4b22.ann', '4b22'],
    ['C:\\corpus\\article_ef2d.ann', 'ef2d'],
    ['a_b_c.ann', 'c'],
    ['other_alex.ann', 'alex'],
    ['article.ann', null],
    ['a_b.ann', null],
    ['unknown_4b22.ann', null],
    ['article_4b22.txt', null],
  ])('%s -> %s', (path, annotator) => {
    expect(annotatorFromFileName(path, texts)).toBe(annotator);
  });
});
