import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ifMatchHeaders, sendWithEtag, type WithEtag } from '../../../lib/versioned-request.ts';
import type { Customer } from './customer-types.ts';
import { customerQueryKey } from './get-customer.ts';

/** The address as PATCH takes it: when sent, it replaces the whole address (`null` empties a line). */
export interface CustomerAddressPatch {
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  stateOrProvince: string | null;
  zipCode: string | null;
}

/** `PATCH /v1/customers/{id}`: only what changed. The externalId cannot be changed. */
export type CustomerPatch = Partial<{
  name: string;
  adminEmail: string;
  country: string;
  language: string;
  address: CustomerAddressPatch;
  /** Replaces the sold packages; no `limit`: no limit. A change is applied in the background. */
  packages: { id: string; limit?: number }[];
}>;

/**
 * `etag`: of the customer as the form was loaded, sent as If-Match: a change by someone else since
 * then makes the save fail with 412 instead of overwriting theirs (ADR 0092).
 */
export function useUpdateCustomer(customerId: string, etag?: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (patch: CustomerPatch): Promise<WithEtag<Customer>> => {
      const { data, etag: saved } = await sendWithEtag<Customer>(
        `/v1/customers/${encodeURIComponent(customerId)}`,
        { method: 'PATCH', body: patch, headers: ifMatchHeaders(etag) },
      );
      return { ...data, etag: saved };
    },
    onSuccess: (saved, patch) => {
      // The answer is the stored customer with its new ETag: show it at once (the next edit dialog
      // opens on it), then refresh what is derived from it (other screens' sold packages, settings)
      // and the lists that name it.
      queryClient.setQueryData(customerQueryKey(customerId), saved);
      return Promise.all([
        queryClient.invalidateQueries({
          predicate: ({ queryKey }) =>
            queryKey.length > 2 && queryKey[0] === 'customers' && queryKey[1] === customerId,
        }),
        queryClient.invalidateQueries({ queryKey: ['customers', 'list'] }),
        // The admins page names each customer admin's customer: a rename must show there too.
        ...(patch.name !== undefined ? [queryClient.invalidateQueries({ queryKey: ['admins'] })] : []),
      ]);
    },
  });
}
