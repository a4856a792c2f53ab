/**
 * The test host: the renderer and the real handler table over HTTP on 127.0.0.1, so every user
 * flow runs in real Chromium against a real SQLite file. Tests and development only; never
 * packaged. Only the OS dialogs are replaced: a test names the files the next dialog returns.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTENT_SECURITY_POLICY } from '../../electron/csp';
import { dispatch } from '../../electron/dispatch';
import { AppSession } from '../../electron/app-session';
import { basename, dirname, join } from 'node:path';
import { APP_STATE_FILE, AppStateFile } from '../../electron/app-state';
import type { HostEvent } from '../../schema/api';
import { isCommand } from '../../schema/commands';
import { contentType, resolveStaticFile } from '../../electron/static-files';
import { memoryCredentials } from '../../electron/team/credentials';

/** Large enough for the biggest article the API accepts, as JSON. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface HostOptions {
  workspacePath: string;
  rendererDir: string;
  bridgeFile: string;
  /** The bundled worker for imports and exports (electron/jobs/worker.ts). */
  workerFile: string;
  port?: number;
  userName?: string;
  /** Where the recent workspaces are kept (app-state.ts); the workspace's folder when not given. */
  stateDir?: string;
}

export interface RunningHost {
  /** Opening this URL in a browser hands it the token (as a cookie) and loads the app. */
  loginUrl: string;
  origin: string;
  token: string;
  cookieName: string;
  close(): Promise<void>;
}

class Refusal extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const dialogAnswers: string[][] = [];
  /** What the OS would say about files dropped on the window: their paths, found by file name. */
  const droppable: string[] = [];
  const eventStreams = new Set<ServerResponse>();
  const emit = (event: HostEvent) => {
    for (const stream of eventStreams) stream.write(`data: ${JSON.stringify(event)}\n\n`);
  };
  const state = new AppStateFile(join(options.stateDir ?? dirname(options.workspacePath), APP_STATE_FILE));
  const appSession = new AppSession(options.workspacePath, {
    workerFile: options.workerFile,
    emit,
    userName: options.userName ?? 'Me',
    services: {
      chooseImportSources: async () => dialogAnswers.shift() ?? null,
      chooseExportTarget: async () => dialogAnswers.shift()?.[0] ?? null,
      chooseWorkspaceFile: async () => dialogAnswers.shift()?.[0] ?? null,
      recents: state,
      hostName: 'test host',
      credentials: memoryCredentials('memory only, until the test host stops (it has no keychain)'),
    },
  });
  state.addRecent(options.workspacePath);
  const { handlers } = appSession;
  const token = randomBytes(32).toString('base64url');
  let port = 0;
  let cookieName = '';

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const status = error instanceof Refusal ? error.status : 500;
      if (status === 500) console.error('[host]', error);
      // The refused request's body may still be on its way: do not reuse the connection.
      response.setHeader('connection', 'close');
      send(response, status, 'text/plain; charset=utf-8', (error as Error).message);
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // DNS rebinding: a page on another name that resolves to 127.0.0.1 sends its own Host.
    const host = request.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      throw new Refusal(403, 'Refused: this host only answers to 127.0.0.1 and localhost.');
    }
    const url = new URL(request.url ?? '/', `http://${host}`);

    if (request.method === 'GET' && url.searchParams.has('token')) {
      if (!sameSecret(url.searchParams.get('token') ?? '', token)) {
        throw new Refusal(401, 'Refused: wrong token.');
      }
      response.writeHead(303, {
        location: url.pathname,
        'set-cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'cache-control': 'no-store',
      });
      response.end();
      return;
    }
    if (!sameSecret(readCookie(request, cookieName) ?? '', token)) {
      throw new Refusal(401, 'Refused: this request does not carry the host token.');
    }

    if (url.pathname.startsWith('/api/') || HOST_POSTS.has(url.pathname)) {
      if (request.method !== 'POST') throw new Refusal(405, 'Refused: only POST is accepted here.');
      if (request.headers.origin !== `http://${host}`) {
        throw new Refusal(403, 'Refused: the request comes from another origin.');
      }
      if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) {
        throw new Refusal(415, 'Refused: requests must be JSON (Content-Type: application/json).');
      }
      const body = await readJson(request);
      if (url.pathname === '/__host/open-dialog') {
        dialogAnswers.push(stringsIn(body, 'paths', 'open-dialog'));
        send(response, 204, 'text/plain', '');
        return;
      }
      if (url.pathname === '/__host/drop') {
        droppable.push(...stringsIn(body, 'paths', 'drop'));
        send(response, 204, 'text/plain', '');
        return;
      }
      if (url.pathname === '/__host/dropped-paths') {
        // The bridge asks where the dropped files are, as Electron's preload asks webUtils.
        const paths = stringsIn(body, 'names', 'dropped-paths').flatMap((name) => {
          const at = droppable.findIndex((path) => basename(path) === name);
          return at < 0 ? [] : droppable.splice(at, 1);
        });
        send(response, 200, 'application/json', JSON.stringify(paths));
        return;
      }
      if (url.pathname === '/__host/command') {
        // What a click on an application menu item does in Electron.
        const command = (body as { command?: unknown }).command;
        if (!isCommand(command)) throw new Refusal(400, `Refused: ${JSON.stringify(command)} is not a command of schema/commands.ts.`);
        // A menu exists only once the window does: wait for the page's event stream, so that a
        // test that sends a command right after the page shows does not send it into the void.
        for (let waited = 0; eventStreams.size === 0; waited += 20) {
          if (waited >= 10_000) throw new Refusal(409, 'Refused: no page is listening for host events.');
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        emit({ type: 'command', command });
        send(response, 204, 'text/plain', '');
        return;
      }
      const channel = decodeURIComponent(url.pathname.slice('/api/'.length));
      const reply = await dispatch(handlers, channel, body);
      send(response, 200, 'application/json', JSON.stringify(reply));
      return;
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      throw new Refusal(405, 'Refused: only GET is accepted here.');
    }
    if (url.pathname === '/__host/events') {
      // Server-Sent Events: HostEvents for the bridge, as Electron sends them over IPC.
      response.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      response.write(': connected\n\n');
      eventStreams.add(response);
      request.on('close', () => eventStreams.delete(response));
      return;
    }
    if (url.pathname === '/__host/bridge.js') {
      send(response, 200, contentType(options.bridgeFile), await readFile(options.bridgeFile));
      return;
    }
    const file = resolveStaticFile(options.rendererDir, url.pathname);
    if (!file) throw new Refusal(404, 'Not found.');
    let body: Buffer | string;
    try {
      body = await readFile(file);
    } catch {
      throw new Refusal(404, 'Not found.');
    }
    if (file.endsWith('index.html')) {
      // The bridge must define window.byline before the renderer's module script runs.
      body = body
        .toString('utf8')
        .replace('<head>', '<head>\n    <script src="/__host/bridge.js"></script>');
    }
    send(response, 200, contentType(file), body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  port = (server.address() as AddressInfo).port;
  // Cookies ignore ports, so each host names its own.
  cookieName = `byline_token_${port}`;
  const origin = `http://127.0.0.1:${port}`;

  return {
    loginUrl: `${origin}/?token=${token}`,
    origin,
    token,
    cookieName,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of eventStreams) stream.end();
        server.closeAllConnections();
        server.close(() => {
          void appSession.close().then(resolve);
        });
      }),
  };
}

/** The test's side of the OS: POSTs that answer dialogs, say where dropped files are, or click the menu. */
const HOST_POSTS = new Set(['/__host/open-dialog', '/__host/drop', '/__host/dropped-paths', '/__host/command']);

function stringsIn(body: unknown, field: string, endpoint: string): string[] {
  const value = (body as Record<string, unknown> | null)?.[field];
  if (!Array.isArray(value) || !value.every((p) => typeof p === 'string')) {
    throw new Refusal(400, `Refused: ${endpoint} takes { "${field}": [string, ...] }.`);
  }
  return value;
}

function send(
  response: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
): void {
  response.writeHead(status, {
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  response.end(body);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readCookie(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new Refusal(413, 'Refused: the request is too large.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Refusal(413, 'Refused: the request is too large.');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw new Refusal(400, 'Refused: the body is not JSON.');
  }
}
