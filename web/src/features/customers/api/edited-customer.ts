import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getWithEtag, type WithEtag } from '../../../lib/versioned-request.ts';
import type { Customer } from './customer-types.ts';
import { customerQueryKey } from './get-customer.ts';

function editedCustomerQuery(customerId: string) {
  return {
    // Under the customer's key: the invalidations of a save reach it, and it goes with the dialog.
    queryKey: [...customerQueryKey(customerId), 'edited'] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      getWithEtag<Customer>(`/v1/customers/${encodeURIComponent(customerId)}`, signal),
    gcTime: 0,
    refetchOnWindowFocus: false,
  };
}

/**
 * The customer an edit dialog works on, read when it opens with its ETag (the shared customer view
 * carries none): a save sends it back as If-Match, so a change someone else made meanwhile is refused
 * (412) instead of overwritten (ADR 0092). `reload` reads the customer again after a 412;
 * `generation` changes with it, as the key that starts the form afresh from the reloaded customer.
 */
export function useEditedCustomer(customerId: string) {
  const queryClient = useQueryClient();
  const opened = useQuery(editedCustomerQuery(customerId));
  const [reloaded, setReloaded] = useState<WithEtag<Customer> | null>(null);
  const [generation, setGeneration] = useState(0);
  const [reloading, setReloading] = useState(false);
  const [reloadError, setReloadError] = useState<unknown>(null);
  const reload = async () => {
    setReloading(true);
    setReloadError(null);
    try {
      const fresh = await queryClient.fetchQuery({ ...editedCustomerQuery(customerId), staleTime: 0 });
      setReloaded(fresh);
      setGeneration((current) => current + 1);
      // The page behind the dialog shows the other person's change too.
      void queryClient.invalidateQueries({ queryKey: customerQueryKey(customerId), exact: true });
    } catch (error) {
      setReloadError(error);
    } finally {
      setReloading(false);
    }
  };
  return {
    customer: reloaded ?? opened.data,
    loadError: opened.error,
    retryLoad: () => void opened.refetch(),
    generation,
    reload: () => void reload(),
    reloading,
    reloadError,
  };
}
