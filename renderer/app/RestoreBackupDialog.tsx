import { useEffect, useId, useState } from 'react';
import type { BackupInfo, BackupReason } from '../../schema/api';
import { call, messageOf } from '../api';
import { useModalDialog } from '../common/useModalDialog';

const REASONS: Record<BackupReason, string> = {
  daily: 'daily backup',
  'before-migration': 'before an upgrade of Byline',
  'before-restore': 'set aside by a restore',
};

/**
 * File > Restore from Backup…: the open workspace's backups, newest first. Restoring moves the
 * current file into the backups folder (it can be restored the same way) and reopens the
 * workspace on the backup; `onRestored` then starts the app over at the library.
 */
export function RestoreBackupDialog({
  open,
  onClose,
  onRestored,
}: {
  open: boolean;
  onClose(): void;
  onRestored(): void;
}) {
  const dialog = useModalDialog(open, onClose);
  const id = useId();
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    let current = true;
    call('backups.list', {}).then(
      (list) => {
        if (!current) return;
        setConfirming(false);
        setError(null);
        setBackups(list);
        setChosen(list[0]?.name ?? null);
      },
      (e: unknown) => current && setError(messageOf(e)),
    );
    return () => {
      current = false;
    };
  }, [open]);

  const backup = backups?.find((b) => b.name === chosen) ?? null;
  const restore = async () => {
    if (!backup) return;
    setRestoring(true);
    setError(null);
    try {
      await call('backups.restore', { name: backup.name });
      setRestoring(false);
      onRestored();
    } catch (e) {
      setError(messageOf(e));
      setRestoring(false);
      setConfirming(false);
    }
  };

  return (
    <dialog ref={dialog} className="confirm-dialog restore-dialog" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Restore from backup</h2>
      {backups?.length === 0 && <p>This workspace has no backups yet. Byline makes one each day it is used, and before an upgrade.</p>}
      {backups && backups.length > 0 && !confirming && (
        <>
          <label htmlFor={`${id}-list`}>Backups, newest first</label>
          <select
            id={`${id}-list`}
            size={Math.min(8, backups.length + 1)}
            value={chosen ?? ''}
            onChange={(event) => setChosen(event.target.value)}
            autoFocus
          >
            {backups.map((b) => (
              <option key={b.name} value={b.name}>
                {describe(b)}
              </option>
            ))}
          </select>
        </>
      )}
      {confirming && backup && (
        <p id={`${id}-confirm`}>
          Restore the backup of {when(backup.takenAt)}? The workspace as it is now is not deleted: it is moved
          into the backups folder (listed here as “set aside by a restore”), and Byline reopens on the backup.
        </p>
      )}
      {error && (
        <p role="alert" className="notice-error">
          {error}
        </p>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={confirming ? () => setConfirming(false) : onClose} disabled={restoring}>
          Cancel
        </button>
        {confirming ? (
          <button type="button" className="danger" onClick={() => void restore()} disabled={restoring} autoFocus>
            {restoring ? 'Restoring…' : 'Restore'}
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => setConfirming(true)} disabled={!backup}>
            Restore…
          </button>
        )}
      </div>
    </dialog>
  );
}

function describe(backup: BackupInfo): string {
  return `${when(backup.takenAt)} — ${REASONS[backup.reason]}, ${size(backup.bytes)}, schema ${backup.schemaVersion}`;
}

function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
