import { useQuery } from '@tanstack/react-query';
import { apiRequest } from './api-client.ts';

/**
 * The name of a customer, for the Control Hub pages that live in features of their own (admins,
 * API tokens): features do not import the customers feature. Customer admins may read their own
 * customer.
 */
export function useCustomerName(customerId: string) {
  return useQuery({
    queryKey: ['customers', customerId, 'name'],
    queryFn: async ({ signal }) => {
      const customer = await apiRequest<{ name?: string }>(
        `/v1/customers/${encodeURIComponent(customerId)}`,
        { signal },
      );
      return customer.name ?? null;
    },
    enabled: customerId !== '',
    staleTime: 60_000,
  });
}
