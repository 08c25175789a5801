import { getWithEtag, type WithEtag } from './versioned-request.ts';

/**
 * The customer view (`GET /v1/customers/{id}`) as one cached query: the Control Hub shell, the page
 * header and the pages' own hooks each read a part of it (`select`), so a page asks for it once
 * rather than once per part. The key is the customers feature's `customerQueryKey` (features do not
 * import one another: both name it), and every invalidation of `['customers', id]` refreshes it.
 *
 * The answer's ETag travels in the view as `etag` (ADR 0092), so the data and the version it was
 * read at are always one pair: the customer edit dialogs take both when they open and save with that
 * ETag as If-Match, without reading the customer again. Whoever writes this query's data (a save's
 * answer) writes the ETag that came with it.
 */
export function customerViewQuery<View extends object>(customerId: string) {
  return {
    queryKey: ['customers', customerId] as const,
    queryFn: ({ signal }: { signal: AbortSignal }): Promise<WithEtag<View>> =>
      getWithEtag<View>(`/v1/customers/${encodeURIComponent(customerId)}`, signal),
  };
}

/** How long a page's read of the customer trusts the view the shell has just fetched. */
export const customerViewFreshMs = 30_000;
