import type { ExportFormat, ExportRequest } from '../export/run-export';

/** An export of every article and every layer, in `format`, to `path`. */
export const everything = (format: ExportFormat, path: string): ExportRequest => ({
  format,
  path,
  scope: { kind: 'all' },
  annotatorIds: null,
  onlyDone: false,
});
