import { useCallback, useEffect, useRef, useState } from 'react';
import type { RequestOf } from '../../schema/api';
import type { LibraryRow } from '../../schema/model';
import { call, messageOf } from '../api';

export type LibraryFilter = Omit<RequestOf<'library.query'>, 'offset' | 'limit'>;

const PAGE = 100;

/**
 * The library's rows for one filter, fetched a page at a time as they come into view: a library
 * of 100,000 articles costs what the screen shows. (A new filter is a new component: key it.)
 */
export function useLibraryPages(filter: LibraryFilter) {
  const [total, setTotal] = useState<number | null>(null);
  const [more, setMore] = useState(false);
  const [rows, setRows] = useState<ReadonlyMap<number, LibraryRow>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const requested = useRef(new Set<number>());
  const [initial] = useState(filter);

  const load = useCallback(
    (page: number) => {
      if (requested.current.has(page)) return;
      requested.current.add(page);
      call('library.query', { ...initial, offset: page * PAGE, limit: PAGE }).then(
        (result) => {
          setTotal(result.total);
          setMore(result.more);
          setRows((old) => {
            const next = new Map(old);
            result.rows.forEach((row, i) => next.set(page * PAGE + i, row));
            return next;
          });
        },
        (caught: unknown) => setError(messageOf(caught)),
      );
    },
    [initial],
  );

  useEffect(() => load(0), [load]);

  /** Makes sure the rows from `first` to `last` are (being) loaded. */
  const ensure = useCallback(
    (first: number, last: number) => {
      for (let page = Math.floor(first / PAGE); page <= Math.floor(last / PAGE); page++) load(page);
    },
    [load],
  );

  return { total, more, rows, error, ensure };
}
