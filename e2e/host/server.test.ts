import { request as httpRequest } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../electron/testing/temp';
import { MAX_BODY_BYTES, startHost, type RunningHost } from './server';

let host: RunningHost;
let port: number;

beforeAll(async () => {
  const dir = tempDir();
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  writeFileSync(join(dir, 'bridge.js'), 'window.bridgeLoaded = true;');
  host = await startHost({
    workspacePath: join(dir, 'ws.sqlite'),
    rendererDir,
    bridgeFile: join(dir, 'bridge.js'),
    workerFile: join(dir, 'no-imports-in-these-tests.mjs'),
  });
  port = Number(new URL(host.origin).port);
});
afterAll(() => host.close());

interface Sent {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so that every header (Host included) is exactly what the test says. */
function send(
  method: string,
  path: string,
  headers: Record<string, string | number>,
  body?: string,
): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const good = () => ({
  host: `127.0.0.1:${port}`,
  origin: host.origin,
  cookie: `${host.cookieName}=${host.token}`,
  'content-type': 'application/json',
});

const callLibrary = (headers: Record<string, string | number>) =>
  send('POST', '/api/library.outlets', headers, '{}');

describe('the test host', () => {
  it('answers an API call that carries the token, from its own origin', async () => {
    const reply = await callLibrary(good());
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true });
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('trades the token in the login URL for an HttpOnly, SameSite=Strict cookie', async () => {
    const login = await send('GET', `/?token=${host.token}`, { host: `127.0.0.1:${port}` });
    expect(login.status).toBe(303);
    expect(String(login.headers['set-cookie'])).toBe(
      `${host.cookieName}=${host.token}; HttpOnly; SameSite=Strict; Path=/`,
    );
    const wrong = await send('GET', '/?token=guess', { host: `127.0.0.1:${port}` });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('refuses requests without the token or with a wrong one', async () => {
    const { cookie: _, ...noCookie } = good();
    expect((await callLibrary(noCookie)).status).toBe(401);
    expect((await callLibrary({ ...good(), cookie: `${host.cookieName}=wrong` })).status).toBe(401);
    expect((await send('GET', '/', { host: `127.0.0.1:${port}` })).status).toBe(401);
  });

  it('refuses a foreign Origin, or none', async () => {
    const foreign = await callLibrary({ ...good(), origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toContain('another origin');
    const { origin: _, ...noOrigin } = good();
    expect((await callLibrary(noOrigin)).status).toBe(403);
  });

  it('refuses a non-loopback Host header (DNS rebinding), even with the token', async () => {
    const rebound = await callLibrary({ ...good(), host: `evil.example:${port}`, origin: `http://evil.example:${port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.body).toContain('only answers to 127.0.0.1 and localhost');
  });

  it('accepts only JSON POSTs on the API', async () => {
    expect((await send('GET', '/api/library.outlets', good())).status).toBe(405);
    expect((await callLibrary({ ...good(), 'content-type': 'text/plain' })).status).toBe(415);
    const bad = await send('POST', '/api/library.outlets', good(), '{not json');
    expect(bad.status).toBe(400);
  });

  it('refuses a body over the size cap', async () => {
    const reply = await send('POST', '/api/documents.importText', {
      ...good(),
      'content-length': MAX_BODY_BYTES + 1,
    });
    expect(reply.status).toBe(413);
  });

  it('serves the renderer with the CSP and the bridge script ahead of it', async () => {
    const page = await send('GET', '/', good());
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('<script src="/__host/bridge.js"></script>');
    const bridge = await send('GET', '/__host/bridge.js', good());
    expect(bridge.body).toBe('window.bridgeLoaded = true;');
    expect(bridge.headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('answers the import dialog with what a test queued, and with nothing (cancel) otherwise', async () => {
    const canceled = await send('POST', '/api/imports.start', good(), JSON.stringify({ what: 'files', annotator: 'Me' }));
    expect(JSON.parse(canceled.body)).toEqual({ ok: true, value: null });
    const answer = await send('POST', '/__host/open-dialog', good(), JSON.stringify({ paths: ['/no/such.txt'] }));
    expect(answer.status).toBe(204);
    const refused = await send('POST', '/__host/open-dialog', good(), JSON.stringify({ paths: 'not a list' }));
    expect(refused.status).toBe(400);
  });

  it('streams host events to a page that carries the token, and to no one else', async () => {
    const { cookie: _, ...noCookie } = good();
    expect((await send('GET', '/__host/events', noCookie)).status).toBe(401);
    const status = await new Promise<{ status: number; type: string | undefined }>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path: '/__host/events', headers: good(), agent: false },
        (res) => {
          resolve({ status: res.statusCode!, type: res.headers['content-type'] });
          req.destroy();
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toEqual({ status: 200, type: 'text/event-stream' });
  });
});
