import { useQuery } from '@tanstack/react-query';
import { fetchPage } from '../../../lib/api-client.ts';

interface NumberEntry {
  e164?: string;
  number?: string;
  phoneNumber?: string;
}

/** Free numbers of a location, to pick one from when a package needs a number. */
export function useFreeNumbers(customerId: string, locationId: string | null) {
  return useQuery({
    queryKey: ['customers', customerId, 'numbers', 'free', locationId],
    enabled: Boolean(locationId),
    queryFn: async () => {
      const page = await fetchPage<NumberEntry>(`/v1/customers/${encodeURIComponent(customerId)}/numbers`, {
        location: locationId ?? undefined,
        state: 'free',
        max: 200,
      });
      return page.items
        .map((entry) => entry.e164 ?? entry.number ?? entry.phoneNumber ?? '')
        .filter((value) => value !== '');
    },
  });
}
