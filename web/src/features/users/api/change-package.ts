import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import type { ProvisioningError, User } from './user-types.ts';
import { usersPath } from './user-types.ts';

export interface PackageChange {
  package: string;
  /** true adds the Attendant Console add-on (SPEC §3: only next to a base that allows it). */
  attendantConsole?: boolean;
  /** Location id (the server also accepts its name). */
  location?: string;
  extension?: string;
  phoneNumber?: string;
}

export function useChangePackage(customerId: string, userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: PackageChange) =>
      apiRequest<{ user?: User; warnings?: ProvisioningError[] }>(
        `${usersPath(customerId)}/${encodeURIComponent(userId)}/package`,
        {
          method: 'PUT',
          body: change,
        },
      ),
    // Not only the users: the customer's package usage ("x of y in use") and free numbers moved too.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers', customerId] }),
  });
}
