import { useEffect, useEffectEvent } from 'react';
import type { Channel, HostEvent, RequestOf, ResponseOf } from '../schema/api';
import { BylineError } from '../schema/errors';

/** Calls the host; a failed call throws a BylineError whose message is meant for the user. */
export async function call<C extends Channel>(
  channel: C,
  request: RequestOf<C>,
): Promise<ResponseOf<C>> {
  const reply = await window.byline.invoke(channel, request);
  if (!reply.ok) throw new BylineError(reply.error.code, reply.error.message);
  return reply.value as ResponseOf<C>;
}

/** The message to show for anything a call threw. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Listens to what the host reports (import progress, ...) while the component is mounted. */
export function useHostEvents(listener: (event: HostEvent) => void): void {
  const onEvent = useEffectEvent(listener);
  useEffect(() => window.byline.subscribe((event) => onEvent(event)), []);
}
