import { useSyncExternalStore } from 'react';

export type Route =
  | { view: 'library' }
  | { view: 'settings' }
  /** `find`: words to show and flash on opening (a search hit). */
  | { view: 'annotate'; documentId: string; find: string | null };

/** The view lives in the URL hash, so a reload comes back to the same article. */
export function parseRoute(hash: string): Route {
  if (hash === settingsHref) return { view: 'settings' };
  const match = /^#\/doc\/([0-9a-f-]{36})(?:\?find=(.*))?$/i.exec(hash);
  if (!match) return { view: 'library' };
  return { view: 'annotate', documentId: match[1]!, find: match[2] ? decodeURIComponent(match[2]) : null };
}

export const documentHref = (id: string, find?: string | null) =>
  `#/doc/${id}${find ? `?find=${encodeURIComponent(find)}` : ''}`;
export const libraryHref = '#/';
export const settingsHref = '#/settings';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}
