import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { fetchAllLocations } from '../../../lib/fetch-all-locations.ts';

export interface Location {
  id: string;
  name: string;
  country: string;
  address?: { addressLine1?: string | null; city?: string | null; zipCode?: string | null };
  timeZone: string;
  language?: string | null;
}

export interface LocationInput {
  name: string;
  country: string;
  addressLine1?: string;
  city?: string;
  zipCode?: string;
  timeZone: string;
}

function locationsPath(customerId: string): string {
  return `/v1/customers/${encodeURIComponent(customerId)}/locations`;
}

export function useLocations(customerId: string) {
  return useQuery({
    queryKey: ['customers', customerId, 'locations', 'list'],
    queryFn: () => fetchAllLocations<Location>(customerId),
  });
}

export function useCreateLocation(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LocationInput) =>
      apiRequest<Location>(locationsPath(customerId), { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers', customerId, 'locations'] }),
  });
}

export function useDeleteLocation(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (locationId: string) =>
      apiRequest<unknown>(`${locationsPath(customerId)}/${encodeURIComponent(locationId)}`, {
        method: 'DELETE',
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers', customerId, 'locations'] }),
  });
}
