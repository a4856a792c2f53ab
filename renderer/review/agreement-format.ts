import type { AgreementReport, PairAgreement, Scores } from '../../schema/review';

/** A figure as the agreement view shows it: three decimals, or a dash where there is none. */
export function figure(value: number | null): string {
  return value === null ? '—' : value.toFixed(3);
}

export function percent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

/** An annotator of the report by id, as PairAgreement names them; the key itself if unknown. */
export function annotatorName(report: AgreementReport, key: string): string {
  return report.annotators.find((a) => a.id === key || a.name === key)?.name ?? key;
}

/** The id of an annotator of the report, named as PairAgreement names them (id or name). */
export function annotatorId(report: AgreementReport, key: string): string {
  return report.annotators.find((a) => a.id === key || a.name === key)?.id ?? key;
}

export const pairTitle = (report: AgreementReport, pair: PairAgreement) =>
  `${annotatorName(report, pair.a)} vs ${annotatorName(report, pair.b)}`;

/** `in_a`, `in_b`, `matched`: spans (links, tokens); for attributes, `matched` is how many agreed of `compared`. */
const COLUMNS = ['pair', 'measure', 'label', 'attribute', 'value', 'precision', 'recall', 'in_a', 'in_b', 'matched', 'compared', 'documents'];

type Cell = string | number | null;

/**
 * The whole report as CSV, one figure a row (long format), full precision: a spreadsheet or R
 * reads it as it is. Text cells that a spreadsheet would run as a formula get a leading '.
 */
export function agreementCsv(report: AgreementReport): string {
  const rows: Cell[][] = [COLUMNS];
  const row = (pair: string, measure: string, label: string, attribute: string, value: number | null, extra: Partial<Record<string, number | null>>, documents: number) =>
    rows.push([
      pair, measure, label, attribute, value,
      extra.precision ?? null, extra.recall ?? null, extra.in_a ?? null, extra.in_b ?? null, extra.matched ?? null, extra.compared ?? null,
      documents,
    ]);
  const everyone = `all (${report.annotators.map((a) => a.name).join(', ')})`;
  row(everyone, 'krippendorff_alpha_token', '', '', report.alpha, {}, report.documents);
  for (const pair of report.pairs) {
    const name = pairTitle(report, pair);
    const scores = (measure: string, label: string, s: Scores) =>
      row(name, measure, label, '', s.f1, { precision: s.precision, recall: s.recall, in_a: s.a, in_b: s.b, matched: s.matched }, pair.documents);
    for (const label of pair.spans.perLabel) {
      scores('span_f1_exact', label.label, label.exact);
      scores('span_f1_overlap', label.label, label.overlap);
    }
    scores('span_f1_exact', '(micro)', pair.spans.micro.exact);
    scores('span_f1_overlap', '(micro)', pair.spans.micro.overlap);
    row(name, 'span_f1_exact', '(macro)', '', pair.spans.macro.exact, {}, pair.documents);
    row(name, 'span_f1_overlap', '(macro)', '', pair.spans.macro.overlap, {}, pair.documents);
    row(name, 'token_kappa', '', '', pair.tokenKappa, { compared: pair.tokens }, pair.documents);
    scores('link_f1', '', pair.links);
    for (const a of pair.attributes) {
      const counts = { matched: a.agreed, compared: a.compared };
      row(name, 'attribute_percent', a.label, a.name, a.percent, counts, pair.documents);
      row(name, 'attribute_kappa', a.label, a.name, a.kappa, counts, pair.documents);
    }
    pair.confusion.labels.forEach((from, i) =>
      pair.confusion.labels.forEach((to, j) =>
        row(name, 'token_confusion', `${from} -> ${to}`, '', pair.confusion.counts[i]![j]!, {}, pair.documents),
      ),
    );
  }
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const safe = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
