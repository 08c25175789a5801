import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, fetchAll } from '../../../lib/api-client.ts';

export interface DirectorySyncState {
  enabled: boolean;
  /** Path of the customer's SCIM base, e.g. /scim/v2/<customerId>. */
  scimBasePath?: string;
}

export interface ScimToken {
  id: string;
  name?: string;
  prefix?: string;
  createdAt?: string;
  expiresAt?: string | null;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
  active?: boolean;
}

/** The answer that creates or rotates a token: the secret, shown once. */
export interface CreatedScimToken {
  token: string;
  tokenInfo: ScimToken;
}

function base(customerId: string): string {
  return `/v1/customers/${encodeURIComponent(customerId)}`;
}

export function scimBaseUrl(customerId: string, state: DirectorySyncState | undefined): string {
  return `${window.location.origin}${state?.scimBasePath ?? `/scim/v2/${customerId}`}`;
}

/** The last time the identity provider called in: the latest use of any of the customer's tokens. */
export function lastSyncOf(tokens: readonly ScimToken[]): string | null {
  const used = tokens.map((token) => token.lastUsedAt).filter((value): value is string => Boolean(value));
  return used.sort().pop() ?? null;
}

export function useDirectorySync(customerId: string) {
  return useQuery({
    queryKey: ['customers', customerId, 'directory-sync'],
    queryFn: () => apiRequest<DirectorySyncState>(`${base(customerId)}/directory-sync`),
  });
}

export function useSetDirectorySync(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (enabled: boolean) =>
      apiRequest<DirectorySyncState>(`${base(customerId)}/directory-sync`, {
        method: 'PUT',
        body: { enabled },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers', customerId] }),
  });
}

export function useScimTokens(customerId: string) {
  return useQuery({
    queryKey: ['customers', customerId, 'scim-tokens'],
    // Every token (the server pages them, SPEC §7): fetchAll follows Link, at the largest page.
    queryFn: () => fetchAll<ScimToken>(`${base(customerId)}/scim-tokens`, { max: 200 }),
  });
}

export function useCreateScimToken(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      apiRequest<CreatedScimToken>(`${base(customerId)}/scim-tokens`, { method: 'POST', body: { name } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers', customerId, 'scim-tokens'] }),
  });
}

export function useRevokeScimToken(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) =>
      apiRequest<unknown>(`${base(customerId)}/scim-tokens/${encodeURIComponent(tokenId)}`, {
        method: 'DELETE',
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers', customerId, 'scim-tokens'] }),
  });
}

export function useRotateScimToken(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) =>
      apiRequest<CreatedScimToken>(`${base(customerId)}/scim-tokens/${encodeURIComponent(tokenId)}/rotate`, {
        method: 'POST',
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers', customerId, 'scim-tokens'] }),
  });
}
