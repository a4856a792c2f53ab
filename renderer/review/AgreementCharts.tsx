import { useMemo } from 'react';
import type { PairAgreement } from '../../schema/review';
import { themed } from '../charts/chart-theme';
import { FigureChart } from '../charts/FigureChart';
import { heatmapConfig } from '../charts/heatmap';

/** Per-label F1, exact and overlapping, as bars; a click on a bar asks for that label's disagreements. */
export function LabelF1Chart({ pair, title, onLabel }: { pair: PairAgreement; title: string; onLabel(label: string): void }) {
  const labels = useMemo(() => pair.spans.perLabel.map((l) => l.label), [pair]);
  const config = useMemo(
    () => ({
      type: 'bar' as const,
      data: {
        labels,
        datasets: [
          { label: 'F1, exact match', data: pair.spans.perLabel.map((l) => l.exact.f1), backgroundColor: '#1f5fbf' },
          { label: 'F1, overlap match', data: pair.spans.perLabel.map((l) => l.overlap.f1), backgroundColor: '#8fb3e8' },
        ],
      },
      options: themed({ scales: { y: { min: 0, max: 1, title: { display: true, text: 'F1' } } } }),
    }),
    [pair, labels],
  );
  const description = pair.spans.perLabel
    .map((l) => `${l.label}: exact ${format(l.exact.f1)}, overlap ${format(l.overlap.f1)}`)
    .join('; ');
  return (
    <figure className="agreement-chart">
      <figcaption>{title}</figcaption>
      <FigureChart config={config} label={`Bar chart of F1 per label. ${description}`} onPick={(_dataset, index) => onLabel(labels[index]!)} />
    </figure>
  );
}

/** Token confusion as a heatmap (rows: A's label, columns: B's); a click on a cell asks for its disagreements. */
export function ConfusionHeatmap(props: {
  pair: PairAgreement;
  title: string;
  nameA: string;
  nameB: string;
  onCell(row: string, column: string): void;
}) {
  const { pair, title, nameA, nameB, onCell } = props;
  const { labels, counts } = pair.confusion;
  const cells = useMemo(() => labels.flatMap((row, i) => labels.map((column, j) => ({ x: column, y: row, v: counts[i]![j]! }))), [labels, counts]);
  const config = useMemo(
    () =>
      heatmapConfig({
        label: 'Tokens',
        cells,
        columns: labels,
        rows: labels,
        rgb: '31, 95, 191',
        describe: (cell) => `${nameA}: ${cell.y}, ${nameB}: ${cell.x}: ${cell.v} tokens`,
        x: { title: { display: true, text: nameB } },
        y: { title: { display: true, text: nameA } },
      }),
    [cells, labels, nameA, nameB],
  );
  return (
    <figure className="agreement-chart">
      <figcaption>{title}</figcaption>
      <FigureChart
        config={config}
        className="chart-square"
        label={`Heatmap of token labels, ${nameA} in rows and ${nameB} in columns; the table “Token confusion” holds the same counts.`}
        onPick={(_dataset, index) => {
          const cell = cells[index];
          if (cell) onCell(cell.y, cell.x);
        }}
      />
    </figure>
  );
}

const format = (value: number | null) => (value === null ? 'none' : value.toFixed(3));
