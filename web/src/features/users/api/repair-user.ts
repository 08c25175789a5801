import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import type { User } from './user-types.ts';
import { usersPath } from './user-types.ts';

/** The help text's remedy in one click: unassign the package, then assign it again. */
export function useRepairUser(customerId: string, userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiRequest<User>(`${usersPath(customerId)}/${encodeURIComponent(userId)}/repair`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers', customerId, 'users'] }),
  });
}
