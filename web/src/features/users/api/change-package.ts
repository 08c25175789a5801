import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { ifMatchHeaders } from '../../../lib/versioned-request.ts';
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

/** `etag`: of the user as the dialog was opened on, sent as If-Match (412 when changed since). */
export function useChangePackage(customerId: string, userId: string, etag?: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: PackageChange) =>
      apiRequest<{ user?: User; warnings?: ProvisioningError[] }>(
        `${usersPath(customerId)}/${encodeURIComponent(userId)}/package`,
        {
          method: 'PUT',
          body: change,
          headers: ifMatchHeaders(etag),
        },
      ),
    // Not only the users: the customer's package usage ("x of y in use") and free numbers moved too.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers', customerId] }),
  });
}
