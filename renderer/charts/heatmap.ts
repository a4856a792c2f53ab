import type { ChartConfiguration } from 'chart.js';
import { themeColor, themed } from './chart-theme';

/** A cell of a heat map: its column, its row and its count. */
export interface HeatCell {
  x: string;
  y: string;
  v: number;
}

interface Heatmap {
  /** What a cell counts ("Tokens", "Claims"). */
  label: string;
  cells: readonly HeatCell[];
  columns: readonly string[];
  rows: readonly string[];
  /** The shade of a full cell, as "r, g, b". */
  rgb: string;
  /** A cell's tooltip. */
  describe(cell: HeatCell): string;
  /** Where the column and row names go (the scales' options beyond their labels). */
  x?: Record<string, unknown>;
  y?: Record<string, unknown>;
}

/** A chartjs-chart-matrix chart in the current theme: one cell per column and row, each filling its share of the chart area. */
export function heatmapConfig({ label, cells, columns, rows, rgb, describe, x, y }: Heatmap): ChartConfiguration {
  // Shades by the square root of the count: the largest cell would otherwise wash out every other.
  const max = Math.sqrt(Math.max(1, ...cells.map((c) => c.v)));
  const gap = themeColor('--panel', '#ffffff');
  return {
    type: 'matrix',
    data: {
      datasets: [
        {
          label,
          data: [...cells],
          backgroundColor: (context: { raw?: unknown }) => `rgba(${rgb}, ${0.06 + (0.94 * Math.sqrt((context.raw as HeatCell | undefined)?.v ?? 0)) / max})`,
          borderColor: gap,
          borderWidth: 1,
          width: ({ chart }: { chart: { chartArea?: { width: number } } }) => (chart.chartArea?.width ?? 0) / Math.max(1, columns.length) - 1,
          height: ({ chart }: { chart: { chartArea?: { height: number } } }) => (chart.chartArea?.height ?? 0) / Math.max(1, rows.length) - 1,
        },
      ],
    },
    options: themed({
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { title: () => '', label: (context) => describe(context.raw as HeatCell) } },
      },
      scales: {
        x: { type: 'category', labels: [...columns], offset: true, position: 'top', grid: { display: false }, ...x },
        // chartjs-chart-matrix reverses y by default; the rows read top to bottom, as in the table beside the chart.
        y: { type: 'category', labels: [...rows], offset: true, reverse: false, grid: { display: false }, ...y },
      },
    }),
  } as ChartConfiguration;
}
