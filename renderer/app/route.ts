import { useSyncExternalStore } from 'react';

export type Route = { view: 'library' } | { view: 'settings' } | { view: 'annotate'; documentId: string };

/** The view lives in the URL hash, so a reload comes back to the same article. */
export function parseRoute(hash: string): Route {
  if (hash === settingsHref) return { view: 'settings' };
  const match = /^#\/doc\/([0-9a-f-]{36})$/i.exec(hash);
  return match ? { view: 'annotate', documentId: match[1]! } : { view: 'library' };
}

export const documentHref = (id: string) => `#/doc/${id}`;
export const libraryHref = '#/';
export const settingsHref = '#/settings';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}
