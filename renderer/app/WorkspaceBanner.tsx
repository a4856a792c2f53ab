import { useEffect, useState } from 'react';
import { call } from '../api';
import { RestoreBackupDialog } from './RestoreBackupDialog';

/**
 * Says so when the workspace is open read-only because it failed its integrity check (which the
 * app runs in the background after opening it), with the way back: a backup.
 */
export function WorkspaceBanner({ onRestored }: { onRestored(): void }) {
  const [readOnly, setReadOnly] = useState<string | null>(null);
  const [restoring, setRestoring] = useState(false);

  useEffect(() => {
    let current = true;
    // A failed call leaves the banner out: the views show their own errors.
    call('workspace.integrity', {}).then((reply) => current && setReadOnly(reply.readOnly), () => {});
    return () => {
      current = false;
    };
  }, []);

  if (!readOnly) return null;
  return (
    <>
      <div role="alert" className="notice notice-error workspace-banner">
        <p>
          This workspace is open read-only: {readOnly}. You can read and export it; nothing you do changes the file.
        </p>
        <button type="button" onClick={() => setRestoring(true)}>
          Restore from backup…
        </button>
      </div>
      <RestoreBackupDialog open={restoring} onClose={() => setRestoring(false)} onRestored={onRestored} />
    </>
  );
}
