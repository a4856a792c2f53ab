import { useSyncExternalStore } from 'react';

export type Route =
  | { view: 'library' }
  | { view: 'settings' }
  /** `find`: words to show and flash on opening (a search hit); `span`: an annotation to select and show (from analytics). */
  | { view: 'annotate'; documentId: string; find: string | null; span: string | null }
  /** `a`, `b`: the two layers (annotator ids) compared; `label`: show its differences first. */
  | { view: 'review'; documentId: string; a: string | null; b: string | null; label: string | null }
  /** `documentId`: the article offered as the scope ("this article"). */
  | { view: 'agreement'; documentId: string | null }
  | { view: 'analytics' };

const UUID = '[0-9a-f-]{36}';

/** The view lives in the URL hash, so a reload comes back to the same article. */
export function parseRoute(hash: string): Route {
  if (hash === settingsHref) return { view: 'settings' };
  const review = new RegExp(`^#/review/(${UUID})(?:\\?(.*))?$`, 'i').exec(hash);
  if (review) {
    const params = new URLSearchParams(review[2] ?? '');
    return {
      view: 'review',
      documentId: review[1]!,
      a: uuidOrNull(params.get('a')),
      b: uuidOrNull(params.get('b')),
      label: params.get('label') || null,
    };
  }
  const agreement = /^#\/agreement(?:\?(.*))?$/.exec(hash);
  if (agreement) return { view: 'agreement', documentId: uuidOrNull(new URLSearchParams(agreement[1] ?? '').get('doc')) };
  if (hash === analyticsHref) return { view: 'analytics' };
  const match = new RegExp(`^#/doc/(${UUID})(?:\\?(.*))?$`, 'i').exec(hash);
  if (!match) return { view: 'library' };
  const params = new URLSearchParams(match[2] ?? '');
  return { view: 'annotate', documentId: match[1]!, find: params.get('find') || null, span: uuidOrNull(params.get('span')) };
}

function uuidOrNull(value: string | null): string | null {
  return value && new RegExp(`^${UUID}$`, 'i').test(value) ? value : null;
}

export const documentHref = (id: string, find?: string | null) =>
  `#/doc/${id}${find ? `?find=${encodeURIComponent(find)}` : ''}`;
/** An article opened at one of its annotations, selected. */
export const spanHref = (documentId: string, annotationId: string) => `#/doc/${documentId}?span=${annotationId}`;
export const analyticsHref = '#/analytics';
export const libraryHref = '#/';
export const settingsHref = '#/settings';

export function reviewHref(documentId: string, layers?: { a: string; b: string; label?: string | null }): string {
  if (!layers) return `#/review/${documentId}`;
  const params = new URLSearchParams({ a: layers.a, b: layers.b });
  if (layers.label) params.set('label', layers.label);
  return `#/review/${documentId}?${params.toString()}`;
}

export const agreementHref = (documentId?: string | null) =>
  documentId ? `#/agreement?doc=${documentId}` : '#/agreement';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}
