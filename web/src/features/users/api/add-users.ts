import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import type { ProvisioningError, User } from './user-types.ts';
import { usersPath } from './user-types.ts';

export const maxUsersPerSubmission = 25;

export interface NewUser {
  firstName: string;
  lastName: string;
  email: string;
  package: string;
  /** true adds the Attendant Console add-on (SPEC §3: only next to a base that allows it). */
  attendantConsole?: boolean;
  /** Location id (the server also accepts its name). */
  location?: string;
  extension?: string;
  phoneNumber?: string;
}

/** One entry of the batch answer: the created user, or why this row was refused. */
export interface BatchResult {
  index?: number;
  email?: string;
  result?: 'created' | 'pending_user_migration' | 'failed';
  status?: number | string;
  user?: User;
  errors?: ProvisioningError[];
  /**
   * What did not block the add but needs the admin's attention, e.g. `preferred_site_missing`
   * (SPEC §3: say so). The server words `description` in the request's Accept-Language.
   */
  warnings?: ProvisioningError[];
}

export function useAddUsers(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (users: NewUser[]) => {
      const body = await apiRequest<{ items?: BatchResult[]; results?: BatchResult[] } | BatchResult[]>(
        `${usersPath(customerId)}/batch`,
        { method: 'POST', body: { users } },
      );
      return Array.isArray(body) ? body : (body?.results ?? body?.items ?? []);
    },
    // Not only the users: the customer's package usage ("x of y in use") and free numbers moved too.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers', customerId] }),
  });
}
