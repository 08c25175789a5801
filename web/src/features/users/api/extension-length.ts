import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';

/**
 * The customer's extension length (SPEC §2 setting, 2–10, default 4), from the customer view the
 * settings screen also reads: the forms check an extension as the server will. null while unknown
 * (loading, or an older server): the forms then accept 2 to 10 digits and the server decides.
 */
export function useExtensionLength(customerId: string) {
  return useQuery({
    queryKey: ['customers', customerId, 'extension-length'],
    queryFn: async ({ signal }) => {
      const customer = await apiRequest<{ settings?: { extensionLength?: unknown } }>(
        `/v1/customers/${encodeURIComponent(customerId)}`,
        { signal },
      );
      const length = customer?.settings?.extensionLength;
      return typeof length === 'number' && Number.isInteger(length) ? length : null;
    },
    enabled: customerId !== '',
    staleTime: 60_000,
  });
}
