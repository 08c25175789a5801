import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import type { ImportBehaviour } from './import-types.ts';

/** Only the default import behaviour, to preselect it (SPEC §2 settings). */
export function useDefaultImportBehaviour(customerId: string) {
  return useQuery({
    queryKey: ['customers', customerId, 'import-default'],
    queryFn: async () => {
      const customer = await apiRequest<{ settings?: { defaultImportBehaviour?: ImportBehaviour } }>(
        `/v1/customers/${encodeURIComponent(customerId)}`,
      );
      return customer.settings?.defaultImportBehaviour ?? 'add-only';
    },
  });
}
