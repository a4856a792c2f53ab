import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { CONTENT_SECURITY_POLICY } from './csp';
import { contentType, resolveStaticFile } from './static-files';

export const APP_ORIGIN = 'app://byline';
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Must run before the app is ready: app:// behaves like a secure, standard web origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from `rendererDir` at app://byline/, with the CSP on every reply. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'byline' ? resolveStaticFile(rendererDir, url.pathname) : null;
    const headers = {
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
    };
    if (!file) return new Response('Not found', { status: 404, headers });
    try {
      const body = await readFile(file);
      return new Response(body, { headers: { ...headers, 'content-type': contentType(file) } });
    } catch {
      return new Response('Not found', { status: 404, headers });
    }
  });
}
