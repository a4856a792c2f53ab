/**
 * The built test host driven over its HTTP API with no browser: what a spec needs to call
 * channels as the renderer does, answer the next file dialog, follow HostEvents, and end the
 * host the hard way (SIGKILL), as a crash or a power cut would end the app's main process.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Channel, HostEvent, Reply, RequestOf, ResponseOf } from '../../schema/api';
import { spawnHost } from './app';

export interface HostClient {
  /** Calls a channel; the promise rejects when the host dies before replying. */
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Reply<ResponseOf<C>>>;
  /** Calls a channel and returns its value, throwing the host's message when it refuses. */
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  /** Makes the next file dialog (import or export) return these paths. */
  answerDialog(paths: string[]): Promise<void>;
  /** False once the host process has exited, however it ended. */
  readonly running: boolean;
  /** Every HostEvent the host sent since it started, in order. */
  readonly events: readonly HostEvent[];
  /** Resolves with the first event (already sent, or still to come) that `matches`. */
  waitForEvent<E extends HostEvent>(matches: (event: HostEvent) => event is E): Promise<E>;
  /** Ends the host with SIGKILL, at once and without any cleanup, and waits until it is gone. */
  kill(): Promise<void>;
  /** Ends the host as a person quitting would (SIGTERM: jobs stopped, workspace closed). */
  stop(): Promise<void>;
}

/**
 * Starts the test host (`server`: dist/host/server.mjs, or a snapshot of it from
 * e2e/bench/host.ts's snapshotBuild) on the workspace and connects to its API and event stream.
 */
export async function startHostClient(workspacePath: string, server = 'dist/host/server.mjs'): Promise<HostClient> {
  const host = await spawnHost(workspacePath, server);
  const { origin, token, cookieName } = host.info;
  const headers = { 'content-type': 'application/json', origin, cookie: `${cookieName}=${token}` };
  let gone = false;
  let endedByUs = false;
  let stderr = '';
  host.process.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => {
    if (host.process.exitCode !== null || host.process.signalCode !== null) resolve();
    else host.process.once('exit', () => resolve());
  }).then(() => void (gone = true));
  /** Why a request failed: the host died on its own (a bug), or the request itself failed. */
  const failure = async (what: string, error: unknown) => {
    await Promise.race([exited, sleep(200)]);
    if (!gone || endedByUs) return error;
    const how = host.process.exitCode ?? host.process.signalCode;
    return new Error(`${what}: the test host exited on its own (${how}): ${stderr}`, { cause: error });
  };

  const events: HostEvent[] = [];
  const waiters = new Set<() => void>();
  const stream = await fetch(`${origin}/__host/events`, { headers: { cookie: headers.cookie } });
  if (!stream.ok || !stream.body) throw new Error(`The test host refused its event stream: ${stream.status}`);
  void (async () => {
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for await (const chunk of stream.body as unknown as AsyncIterable<Uint8Array>) {
        buffered += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const message = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          if (message.startsWith('data: ')) events.push(JSON.parse(message.slice('data: '.length)) as HostEvent);
        }
        for (const wake of waiters) wake();
      }
    } catch {
      // The host was killed: the stream just ends.
    }
  })();

  const post = async (path: string, body: unknown, retried = false): Promise<Response> => {
    try {
      return await fetch(`${origin}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    } catch (error) {
      const reason = await failure(`POST ${path}`, error);
      // A host that is still running closed an idle kept-alive connection just as the request
      // went out on it (after a long pause on a loaded machine): the request never reached it.
      if (!gone && !endedByUs && !retried) return post(path, body, true);
      throw reason;
    }
  };
  const invoke = async <C extends Channel>(channel: C, request: RequestOf<C>) => {
    const response = await post(`/api/${channel}`, request);
    if (!response.ok) throw new Error(`${channel}: the test host answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as Reply<ResponseOf<C>>;
  };

  return {
    invoke,
    async call(channel, request) {
      const reply = await invoke(channel, request);
      if (!reply.ok) throw new Error(`${channel} was refused: ${reply.error.message}`);
      return reply.value;
    },
    async answerDialog(paths) {
      const response = await post('/__host/open-dialog', { paths });
      if (response.status !== 204) throw new Error(`The test host refused the dialog answer: ${await response.text()}`);
    },
    get running() {
      return !gone;
    },
    events,
    waitForEvent<E extends HostEvent>(matches: (event: HostEvent) => event is E) {
      return new Promise<E>((resolve, reject) => {
        const check = () => {
          const found = events.find(matches);
          if (found) {
            waiters.delete(check);
            resolve(found);
          }
        };
        waiters.add(check);
        check();
        void exited.then(() => {
          if (waiters.delete(check)) reject(new Error('The test host exited before the event came.'));
        });
      });
    },
    async kill() {
      endedByUs = true;
      host.process.kill('SIGKILL');
      await exited;
    },
    async stop() {
      endedByUs = true;
      if (!gone) host.process.kill('SIGTERM');
      await exited;
    },
  };
}
