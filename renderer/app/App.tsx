import { useMemo } from 'react';
import { AnnotateView } from '../annotate/AnnotateView';
import { LibraryView } from '../library/LibraryView';
import { libraryHref, parseRoute, useHash } from './route';

export function App() {
  const hash = useHash();
  const route = useMemo(() => parseRoute(hash), [hash]);
  return (
    <div className="app">
      <header className="app-header">
        <a className="app-name" href={libraryHref}>
          Byline
        </a>
        <nav aria-label="Main">
          <a href={libraryHref} aria-current={route.view === 'library' ? 'page' : undefined}>
            Library
          </a>
        </nav>
      </header>
      {route.view === 'annotate' ? (
        <AnnotateView key={route.documentId} documentId={route.documentId} />
      ) : (
        <LibraryView />
      )}
    </div>
  );
}
