import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { useCursorPages } from '../../../lib/use-cursor-pages.ts';
import type { AdminRole } from '../../../lib/grantable-roles.ts';
import { partnerRolesGrantableBy } from '../../../lib/grantable-roles.ts';

/** An admin account as GET /v1/admins answers it. */
export interface AdminAccount {
  id: string;
  email: string;
  displayName: string | null;
  role: AdminRole;
  partnerId: string;
  customerId: string | null;
  status: 'invited' | 'active' | 'disabled';
  lastLoginAt: string | null;
  createdAt: string;
}

export interface InviteAdminInput {
  email: string;
  role: AdminRole;
  displayName?: string;
}

const adminsKey = ['admins'] as const;

export function useAdminPages() {
  return useCursorPages<AdminAccount>([...adminsKey, 'list'], '/v1/admins', { max: 50 });
}

/** The roles the signed-in admin may hand out here (the server checks again). */
export function useGrantablePartnerRoles() {
  return useQuery({
    queryKey: [...adminsKey, 'signed-in-role'],
    queryFn: async () => {
      // Some servers wrap the admin (`{admin: {...}}`); accept both.
      const body = await apiRequest<{ role?: AdminRole; admin?: { role: AdminRole } }>('/v1/auth/me');
      const role = body.admin?.role ?? body.role;
      return role ? partnerRolesGrantableBy(role) : [];
    },
    staleTime: 60_000,
  });
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
