import { useEffect, useId, useRef, useState, type Ref } from 'react';
import type { ChangeResult, TextVersion } from '../../schema/model';
import { call, messageOf } from '../api';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { TextDiff } from '../common/TextDiff';
import { useModalDialog } from '../common/useModalDialog';

/** Every text the article has had, newest first, loaded again whenever its current version changes. */
export function useVersions(documentId: string, currentVersion: number | null) {
  const [versions, setVersions] = useState<TextVersion[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (currentVersion === null) return;
    let current = true;
    call('documents.versions', { id: documentId }).then(
      (list) => {
        if (!current) return;
        setVersions(list);
        setError(null);
      },
      (e: unknown) => current && setError(messageOf(e)),
    );
    return () => {
      current = false;
    };
  }, [documentId, currentVersion]);
  return { versions, error };
}

interface Props {
  open: boolean;
  documentId: string;
  versions: TextVersion[] | null;
  /** Why the versions could not be listed. */
  error: string | null;
  onClose(): void;
  /** The article was reverted: the host's reply, whose `document` has its new text. */
  onReverted(result: ChangeResult): void;
}

/**
 * The article's versions, newest first: any two compared word by word, and a revert to an
 * earlier one (as a new version, after a confirmation).
 */
export function VersionsDialog({ open, documentId, versions, error, onClose, onReverted }: Props) {
  const dialog = useModalDialog(open, onClose);
  const id = useId();
  const firstChoice = useRef<HTMLSelectElement>(null);
  /** The two versions compared, once the person chose; until then the defaults. */
  const [choice, setChoice] = useState<{ from: number; to: number } | null>(null);
  const [texts, setTexts] = useState<ReadonlyMap<number, string>>(new Map());
  const [confirming, setConfirming] = useState(false);
  const [reverting, setReverting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const current = versions?.find((v) => v.current) ?? null;
  // Each opening, and each new current version, starts again from the defaults.
  const session = open && current ? current.version : null;
  const [shownFor, setShownFor] = useState<number | null>(null);
  if (session !== shownFor) {
    setShownFor(session);
    setChoice(null);
    setConfirming(false);
    setProblem(null);
  }
  // The current version and the one before it.
  const from = choice?.from ?? versions?.find((v) => current && v.version < current.version)?.version ?? current?.version ?? null;
  const to = choice?.to ?? current?.version ?? null;
  const choose = (side: 'from' | 'to', version: number) => {
    if (from === null || to === null) return;
    setChoice({ from, to, [side]: version });
    setProblem(null);
  };

  const ready = from !== null && to !== null;
  useEffect(() => {
    if (open && ready) firstChoice.current?.focus();
  }, [open, ready]);

  // A version's text never changes, so each is fetched once.
  useEffect(() => {
    if (!open || from === null || to === null) return;
    const missing = [from, to].filter((v) => !texts.has(v));
    if (missing.length === 0) return;
    let live = true;
    Promise.all(missing.map((version) => call('documents.versionText', { id: documentId, version }))).then(
      (fetched) => {
        if (!live) return;
        setTexts((known) => new Map([...known, ...fetched.map((f) => [f.version, f.text] as const)]));
      },
      (e: unknown) => live && setProblem(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [open, documentId, from, to, texts]);

  const target = versions?.find((v) => v.version === from) ?? null;
  const sameAsCurrent = target !== null && current !== null && target.sha256 === current.sha256;
  const before = from !== null ? texts.get(from) : undefined;
  const after = to !== null ? texts.get(to) : undefined;

  const revert = async () => {
    if (!target) return;
    setReverting(true);
    try {
      const result = await call('documents.revert', { id: documentId, version: target.version });
      setConfirming(false);
      onClose();
      onReverted(result);
    } catch (e) {
      setConfirming(false);
      setProblem(messageOf(e));
    } finally {
      setReverting(false);
    }
  };

  return (
    <dialog ref={dialog} className="versions-dialog" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Versions of the text</h2>
      {error && (
        <p role="alert" className="notice-error">
          {error}
        </p>
      )}
      {versions && (
        // Focusable, as it scrolls when there are many.
        <div className="versions-table" role="region" aria-label="List of versions" tabIndex={0}>
          <table aria-label="Versions, newest first">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Saved</th>
                <th scope="col">By</th>
                <th scope="col">What changed</th>
                <th scope="col">Length</th>
                <th scope="col">Hash</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version} aria-current={v.current ? 'true' : undefined}>
                  <th scope="row">
                    {v.version}
                    {v.current && <strong> (current)</strong>}
                  </th>
                  <td>{when(v.createdAt)}</td>
                  <td>{v.author ?? '—'}</td>
                  <td>{describe(v)}</td>
                  <td>{characters(v.length)}</td>
                  <td>
                    <code title={v.sha256}>{v.sha256.slice(0, 10)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {versions && from !== null && to !== null && (
        <div className="versions-compared">
          <label>
            Compare version{' '}
            <VersionSelect versions={versions} value={from} onChange={(v) => choose('from', v)} ref={firstChoice} />
          </label>
          <label>
            with version <VersionSelect versions={versions} value={to} onChange={(v) => choose('to', v)} />
          </label>
        </div>
      )}
      {ready && before !== undefined && after !== undefined ? (
        <div className="versions-diff" role="region" aria-label={`Differences from version ${from} to version ${to}`} tabIndex={0}>
          <TextDiff before={before} after={after} label={`from version ${from} to version ${to}`} />
        </div>
      ) : (
        ready && !problem && <p>Loading the texts…</p>
      )}
      {problem && (
        <p role="alert" className="notice-error">
          {problem}
        </p>
      )}
      {target && (
        <p id={`${id}-revert-hint`} className="versions-hint">
          {target.current
            ? 'To revert, compare an earlier version with this one: “Compare version” is the one reverted to.'
            : sameAsCurrent
              ? `Version ${target.version} has the same text as the current one.`
              : `Reverting makes version ${target.version}’s text the current one again, as a new version.`}
        </p>
      )}
      <div className="dialog-buttons">
        <button
          type="button"
          className="danger"
          disabled={!target || target.current || sameAsCurrent || reverting}
          aria-describedby={`${id}-revert-hint`}
          onClick={() => setConfirming(true)}
        >
          {target ? `Revert to version ${target.version}…` : 'Revert…'}
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {target && current && (
        <ConfirmDialog
          open={confirming}
          title={`Revert to version ${target.version}?`}
          confirmLabel={reverting ? 'Reverting…' : `Revert to version ${target.version}`}
          onConfirm={() => void revert()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            The article gets a new version with the text of version {target.version} ({when(target.createdAt)}). No
            version is deleted, and Undo takes the revert back.
          </p>
          <p>
            Annotations, in every layer, move with the difference from version {current.version}. Those whose text is
            not in version {target.version} are deleted, with their links.
          </p>
        </ConfirmDialog>
      )}
    </dialog>
  );
}

interface VersionSelectProps {
  versions: readonly TextVersion[];
  value: number;
  onChange(version: number): void;
  ref?: Ref<HTMLSelectElement>;
}

function VersionSelect({ versions, value, onChange, ref }: VersionSelectProps) {
  return (
    <select ref={ref} value={value} onChange={(event) => onChange(Number(event.target.value))}>
      {versions.map((v) => (
        <option key={v.version} value={v.version}>
          {versionName(v)}
        </option>
      ))}
    </select>
  );
}

function versionName(v: TextVersion): string {
  return `${v.version}${v.current ? ' (current)' : ''}: ${describe(v)}`;
}

function describe(v: TextVersion): string {
  return v.description ?? (v.baseVersion === null ? 'Imported' : 'Edited the text');
}

function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function characters(n: number): string {
  return `${n.toLocaleString()} ${n === 1 ? 'character' : 'characters'}`;
}
