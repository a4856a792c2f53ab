import { Fragment, useId, useMemo } from 'react';
import type { DiffPart } from '../../schema/text-diff';
import { describeSummary, diffHunks, readableDiff } from './diff-hunks';

/** Beyond this many changed places, the rest are counted, not drawn. */
const MAX_HUNKS = 300;

/**
 * What changed between two texts, word by word: a summary, then each changed place with a few
 * words around it. Removed text is struck through, added text underlined, and a screen reader
 * hears "removed:" and "added:" before each.
 */
export function TextDiff({ before, after, label }: { before: string; after: string; label: string }) {
  const id = useId();
  const { hunks, summary } = useMemo(() => diffHunks(readableDiff(before, after)), [before, after]);
  const shown = hunks.slice(0, MAX_HUNKS);
  return (
    <section className="text-diff" aria-labelledby={`${id}-summary`}>
      <p id={`${id}-summary`} className="text-diff-summary" role="status">
        <span className="visually-hidden">{label}: </span>
        {describeSummary(summary)}
      </p>
      {shown.length > 0 && (
        <ol className="text-diff-hunks" aria-label={`Changes, ${label}`}>
          {shown.map((hunk, i) => (
            <li key={i}>
              {hunk.cutBefore && <span aria-hidden="true">… </span>}
              {hunk.parts.map((part, j) => (
                <DiffText key={j} part={part} />
              ))}
              {hunk.cutAfter && <span aria-hidden="true"> …</span>}
            </li>
          ))}
        </ol>
      )}
      {hunks.length > shown.length && (
        <p>
          {hunks.length - shown.length} more changed places are not shown here.
        </p>
      )}
    </section>
  );
}

function DiffText({ part }: { part: DiffPart }) {
  if (part.kind === 'same') return part.text;
  const Tag = part.kind === 'removed' ? 'del' : 'ins';
  return (
    <Tag>
      <span className="visually-hidden">{part.kind}: </span>
      {part.text.split('\n').map((line, i) => (
        <Fragment key={i}>
          {/* A removed or added line break shows as ¶, or it would not show at all. */}
          {i > 0 && (
            <>
              <span aria-hidden="true">¶</span>
              <span className="visually-hidden">line break </span>
              {'\n'}
            </>
          )}
          {line}
        </Fragment>
      ))}
    </Tag>
  );
}
