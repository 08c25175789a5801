import { useQuery } from '@tanstack/react-query';
import { customerViewFreshMs, customerViewQuery } from '../../../lib/customer-view-query.ts';
import type { ImportBehaviour } from './import-types.ts';

/**
 * Only the default import behaviour, to preselect it (SPEC §2 settings): read from the customer view
 * the shell has fetched already, not asked for again.
 */
export function useDefaultImportBehaviour(customerId: string) {
  return useQuery({
    ...customerViewQuery<{ settings?: { defaultImportBehaviour?: ImportBehaviour } }>(customerId),
    select: (customer) => customer.settings?.defaultImportBehaviour ?? 'add-only',
    staleTime: customerViewFreshMs,
  });
}
