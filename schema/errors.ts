import type { ErrorCode } from './api';

/**
 * An error whose message is written for the person using Byline: it names the file or field and
 * the reason. Both hosts pass its code and message to the renderer unchanged.
 */
export class BylineError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'BylineError';
    this.code = code;
  }
}

export const badInput = (message: string) => new BylineError('bad_input', message);
export const notFound = (message: string) => new BylineError('not_found', message);
