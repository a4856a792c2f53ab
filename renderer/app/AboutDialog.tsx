import { useEffect, useId, useState } from 'react';
import type { AboutInfo } from '../../schema/api';
import { call, messageOf } from '../api';
import { useModalDialog } from '../common/useModalDialog';

/** Help > About: the app's version, what runs it, and the open workspace, ready to paste into a bug report. */
export function AboutDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const dialog = useModalDialog(open, onClose);
  const titleId = useId();
  const [about, setAbout] = useState<AboutInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    let current = true;
    call('app.about', {}).then(
      (info) => current && setAbout(info),
      (e: unknown) => current && setError(messageOf(e)),
    );
    return () => {
      current = false;
    };
  }, [open]);

  const rows: [string, string][] = about
    ? [
        ['Version', about.version],
        ['Running in', about.host],
        ...about.versions.map(({ name, version }): [string, string] => [name, version]),
        ['SQLite', about.sqlite],
        ['Workspace', about.workspace.path],
        ['Workspace schema', String(about.workspace.schemaVersion)],
      ]
    : [];
  return (
    <dialog ref={dialog} className="about-dialog" aria-labelledby={titleId}>
      <h2 id={titleId}>About Byline</h2>
      {error && <p role="alert">{error}</p>}
      {about && (
        <>
          <p>
            {about.name} {about.version}: tag claims, sources and anonymous attributions in news articles.
          </p>
          <dl className="about-versions">
            {rows.map(([name, value]) => (
              <div key={name}>
                <dt>{name}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      <div className="dialog-buttons">
        <button type="button" className="primary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}
