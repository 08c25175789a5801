import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { usersPath } from './user-types.ts';

/** `DELETE /v1/customers/{id}/users/{userId}`: the number and extension go back to the pool. */
export function useRemoveUser(customerId: string, userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiRequest<unknown>(`${usersPath(customerId)}/${encodeURIComponent(userId)}`, { method: 'DELETE' }),
    // Lists, free numbers and counts all moved. The removed user's own query is left alone: it
    // would only answer 404 while the page navigates away.
    onSuccess: () =>
      queryClient.invalidateQueries({
        queryKey: ['customers', customerId],
        predicate: (query) => !(query.queryKey[2] === 'users' && query.queryKey[3] === userId),
      }),
  });
}
