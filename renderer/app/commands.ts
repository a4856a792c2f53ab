/**
 * The renderer's command table: one function per Command of schema/commands.ts. The application
 * menu (a `command` HostEvent) and the in-app buttons and keys run these same functions. A command
 * that needs a view (undo in an article, the library's search box) asks the view shown now, or
 * goes to the view that has it and runs there once it is shown.
 */
import { createContext, useContext, useEffect, useRef } from 'react';
import type { Command } from '../../schema/commands';
import { call } from '../api';
import { agreementHref, analyticsHref, documentHref, libraryHref, parseRoute, reviewHref, settingsHref } from './route';
import { setTheme } from './theme';

/** What the view shown now can do; each view registers its own with useViewCommands. */
export interface ViewCommands {
  undo?(): void;
  redo?(): void;
  /** The view's own sheet of keys. */
  shortcuts?(): void;
  /** The annotate view only: enters or leaves the edit mode of the article's text. */
  editText?(): void;
  /** The annotate view only: find and replace in the article's text. */
  replace?(): void;
  /** The library only: */
  find?(): void;
  openImport?(): void;
  openExport?(): void;
  importPaths?(paths: string[]): void;
}

/** What only the app shell can do (its dialogs, starting over on another workspace). */
export interface AppActions {
  showAbout(): void;
  showShortcuts(): void;
  restoreBackup(): void;
  /** Another workspace is open: every view loads again, at the library. */
  workspaceSwitched(): void;
  fail(error: unknown): void;
}

export type CommandTable = Record<Command, () => void> & {
  openRecent(path: string): void;
  importPaths(paths: string[]): void;
};

let shown: ViewCommands = {};
/** A library action asked for from another view, run once the library is shown. */
let pendingInLibrary: ((library: ViewCommands) => void) | null = null;
/** The article opened last, for View > Annotate and Review from the library or settings. */
let lastDocumentId: string | null = null;

/** Registers a view's commands while it is mounted (the latest closures, without re-registering). */
export function useViewCommands(commands: ViewCommands): void {
  const latest = useRef(commands);
  useEffect(() => {
    latest.current = commands;
  });
  useEffect(() => {
    const proxy: ViewCommands = Object.fromEntries(
      Object.keys(latest.current).map((key) => [
        key,
        (...args: unknown[]) => (latest.current[key as keyof ViewCommands] as (...a: unknown[]) => void)(...args),
      ]),
    );
    shown = proxy;
    if (proxy.find && pendingInLibrary) {
      const run = pendingInLibrary;
      pendingInLibrary = null;
      run(proxy);
    }
    return () => {
      if (shown === proxy) shown = {};
    };
  }, []);
}

function inLibrary(run: (library: ViewCommands) => void): void {
  if (shown.find) return run(shown);
  pendingInLibrary = run;
  window.location.hash = libraryHref;
}

function isTextField(element: Element | null): boolean {
  return (
    element instanceof HTMLElement &&
    (element.isContentEditable || element instanceof HTMLTextAreaElement || (element instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit'].includes(element.type)))
  );
}

/** Undo and redo: the text field's own where the person is typing, else the view's. */
function editHistory(which: 'undo' | 'redo'): void {
  if (isTextField(document.activeElement)) document.execCommand(which);
  else shown[which]?.();
}

/** The article shown now, or the one shown last. */
function currentDocument(): string | null {
  const route = parseRoute(window.location.hash);
  return route.view === 'annotate' || route.view === 'review' ? route.documentId : lastDocumentId;
}

export function rememberDocument(documentId: string): void {
  lastDocumentId = documentId;
}

export function createCommands(app: AppActions): CommandTable {
  const switchWith = (request: Promise<{ path: string } | null>) =>
    void request.then((switched) => switched && app.workspaceSwitched(), app.fail);
  return {
    'file.newWorkspace': () => switchWith(call('workspace.new', {})),
    'file.openWorkspace': () => switchWith(call('workspace.open', {})),
    'file.import': () => inLibrary((library) => library.openImport?.()),
    'file.export': () => inLibrary((library) => library.openExport?.()),
    'file.restoreBackup': () => app.restoreBackup(),
    'edit.undo': () => editHistory('undo'),
    'edit.redo': () => editHistory('redo'),
    'edit.find': () => inLibrary((library) => library.find?.()),
    'edit.editText': () => shown.editText?.(),
    'edit.replace': () => shown.replace?.(),
    'view.library': () => void (window.location.hash = libraryHref),
    'view.annotate': () => {
      const id = currentDocument();
      window.location.hash = id ? documentHref(id) : libraryHref;
    },
    'view.review': () => {
      const id = currentDocument();
      window.location.hash = id ? reviewHref(id) : libraryHref;
    },
    'view.agreement': () => void (window.location.hash = agreementHref(currentDocument())),
    'view.analytics': () => void (window.location.hash = analyticsHref),
    'view.settings': () => void (window.location.hash = settingsHref),
    'view.theme.system': () => setTheme('system'),
    'view.theme.light': () => setTheme('light'),
    'view.theme.dark': () => setTheme('dark'),
    'help.shortcuts': () => (shown.shortcuts ? shown.shortcuts() : app.showShortcuts()),
    'help.about': () => app.showAbout(),
    openRecent: (path) => switchWith(call('workspace.openRecent', { path })),
    importPaths: (paths) => inLibrary((library) => library.importPaths?.(paths)),
  };
}

export const CommandsContext = createContext<CommandTable | null>(null);

/** The command table, for a button to run the same function as its menu item. */
export function useCommands(): CommandTable {
  const commands = useContext(CommandsContext);
  if (!commands) throw new Error('useCommands needs the App around it.');
  return commands;
}
