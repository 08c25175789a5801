import { useQuery } from '@tanstack/react-query';
import { fetchAll } from '../../../lib/api-client.ts';

/** The server's largest page (`max` ≤ 200): most partners' customers in one request. */
const LARGEST_PAGE = 200;

/**
 * Customer names by id, for the customer admins on the admins page: the whole customer list at
 * once (following `Link: rel="next"`) rather than one request per row. The key sits under
 * `['customers', 'list']`, so creating or renaming a customer refreshes it too.
 */
export function useCustomerNames(enabled: boolean) {
  return useQuery({
    queryKey: ['customers', 'list', 'names'],
    queryFn: async (): Promise<Record<string, string>> => {
      const customers = await fetchAll<{ id: string; name: string }>('/v1/customers', { max: LARGEST_PAGE });
      return Object.fromEntries(customers.map((customer) => [customer.id, customer.name]));
    },
    enabled,
    staleTime: 60_000,
  });
}
