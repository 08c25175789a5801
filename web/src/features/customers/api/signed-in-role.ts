import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';

type SignedInRole =
  | 'operator'
  | 'partner_full_admin'
  | 'partner_readonly_admin'
  | 'customer_full_admin'
  | 'customer_readonly_admin';

/** The signed-in admin's role (features do not import each other, so this asks the server itself). */
export function useSignedInRole() {
  return useQuery({
    queryKey: ['customers', 'signed-in-role'],
    queryFn: async () => {
      // Some servers wrap the admin (`{admin: {...}}`); accept both.
      const body = await apiRequest<{ role?: SignedInRole; admin?: { role: SignedInRole } }>('/v1/auth/me');
      return body.admin?.role ?? body.role ?? null;
    },
    staleTime: 60_000,
  });
}

/** Mirrors the server: partner full admins and the operator delete customers; here they also change what is sold. */
export function mayManageCustomers(role: SignedInRole | null | undefined): boolean {
  return role === 'operator' || role === 'partner_full_admin';
}
