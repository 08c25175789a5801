import { useQuery } from '@tanstack/react-query';
import { customerViewQuery } from '../../../lib/customer-view-query.ts';
import type { Customer } from './customer-types.ts';
import { isSettled } from './customer-types.ts';

export function customerQueryKey(customerId: string) {
  return customerViewQuery<Customer>(customerId).queryKey;
}

/**
 * While provisioning runs in the background, ask again every second so the status is live. The
 * shell's header and the pages share this one query (`customerViewQuery`).
 */
export function useCustomer(customerId: string) {
  return useQuery({
    ...customerViewQuery<Customer>(customerId),
    refetchInterval: (query) => (query.state.data && !isSettled(query.state.data.status) ? 1000 : false),
  });
}
