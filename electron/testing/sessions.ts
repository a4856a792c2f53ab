import { dirname } from 'node:path';
import { afterEach } from 'vitest';
import { AppSession } from '../app-session';
import type { Handlers } from '../handlers';
import { unitTestServices, valueOf } from './handlers';

/**
 * `sessionAt(path)`: an AppSession as a host builds one, for unit tests (dialogs cancelled, no
 * worker bundle: the workspace check falls back to the test's thread), closed after each test.
 */
export function sessionsClosedAfterEach(): (path: string) => AppSession {
  const sessions: AppSession[] = [];
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((session) => session.close()));
  });
  return (path) => {
    const session = new AppSession(path, {
      workerFile: 'no-worker-in-unit-tests.mjs',
      emit: () => {},
      userName: 'Ana',
      services: unitTestServices(dirname(path)),
    });
    sessions.push(session);
    return session;
  };
}

/** The titles of the library's first 50 articles, by title. */
export async function libraryTitles(handlers: Handlers): Promise<string[]> {
  const page = await valueOf(handlers)('library.query', { offset: 0, limit: 50, sort: 'title', descending: false });
  return page.rows.map((row) => row.title);
}
