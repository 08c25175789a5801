import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import type { Customer } from './customer-types.ts';
import { isSettled } from './customer-types.ts';

export function customerQueryKey(customerId: string) {
  return ['customers', customerId] as const;
}

/** While provisioning runs in the background, ask again every second so the status is live. */
export function useCustomer(customerId: string) {
  return useQuery({
    queryKey: customerQueryKey(customerId),
    queryFn: ({ signal }) =>
      apiRequest<Customer>(`/v1/customers/${encodeURIComponent(customerId)}`, { signal }),
    refetchInterval: (query) => (query.state.data && !isSettled(query.state.data.status) ? 1000 : false),
  });
}
