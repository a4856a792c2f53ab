import { useEffect, useState } from 'react';

/**
 * Files and folders dragged over the window: an overlay says they will be imported, and a drop
 * hands their paths (which only the host knows) to `onPaths`. Dragged text and links are left alone.
 */
export function DropZone({ onPaths, onError }: { onPaths(paths: string[]): void; onError(error: unknown): void }) {
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    // dragenter and dragleave fire for every element crossed: count them to know when the drag leaves the window.
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth++;
      setDragging(true);
    };
    const over = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      // Without this the browser would open the file in place of the app.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length === 0) return;
      window.byline.droppedPaths(files).then((paths) => paths.length > 0 && onPaths(paths), onError);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [onPaths, onError]);

  return dragging ? (
    <div className="drop-overlay" role="status">
      <p>Drop files or folders to import them</p>
    </div>
  ) : null;
}
