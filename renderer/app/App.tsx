import { useMemo } from 'react';
import { AnnotateView } from '../annotate/AnnotateView';
import { LibraryView } from '../library/LibraryView';
import { AgreementView } from '../review/AgreementView';
import { ReviewView } from '../review/ReviewView';
import { SettingsView } from '../settings/SettingsView';
import { agreementHref, libraryHref, parseRoute, reviewHref, settingsHref, useHash } from './route';

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
            Settings
          </a>
          <a href={agreementHref()} aria-current={route.view === 'agreement' ? 'page' : undefined}>
            Agreement
          </a>
          {route.view === 'annotate' && <a href={reviewHref(route.documentId)}>Review this article</a>}
        </nav>
      </header>
      {route.view === 'annotate' ? (
        <AnnotateView key={route.documentId} documentId={route.documentId} find={route.find} />
      ) : route.view === 'review' ? (
        <ReviewView
          key={route.documentId}
          documentId={route.documentId}
          layerA={route.a}
          layerB={route.b}
          focusLabel={route.label}
        />
      ) : route.view === 'agreement' ? (
        <AgreementView key={route.documentId ?? ''} documentId={route.documentId} />
      ) : route.view === 'settings' ? (
        <SettingsView />
      ) : (
        <LibraryView />
      )}
    </div>
  );
}
