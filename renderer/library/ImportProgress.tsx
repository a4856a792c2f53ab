import { useState } from 'react';
import type { ImportOutcome, ImportReport } from '../../schema/api';
import { warningsOf, warningSummary } from '../../schema/import-warnings';

export interface RunningImport {
  jobId: string;
  done: number;
  total: number;
  current: string | null;
}

interface Props {
  running: RunningImport | null;
  report: ImportReport | null;
  onCancel(jobId: string): void;
  onDismiss(): void;
}

/** A running import's progress bar with Cancel, then its report: every file and what became of it. */
export function ImportProgress({ running, report, onCancel, onDismiss }: Props) {
  if (running) {
    return (
      <section className="import-progress" aria-labelledby="import-progress-title">
        <h2 id="import-progress-title">Importing</h2>
        <progress max={Math.max(running.total, 1)} value={running.done} aria-label="Files imported" />
        <p role="status">
          {running.done} of {running.total} files
          {running.current && (
            <>
              {' '}
              — <span className="current-file">{running.current}</span>
            </>
          )}
        </p>
        <button type="button" onClick={() => onCancel(running.jobId)}>
          Cancel import
        </button>
      </section>
    );
  }
  if (!report) return null;
  const count = (status: ImportOutcome['status']) => report.outcomes.filter((o) => o.status === status).length;
  const withWarnings = report.outcomes.filter((o) => warningsOf(o).length > 0);
  return (
    <section className="import-report" aria-labelledby="import-report-title">
      <h2 id="import-report-title">{report.canceled ? 'Import canceled' : 'Import finished'}</h2>
      <p role="status">
        {count('imported')} imported, {count('duplicate')} already in the library, {count('failed')} failed
        {report.canceled ? `, ${count('canceled')} not imported (canceled)` : ''}; {warningSummary(report.outcomes)}.
      </p>
      {report.outcomes.length <= LIST_ALL ? (
        <OutcomeList outcomes={report.outcomes} />
      ) : (
        <>
          {count('failed') > 0 && (
            <OutcomeList label="Files that failed" outcomes={report.outcomes.filter((o) => o.status === 'failed')} />
          )}
          {withWarnings.length > 0 && <OutcomeList label="Files with warnings" outcomes={withWarnings} />}
          <AllFiles outcomes={report.outcomes} />
        </>
      )}
      <button type="button" onClick={onDismiss}>
        Close report
      </button>
    </section>
  );
}

/** Above this many files, a report lists the failures and keeps the rest behind “All files”. */
const LIST_ALL = 100;

function OutcomeList({ outcomes, label = 'Files imported' }: { outcomes: readonly ImportOutcome[]; label?: string }) {
  return (
    <ul aria-label={label} className="outcome-list" tabIndex={0}>
      {outcomes.map((outcome, i) => (
        <li key={i} className={`outcome-${outcome.status}`}>
          <span className="outcome-status">{statusText(outcome)}</span> <span className="outcome-source">{outcome.source}</span>
          {outcome.status === 'failed' && <span className="outcome-reason">{outcome.reason}</span>}
          <Warnings outcome={outcome} />
          {(outcome.status === 'imported' || outcome.status === 'duplicate') && outcome.notAnchored && (
            // A colleague's text differed: what could not be placed on ours is told, never dropped silently.
            <ul aria-label={`Not placed on your text of the article (${outcome.notAnchored.length})`}>
              {outcome.notAnchored.map((item) => (
                <li key={item.id} className="outcome-reason">
                  {item.kind === 'link' ? 'Link' : 'Annotation'} {item.kind === 'link' ? item.quote : `“${item.quote}”`} in {item.document}: {item.reason}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * What a file imported with had that was read with a difference, or left out: apart from
 * failures (the file is in the library), each said as kept or left out in words, not by color.
 */
function Warnings({ outcome }: { outcome: ImportOutcome }) {
  const warnings = warningsOf(outcome);
  if (warnings.length === 0) return null;
  return (
    <ul aria-label={`Warnings (${warnings.length})`} className="outcome-warnings">
      {warnings.map((warning, i) => (
        <li key={i} className={`outcome-warning warning-${warning.kind === 'kept' ? 'kept' : 'left-out'}`}>
          <span className="warning-kind">{warning.kind === 'kept' ? 'Kept, with a difference:' : 'Left out:'}</span> {warning.message}
        </li>
      ))}
    </ul>
  );
}

/** Every file of a large import, rendered only once asked for. */
function AllFiles({ outcomes }: { outcomes: readonly ImportOutcome[] }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>All {outcomes.length.toLocaleString()} files</summary>
      {open && <OutcomeList outcomes={outcomes} />}
    </details>
  );
}

function statusText(outcome: ImportOutcome): string {
  switch (outcome.status) {
    case 'imported': {
      const parts = [
        outcome.documents === 1 ? `“${outcome.document.title}”` : `${outcome.documents} articles`,
        outcome.annotations ? `${outcome.annotations} annotations` : '',
        outcome.relations ? `${outcome.relations} links` : '',
        outcome.verdicts ? `${outcome.verdicts} review verdicts` : '',
      ].filter(Boolean);
      return `Imported ${parts.join(', ')}:`;
    }
    case 'duplicate':
      return `Already in the library (“${outcome.document.title}”):`;
    case 'failed':
      return 'Failed:';
    case 'canceled':
      return 'Not imported (canceled):';
  }
}
