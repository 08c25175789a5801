import { useQuery } from '@tanstack/react-query';
import { fetchAll } from '../../../lib/api-client.ts';
import type { AdminAccount } from '../../../lib/admin-account.ts';

/**
 * The lower-case emails of the customer's full admins, as the server's package rule counts them
 * (SPEC §3: role customer_full_admin, not disabled). The query fails when the signed-in role may not
 * list admins: callers then treat nobody as a full admin and let the server judge.
 */
export function useCustomerFullAdminEmails(customerId: string) {
  return useQuery({
    queryKey: ['admins', 'customer-full-admins', customerId],
    queryFn: async () =>
      fullAdminEmails(await fetchAll<AdminAccount>('/v1/admins', { customerId, max: 200 })),
    staleTime: 60_000,
  });
}

export function fullAdminEmails(admins: readonly AdminAccount[]): string[] {
  return admins
    .filter((admin) => admin.role === 'customer_full_admin' && admin.status !== 'disabled')
    .map((admin) => admin.email.toLowerCase());
}
