import { useEffect, useState } from 'react';
import type { AgreementRequest, PairAgreement } from '../../schema/review';
import { call, messageOf } from '../api';

/** What was clicked: a label's row (bars, table) or a cell of the token confusion matrix. */
export type DisagreementFocus = { kind: 'label'; label: string } | { kind: 'cell'; row: string; column: string };

export interface ArticleDisagreements {
  id: string;
  title: string;
  /** Spans of that label without an exact match on the other side, or tokens in that cell. */
  count: number;
}

interface Scan {
  articles: ArticleDisagreements[];
  looked: number;
  of: number | null;
  done: boolean;
  /** More articles are in the scope than were looked at. */
  capped: boolean;
  error: string | null;
}

/** Most articles a click looks through, one agreement call each. */
const MAX_ARTICLES = 5_000;
const PAGE = 500;

/** How much of the focus an article's pair figures hold. */
export function disagreementCount(pair: PairAgreement, focus: DisagreementFocus): number {
  if (focus.kind === 'label') {
    const scores = pair.spans.perLabel.find((l) => l.label === focus.label)?.exact;
    return scores ? scores.a - scores.matched + (scores.b - scores.matched) : 0;
  }
  const i = pair.confusion.labels.indexOf(focus.row);
  const j = pair.confusion.labels.indexOf(focus.column);
  return i < 0 || j < 0 ? 0 : (pair.confusion.counts[i]?.[j] ?? 0);
}

/**
 * The articles behind a figure: each article of the scope is compared on its own for the pair,
 * and those where the clicked label (or confusion cell) disagrees are listed as they are found.
 */
type Request = { annotatorIds: [string, string]; scope: AgreementRequest['scope']; documentTitle: string | null } | null;

export function useDisagreements(request: Request, focus: DisagreementFocus | null): Scan {
  const [scan, setScan] = useState<Scan>({ articles: [], looked: 0, of: null, done: false, capped: false, error: null });
  const key = request && focus ? JSON.stringify([request, focus]) : null;

  useEffect(() => {
    if (!key) return;
    // Parsed back from the key, so that only a change of what is asked starts a new scan.
    const [request, focus] = JSON.parse(key) as [NonNullable<Request>, DisagreementFocus];
    let current = true;
    setScan({ articles: [], looked: 0, of: null, done: false, capped: false, error: null });
    void (async () => {
      try {
        const { articles: all, capped } = await articlesIn(request.scope, request.documentTitle);
        if (current) setScan((s) => ({ ...s, of: all.length, capped }));
        for (const article of all) {
          if (!current) return;
          const report = await call('agreement.compute', {
            annotatorIds: request.annotatorIds,
            scope: { kind: 'document', id: article.id },
          });
          const pair = report.pairs[0];
          const count = pair ? disagreementCount(pair, focus) : 0;
          if (!current) return;
          setScan((s) => ({
            ...s,
            looked: s.looked + 1,
            articles: count > 0 ? [...s.articles, { ...article, count }] : s.articles,
          }));
        }
        if (current) setScan((s) => ({ ...s, done: true }));
      } catch (error) {
        if (current) setScan((s) => ({ ...s, done: true, error: messageOf(error) }));
      }
    })();
    return () => {
      current = false;
    };
  }, [key]);
  return scan;
}

async function articlesIn(
  scope: AgreementRequest['scope'],
  documentTitle: string | null,
): Promise<{ articles: { id: string; title: string }[]; capped: boolean }> {
  if (scope.kind === 'document') return { articles: [{ id: scope.id, title: documentTitle ?? 'This article' }], capped: false };
  const articles: { id: string; title: string }[] = [];
  for (let offset = 0; offset < MAX_ARTICLES; offset += PAGE) {
    const page = await call('library.query', {
      offset,
      limit: PAGE,
      sort: 'title',
      descending: false,
      collectionId: scope.kind === 'collection' ? scope.id : null,
    });
    articles.push(...page.rows.map((r) => ({ id: r.id, title: r.title })));
    if (offset + PAGE >= page.total) return { articles, capped: false };
  }
  return { articles, capped: true };
}
