/**
 * How an import's warnings are counted in words, the same in the app's report and the command
 * line's summary line.
 */
import type { ImportOutcome, ImportWarning } from './api';

/** The warnings of an outcome: only files that were imported (or found present) have any. */
export function warningsOf(outcome: ImportOutcome): ImportWarning[] {
  return outcome.status === 'imported' || outcome.status === 'duplicate' ? (outcome.warnings ?? []) : [];
}

/** "no warnings", or "3 warnings in 2 files (2 lines kept with a difference, 1 left out)". */
export function warningSummary(outcomes: readonly ImportOutcome[]): string {
  const files = outcomes.filter((o) => warningsOf(o).length > 0);
  const warnings = files.flatMap(warningsOf);
  if (warnings.length === 0) return 'no warnings';
  const kept = warnings.filter((w) => w.kind === 'kept').length;
  const leftOut = warnings.length - kept;
  const parts = [kept > 0 ? `${plural(kept, 'line')} kept with a difference` : '', leftOut > 0 ? `${plural(leftOut, 'line')} left out` : '']
    .filter(Boolean)
    .join(', ');
  return `${plural(warnings.length, 'warning')} in ${plural(files.length, 'file')} (${parts})`;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
