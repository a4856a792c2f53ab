import type { Annotation } from '../../schema/model';
import { deletedNotice } from './edit-notice';

/** Shown while the text is edited: what the mode does, and which annotations saving would delete. */
export function EditBar({ deleted, saving }: { deleted: readonly Annotation[]; saving: boolean }) {
  return (
    <div className="edit-bar">
      <p>
        <strong>Editing the text.</strong> Annotations move with it; tagging, links and the side panel are off
        meanwhile. Enter starts a paragraph, Ctrl+Z undoes, pasting brings in plain text only. Esc or “Done
        editing” saves it as a new version.
      </p>
      <p className={deleted.length > 0 ? 'edit-status doomed' : 'edit-status'} role="status" aria-label="Edit status">
        {saving ? 'Saving the text…' : deletedNotice(deleted)}
      </p>
    </div>
  );
}
