import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';

/** A package the customer was sold, with its limit and how many users hold it (SPEC §2). */
export interface SoldPackage {
  id: string;
  /** null: no limit. */
  limit: number | null;
  /** Users holding it, as the server's limit rule counts them; null when the server does not say. */
  used: number | null;
}

interface CustomerPackages {
  packages?: ({ id: string; limit?: number | null; used?: number } | string)[];
}

export function soldPackagesKey(customerId: string) {
  return ['customers', customerId, 'sold-packages'] as const;
}

function soldPackagesQuery(customerId: string) {
  return {
    queryKey: soldPackagesKey(customerId),
    queryFn: async ({ signal }: { signal: AbortSignal }): Promise<SoldPackage[] | null> => {
      const customer = await apiRequest<CustomerPackages>(`/v1/customers/${encodeURIComponent(customerId)}`, {
        signal,
      });
      if (!Array.isArray(customer?.packages)) return null;
      return customer.packages.map((entry) =>
        typeof entry === 'string'
          ? { id: entry, limit: null, used: null }
          : { id: entry.id, limit: entry.limit ?? null, used: entry.used ?? null },
      );
    },
  };
}

/**
 * The packages the customer was sold, with limit and usage, read from the customer; null while
 * unknown, so the forms fall back to the whole catalog and the server decides.
 */
export function useSoldPackages(customerId: string) {
  return useQuery(soldPackagesQuery(customerId));
}

/** The package ids the customer was sold (SPEC §2: nothing else can be assigned); null while unknown. */
export function useSoldPackageIds(customerId: string) {
  return useQuery({
    ...soldPackagesQuery(customerId),
    select: (packages) => packages?.map((entry) => entry.id) ?? null,
  });
}
