import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { useCursorPages } from '../../../lib/use-cursor-pages.ts';
import type { AdminRole } from '../../../lib/grantable-roles.ts';
import { partnerRolesGrantableBy } from '../../../lib/grantable-roles.ts';

/** An API token as GET /v1/tokens answers it (never the secret). */
export interface ApiToken {
  id: string;
  name: string;
  role: AdminRole;
  customerId: string | null;
  prefix: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
}

/** The create answer: the only time the secret is seen. */
export interface CreatedApiToken extends ApiToken {
  token: string;
}

export interface CreateTokenInput {
  name: string;
  role: AdminRole;
  expiresAt?: string;
}

const tokensKey = ['tokens'] as const;

export function useTokenPages() {
  return useCursorPages<ApiToken>([...tokensKey, 'list'], '/v1/tokens', { max: 50 });
}

/** The roles the signed-in admin may give a token (the server checks again). */
export function useGrantableTokenRoles() {
  return useQuery({
    queryKey: [...tokensKey, 'signed-in-role'],
    queryFn: async () => {
      // Some servers wrap the admin (`{admin: {...}}`); accept both.
      const body = await apiRequest<{ role?: AdminRole; admin?: { role: AdminRole } }>('/v1/auth/me');
      const role = body.admin?.role ?? body.role;
      return role ? partnerRolesGrantableBy(role) : [];
    },
    staleTime: 60_000,
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateTokenInput) =>
      apiRequest<CreatedApiToken>('/v1/tokens', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) =>
      apiRequest<unknown>(`/v1/tokens/${encodeURIComponent(tokenId)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}
