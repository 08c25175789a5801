// A 429 answered by a service (e.g. the existing-account probe limit, a re-sent invite or consent
// email) carries Retry-After, as SPEC §7 asks; the rate-limit plugin sets it for its own 429s.
import type { App } from '../app.ts';
import { AppError } from '../../domain/errors.ts';

/** The wait a service's 429 names: a `rate_limited` AppError with its `retryAfterSeconds`. */
export function retryAfterSecondsOf(error: unknown): number | undefined {
  if (!(error instanceof AppError) || error.code !== 'rate_limited') return undefined;
  const seconds = (error as { readonly retryAfterSeconds?: unknown }).retryAfterSeconds;
  return typeof seconds === 'number' ? seconds : undefined;
}

/** Register inside a route plugin. */
export function addRetryAfter(app: App): void {
  app.addHook('onError', async (_request, reply, error) => {
    const seconds = retryAfterSecondsOf(error);
    if (seconds !== undefined) reply.header('retry-after', String(seconds));
  });
}
