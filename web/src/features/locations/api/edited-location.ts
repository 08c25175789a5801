import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useHeldForEdit } from '../../../lib/use-held-for-edit.ts';
import { getWithEtag, type WithEtag } from '../../../lib/versioned-request.ts';
import { locationPath, type LocationDetails } from './update-location.ts';

function editedLocationQuery(customerId: string, locationId: string) {
  return {
    // Under the locations' key: a save's invalidation reaches it, and it goes with the dialog.
    queryKey: ['customers', customerId, 'locations', locationId, 'edited'] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      getWithEtag<LocationDetails>(locationPath(customerId, locationId), signal),
    gcTime: 0,
    refetchOnWindowFocus: false,
  };
}

/**
 * The location an edit dialog works on, read with its ETag when the dialog opens (the list's rows
 * carry none): a save sends it back as If-Match, so a change someone else made meanwhile is refused
 * (412) instead of overwritten (ADR 0092). `reload` reads it again after a 412; `generation` changes
 * with it, as the key that starts the form afresh from the reloaded location.
 */
export function useEditedLocation(customerId: string, locationId: string) {
  const queryClient = useQueryClient();
  const opened = useQuery(editedLocationQuery(customerId, locationId));
  const { held: reloaded, ...edit } = useHeldForEdit<WithEtag<LocationDetails> | null>(null, async () => {
    const fresh = await queryClient.fetchQuery({
      ...editedLocationQuery(customerId, locationId),
      staleTime: 0,
    });
    // The list behind the dialog shows the other person's change too.
    void queryClient.invalidateQueries({ queryKey: ['customers', customerId, 'locations', 'list'] });
    return fresh;
  });
  return {
    location: reloaded ?? opened.data,
    loadError: opened.error,
    retryLoad: () => void opened.refetch(),
    ...edit,
  };
}
