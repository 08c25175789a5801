import { useQuery } from '@tanstack/react-query';
import { fetchPage } from '../../../lib/api-client.ts';
import type { ImportJob } from './import-types.ts';
import { importsPath } from './import-types.ts';

/** The customer's latest imports, newest first, for the history under the upload form. */
export function useRecentImports(customerId: string) {
  return useQuery({
    queryKey: ['customers', customerId, 'imports', 'recent'],
    queryFn: async () => (await fetchPage<ImportJob>(importsPath(customerId), { max: 10 })).items,
  });
}
