import { readFile } from 'node:fs/promises';
import { CONTENT_SECURITY_POLICY } from './csp';
import { APP_ORIGIN } from './hardening';
import { contentType, resolveStaticFile } from './static-files';

export interface AppReply {
  status: 200 | 404;
  headers: Record<string, string>;
  body: Uint8Array<ArrayBuffer> | string;
}

const APP_HOST = new URL(APP_ORIGIN).host;

/**
 * The reply to an app:// request: a file of the built renderer in `rendererDir`, or 404 for an
 * unknown host, a path that would leave the folder, a type the renderer never serves, or a file
 * that is not there. Every reply, 404s included, carries the CSP.
 */
export async function handleAppRequest(rendererDir: string, url: string): Promise<AppReply> {
  const headers = {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
  };
  const notFound: AppReply = { status: 404, headers, body: 'Not found' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return notFound;
  }
  if (parsed.protocol !== 'app:' || parsed.host !== APP_HOST) return notFound;
  const file = resolveStaticFile(rendererDir, parsed.pathname);
  if (!file) return notFound;
  try {
    return { status: 200, headers: { ...headers, 'content-type': contentType(file) }, body: await readFile(file) };
  } catch {
    return notFound;
  }
}
