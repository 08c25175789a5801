import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ifMatchHeaders, sendWithEtag, type WithEtag } from '../../../lib/versioned-request.ts';
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

export function locationPath(customerId: string, locationId: string): string {
  return `/v1/customers/${encodeURIComponent(customerId)}/locations/${encodeURIComponent(locationId)}`;
}

/**
 * `etag`: of the location as the form was loaded, sent as If-Match: a change by someone else since
 * then makes the save fail with 412 instead of overwriting theirs (ADR 0092).
 */
export function useUpdateLocation(customerId: string, locationId: string, etag?: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (patch: LocationPatch): Promise<WithEtag<LocationDetails>> => {
      const { data, etag: saved } = await sendWithEtag<LocationDetails>(
        locationPath(customerId, locationId),
        {
          method: 'PATCH',
          body: patch,
          headers: ifMatchHeaders(etag),
        },
      );
      return { ...data, etag: saved };
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers', customerId, 'locations'] }),
  });
}
