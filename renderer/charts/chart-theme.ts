import type { ChartConfiguration } from 'chart.js';

/** A color of the current theme (styles.css), for text and grid lines drawn on a canvas. */
export function themeColor(name: string, fallback: string): string {
  const probe = document.createElement('span');
  probe.style.color = `var(${name})`;
  document.body.append(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color || fallback;
}

/** The options of a chart with the axis and legend colors of the current theme, drawn at once (no animation). */
export function themed(options: ChartConfiguration['options']): ChartConfiguration['options'] {
  const text = themeColor('--text', '#1d1d1f');
  const grid = themeColor('--border', '#d9d9d6');
  const scales = Object.fromEntries(
    Object.entries(options?.scales ?? {}).map(([key, scale]) => {
      const title = scale && 'title' in scale ? scale.title : undefined;
      return [key, { ...scale, ticks: { color: text, ...scale?.ticks }, grid: { color: grid, ...scale?.grid }, title: { color: text, ...title } }];
    }),
  );
  const legend = { labels: { color: text }, ...options?.plugins?.legend };
  return { animation: false, maintainAspectRatio: false, ...options, scales, plugins: { ...options?.plugins, legend } };
}
