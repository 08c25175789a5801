import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { ApiError, isApiError } from '../../../lib/api-error.ts';
import { setCsrfToken } from '../../../lib/csrf-token.ts';
import { forgetSignedOut, knownSignedOut, rememberSignedOut } from '../../../lib/signed-out-hint.ts';

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
  // Signed in (by login or a live session): the shell asks the server again from now on.
  forgetSignedOut();
  return admin;
}

/**
 * The signed-in admin, or ApiError 401. A browser known to be signed out gets the 401 without a
 * request (see signed-out-hint.ts): no failed request in the console after signing out.
 */
export async function getMe(): Promise<CurrentAdmin> {
  if (knownSignedOut()) throw new ApiError(401, 'Not signed in', [], null);
  try {
    return unwrapAdmin(await apiRequest<unknown>('/v1/auth/me'));
  } catch (error) {
    if (isApiError(error) && error.status === 401) rememberSignedOut();
    throw error;
  }
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
