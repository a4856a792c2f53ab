import type { Channel, RequestOf, ResponseOf } from '../../schema/api';
import { dispatch } from '../dispatch';
import { dirname, join } from 'node:path';
import { APP_STATE_FILE, AppStateFile } from '../app-state';
import { createHandlers, type Handlers, type HostServices } from '../handlers';
import { Jobs } from '../jobs/jobs';
import type { Workspace } from '../store/workspace';
import { memoryCredentials } from '../team/credentials';
import { TeamSyncRunner } from '../team/team-sync-runner';

/**
 * The handler table over a workspace, as a host builds it, for unit tests: every dialog is
 * cancelled, and there is no worker bundle (the e2e suite runs real imports and exports).
 */
export function handlersFor(ws: Workspace): Handlers {
  return createHandlers(ws, {
    ...unitTestServices(dirname(ws.path)),
    jobs: new Jobs(ws.path, 'no-worker-in-unit-tests.mjs', () => {}),
    team: new TeamSyncRunner(ws.path, 'no-worker-in-unit-tests.mjs', () => {}),
    session: {
      switchTo: () => Promise.reject(new Error('Unit tests run on one workspace; see app-session.test.ts.')),
      takeRequestedImports: () => [],
    },
  });
}

/** A host's services for unit tests: every dialog cancelled, the app state kept in `folder`. */
export function unitTestServices(folder: string): Omit<HostServices, 'jobs' | 'session' | 'team'> {
  return {
    chooseImportSources: async () => null,
    chooseExportTarget: async () => null,
    chooseWorkspaceFile: async () => null,
    recents: new AppStateFile(join(folder, APP_STATE_FILE)),
    hostName: 'unit tests',
    credentials: memoryCredentials('memory (unit tests)'),
  };
}

/** The value of a call that must succeed; it throws the reply's error message otherwise. */
export type Caller = <C extends Channel>(channel: C, request: RequestOf<C>) => Promise<ResponseOf<C>>;

/** `value(channel, request)` over the table, through dispatch and its validation as the renderer calls it. */
export function valueOf(handlers: Handlers): Caller {
  return async <C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> => {
    const reply = await dispatch(handlers, channel, request);
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.value as ResponseOf<C>;
  };
}
