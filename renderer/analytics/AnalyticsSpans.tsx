import { useEffect, useId, useRef } from 'react';
import type { SpansList } from '../../schema/analytics';
import { spanHref } from '../app/route';
import { outletName } from './analytics-format';
import { plural } from '../common/plural';

interface Props {
  /** What the bar was: "Anonymous claims, nyt". */
  what: string;
  /** null while it is looked up. */
  list: SpansList | null;
  onClose(): void;
}

/** The spans behind a bar: each opens its article at the span. Focus comes here when it opens. */
export function AnalyticsSpans({ what, list, onClose }: Props) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [what]);
  return (
    <section className="analytics-spans" aria-labelledby={`${id}-title`}>
      <div className="figure-head">
        <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
          {what}
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {!list ? (
        <p role="status">Looking them up…</p>
      ) : (
        <>
          <p role="status">
            {plural(list.total, 'span')}
            {list.total > list.spans.length ? `; the first ${list.spans.length} are listed` : ''}.
          </p>
          <ul className="spans-list">
            {list.spans.map((s) => (
              <li key={s.annotationId}>
                <a href={spanHref(s.documentId, s.annotationId)}>
                  <span className="span-quote">“{s.quote}”</span>
                </a>{' '}
                <span className="hint">
                  {s.title} · {outletName(s.outlet ?? '')}
                  {s.publishedAt ? ` · ${s.publishedAt.slice(0, 10)}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
