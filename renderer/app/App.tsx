import { useCallback, useEffect, useMemo, useState } from 'react';
import { AnnotateView } from '../annotate/AnnotateView';
import { call, messageOf, useHostEvents } from '../api';
import { ErrorNotice } from '../common/ErrorNotice';
import { useWindowKeys } from '../common/useWindowKeys';
import { LibraryView } from '../library/LibraryView';
import { AgreementView } from '../review/AgreementView';
import { AnalyticsView } from '../analytics/AnalyticsView';
import { ReviewView } from '../review/ReviewView';
import { SettingsView } from '../settings/SettingsView';
import { AboutDialog } from './AboutDialog';
import { AppShortcuts } from './AppShortcuts';
import { CommandsContext, createCommands, rememberDocument } from './commands';
import { DropZone } from './DropZone';
import { RestoreBackupDialog } from './RestoreBackupDialog';
import { agreementHref, analyticsHref, libraryHref, parseRoute, reviewHref, settingsHref, useHash } from './route';
import { WorkspaceBanner } from './WorkspaceBanner';
import { TeamStatusBadge } from '../team/TeamStatusBadge';
import { WorkspaceMenu } from './WorkspaceMenu';

export function App() {
  const hash = useHash();
  const route = useMemo(() => parseRoute(hash), [hash]);
  /** Bumped when another workspace opens: every view mounts again and loads from it. */
  const [generation, setGeneration] = useState(0);
  const [workspaceName, setWorkspaceName] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'about' | 'shortcuts' | 'restore' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const fail = useCallback((error: unknown) => setProblem(messageOf(error)), []);
  const workspaceSwitched = useCallback(() => {
    setProblem(null);
    setDialog(null);
    window.location.hash = libraryHref;
    setGeneration((g) => g + 1);
  }, []);
  const commands = useMemo(
    () =>
      createCommands({
        showAbout: () => setDialog('about'),
        showShortcuts: () => setDialog('shortcuts'),
        restoreBackup: () => setDialog('restore'),
        workspaceSwitched,
        fail,
      }),
    [fail, workspaceSwitched],
  );

  useEffect(() => {
    if (route.view === 'annotate' || route.view === 'review') rememberDocument(route.documentId);
  }, [route]);

  useEffect(() => {
    let current = true;
    call('workspace.info', {}).then((info) => {
      if (!current) return;
      const name = fileName(info.path);
      setWorkspaceName(name);
      document.title = `${name} — Byline`;
    }, fail);
    return () => {
      current = false;
    };
  }, [generation, fail]);

  /** Files the OS asked Byline to open (a second launch, the Dock) while it runs, or at its start. */
  const takeRequested = useCallback(
    () => void call('imports.takeRequested', {}).then((paths) => paths.length > 0 && commands.importPaths(paths), fail),
    [commands, fail],
  );
  useEffect(takeRequested, [takeRequested]);

  useHostEvents((event) => {
    if (event.type === 'command') commands[event.command]();
    else if (event.type === 'workspace.switched') workspaceSwitched();
    else if (event.type === 'imports.requested') takeRequested();
  });

  // Find is the renderer's own key (the menu only shows it), so that it works in both hosts.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        commands['edit.find']();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [commands]);
  useWindowKeys((event) => {
    if (event.key === '?' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      commands['help.shortcuts']();
    }
  });

  return (
    <CommandsContext value={commands}>
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
            <a href={analyticsHref} aria-current={route.view === 'analytics' ? 'page' : undefined}>
              Analytics
            </a>
            {route.view === 'annotate' && <a href={reviewHref(route.documentId)}>Review this article</a>}
          </nav>
          <TeamStatusBadge key={`team-${generation}`} />
          <WorkspaceMenu name={workspaceName} />
        </header>
        {problem && <ErrorNotice message={problem} onDismiss={() => setProblem(null)} className="app-problem" />}
        <WorkspaceBanner key={`banner-${generation}`} onRestored={workspaceSwitched} />
        <View key={generation} route={route} />
        <DropZone onPaths={commands.importPaths} onError={fail} />
        <AboutDialog open={dialog === 'about'} onClose={() => setDialog(null)} />
        <AppShortcuts open={dialog === 'shortcuts'} onClose={() => setDialog(null)} />
        <RestoreBackupDialog
          open={dialog === 'restore'}
          onClose={() => setDialog(null)}
          onRestored={workspaceSwitched}
        />
      </div>
    </CommandsContext>
  );
}

function View({ route }: { route: ReturnType<typeof parseRoute> }) {
  return route.view === 'annotate' ? (
    <AnnotateView key={route.documentId} documentId={route.documentId} find={route.find} span={route.span} />
  ) : route.view === 'review' ? (
    <ReviewView key={route.documentId} documentId={route.documentId} layerA={route.a} layerB={route.b} focusLabel={route.label} />
  ) : route.view === 'agreement' ? (
    <AgreementView key={route.documentId ?? ''} documentId={route.documentId} />
  ) : route.view === 'analytics' ? (
    <AnalyticsView />
  ) : route.view === 'settings' ? (
    <SettingsView />
  ) : (
    <LibraryView />
  );
}

/** A workspace's name: its file name without the folder and the extension. */
function fileName(path: string): string {
  const base = path.split(/[\\/]/).at(-1) ?? path;
  return base.replace(/\.[^.]+$/, '') || base;
}
