/**
 * Defines `window.byline` in the page the test host serves: each call is a JSON POST to
 * /api/<channel> on the same origin (the host's cookie carries the token).
 */
import type { BylineBridge, HostEvent, Reply } from '../../schema/api';

/**
 * One event stream for the page's lifetime, opened before the app renders, shared by every
 * subscriber: once it is connected, no event sent to the page can miss a mounted listener.
 */
const listeners = new Set<(event: HostEvent) => void>();
const events = new EventSource('/__host/events');
events.onmessage = (message: MessageEvent<string>) => {
  const event = JSON.parse(message.data) as HostEvent;
  for (const listener of listeners) listener(event);
};

const bridge: BylineBridge = {
  async invoke(channel, request) {
    let response: Response;
    try {
      response = await fetch(`/api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request ?? {}),
      });
    } catch {
      // The host is gone (it crashed, or was stopped) before it answered: nothing was stored.
      return { ok: false, error: { code: 'internal', message: 'The workspace is not answering (Byline’s host stopped), so this was not saved.' } };
    }
    if (!response.ok) {
      return {
        ok: false,
        error: { code: 'internal', message: `The test host refused ${channel}: ${await response.text()}` },
      };
    }
    return (await response.json()) as Reply<unknown>;
  },
  subscribe(listener) {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
  // The test plays the OS: it has told the host where the files it drops are (POST /__host/drop).
  async droppedPaths(files) {
    const response = await fetch('/__host/dropped-paths', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ names: files.map((file) => file.name) }),
    });
    return response.ok ? ((await response.json()) as string[]) : [];
  },
};

Object.defineProperty(window, 'byline', { value: Object.freeze(bridge) });
