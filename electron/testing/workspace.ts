import { join } from 'node:path';
import { afterEach } from 'vitest';
import { insertDocument } from '../store/documents';
import { listLabels } from '../store/labels';
import { Workspace } from '../store/workspace';
import { tempDir } from './temp';

/** A workspace on a new file with one document, and the ids of the default labels. */
export function workspaceWithDocument(text: string) {
  const ws = Workspace.open(join(tempDir(), 'ws.sqlite'), { userName: 'Tester' });
  const documentId = insertDocument(ws, { title: 'T', text, originFormat: 'text' }).id;
  const labels = Object.fromEntries(listLabels(ws).map((l) => [l.name, l.id])) as Record<
    'Claim' | 'Source' | 'Anonymous attribution' | 'attributed to',
    string
  >;
  return { ws, documentId, labels };
}

/**
 * For a test file: `open(userName)` makes a workspace on a new file; every one is closed after
 * each test.
 */
export function workspacesClosedAfterEach(): (userName: string) => Workspace {
  const open: Workspace[] = [];
  afterEach(() => {
    for (const ws of open.splice(0)) ws.close();
  });
  return (userName) => {
    const ws = Workspace.open(join(tempDir(), 'ws.sqlite'), { userName });
    open.push(ws);
    return ws;
  };
}
