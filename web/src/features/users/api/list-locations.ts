import { useQuery } from '@tanstack/react-query';
import { fetchAll } from '../../../lib/api-client.ts';
import type { LocationOption } from './user-types.ts';

/** The customer's locations, for the location pickers of the user forms. */
export function useLocationOptions(customerId: string) {
  return useQuery({
    queryKey: ['customers', customerId, 'locations', 'options'],
    queryFn: () => fetchAll<LocationOption>(`/v1/customers/${encodeURIComponent(customerId)}/locations`),
    staleTime: 60_000,
  });
}
