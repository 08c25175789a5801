import { useQuery } from '@tanstack/react-query';
import { customerViewFreshMs, customerViewQuery } from './customer-view-query.ts';

/** Whether the customer's directory owns names and emails (SPEC §5), from the customer view. */
export function useDirectorySyncEnabled(customerId: string) {
  return useQuery({
    ...customerViewQuery<{ directorySyncEnabled?: boolean }>(customerId),
    select: (customer) => customer.directorySyncEnabled === true,
    staleTime: customerViewFreshMs,
  });
}
