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
