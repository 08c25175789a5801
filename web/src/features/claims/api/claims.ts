import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, fetchAll, fetchPage } from '../../../lib/api-client.ts';
import type { ProvisioningError } from '../../../lib/provisioning-error.ts';

export interface VerifiedDomain {
  domain: string;
  verified?: boolean;
  status?: string;
  /** The TXT record value to publish at _wholesale-hub-challenge.<domain>. */
  token?: string;
  txtRecord?: { name?: string; value?: string };
  verifiedAt?: string | null;
}

export interface ClaimableAccount {
  id: string;
  email: string;
  firstName?: string | null;
  lastName?: string | null;
  displayName?: string | null;
}

/** One claimed or refused account of a claim's answer. */
export interface ClaimedAccount {
  email?: string;
  result?: 'claimed' | 'failed';
  userId?: string;
  /** Why the account was not claimed; `field` is the request property it is about, if any. */
  errors?: ProvisioningError[];
  /**
   * What did not block the claim but needs the admin's attention, e.g. `preferred_site_missing` on
   * `preferredWebexSite`, with the values its text names in `params` (as the batch add answers them).
   */
  warnings?: ProvisioningError[];
}

export interface ClaimResult {
  counts: { claimed: number; failed: number };
  results?: ClaimedAccount[];
}

export const maxClaimsAtOnce = 250;

function base(customerId: string): string {
  return `/v1/customers/${encodeURIComponent(customerId)}`;
}

export function isVerified(domain: VerifiedDomain): boolean {
  return domain.verified === true || domain.status === 'verified';
}

export function txtRecordOf(domain: VerifiedDomain): { name: string; value: string } {
  return {
    name: domain.txtRecord?.name ?? `_wholesale-hub-challenge.${domain.domain}`,
    value: domain.txtRecord?.value ?? `wholesale-hub-verification=${domain.token ?? ''}`,
  };
}

export function useDomains(customerId: string) {
  return useQuery({
    queryKey: ['customers', customerId, 'domains'],
    // Every domain (the server pages them, SPEC §7): fetchAll follows Link, at the largest page.
    queryFn: () => fetchAll<VerifiedDomain>(`${base(customerId)}/domains`, { max: 200 }),
  });
}

export function useAddDomain(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (domain: string) =>
      apiRequest<VerifiedDomain>(`${base(customerId)}/domains`, { method: 'POST', body: { domain } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers', customerId, 'domains'] }),
  });
}

export function useVerifyDomain(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (domain: string) =>
      apiRequest<VerifiedDomain>(`${base(customerId)}/domains/${encodeURIComponent(domain)}/verify`, {
        method: 'POST',
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['customers', customerId] }),
  });
}

export function useClaimableAccounts(customerId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['customers', customerId, 'claims', 'claimable'],
    enabled,
    queryFn: async () =>
      (await fetchPage<ClaimableAccount>(`${base(customerId)}/claims`, { max: maxClaimsAtOnce })).items,
  });
}

export function useClaimAccounts(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ accountIds, packageId }: { accountIds: string[]; packageId: string | null }) =>
      apiRequest<ClaimResult>(`${base(customerId)}/claims`, {
        method: 'POST',
        body: packageId ? { accountIds, package: packageId } : { accountIds },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers', customerId] }),
  });
}

/**
 * Claims any number of free accounts listed in a CSV file (SPEC §5): the file goes as it is, its
 * bytes untouched, because the server reads its encoding (Windows-1252, a byte-order mark) as the
 * users import does; a text decode here would turn "é" in Windows-1252 into a replacement sign.
 * The Content-Type is said outright: Windows names a .csv `application/vnd.ms-excel`, which the
 * endpoint refuses (415).
 */
export function useClaimAccountsFromCsv(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, packageId }: { file: Blob; packageId: string | null }) =>
      apiRequest<ClaimResult>(`${base(customerId)}/claims/csv`, {
        method: 'POST',
        query: { package: packageId },
        headers: { 'Content-Type': 'text/csv' },
        body: file,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers', customerId] }),
  });
}
