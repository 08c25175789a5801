import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { useCursorPages } from '../../../lib/use-cursor-pages.ts';
import type { AdminRole } from '../../../lib/grantable-roles.ts';
import { partnerRolesGrantableBy } from '../../../lib/grantable-roles.ts';
import type { AdminAccount } from '../../../lib/admin-account.ts';
import type { SignedInAdmin } from './role-choices.ts';
import { customerRolesGrantableBy } from './role-choices.ts';

export type { AdminAccount };

export interface InviteAdminInput {
  email: string;
  role: AdminRole;
  /** Required by the server for a customer role: the customer the new admin belongs to. */
  customerId?: string;
  displayName?: string;
}

const adminsKey = ['admins'] as const;

/** All admins the signed-in admin may see, or only those of one customer when `customerId` is given. */
export function useAdminPages(customerId?: string) {
  return useCursorPages<AdminAccount>([...adminsKey, 'list'], '/v1/admins', {
    max: 50,
    ...(customerId ? { customerId } : {}),
  });
}

/** The signed-in admin's id and role: what they may grant, and which row is their own. */
export function useSignedInAdmin() {
  return useQuery({
    queryKey: ['admins-page', 'signed-in-admin'],
    queryFn: async (): Promise<SignedInAdmin | null> => {
      // Some servers wrap the admin (`{admin: {...}}`); accept both.
      const body = await apiRequest<Partial<SignedInAdmin> & { admin?: SignedInAdmin }>('/v1/auth/me');
      const admin = body.admin ?? body;
      return admin.id && admin.role ? { id: admin.id, role: admin.role } : null;
    },
    staleTime: 60_000,
  });
}

/** The roles the signed-in admin may hand out here (the server checks again). */
export function grantablePartnerRoles(me: SignedInAdmin | null | undefined): AdminRole[] {
  return me ? partnerRolesGrantableBy(me.role) : [];
}

/** The customer roles the signed-in admin may hand out on a customer's admins page. */
export function grantableCustomerRoles(me: SignedInAdmin | null | undefined): AdminRole[] {
  return me ? customerRolesGrantableBy(me.role) : [];
}

export function useInviteAdmin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InviteAdminInput) =>
      apiRequest<AdminAccount>('/v1/admins', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminsKey }),
  });
}

export function useResendInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (adminId: string) =>
      apiRequest<AdminAccount>(`/v1/admins/${encodeURIComponent(adminId)}/invite`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminsKey }),
  });
}

export function useChangeAdminRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ adminId, role }: { adminId: string; role: AdminRole }) =>
      apiRequest<AdminAccount>(`/v1/admins/${encodeURIComponent(adminId)}`, {
        method: 'PATCH',
        body: { role },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminsKey }),
  });
}

export function useRemoveAdmin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (adminId: string) =>
      apiRequest<undefined>(`/v1/admins/${encodeURIComponent(adminId)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminsKey }),
  });
}
