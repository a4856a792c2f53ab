import { useMemo } from 'react';
import { AnnotateView } from '../annotate/AnnotateView';
import { LibraryView } from '../library/LibraryView';
import { SettingsView } from '../settings/SettingsView';
import { libraryHref, parseRoute, settingsHref, useHash } from './route';

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
          <a href={settingsHref} aria-current={route.view === 'settings' ? 'page' : undefined}>
            Labels
          </a>
        </nav>
      </header>
      {route.view === 'annotate' ? (
        <AnnotateView key={route.documentId} documentId={route.documentId} find={route.find} />
      ) : route.view === 'settings' ? (
        <SettingsView />
      ) : (
        <LibraryView />
      )}
    </div>
  );
}
