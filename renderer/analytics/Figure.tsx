import { stringify } from 'csv-stringify/browser/esm/sync';
import { useId, useRef, type ReactNode } from 'react';
import type { AnalyticsReport } from '../../schema/analytics';
import { reportRows, ROW_COLUMNS, type FigureName } from '../../schema/analytics-rows';
import { fileStem } from './analytics-format';
import type { ChartFiles } from '../charts/FigureChart';

interface Props {
  title: string;
  /** The rows of the tidy table (schema/analytics-rows.ts) its CSV holds. */
  figures: readonly FigureName[];
  report: AnalyticsReport;
  /** The chart, given the handle that saves it. */
  chart(files: React.RefObject<ChartFiles | null>): ReactNode;
  /** The table with the same figures. */
  table: ReactNode;
  note?: ReactNode;
}

/** One figure of the view: its title, chart, table, and buttons that save it as PNG, SVG and CSV. */
export function Figure({ title, figures, report, chart, table, note }: Props) {
  const id = useId();
  const files = useRef<ChartFiles | null>(null);
  const stem = fileStem(title);
  const save = (name: string, href: string) => {
    const link = document.createElement('a');
    link.href = href;
    link.download = name;
    link.click();
  };
  const saveText = (name: string, text: string, type: string) => {
    const url = URL.createObjectURL(new Blob([text], { type }));
    save(name, url);
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <section className="analytics-figure" aria-labelledby={`${id}-title`}>
      <div className="figure-head">
        <h2 id={`${id}-title`}>{title}</h2>
        <div className="figure-actions" role="group" aria-label={`Save “${title}”`}>
          <button type="button" onClick={() => save(`${stem}.png`, files.current!.png())}>
            PNG
          </button>
          <button type="button" onClick={() => saveText(`${stem}.svg`, files.current!.svg(), 'image/svg+xml')}>
            SVG
          </button>
          <button
            type="button"
            onClick={() => saveText(`${stem}.csv`, `\uFEFF${stringify([[...ROW_COLUMNS], ...reportRows(report, figures)])}`, 'text/csv')}
          >
            CSV
          </button>
        </div>
      </div>
      {note}
      <div className="figure-body">
        {chart(files)}
        <div className="figure-table">{table}</div>
      </div>
    </section>
  );
}
