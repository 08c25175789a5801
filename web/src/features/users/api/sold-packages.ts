import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';

interface CustomerPackages {
  packages?: ({ id: string; limit?: number | null } | string)[];
}

/**
 * The package ids the customer was sold (SPEC §2: nothing else can be assigned), read from the
 * customer; null while unknown, so the forms fall back to the whole catalog and the server decides.
 */
export function useSoldPackageIds(customerId: string) {
  return useQuery({
    queryKey: ['customers', customerId, 'sold-packages'],
    queryFn: async ({ signal }) => {
      const customer = await apiRequest<CustomerPackages>(`/v1/customers/${encodeURIComponent(customerId)}`, {
        signal,
      });
      if (!Array.isArray(customer?.packages)) return null;
      return customer.packages.map((entry) => (typeof entry === 'string' ? entry : entry.id));
    },
  });
}
