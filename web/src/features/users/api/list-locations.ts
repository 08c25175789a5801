import { useQuery } from '@tanstack/react-query';
import { fetchAllLocations } from '../../../lib/fetch-all-locations.ts';
import type { LocationOption } from './user-types.ts';

/** The customer's locations, for the location pickers of the user forms. */
export function useLocationOptions(customerId: string) {
  return useQuery({
    queryKey: ['customers', customerId, 'locations', 'options'],
    queryFn: () => fetchAllLocations<LocationOption>(customerId),
    staleTime: 60_000,
  });
}
