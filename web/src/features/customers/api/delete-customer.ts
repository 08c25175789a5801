import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import type { Customer } from './customer-types.ts';

/** `DELETE /v1/customers/{id}` answers 202: the customer is `deleting` and removed in the background. */
export function useDeleteCustomer(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiRequest<Customer>(`/v1/customers/${encodeURIComponent(customerId)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers', 'list'] }),
  });
}
