import type { ExportOutcome } from '../../schema/api';

export interface RunningExport {
  jobId: string;
  done: number;
  total: number;
}

interface Props {
  running: RunningExport | null;
  outcome: ExportOutcome | null;
  onCancel(jobId: string): void;
  onDismiss(): void;
}

/** An export's progress with Cancel, then where it went (or why it did not). */
export function ExportProgress({ running, outcome, onCancel, onDismiss }: Props) {
  if (running) {
    return (
      <section className="import-progress" aria-labelledby="export-progress-title">
        <h2 id="export-progress-title">Exporting</h2>
        <progress max={Math.max(running.total, 1)} value={running.done} aria-label="Articles exported" />
        <p role="status">
          {running.done} of {running.total} articles
        </p>
        <button type="button" onClick={() => onCancel(running.jobId)}>
          Cancel export
        </button>
      </section>
    );
  }
  if (!outcome) return null;
  return (
    <section className="import-report" aria-labelledby="export-report-title">
      <h2 id="export-report-title">{outcome.status === 'exported' ? 'Export finished' : outcome.status === 'canceled' ? 'Export canceled' : 'Export failed'}</h2>
      {outcome.status === 'exported' ? (
        <p role="status">
          Exported {outcome.documents} {outcome.documents === 1 ? 'article' : 'articles'}, {outcome.annotations} annotations and{' '}
          {outcome.relations} links to <span className="outcome-source">{outcome.path}</span>.
        </p>
      ) : (
        <p role={outcome.status === 'failed' ? 'alert' : 'status'} className={outcome.status === 'failed' ? 'notice-error' : undefined}>
          {outcome.reason}
        </p>
      )}
      <button type="button" onClick={onDismiss}>
        Close
      </button>
    </section>
  );
}
