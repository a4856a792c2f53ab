import type { AgreementRequest } from '../../schema/review';
import { reviewHref } from '../app/route';
import { useDisagreements, type DisagreementFocus } from './useDisagreements';
import { plural } from '../common/plural';

interface Props {
  /** The pair's two annotator ids, A first. */
  layers: [string, string];
  title: string;
  focus: DisagreementFocus;
  scope: AgreementRequest['scope'];
  documentTitle: string | null;
  onClose(): void;
}

/** The articles behind a clicked figure, each opening the review of the pair there. */
export function DisagreementList({ layers, title, focus, scope, documentTitle, onClose }: Props) {
  const scan = useDisagreements({ annotatorIds: layers, scope, documentTitle }, focus);
  const what =
    focus.kind === 'label' ? `${focus.label} spans without an exact match` : `tokens labelled ${focus.row} by A and ${focus.column} by B`;
  // The review opens at the first difference of the label (for a cell, the one that is not O).
  const label = focus.kind === 'label' ? focus.label : focus.row !== 'O' ? focus.row : focus.column;
  return (
    <section className="disagreements" aria-labelledby="disagreements-title">
      <h2 id="disagreements-title">Disagreements: {what}</h2>
      <p className="hint">
        {title}.{' '}
        <span role="status">
          {scan.error
            ? ''
            : scan.done
              ? `${plural(scan.articles.length, 'article')} of ${scan.of ?? 0}${scan.capped ? ' (only the first articles were looked at)' : ''}.`
              : `Looking… ${scan.looked} of ${scan.of ?? '?'} articles`}
        </span>
      </p>
      {scan.error && <p role="alert" className="notice-error">{scan.error}</p>}
      <ul aria-label="Articles with these disagreements">
        {scan.articles.map((article) => (
          <li key={article.id}>
            <a href={reviewHref(article.id, { a: layers[0], b: layers[1], label })}>{article.title}</a>{' '}
            <span className="hint">({article.count})</span>
          </li>
        ))}
      </ul>
      <button type="button" className="small" onClick={onClose}>
        Close the list
      </button>
    </section>
  );
}
