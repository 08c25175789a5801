import { apiRequest } from './api-client.ts';

/**
 * The customer view (`GET /v1/customers/{id}`) as one cached query: the Control Hub shell, the page
 * header and the pages' own hooks each read a part of it (`select`), so a page asks for it once
 * rather than once per part. The key is the customers feature's `customerQueryKey` (features do not
 * import one another: both name it), and every invalidation of `['customers', id]` refreshes it.
 */
export function customerViewQuery<View>(customerId: string) {
  return {
    queryKey: ['customers', customerId] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      apiRequest<View>(`/v1/customers/${encodeURIComponent(customerId)}`, { signal }),
  };
}

/** How long a page's read of the customer trusts the view the shell has just fetched. */
export const customerViewFreshMs = 30_000;
