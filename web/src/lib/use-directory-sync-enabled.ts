import { useQuery } from '@tanstack/react-query';
import { apiRequest } from './api-client.ts';

/** Whether the customer's directory owns names and emails (SPEC §5), from the customer view. */
export function useDirectorySyncEnabled(customerId: string) {
  return useQuery({
    queryKey: ['customers', customerId, 'directory-sync-enabled'],
    queryFn: async ({ signal }) => {
      const customer = await apiRequest<{ directorySyncEnabled?: boolean }>(
        `/v1/customers/${encodeURIComponent(customerId)}`,
        { signal },
      );
      return customer.directorySyncEnabled === true;
    },
  });
}
