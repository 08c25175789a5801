import { useQuery } from '@tanstack/react-query';
import { customerViewQuery } from './customer-view-query.ts';

/**
 * The name of a customer, for the Control Hub pages that live in features of their own (admins,
 * API tokens): features do not import the customers feature. Customer admins may read their own
 * customer.
 */
export function useCustomerName(customerId: string) {
  return useQuery({
    ...customerViewQuery<{ name?: string }>(customerId),
    select: (customer) => customer.name ?? null,
    enabled: customerId !== '',
    staleTime: 60_000,
  });
}
