import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import type { User } from './user-types.ts';
import { usersPath } from './user-types.ts';

export function userQueryKey(customerId: string, userId: string) {
  return ['customers', customerId, 'users', userId] as const;
}

export function useUser(customerId: string, userId: string) {
  return useQuery({
    queryKey: userQueryKey(customerId, userId),
    queryFn: ({ signal }) =>
      apiRequest<User>(`${usersPath(customerId)}/${encodeURIComponent(userId)}`, { signal }),
  });
}
