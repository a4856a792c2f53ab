import { protocol } from 'electron';
import { handleAppRequest } from './app-request';

/** Must run before the app is ready: app:// behaves like a secure, standard web origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from `rendererDir` at app://byline/ (see handleAppRequest). */
export function serveRenderer(rendererDir: string): void {
  protocol.handle('app', async (request) => {
    const reply = await handleAppRequest(rendererDir, request.url);
    return new Response(reply.body, { status: reply.status, headers: reply.headers });
  });
}
