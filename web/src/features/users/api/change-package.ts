import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import type { User } from './user-types.ts';
import { usersPath } from './user-types.ts';

export interface PackageChange {
  package: string | null;
  /** Location id (the server also accepts its name). */
  location?: string;
  extension?: string;
  phoneNumber?: string;
}

export function useChangePackage(customerId: string, userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: PackageChange) =>
      apiRequest<User>(`${usersPath(customerId)}/${encodeURIComponent(userId)}/package`, {
        method: 'PUT',
        body: change,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers', customerId, 'users'] }),
  });
}
