import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { fetchAllLocations } from '../../../lib/fetch-all-locations.ts';
import { useCursorPages } from '../../../lib/use-cursor-pages.ts';

export interface PhoneNumber {
  phoneNumber: string;
  locationId: string;
  locationName: string;
  state: 'free' | 'taken';
  userId: string | null;
  userEmail: string | null;
}

function numbersPath(customerId: string): string {
  return `/v1/customers/${encodeURIComponent(customerId)}/numbers`;
}

export function useNumberPages(customerId: string, location: string | null, state: string | null) {
  return useCursorPages<PhoneNumber>(['customers', customerId, 'numbers', 'list'], numbersPath(customerId), {
    location: location ?? undefined,
    state: state ?? undefined,
    max: 50,
  });
}

export function useLocationChoices(customerId: string) {
  return useQuery({
    queryKey: ['customers', customerId, 'locations', 'choices'],
    queryFn: () => fetchAllLocations<{ id: string; name: string }>(customerId),
  });
}

export function useAddNumbers(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { location: string; numbers: string[] }) =>
      apiRequest<{ added: number; alreadyPresent: number }>(numbersPath(customerId), {
        method: 'POST',
        body: input,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers', customerId, 'numbers'] }),
  });
}

export function useRemoveNumbers(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (numbers: string[]) =>
      apiRequest<unknown>(`${numbersPath(customerId)}/remove`, { method: 'POST', body: { numbers } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers', customerId, 'numbers'] }),
  });
}

/**
 * Removes a range of free numbers of one location (SPEC §4): all or nothing, the server refuses the
 * whole range (409) when one of its numbers is taken or not in the inventory.
 */
export function useRemoveNumberRange(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { location: string; range: string }) =>
      apiRequest<{ removed?: string[] }>(`${numbersPath(customerId)}/remove`, {
        method: 'POST',
        body: { location: input.location, numbers: [input.range] },
      }),
    // The usage of numbers shows elsewhere too (free numbers in the user forms).
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers', customerId] }),
  });
}
