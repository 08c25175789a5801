import { useMutation, useQueryClient } from '@tanstack/react-query';
import { send } from '../../../lib/api-client.ts';
import type { Customer } from './customer-types.ts';

export interface NewLocation {
  name: string;
  addressLine1: string;
  city: string;
  zipCode?: string;
  country: string;
  timeZone: string;
  language?: string;
}

export interface NewCustomer {
  name: string;
  externalId: string;
  adminEmail: string;
  country: string;
  address: { addressLine1?: string; addressLine2?: string; city?: string; zipCode?: string };
  language: string;
  packages: { id: string; limit?: number }[];
  firstLocation?: NewLocation;
}

/** POST answers 202 with the customer (or only a `Location` header): either way we learn the id. */
export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: NewCustomer) => {
      const { data, response } = await send('/v1/customers', { method: 'POST', body: input });
      const body = (data ?? {}) as Partial<Customer>;
      const fromHeader = response.headers.get('Location')?.split('/').filter(Boolean).pop();
      const id = body.id ?? fromHeader;
      if (!id) throw new Error('The server did not say where the new customer is.');
      return id;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers', 'list'] }),
  });
}
