import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';
import { useEffect, useEffectEvent, useRef } from 'react';
import type { PairAgreement } from '../../schema/review';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend, MatrixController, MatrixElement);

/** Per-label F1, exact and overlapping, as bars; a click on a bar asks for that label's disagreements. */
export function LabelF1Chart({ pair, title, onLabel }: { pair: PairAgreement; title: string; onLabel(label: string): void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const clicked = useEffectEvent(onLabel);
  useEffect(() => {
    const labels = pair.spans.perLabel.map((l) => l.label);
    const chart = new Chart(canvas.current!, {
      type: 'bar',
      data: {
        labels,
        datasets: [
          { label: 'F1, exact match', data: pair.spans.perLabel.map((l) => l.exact.f1), backgroundColor: '#1f5fbf' },
          { label: 'F1, overlap match', data: pair.spans.perLabel.map((l) => l.overlap.f1), backgroundColor: '#8fb3e8' },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { y: { min: 0, max: 1, title: { display: true, text: 'F1' } } },
        onClick: (_event, elements) => {
          const hit = elements[0];
          if (hit) clicked(labels[hit.index]!);
        },
      },
    });
    return () => chart.destroy();
  }, [pair]);
  const description = pair.spans.perLabel
    .map((l) => `${l.label}: exact ${format(l.exact.f1)}, overlap ${format(l.overlap.f1)}`)
    .join('; ');
  return (
    <figure className="agreement-chart">
      <figcaption>{title}</figcaption>
      <div className="chart-box">
        <canvas ref={canvas} role="img" aria-label={`Bar chart of F1 per label. ${description}`} />
      </div>
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
  const { pair, title, nameA, nameB } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const clicked = useEffectEvent(props.onCell);
  useEffect(() => {
    const { labels, counts } = pair.confusion;
    const data = labels.flatMap((row, i) => labels.map((column, j) => ({ x: column, y: row, v: counts[i]![j]! })));
    // Shades by the square root of the count: the O/O cell would otherwise wash out every other.
    const max = Math.sqrt(Math.max(1, ...data.map((d) => d.v)));
    const chart = new Chart(canvas.current!, {
      type: 'matrix',
      data: {
        datasets: [
          {
            label: 'Tokens',
            data,
            backgroundColor: (context) => {
              const v = (context.raw as { v: number } | undefined)?.v ?? 0;
              return `rgba(31, 95, 191, ${0.06 + (0.94 * Math.sqrt(v)) / max})`;
            },
            borderColor: '#ffffff',
            borderWidth: 1,
            width: ({ chart }) => (chart.chartArea?.width ?? 0) / labels.length - 1,
            height: ({ chart }) => (chart.chartArea?.height ?? 0) / labels.length - 1,
          },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: () => '',
              label: (context) => {
                const d = context.raw as { x: string; y: string; v: number };
                return `${nameA}: ${d.y}, ${nameB}: ${d.x}: ${d.v} tokens`;
              },
            },
          },
        },
        scales: {
          x: { type: 'category', labels, offset: true, position: 'top', title: { display: true, text: nameB }, grid: { display: false } },
          y: { type: 'category', labels, offset: true, reverse: true, title: { display: true, text: nameA }, grid: { display: false } },
        },
        onClick: (_event, elements) => {
          const hit = elements[0];
          const d = hit ? data[hit.index] : undefined;
          if (d) clicked(d.y, d.x);
        },
      },
    });
    return () => chart.destroy();
  }, [pair, nameA, nameB]);
  return (
    <figure className="agreement-chart">
      <figcaption>{title}</figcaption>
      <div className="chart-box chart-square">
        <canvas
          ref={canvas}
          role="img"
          aria-label={`Heatmap of token labels, ${nameA} in rows and ${nameB} in columns; the table “Token confusion” holds the same counts.`}
        />
      </div>
    </figure>
  );
}

const format = (value: number | null) => (value === null ? 'none' : value.toFixed(3));
