import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import type { Location } from './locations.ts';

/** A location as the admin API answers it, with the whole address. */
export interface LocationDetails extends Location {
  address?: {
    addressLine1?: string | null;
    addressLine2?: string | null;
    city?: string | null;
    stateOrProvince?: string | null;
    zipCode?: string | null;
  };
}

/** `PATCH /v1/customers/{id}/locations/{locationId}`: `null` empties an address line or the language. */
export type LocationPatch = Partial<{
  name: string;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  stateOrProvince: string | null;
  zipCode: string | null;
  timeZone: string;
  language: string | null;
}>;

export function useUpdateLocation(customerId: string, locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: LocationPatch) =>
      apiRequest<LocationDetails>(
        `/v1/customers/${encodeURIComponent(customerId)}/locations/${encodeURIComponent(locationId)}`,
        { method: 'PATCH', body: patch },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers', customerId, 'locations'] }),
  });
}
