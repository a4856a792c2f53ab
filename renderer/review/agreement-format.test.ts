import { describe, expect, test } from 'vitest';
import type { AgreementReport, PairAgreement, Scores } from '../../schema/review';
import { agreementCsv, annotatorId, figure, pairTitle, percent } from './agreement-format';

const ANA = '0190a1b2-c3d4-7001-8001-000000000001';
const BEN = '0190a1b2-c3d4-7002-8002-000000000002';

const scores = (a: number, b: number, matched: number): Scores => {
  const precision = b ? matched / b : null;
  const recall = a ? matched / a : null;
  const f1 = precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : null;
  return { a, b, matched, precision, recall, f1 };
};

const pair: PairAgreement = {
  a: ANA,
  b: BEN,
  documents: 1,
  spans: {
    perLabel: [
      { label: 'Source', exact: scores(3, 3, 2), overlap: scores(3, 3, 2) },
      { label: '=cmd|calc', exact: scores(1, 0, 0), overlap: scores(1, 0, 0) },
    ],
    micro: { exact: scores(4, 3, 2), overlap: scores(4, 3, 2) },
    macro: { exact: 1 / 3, overlap: null },
  },
  tokenKappa: -0.25,
  tokens: 12,
  confusion: { labels: ['O', 'Source'], counts: [[5, 1], [2, 4]] },
  links: scores(0, 0, 0),
  attributes: [{ label: 'Source', key: 'kind', name: 'Kind, "type"', compared: 2, agreed: 1, percent: 0.5, kappa: 0 }],
};

const report: AgreementReport = {
  annotators: [
    { id: ANA, name: 'Ana', isLocal: false },
    { id: BEN, name: 'Ben', isLocal: false },
  ],
  documents: 1,
  pairs: [pair],
  alpha: 0.123456789,
};

describe('agreement figures as the view shows them', () => {
  test('three decimals, percents with one, a dash where there is no figure', () => {
    expect([figure(0.123456), figure(1), figure(-0.25), figure(null)]).toEqual(['0.123', '1.000', '-0.250', '—']);
    expect([percent(0.5), percent(1 / 3), percent(null)]).toEqual(['50.0%', '33.3%', '—']);
  });

  test('pairs are named by their annotators’ names, found by id', () => {
    expect(pairTitle(report, pair)).toBe('Ana vs Ben');
    expect(annotatorId(report, 'Ben')).toBe(BEN);
    expect(annotatorId(report, ANA)).toBe(ANA);
  });
});

describe('agreementCsv', () => {
  const lines = agreementCsv(report).split('\r\n');

  test('one figure a row, full precision, with the counts behind it', () => {
    expect(lines[0]).toBe('pair,measure,label,attribute,value,precision,recall,in_a,in_b,matched,compared,documents');
    expect(lines).toContain('"all (Ana, Ben)",krippendorff_alpha_token,,,0.123456789,,,,,,,1');
    expect(lines).toContain(`Ana vs Ben,span_f1_exact,Source,,${2 / 3},${2 / 3},${2 / 3},3,3,2,,1`);
    expect(lines).toContain(`Ana vs Ben,span_f1_exact,(macro),,${1 / 3},,,,,,,1`);
    expect(lines).toContain('Ana vs Ben,span_f1_overlap,(macro),,,,,,,,,1');
    expect(lines).toContain('Ana vs Ben,token_kappa,,,-0.25,,,,,,12,1');
    expect(lines).toContain('Ana vs Ben,token_confusion,Source -> O,,2,,,,,,,1');
    expect(lines.at(-1)).toBe('');
    // Header, alpha, 2 labels x 2, micro x 2, macro x 2, kappa, links, attribute x 2, 4 confusion cells, the final newline.
    expect(lines).toHaveLength(1 + 1 + 4 + 2 + 2 + 1 + 1 + 2 + 4 + 1);
  });

  test('quotes cells that need it and defuses formulas, but leaves negative numbers alone', () => {
    expect(lines).toContain('Ana vs Ben,attribute_percent,Source,"Kind, ""type""",0.5,,,,,1,2,1');
    // No F1 or precision (B has none of it), recall 0.
    expect(lines).toContain("Ana vs Ben,span_f1_exact,'=cmd|calc,,,,0,1,0,0,,1");
  });
});
