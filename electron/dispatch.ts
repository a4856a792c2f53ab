import { channels, isChannel, type Reply } from '../schema/api';
import { BylineError } from '../schema/errors';
import type { Handlers } from './handlers';

/**
 * The one entry point both hosts use: checks the channel, validates the request against its
 * schema, runs the handler, and turns every outcome into a Reply.
 */
export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  request: unknown,
): Promise<Reply<unknown>> {
  if (!isChannel(channel)) {
    return failure('invalid_request', `There is no channel named ${JSON.stringify(channel)}.`);
  }
  const parsed = channels[channel].request.safeParse(request ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.length ? issue.path.join('.') : 'request'}: ${issue.message}`,
    );
    return failure('invalid_request', `${channel}: ${problems.join('; ')}`);
  }
  try {
    const handler = handlers[channel] as (request: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof BylineError) return failure(error.code, error.message);
    console.error(`[byline] ${channel} failed:`, error);
    return failure('internal', `${channel} failed: ${(error as Error).message}`);
  }
}

function failure(code: BylineError['code'], message: string): Reply<never> {
  return { ok: false, error: { code, message } };
}
