import { useEffect, useState } from 'react';
import type { ImportOutcome } from '../../schema/api';
import type { DocumentSummary } from '../../schema/model';
import { call, messageOf } from '../api';
import { documentHref } from '../app/route';
import { PasteArticleDialog } from './PasteArticleDialog';

interface Notice {
  done: string[];
  failed: string[];
}

export function LibraryView() {
  const [documents, setDocuments] = useState<DocumentSummary[] | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [pasting, setPasting] = useState(false);

  /** Bumped to load the list again after an import. */
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    call('library.list', {}).then(
      (list) => current && setDocuments(list),
      (error: unknown) => current && setNotice({ done: [], failed: [messageOf(error)] }),
    );
    return () => {
      current = false;
    };
  }, [generation]);

  const report = (outcomes: ImportOutcome[]) => {
    setNotice(describeOutcomes(outcomes));
    setGeneration((g) => g + 1);
  };

  const importFiles = async () => {
    try {
      const result = await call('documents.importFiles', {});
      if (!result.canceled) report(result.outcomes);
    } catch (error) {
      setNotice({ done: [], failed: [messageOf(error)] });
    }
  };

  return (
    <main className="library" aria-labelledby="library-title">
      <div className="toolbar">
        <h1 id="library-title">Library</h1>
        <button type="button" onClick={() => void importFiles()}>
          Import text file…
        </button>
        <button type="button" onClick={() => setPasting(true)}>
          New article from clipboard
        </button>
      </div>

      <div role="status" className="notice">
        {notice?.done.map((line) => <p key={line}>{line}</p>)}
      </div>
      {notice && notice.failed.length > 0 && (
        <div role="alert" className="notice notice-error">
          {notice.failed.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}

      {documents === null ? (
        <p>Loading…</p>
      ) : documents.length === 0 ? (
        <p>No articles yet. Import a text file or paste an article to begin.</p>
      ) : (
        <table className="library-table" aria-label="Articles">
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col" className="number">
                Characters
              </th>
              <th scope="col" className="number">
                Annotations
              </th>
              <th scope="col">Status</th>
              <th scope="col">Added</th>
            </tr>
          </thead>
          <tbody>
            {documents.map((doc) => (
              <tr key={doc.id}>
                <td>
                  <a href={documentHref(doc.id)}>{doc.title}</a>
                </td>
                <td className="number">{doc.length.toLocaleString()}</td>
                <td className="number">{doc.annotationCount.toLocaleString()}</td>
                <td>{doc.status}</td>
                <td>{new Date(doc.createdAt).toLocaleDateString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <PasteArticleDialog
        open={pasting}
        onClose={() => setPasting(false)}
        onImported={(outcome) => {
          setPasting(false);
          report([outcome]);
        }}
      />
    </main>
  );
}

function describeOutcomes(outcomes: ImportOutcome[]): Notice {
  const notice: Notice = { done: [], failed: [] };
  for (const outcome of outcomes) {
    if (outcome.status === 'imported') notice.done.push(`Imported “${outcome.document.title}”.`);
    else if (outcome.status === 'duplicate') {
      notice.done.push(`“${outcome.document.title}” is already in the library.`);
    } else notice.failed.push(outcome.reason);
  }
  return notice;
}
