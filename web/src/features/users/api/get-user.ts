import { useQuery } from '@tanstack/react-query';
import { getWithEtag } from '../../../lib/versioned-request.ts';
import type { User } from './user-types.ts';
import { usersPath } from './user-types.ts';

export function userQueryKey(customerId: string, userId: string) {
  return ['customers', customerId, 'users', userId] as const;
}

/** The user with its ETag: the edit and change-package dialogs send it back as If-Match (ADR 0092). */
export function userQuery(customerId: string, userId: string) {
  return {
    queryKey: userQueryKey(customerId, userId),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      getWithEtag<User>(`${usersPath(customerId)}/${encodeURIComponent(userId)}`, signal),
  };
}

export function useUser(customerId: string, userId: string) {
  return useQuery(userQuery(customerId, userId));
}
