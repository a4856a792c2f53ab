import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ImportedAnnotation, ImportedDocument } from './types';
import { testData } from '../testing/temp';
import { annotatorFromFileName, parseAnn, parseAnnotationConf, writeAnn } from './brat';
import { parseVisualLabels, withDisplayNames } from './brat-conf';

const read = (name: string) => readFileSync(testData(`brat/${name}`), 'utf8');

// every-line.txt has CRLF line ends, an emoji with a variation selector, a ZWJ sequence and
// "Núñez" twice with combining marks (u + U+0301, n + U+0303): Byline stores it as it is.
const TEXT =
  'City Hall \u{1F3DB}\uFE0F report\r\n' +
  'Mayor Ana Nu\u0301n\u0303ez said the budget “will pass.” Officials \u{1F469}\u200D\u{1F4BB} who asked not to be named said the vote would slip.\r\n' +
  'Nu\u0301n\u0303ez declined to comment.\r\n';

const EVERY_LINE: ImportedDocument = {
  source: 'every-line.ann',
  format: 'brat',
  title: 'City Hall \u{1F3DB}\uFE0F report',
  text: TEXT,
  outlet: null,
  author: null,
  publishedAt: null,
  url: null,
  annotator: 'ana',
  annotations: [
    {
      ref: 'T1',
      label: 'Source',
      fragments: [{ start: 21, end: 38 }],
      attributes: {},
      note: null,
      extras: {
        brat: {
          normalizations: [{ id: 'N1', type: 'Reference', db: 'Wikidata', dbId: 'Q4115189', text: 'Ana Nu\u0301n\u0303ez' }],
        },
      },
    },
    { ref: 'T2', label: 'Cue', fragments: [{ start: 39, end: 43 }], attributes: {}, note: null, extras: {} },
    {
      ref: 'T3',
      label: 'Claim',
      fragments: [{ start: 44, end: 67 }],
      attributes: { Checkworthiness: 'check-worthy' },
      note: 'Quote checked against the recording',
      extras: { brat: { attributes: [{ id: 'A2', name: 'Checkworthiness', key: 'Checkworthiness' }], note: { id: '#1' } } },
    },
    {
      ref: 'T4',
      label: 'Attribution',
      fragments: [{ start: 39, end: 43 }],
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
        { start: 68, end: 77 },
        { start: 82, end: 107 },
      ],
      attributes: {},
      note: null,
      extras: {},
    },
    {
      ref: 'T6',
      label: 'Claim',
      fragments: [{ start: 113, end: 132 }],
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
    { ref: 'T7', label: 'Source', fragments: [{ start: 135, end: 142 }], attributes: {}, note: null, extras: {} },
    { ref: 'T8', label: 'Cue', fragments: [{ start: 108, end: 112 }], attributes: {}, note: null, extras: {} },
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

// As every-line.ann, the lines in the order brat writes them (each after what it needs).
const EVERY_LINE_WRITTEN = [
  'T1\tSource 21 38\tMayor Ana Nu\u0301n\u0303ez',
  'N1\tReference T1 Wikidata:Q4115189\tAna Nu\u0301n\u0303ez',
  'T2\tCue 39 43\tsaid',
  'T3\tClaim 44 67\tthe budget “will pass.”',
  'A2\tCheckworthiness T3 check-worthy',
  '#1\tAnnotatorNotes T3\tQuote checked against the recording',
  'T4\tAttribution 39 43\tsaid',
  'E1\tAttribution:T4 Claim:T3 Source:T1 Cue:T2',
  'A3\tConfidence E1 High',
  "#2\tAnnotatorNotes E1\tThe mayor's own words",
  'T5\tAnonymous 68 77;82 107\tOfficials who asked not to be named',
  'T6\tClaim 113 132\tthe vote would slip',
  'A1\tNegated T6',
  'M4\tHedged T6',
  '#3\tReviewed T6\tlooks right',
  'R1\tAttributed Claim:T6 Speaker:T5',
  'A5\tConfidence R1 Low',
  'T7\tSource 135 142\tNu\u0301n\u0303ez',
  '*\tEquiv T1 T7',
  'R2\tCoreference Arg1:T7 Arg2:T1',
  'T8\tCue 108 112\tsaid',
  '',
].join('\n');

describe('parseAnn', () => {
  it('reads every line type, in code points of a CRLF, non-NFC text with emoji, kept as the file has it', () => {
    const doc = parseAnn(read('every-line.ann'), read('every-line.txt'), { source: 'every-line.ann', annotator: 'ana' });
    expect(read('every-line.txt')).toBe(TEXT);
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
    expect(doc.warnings).toBeUndefined();
  });

  it('takes the reading of a CRLF text that leaves out fewer lines', () => {
    // Line 1 fits only offsets that count CRLF as one character; line 2 fits neither reading.
    const doc = parseAnn('T1\tClaim 6 10\ttext\nT2\tClaim 0 3\tOne\n', 'Ab.\r\nA text.', { source: 'x.ann', annotator: null });
    expect(doc.text).toBe('Ab.\r\nA text.');
    expect(doc.annotations.map((a) => [a.ref, a.fragments])).toEqual([['T1', [{ start: 7, end: 11 }]]]);
    expect(doc.warnings).toEqual([
      { line: 2, kind: 'left out', message: 'x.ann, line 2: T2’s text “One” is not what the article has at 0–3 (“Ab.”); the line is left out.' },
    ]);
  });

  it('takes the file’s own reading of a CRLF text when both readings fit as well', () => {
    // "x" is at 2–3 in both readings of the text, which are 2–3 and 3–4 of the text as stored.
    const doc = parseAnn('T1\tX 2 3\tx\n', '\r\nxx\r\nx', { source: 'x.ann', annotator: null });
    expect(doc.annotations[0]!.fragments).toEqual([{ start: 2, end: 3 }]);
    // Then the reading with fewer lines kept with a difference: here brat 1.3's, whose "x\n"
    // (the field runs on over a blank line) is 0–2; the file's own 0–2 is "x\r".
    const folded = parseAnn('T1\tX 0 2\tx\n\n', 'x\r\n', { source: 'x.ann', annotator: null });
    expect(folded.annotations.map((a) => a.fragments)).toEqual([[{ start: 0, end: 3 }]]);
    expect(folded.warnings).toBeUndefined();
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
    expect(doc.warnings).toBeUndefined();
    expect(writeAnn(doc)).toBe('T1\tClaim 0 5\tShort\nT2\tClaim 6 10\ttext  # checked\n');
  });

  describe('a text field over several lines (a span across line breaks)', () => {
    const text = 'The mayor said the budget\nwill pass. Officials who asked\n\nnot to be named said so.\n';
    const ann = [
      'T1\tClaim 19 36\tbudget',
      'will pass.',
      'T2\tAnonymous 47 73\twho asked',
      '',
      'not to be named',
      'R1\tAttributed Arg1:T1 Arg2:T2',
      'T3\tCue 74 81\tsaid so',
      '',
    ].join('\n');

    it('reads the lines after a T line as its text while the span has line breaks left, blank ones too', () => {
      const doc = parseAnn(ann, text, { source: 'multi.ann', annotator: null });
      expect(doc.warnings).toBeUndefined();
      expect(doc.annotations).toEqual([
        { ref: 'T1', label: 'Claim', fragments: [{ start: 19, end: 36 }], attributes: {}, note: null, extras: { brat: { textField: 'budget\nwill pass.' } } },
        {
          ref: 'T2',
          label: 'Anonymous',
          fragments: [{ start: 47, end: 73 }],
          attributes: {},
          note: null,
          extras: { brat: { textField: 'who asked\n\nnot to be named' } },
        },
        { ref: 'T3', label: 'Cue', fragments: [{ start: 74, end: 81 }], attributes: {}, note: null, extras: {} },
      ]);
      expect(doc.relations).toEqual([{ ref: 'R1', type: 'Attributed', from: 'T1', to: 'T2', extras: {} }]);
    });

    it('writes them back as they were', () => {
      expect(writeAnn(parseAnn(ann, text, { source: 'multi.ann', annotator: null }))).toBe(ann);
    });

    it('ignores a blank line the span does not need, and reads no further than its line breaks', () => {
      // T1's text is complete after one line; the blank line and "stray" are not part of it.
      const withBlank = ['T1\tClaim 19 36\tbudget', 'will pass.', '', 'T3\tCue 74 81\tsaid so', 'stray', ''].join('\n');
      const doc = parseAnn(withBlank, text, { source: 'multi.ann', annotator: null });
      expect(doc.annotations.map((a) => a.ref)).toEqual(['T1', 'T3']);
      expect(doc.warnings).toEqual([
        { line: 5, kind: 'left out', message: 'multi.ann, line 5: “stray” is not a brat annotation: it does not start with an id and a tab; the line is left out.' },
      ]);
      expect(writeAnn(doc)).toBe(['T1\tClaim 19 36\tbudget', 'will pass.', 'T3\tCue 74 81\tsaid so', ''].join('\n'));
    });

    it('stops at the next annotation line, even when the span has line breaks left', () => {
      // T2's field has only its first line: the rest is not what the article has there.
      const cut = ['T2\tAnonymous 47 73\twho asked', 'T3\tCue 74 81\tsaid so', ''].join('\n');
      const doc = parseAnn(cut, text, { source: 'multi.ann', annotator: null });
      expect(doc.annotations.map((a) => a.ref)).toEqual(['T3']);
      expect(doc.warnings).toEqual([
        {
          line: 1,
          kind: 'left out',
          message: 'multi.ann, line 1: T2’s text “who asked” is not what the article has at 47–73 (“who asked\\n\\nnot to be named”); the line is left out.',
        },
      ]);
    });

    it('keeps a field that has the line breaks as spaces, with a warning, and writes it back so', () => {
      const flat = ['T1\tClaim 19 36\tbudget will pass.', 'T2\tAnonymous 47 73\twho asked not to be named', ''].join('\n');
      const doc = parseAnn(flat, text, { source: 'flat.ann', annotator: null });
      expect(doc.annotations.map((a) => a.fragments)).toEqual([[{ start: 19, end: 36 }], [{ start: 47, end: 73 }]]);
      expect(doc.warnings).toEqual([
        {
          line: 1,
          kind: 'kept',
          message:
            'flat.ann, line 1: T1’s text “budget will pass.” differs from the article’s “budget\\nwill pass.” at 19–36 only in whitespace; the span is kept as its offsets say.',
        },
        {
          line: 2,
          kind: 'kept',
          message:
            'flat.ann, line 2: T2’s text “who asked not to be named” differs from the article’s “who asked\\n\\nnot to be named” at 47–73 only in whitespace; the span is kept as its offsets say.',
        },
      ]);
      // T1's field is what Byline writes for the span anyway; T2's (one space for two line breaks) is kept.
      expect(doc.annotations.map((a) => a.extras)).toEqual([{}, { brat: { textField: 'who asked not to be named' } }]);
      expect(writeAnn(doc)).toBe(flat);
    });
  });

  it('keeps a span whose text differs from the article only in whitespace, as its offsets say', () => {
    const ann = 'T1\tSource 0 9\tOfficials\nT2\tClaim 15 34\tthe vote  would slip\nR1\tAttributed Arg1:T2 Arg2:T1\n';
    const doc = parseAnn(ann, 'Officials said the vote would slip.', { source: 'ws.ann', annotator: null });
    expect(doc.annotations.map((a) => [a.ref, a.fragments])).toEqual([
      ['T1', [{ start: 0, end: 9 }]],
      ['T2', [{ start: 15, end: 34 }]],
    ]);
    expect(doc.relations).toHaveLength(1);
    expect(doc.warnings).toEqual([
      {
        line: 2,
        kind: 'kept',
        message: 'ws.ann, line 2: T2’s text “the vote  would slip” differs from the article’s “the vote would slip” at 15–34 only in whitespace; the span is kept as its offsets say.',
      },
    ]);
    expect(doc.annotations[1]!.extras).toEqual({ brat: { textField: 'the vote  would slip' } });
    expect(writeAnn(doc)).toBe(ann);
  });

  it('keeps a span whose text differs from the article only in Unicode normalization, either way round', () => {
    const nfd = 'Nu\u0301n\u0303ez';
    const nfc = 'Núñez';
    expect(nfc).toBe(nfd.normalize('NFC'));
    const ann = `T1\tSource 0 5\t${nfd}\n`;
    const doc = parseAnn(ann, `${nfc} said so.`, { source: 'nfd.ann', annotator: null });
    expect(doc.text).toBe(`${nfc} said so.`);
    expect(doc.annotations[0]!.fragments).toEqual([{ start: 0, end: 5 }]);
    expect(doc.warnings).toEqual([
      {
        line: 1,
        kind: 'kept',
        message: `nfd.ann, line 1: T1’s text “${nfd}” differs from the article’s “${nfc}” at 0–5 only in Unicode normalization (the field is decomposed (NFD), the article composed (NFC)); the span is kept as its offsets say.`,
      },
    ]);
    expect(writeAnn(doc)).toBe(ann);

    const other = parseAnn(`T1\tSource 0 7\t${nfc}\n`, `${nfd} said so.`, { source: 'nfc.ann', annotator: null });
    expect(other.annotations[0]!.fragments).toEqual([{ start: 0, end: 7 }]);
    expect(other.warnings?.map((w) => w.message)).toEqual([
      `nfc.ann, line 1: T1’s text “${nfc}” differs from the article’s “${nfd}” at 0–7 only in Unicode normalization (the field is composed (NFC), the article decomposed (NFD)); the span is kept as its offsets say.`,
    ]);
    const both = parseAnn(`T1\tSource 0 12\t${nfc}  said\n`, `${nfd} said so.`, { source: 'nfc.ann', annotator: null });
    expect(both.warnings?.map((w) => w.message)).toEqual([
      `nfc.ann, line 1: T1’s text “${nfc}  said” differs from the article’s “${nfd} said” at 0–12 only in whitespace and Unicode normalization (the field is composed (NFC), the article decomposed (NFD)); the span is kept as its offsets say.`,
    ]);
  });

  it('leaves out only a T line whose text is not what the article has there', () => {
    const ann = [
      'T1\tSource 0 9\tOfficials',
      'T2\tCue 10 14\tsaid',
      'T3\tClaim 15 34\tthe vote would fail',
      'T4\tAttribution 10 14\tsaid',
      'E1\tAttribution:T4 Source:T1 Cue:T2',
      '',
    ].join('\n');
    const doc = parseAnn(ann, 'Officials said the vote would slip.', { source: 'bad.ann', annotator: null });
    expect(doc.annotations.map((a) => a.ref)).toEqual(['T1', 'T2', 'T4']);
    expect(doc.relations).toEqual([
      { ref: 'E1', type: 'Source', from: 'T4', to: 'T1', extras: {} },
      { ref: 'E1', type: 'Cue', from: 'T4', to: 'T2', extras: {} },
    ]);
    expect(doc.warnings).toEqual([
      {
        line: 3,
        kind: 'left out',
        message: 'bad.ann, line 3: T3’s text “the vote would fail” is not what the article has at 15–34 (“the vote would slip”); the line is left out.',
      },
    ]);
  });

  it('leaves out the lines that need a left-out T line, and the argument of an event that needs it', () => {
    const ann = [
      'T1\tSource 0 9\tOfficials',
      'T2\tClaim 15 34\tthe vote would fail',
      'T3\tCue 10 14\tsaid',
      'R1\tAttributed Arg1:T2 Arg2:T1',
      'E1\tAttribution:T2 Source:T1',
      'E2\tAttribution:T3 Claim:T2 Source:T1 Cue:T3',
      'A1\tNegated T2',
      '#1\tAnnotatorNotes T2\tcheck this',
      'N1\tReference T2 Wikidata:Q1\tvote',
      '*\tEquiv T1 T2',
      'A2\tConfidence E1 High',
      'R2\tFollows Arg1:E1 Arg2:E2',
      'A3\tConfidence E2 Low',
      '',
    ].join('\n');
    const doc = parseAnn(ann, 'Officials said the vote would slip.', { source: 'dep.ann', annotator: null });
    expect(doc.annotations.map((a) => a.ref)).toEqual(['T1', 'T3']);
    expect(doc.relations).toEqual([
      { ref: 'E2', type: 'Source', from: 'T3', to: 'T1', extras: {} },
      { ref: 'E2', type: 'Cue', from: 'T3', to: 'T3', extras: {} },
    ]);
    expect(doc.annotations[1]!.attributes).toEqual({ Confidence: 'Low' });
    const leftOut = (line: number, what: string) => ({ line, kind: 'left out', message: `dep.ann, line ${line}: ${what}; the line is left out.` });
    expect(doc.warnings).toEqual([
      leftOut(2, 'T2’s text “the vote would fail” is not what the article has at 15–34 (“the vote would slip”)'),
      leftOut(4, 'R1 refers to T2, which is left out (line 2)'),
      leftOut(5, 'E1 refers to T2, which is left out (line 2)'),
      {
        line: 6,
        kind: 'kept',
        message: 'dep.ann, line 6: E2 refers to T2, which is left out (line 2); the event is kept without its argument Claim:T2.',
      },
      leftOut(7, 'A1 refers to T2, which is left out (line 2)'),
      leftOut(8, '#1 refers to T2, which is left out (line 2)'),
      leftOut(9, 'N1 refers to T2, which is left out (line 2)'),
      leftOut(10, '* refers to T2, which is left out (line 2)'),
      leftOut(11, 'A2 refers to E1, which is left out (line 5)'),
      leftOut(12, 'R2 refers to E1, which is left out (line 5)'),
    ]);
    // The event is written back as a valid E line without the argument, and read again as it is.
    const written = writeAnn(doc);
    expect(written).toBe(['T1\tSource 0 9\tOfficials', 'T3\tCue 10 14\tsaid', 'E2\tAttribution:T3 Source:T1 Cue:T3', 'A3\tConfidence E2 Low', ''].join('\n'));
    const again = parseAnn(written, doc.text, { source: 'dep.ann', annotator: null });
    expect(again.warnings).toBeUndefined();
    expect(again.relations).toEqual(doc.relations);
  });

  it('leaves out only a line whose offsets go beyond the end of the text', () => {
    const doc = parseAnn(read('bad-beyond.ann'), read('short.txt'), { source: 'bad-beyond.ann', annotator: null });
    expect(doc.annotations.map((a) => [a.ref, a.fragments])).toEqual([['T1', [{ start: 0, end: 5 }]]]);
    expect(doc.warnings).toEqual([
      {
        line: 2,
        kind: 'left out',
        message: 'bad-beyond.ann, line 2: T2’s offsets 6–40 go beyond the end of the article, which has 12 characters; the line is left out.',
      },
    ]);
  });

  it('leaves out only a T line whose text is not what the article has there (a test file)', () => {
    const doc = parseAnn(read('bad-text.ann'), read('short.txt'), { source: 'bad-text.ann', annotator: null });
    expect(doc.annotations.map((a) => a.ref)).toEqual(['T1']);
    expect(doc.warnings?.map((w) => w.message)).toEqual([
      'bad-text.ann, line 2: T2’s text “texts” is not what the article has at 6–11 (“text.”); the line is left out.',
    ]);
  });

  it('leaves out only a malformed line', () => {
    const doc = parseAnn(read('bad-malformed.ann'), read('short.txt'), { source: 'bad-malformed.ann', annotator: null });
    expect(doc.annotations.map((a) => a.ref)).toEqual(['T1', 'T2']);
    expect(doc.relations).toEqual([]);
    expect(doc.warnings).toEqual([
      { line: 3, kind: 'left out', message: 'bad-malformed.ann, line 3: R1 is not “Type Arg1:Id Arg2:Id”; the line is left out.' },
    ]);
  });

  it.each([
    ['X1\tThing T1', [], 'x.ann, line 1: unknown line type “X” (X1); brat has T, R, E, A, M, N, # and * lines; the line is left out.'],
    ['T1 Claim 0 5 Short', [], 'x.ann, line 1: “T1 Claim 0 5 Short” is not a brat annotation: it does not start with an id and a tab; the line is left out.'],
    ['T1\tClaim 0 5\tShort\nT2\tClaim 0 x\tShort', ['T1'], 'x.ann, line 2: T2’s offsets “0 x” are not “start end” pairs separated by “;”; the line is left out.'],
    ['T1\tClaim 0 5\tShort\nT2\tClaim 3 3\t', ['T1'], 'x.ann, line 2: T2’s fragment 3–3 is empty or ends before it starts; the line is left out.'],
    ['T1\tClaim 0 5\tShort\nT2\tClaim 0 5;3 8\tShort rt te', ['T1'], 'x.ann, line 2: T2’s fragments 0–5, 3–8 overlap; the line is left out.'],
    ['T1\tClaim 0 5\tShort\nT1\tClaim 6 10\ttext', ['T1'], 'x.ann, line 2: T1 is defined twice (first on line 1); the line is left out.'],
    ['T1\tClaim 0 5\tShort\nR1\tLink Arg1:T1 Arg2:T9', ['T1'], 'x.ann, line 2: R1 refers to T9, which is not in the file; the line is left out.'],
    ['T1\tClaim 0 5\tShort\nE1\tClaim:R1 Arg:T1', ['T1'], 'x.ann, line 2: E1 refers to R1, which is not in the file; the line is left out.'],
    ['T1\tClaim 0 5\tShort\nE1\tClaim:T1 Arg:T9', ['T1'], 'x.ann, line 2: E1 refers to T9, which is not in the file; the line is left out.'],
    ['T1\tClaim 0 5\tShort\nA1\tNegated', ['T1'], 'x.ann, line 2: A1 is not “Name Target” or “Name Target Value”; the line is left out.'],
    [
      'T1\tClaim 0 5\tShort\nA1\tNegated A1',
      ['T1'],
      'x.ann, line 2: A1 refers to A1, which is not a text-bound (T), an event (E) or a relation (R) annotation; the line is left out.',
    ],
  ])('leaves out %j', (ann, refs, message) => {
    const doc = parseAnn(ann, 'Short text.\n', { source: 'x.ann', annotator: null });
    expect(doc.warnings).toEqual([{ line: Number(/line (\d+)/.exec(message)![1]), kind: 'left out', message }]);
    expect(doc.annotations.map((a) => a.ref)).toEqual(refs);
    // A line defined twice: the first one counts.
    if (ann.includes('defined twice')) expect(doc.annotations[0]!.fragments).toEqual([{ start: 0, end: 5 }]);
  });

  it('refuses the whole file when not one of its spans fits the article (the .ann of another text)', () => {
    const text = 'Short text.\n';
    expect(() => parseAnn('T1\tClaim 0 5;3 8\tShort rt te\n', text, { source: 'x.ann', annotator: null })).toThrow(
      'x.ann: its one span does not fit the article beside it, so nothing of the file is imported (is it the annotation of another text?). ' +
        'Line 1: T1’s fragments 0–5, 3–8 overlap.',
    );
    const other = 'T1\tClaim 0 4\tLong\nT2\tClaim 5 9\ttale\nT3\tClaim 0 2\tSo\nT4\tClaim 6 40\ttext\nR1\tLink Arg1:T1 Arg2:T2\n';
    expect(() => parseAnn(other, text, { source: 'x.ann', annotator: null })).toThrow(
      /^x\.ann: none of its 4 spans fit the article beside it, .*\. Line 1: T1’s text “Long” .*\. Line 2: .*\. Line 3: .*\. And 1 more\.$/,
    );
    // One span that fits is enough for the rest to be imported with their warnings.
    expect(parseAnn(`${other}T5\tClaim 0 5\tShort\n`, text, { source: 'x.ann', annotator: null }).annotations.map((a) => a.ref)).toEqual(['T5']);
  });

  it('refers to the first of two lines with one id', () => {
    const doc = parseAnn('T1\tClaim 0 5\tShort\nT1\tClaim 6 10\ttext\n#1\tAnnotatorNotes T1\tok\n', 'Short text.\n', { source: 'x.ann', annotator: null });
    expect(doc.annotations).toEqual([
      { ref: 'T1', label: 'Claim', fragments: [{ start: 0, end: 5 }], attributes: {}, note: 'ok', extras: { brat: { note: { id: '#1' } } } },
    ]);
    expect(doc.warnings?.map((w) => w.line)).toEqual([2]);
  });

  it('reports every problem of the file, each for its line, in the order of the lines', () => {
    const doc = parseAnn('nonsense\nT1\tClaim 0 5\tShirt\nT2\tClaim 6 10\ttext\n', 'Short text.\n', { source: 'x.ann', annotator: null });
    expect(doc.annotations.map((a) => a.ref)).toEqual(['T2']);
    expect(doc.warnings).toEqual([
      { line: 1, kind: 'left out', message: 'x.ann, line 1: “nonsense” is not a brat annotation: it does not start with an id and a tab; the line is left out.' },
      { line: 2, kind: 'left out', message: 'x.ann, line 2: T1’s text “Shirt” is not what the article has at 0–5 (“Short”); the line is left out.' },
    ]);
  });

  it('reads a CRLF text with brat 1.3 offsets, keeping a field that differs only in whitespace', () => {
    const text = 'City desk\r\nOfficials said the vote would slip.\r\nMore to come.\r\n';
    const ann = [
      'T1\tSource 10 19\tOfficials',
      'T2\tClaim 25 44\tthe vote would  slip',
      'T3\tClaim 40 50\tslip.',
      'More',
      'T4\tClaim 51 58\tto come',
      '',
    ].join('\n');
    const doc = parseAnn(ann, text, { source: 'brat13.ann', annotator: null });
    expect(doc.text).toBe(text);
    expect(doc.annotations.map((a) => a.fragments)).toEqual([
      [{ start: 11, end: 20 }],
      [{ start: 26, end: 45 }],
      [{ start: 41, end: 52 }],
      [{ start: 53, end: 60 }],
    ]);
    expect(doc.warnings).toEqual([
      {
        line: 2,
        kind: 'kept',
        message:
          'brat13.ann, line 2: T2’s text “the vote would  slip” differs from the article’s “the vote would slip” at 25–44 only in whitespace; the span is kept as its offsets say.',
      },
    ]);
  });

  it('keeps a combining mark as the text has it, and leaves out a fragment of only the byte order mark', () => {
    const doc = parseAnn('T1\tMark 1 2\t\u0301\n', 'e\u0301!', { source: 'x.ann', annotator: null });
    expect(doc.text).toBe('e\u0301!');
    expect(doc.annotations[0]!.fragments).toEqual([{ start: 1, end: 2 }]);
    const bom = parseAnn('T1\tMark 0 1\t\uFEFF\nT2\tWord 1 6\tShort\n', '\uFEFFShort text.', { source: 'x.ann', annotator: null });
    expect(bom.annotations.map((a) => [a.ref, a.fragments])).toEqual([['T2', [{ start: 0, end: 5 }]]]);
    expect(bom.warnings?.map((w) => w.message)).toEqual([
      'x.ann, line 1: T1’s fragment 0–1 covers only the byte order mark before the text; the line is left out.',
    ]);
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
          extras: { brat: { normalizations: ['N1 Wiki:Q1'], fragmentOrder: 'backwards', note: { id: 7 }, events: 'E1', textField: 9 } },
        },
      ],
      relations: [{ ref: 'R1', type: 'Cue', from: 'T1', to: 'T1', extras: { brat: { roles: 'Arg1', equiv: -1 } } }],
      labels: [],
    });
    expect(written).toBe(['T1\tSource 0 9\tOfficials', 'R1\tCue Arg1:T1 Arg2:T1', ''].join('\n'));
  });

  describe('a T line’s own text field (textField)', () => {
    const text = 'The mayor said the budget\nwill pass.\n';
    const annotation = (fragments: Array<{ start: number; end: number }>, textField: string): ImportedAnnotation => ({
      ref: 'T1',
      label: 'Claim',
      fragments,
      attributes: {},
      note: null,
      extras: { brat: { textField } },
    });
    const write = (a: ImportedAnnotation, other = text) => writeAnn({ text: other, annotations: [a], relations: [] });

    it('is written as it is, over several lines, while it is the span’s text but for whitespace', () => {
      expect(write(annotation([{ start: 19, end: 36 }], 'budget\nwill pass.'))).toBe('T1\tClaim 19 36\tbudget\nwill pass.\n');
      expect(write(annotation([{ start: 19, end: 36 }], 'budget  will\u00A0pass.'))).toBe('T1\tClaim 19 36\tbudget  will\u00A0pass.\n');
      // The text was edited since (a line break where a space was): still the same words.
      expect(write(annotation([{ start: 19, end: 36 }], 'budget\nwill pass.'), 'The mayor said the budget will pass.\n')).toBe(
        'T1\tClaim 19 36\tbudget will pass.\n',
      );
    });

    it('gives way to the span’s text when that changed, or when its lines would not read back as its own', () => {
      // The span was moved: another text.
      expect(write(annotation([{ start: 15, end: 25 }], 'budget\nwill pass.'))).toBe('T1\tClaim 15 25\tthe budget\n');
      // More line breaks than the span has: the reader would take its last line for another line.
      expect(write(annotation([{ start: 19, end: 36 }], 'budget\n\nwill pass.'))).toBe('T1\tClaim 19 36\tbudget will pass.\n');
      // A line that reads as an annotation line of its own.
      const tabbed = 'The mayor said the budget\nT2\twill pass.\n';
      expect(write(annotation([{ start: 19, end: 39 }], 'budget\nT2\twill pass.'), tabbed)).toBe('T1\tClaim 19 39\tbudget T2\twill pass.\n');
    });

    it('reads back what it wrote as the same annotation', () => {
      const ann = 'T1\tClaim 19 36\tbudget\nwill pass.\nT2\tCue 10 14\tsaid  \n';
      const doc = parseAnn(ann, text, { source: 'x.ann', annotator: null });
      expect(doc.annotations.map((a) => a.extras)).toEqual([{ brat: { textField: 'budget\nwill pass.' } }, { brat: { textTail: '  ' } }]);
      expect(writeAnn(doc)).toBe(ann);
      expect(parseAnn(writeAnn(doc), text, { source: 'x.ann', annotator: null })).toEqual(doc);
    });
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
