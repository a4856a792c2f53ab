/** The agreement report as the command line prints it: one row per pair, then alpha. */
import type { AgreementReport } from '../../schema/review';

/** A figure to three decimals; "-" where the measure is undefined (nothing to compare). */
const figure = (value: number | null) => (value === null ? '-' : value.toFixed(3));

export function printAgreement(report: AgreementReport): string[] {
  const name = new Map(report.annotators.map((a) => [a.id, a.name]));
  const rows = [
    ['pair', 'articles', 'tokens', 'span F1 exact', 'span F1 overlap', 'macro exact', 'macro overlap', 'token kappa', 'link F1'],
    ...report.pairs.map((p) => [
      `${name.get(p.a)} – ${name.get(p.b)}`,
      String(p.documents),
      String(p.tokens),
      figure(p.spans.micro.exact.f1),
      figure(p.spans.micro.overlap.f1),
      figure(p.spans.macro.exact),
      figure(p.spans.macro.overlap),
      figure(p.tokenKappa),
      figure(p.links.f1),
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const line = (row: string[]) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
  const articles = report.documents === 1 ? '1 article' : `${report.documents} articles`;
  return [
    `Agreement of ${report.annotators.map((a) => a.name).join(', ')} over ${articles} (span F1 micro-averaged unless macro).`,
    line(rows[0]!),
    ...rows.slice(1).map(line),
    `Krippendorff's alpha (nominal, token-wise, ${report.annotators.length} annotators): ${figure(report.alpha)}`,
  ];
}
