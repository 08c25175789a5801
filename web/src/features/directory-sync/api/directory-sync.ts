import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, fetchAll } from '../../../lib/api-client.ts';

export interface DirectorySyncState {
  enabled: boolean;
  scimUrl?: string;
  baseUrl?: string;
  lastSyncAt?: string | null;
}

export interface ScimToken {
  id: string;
  name?: string;
  prefix?: string;
  createdAt?: string;
  expiresAt?: string | null;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
  /** Present once, in the answer that created it. */
  token?: string;
}

function base(customerId: string): string {
  return `/v1/customers/${encodeURIComponent(customerId)}`;
}

export function scimBaseUrl(customerId: string, state: DirectorySyncState | undefined): string {
  return state?.scimUrl ?? state?.baseUrl ?? `${window.location.origin}/scim/v2/${customerId}`;
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
    queryFn: () => fetchAll<ScimToken>(`${base(customerId)}/scim-tokens`),
  });
}

export function useCreateScimToken(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      apiRequest<ScimToken>(`${base(customerId)}/scim-tokens`, { method: 'POST', body: { name } }),
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
