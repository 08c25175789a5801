import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { setCsrfToken } from '../../../lib/csrf-token.ts';

export type AdminRole =
  | 'operator'
  | 'partner_full_admin'
  | 'partner_readonly_admin'
  | 'customer_full_admin'
  | 'customer_readonly_admin';

/** The signed-in admin account, as GET /v1/auth/me answers it. */
export interface CurrentAdmin {
  id: string;
  email: string;
  displayName?: string | null;
  role: AdminRole;
  partnerId: string;
  customerId?: string | null;
  csrfToken?: string;
}

export const meQueryKey = ['auth', 'me'] as const;

/** Some servers wrap the admin (`{admin: {...}}`); accept both. */
export function unwrapAdmin(body: unknown): CurrentAdmin {
  const record = body as { admin?: CurrentAdmin; csrfToken?: string } & CurrentAdmin;
  const admin = record.admin ?? record;
  setCsrfToken(record.csrfToken ?? admin.csrfToken);
  return admin;
}

export async function getMe(): Promise<CurrentAdmin> {
  return unwrapAdmin(await apiRequest<unknown>('/v1/auth/me'));
}

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: getMe, retry: false, staleTime: 60_000 });
}

export function isPartnerRole(role: AdminRole): boolean {
  return role === 'operator' || role === 'partner_full_admin' || role === 'partner_readonly_admin';
}

export function isReadOnlyRole(role: AdminRole): boolean {
  return role === 'partner_readonly_admin' || role === 'customer_readonly_admin';
}
