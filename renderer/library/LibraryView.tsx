import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportOutcome, ImportOutcome, ImportReport, RequestOf } from '../../schema/api';
import type { Annotator, Collection, Label, LibraryRow } from '../../schema/model';
import { call, messageOf, useHostEvents } from '../api';
import { useCommands, useViewCommands } from '../app/commands';
import { NamePrompt } from '../common/NamePrompt';
import { CollectionTools } from './CollectionTools';
import { ExportDialog } from './ExportDialog';
import { ExportProgress, type RunningExport } from './ExportProgress';
import { ImportDialog } from './ImportDialog';
import { ImportProgress, type RunningImport } from './ImportProgress';
import { LibraryFilters } from './LibraryFilters';
import { LibraryTable } from './LibraryTable';
import { MetadataDialog } from './MetadataDialog';
import { PasteArticleDialog } from './PasteArticleDialog';
import type { LibraryFilter } from './useLibraryPages';

const INITIAL: LibraryFilter = { sort: 'added', descending: true };

export function LibraryView() {
  const [filter, setFilter] = useState<LibraryFilter>(INITIAL);
  const [searchText, setSearchText] = useState('');
  const [labels, setLabels] = useState<Label[]>([]);
  const [outlets, setOutlets] = useState<string[]>([]);
  const [collections, setCollections] = useState<Collection[]>([]);
  const [total, setTotal] = useState<{ count: number; more: boolean } | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<{ done: string[]; failed: string[] } | null>(null);
  const [pasting, setPasting] = useState(false);
  const [importing, setImporting] = useState(false);
  const [running, setRunning] = useState<RunningImport | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [editing, setEditing] = useState<LibraryRow | null>(null);
  const [annotator, setAnnotator] = useState<string | null>(null);
  const [annotators, setAnnotators] = useState<Annotator[]>([]);
  const [exporting, setExporting] = useState(false);
  const [runningExport, setRunningExport] = useState<RunningExport | null>(null);
  const [exported, setExported] = useState<ExportOutcome | null>(null);
  /** Bumped to load the list again after something changed it. */
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const onTotal = useCallback((count: number, more: boolean) => setTotal({ count, more }), []);

  useEffect(() => {
    let current = true;
    Promise.all([
      call('labels.list', {}),
      call('library.outlets', {}),
      call('collections.list', {}),
      call('workspace.info', {}),
      call('annotators.list', {}),
    ]).then(
      ([labelList, outletList, collectionList, info, annotatorList]) => {
        if (!current) return;
        setAnnotators(annotatorList);
        setLabels(labelList);
        setOutlets(outletList);
        setCollections(collectionList);
        setAnnotator(info.annotator.name);
      },
      (error: unknown) => current && setNotice({ done: [], failed: [messageOf(error)] }),
    );
    return () => {
      current = false;
    };
  }, [generation]);

  // Searching as the person types, once they pause.
  useEffect(() => {
    const timer = setTimeout(() => {
      const search = searchText.trim() || null;
      setFilter((f) =>
        (f.search ?? null) === search
          ? f
          : { ...f, search, sort: search ? 'relevance' : f.sort === 'relevance' ? 'added' : f.sort, descending: search ? false : f.descending },
      );
    }, 200);
    return () => clearTimeout(timer);
  }, [searchText]);

  useHostEvents((event) => {
    if (event.type === 'job.progress' && event.kind === 'import') {
      setRunning({ jobId: event.jobId, done: event.done, total: event.total, current: event.current });
    } else if (event.type === 'import.finished') {
      setRunning(null);
      setReport(event.report);
      reload();
    } else if (event.type === 'job.progress') {
      setRunningExport({ jobId: event.jobId, done: event.done, total: event.total });
    } else if (event.type === 'export.finished') {
      setRunningExport(null);
      setExported(event.outcome);
    }
  });

  const startExport = async (request: RequestOf<'exports.start'>) => {
    setExporting(false);
    setExported(null);
    try {
      const started = await call('exports.start', request);
      if (started) setRunningExport((r) => r ?? { jobId: started.jobId, done: 0, total: 0 });
    } catch (error) {
      fail(error);
    }
  };

  const fail = (error: unknown) => setNotice({ done: [], failed: [messageOf(error)] });

  /** From the Import dialog (the OS picks the files), or files the OS handed over (dropped, opened with Byline). */
  const startImport = async (source: 'files' | 'folder' | string[], owner: string | null) => {
    setImporting(false);
    setReport(null);
    try {
      const started = Array.isArray(source)
        ? await call('imports.startPaths', {
            paths: source,
            annotator: owner ?? (await call('workspace.info', {})).annotator.name,
          })
        : await call('imports.start', { what: source, annotator: owner ?? '' });
      if (started) setRunning((r) => r ?? { jobId: started.jobId, done: 0, total: 0, current: null });
    } catch (error) {
      fail(error);
    }
  };

  const commands = useCommands();
  const searchBox = useRef<HTMLInputElement>(null);
  useViewCommands({
    find: () => {
      searchBox.current?.focus();
      searchBox.current?.select();
    },
    openImport: () => {
      if (running === null) setImporting(true);
    },
    openExport: () => {
      if (runningExport === null) setExporting(true);
    },
    importPaths: (paths) => {
      if (running === null) void startImport(paths, annotator);
      else fail(new Error('An import is running: drop the files again once it has finished.'));
    },
  });

  const sortBy = (column: Exclude<LibraryFilter['sort'], 'relevance'>) =>
    setFilter((f) => ({ ...f, sort: column, descending: f.sort === column ? !f.descending : column === 'added' }));

  const toggle = (id: string) =>
    setSelected((old) => {
      const next = new Set(old);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <main className="library" aria-labelledby="library-title">
      <div className="toolbar">
        <h1 id="library-title">Library</h1>
        <span className="hint">
          {total === null
            ? ''
            : total.more
              ? `more than ${total.count.toLocaleString()} articles found; the first ${total.count.toLocaleString()} are listed`
              : total.count === 1
                ? '1 article'
                : `${total.count.toLocaleString()} articles`}
        </span>
        <input
          ref={searchBox}
          type="search"
          className="library-search"
          aria-label="Search titles, texts and notes"
          placeholder="Search titles, texts and notes"
          value={searchText}
          onChange={(e) => setSearchText(e.target.value)}
        />
        <button type="button" onClick={commands['file.import']} disabled={running !== null || annotator === null}>
          Import…
        </button>
        <button type="button" onClick={() => setPasting(true)}>
          New article from clipboard
        </button>
        <button type="button" onClick={commands['file.export']} disabled={runningExport !== null || annotators.length === 0}>
          Export…
        </button>
      </div>
      <NamePrompt
        onNamed={(me) => {
          setAnnotator(me.name);
          reload();
        }}
      />

      {notice && notice.done.length > 0 && (
        <div role="status" className="notice">
          {notice.done.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
      {notice && notice.failed.length > 0 && (
        <div role="alert" className="notice notice-error">
          {notice.failed.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
      <ImportProgress
        running={running}
        report={report}
        onCancel={(jobId) => void call('jobs.cancel', { jobId }).catch(fail)}
        onDismiss={() => setReport(null)}
      />

      <ExportProgress
        running={runningExport}
        outcome={exported}
        onCancel={(jobId) => void call('jobs.cancel', { jobId }).catch(fail)}
        onDismiss={() => setExported(null)}
      />

      <LibraryFilters
        filter={filter}
        outlets={outlets}
        labels={labels}
        collections={collections}
        onChange={(patch) => setFilter((f) => ({ ...f, ...patch }))}
      />
      <CollectionTools
        collections={collections}
        selected={selected}
        onChanged={(message) => {
          setNotice({ done: [message], failed: [] });
          reload();
        }}
        onClearSelection={() => setSelected(new Set())}
        onError={fail}
      />
      <LibraryTable
        key={`${JSON.stringify(filter)}|${generation}`}
        filter={filter}
        labels={labels}
        selected={selected}
        onToggle={toggle}
        onSort={sortBy}
        onEdit={setEditing}
        onTotal={onTotal}
      />

      {annotator !== null && (
        <ImportDialog
          key={annotator}
          open={importing}
          defaultAnnotator={annotator}
          onStart={(what, owner) => void startImport(what, owner)}
          onClose={() => setImporting(false)}
        />
      )}
      {exporting && (
        <ExportDialog
          open
          annotators={annotators}
          collections={collections}
          selected={[...selected]}
          search={filter.search ?? null}
          onStart={(request) => void startExport(request)}
          onClose={() => setExporting(false)}
        />
      )}
      {pasting && (
        <PasteArticleDialog
          open
          onClose={() => setPasting(false)}
          onImported={(outcome) => {
            setPasting(false);
            setNotice(describe(outcome));
            reload();
          }}
        />
      )}
      {editing && (
        <MetadataDialog
          row={editing}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
          onClose={() => setEditing(null)}
        />
      )}
    </main>
  );
}

function describe(outcome: ImportOutcome): { done: string[]; failed: string[] } {
  switch (outcome.status) {
    case 'imported':
      return { done: [`Imported “${outcome.document.title}”.`], failed: [] };
    case 'duplicate':
      return { done: [`“${outcome.document.title}” is already in the library.`], failed: [] };
    case 'failed':
      return { done: [], failed: [outcome.reason] };
    case 'canceled':
      return { done: [], failed: [] };
  }
}
