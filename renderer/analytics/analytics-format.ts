import type { Share, SourceKind } from '../../schema/analytics';

export const KIND_NAMES: Record<SourceKind, string> = { anonymous: 'Anonymous', named: 'Named', unsourced: 'Without a source' };

/** Bar colors of each kind, legible on both themes' panels and told apart without color by the legend and table. */
export const KIND_COLORS: Record<SourceKind, string> = { anonymous: '#c2418a', named: '#2f7fd8', unsourced: '#8a8f98' };

export const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

/** "12 (3.1%; 95% CI 1.5–5.4%)" */
export function countWithShare(count: number, share: Share): string {
  return `${count} (${percent(share.share)}; 95% CI ${percent(share.low)}–${percent(share.high)})`;
}

export const outletName = (outlet: string) => outlet || '(no outlet)';
export const monthName = (month: string) => month || '(no date)';

/** A file name for a figure's export: "analytics-sources-by-outlet". */
export const fileStem = (title: string) =>
  `analytics-${title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '')}`;
