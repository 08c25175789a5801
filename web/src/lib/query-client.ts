import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-error.ts';
import { markSessionEnded } from './signed-out-hint.ts';

/** How many times a failed load is tried again, with TanStack's backoff (1 s, 2 s, 4 s). */
const LOAD_RETRIES = 3;

/** Left in error by an outage (network, 5xx), not by an answer such as 404: worth asking again. */
function isOutage(error: unknown): boolean {
  return !(isApiError(error) && error.status < 500);
}

/** How often a query left in error by an outage asks again by itself, so the screen recovers. */
export const OUTAGE_REFETCH_MS = 15_000;

/** For `refetchInterval`: a query in error after an outage polls until the server is back. */
export function outageRefetchInterval(query: { state: { status: string; error: unknown } }): number | false {
  return query.state.status === 'error' && isOutage(query.state.error) ? OUTAGE_REFETCH_MS : false;
}

/**
 * Any 401 means the session ended (signed out in another tab, expired): the shell then asks the
 * admin to sign in again (see RequireAuth), whichever request heard it first.
 */
function noticeSignedOut(error: unknown): void {
  if (isApiError(error) && error.status === 401) markSessionEnded();
}

/**
 * Client errors (4xx) are answers, not glitches: retrying them only delays the message. Outages
 * (network, 5xx) are tried again a few times, and a list or page left in error loads again when the
 * admin comes back to the window or the connection returns. Only queries (GETs) are retried: a
 * write is never sent twice on its own.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: noticeSignedOut }),
    mutationCache: new MutationCache({ onError: noticeSignedOut }),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // Only what failed: a screen that loaded fine is not asked again on every focus.
        refetchOnWindowFocus: (query) => query.state.status === 'error',
        refetchOnReconnect: true,
        refetchInterval: outageRefetchInterval,
        retry: (failureCount, error) => isOutage(error) && failureCount < LOAD_RETRIES,
        // A 503 that says when to come back is asked then (capped), else the usual backoff.
        retryDelay: (failureCount, error) =>
          Math.min(
            isApiError(error) && error.retryAfterSeconds !== null
              ? error.retryAfterSeconds * 1000
              : 1000 * 2 ** failureCount,
            30_000,
          ),
      },
      mutations: { retry: false },
    },
  });
}
