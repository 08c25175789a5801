import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { useCursorPages } from '../../../lib/use-cursor-pages.ts';
import type { AdminRole } from '../../../lib/grantable-roles.ts';

/** An API token as GET /v1/tokens answers it (never the secret). */
export interface ApiToken {
  id: string;
  name: string;
  role: AdminRole;
  customerId: string | null;
  /** The customer a customer token acts for; older servers may leave it out. */
  customerName?: string | null;
  prefix: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
  /**
   * The API token this one was created with; null when a person created it (session or CLI).
   * Revoking that token revokes this one too (ADR 0085). Older servers leave it out.
   */
  createdByTokenId?: string | null;
}

/** The create answer: the only time the secret is seen. */
export interface CreatedApiToken extends ApiToken {
  token: string;
}

export interface CreateTokenInput {
  name: string;
  role: AdminRole;
  /** Required by the server for a customer role: the customer the token acts for. */
  customerId?: string;
  expiresAt?: string;
}

const tokensKey = ['tokens'] as const;

/** All tokens the signed-in admin may see, or only those of one customer when `customerId` is given. */
export function useTokenPages(customerId?: string) {
  return useCursorPages<ApiToken>([...tokensKey, 'list'], '/v1/tokens', {
    max: 50,
    ...(customerId ? { customerId } : {}),
  });
}

/** The signed-in admin as the tokens page needs it: the role, and the customer of a customer admin. */
export interface SignedInTokenAdmin {
  role: AdminRole;
  customerId: string | null;
}

export function useSignedInTokenAdmin() {
  return useQuery({
    queryKey: ['tokens-page', 'signed-in-admin'],
    queryFn: async (): Promise<SignedInTokenAdmin | null> => {
      // Some servers wrap the admin (`{admin: {...}}`); accept both.
      type Me = { role?: AdminRole; customerId?: string | null };
      const body = await apiRequest<Me & { admin?: Me }>('/v1/auth/me');
      const admin = body.admin ?? body;
      return admin.role ? { role: admin.role, customerId: admin.customerId ?? null } : null;
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
