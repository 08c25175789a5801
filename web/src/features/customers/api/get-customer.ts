import { useQuery } from '@tanstack/react-query';
import { customerViewQuery } from '../../../lib/customer-view-query.ts';
import type { Customer } from './customer-types.ts';
import { isSettled } from './customer-types.ts';

/** The shared customer query (`customerViewQuery`): the customer with its ETag (ADR 0092). */
export function customerQuery(customerId: string) {
  return customerViewQuery<Customer>(customerId);
}

export function customerQueryKey(customerId: string) {
  return customerQuery(customerId).queryKey;
}

/**
 * While provisioning runs in the background, ask again every second so the status is live. The
 * shell's header and the pages share this one query (`customerViewQuery`).
 */
export function useCustomer(customerId: string) {
  return useQuery({
    ...customerQuery(customerId),
    refetchInterval: (query) => (query.state.data && !isSettled(query.state.data.status) ? 1000 : false),
  });
}
