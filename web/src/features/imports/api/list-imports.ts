import { useCursorPages } from '../../../lib/use-cursor-pages.ts';
import type { ImportJob } from './import-types.ts';
import { importsPath } from './import-types.ts';

/** Imports per page of the history: the latest few fit under the upload form. */
export const RECENT_IMPORTS_PAGE = 10;

/**
 * The customer's imports, newest first, for the history under the upload form: a page at a time,
 * older pages through the server's `Link: rel="next"` (SPEC §7), so no import is out of reach.
 */
export function useRecentImports(customerId: string) {
  return useCursorPages<ImportJob>(['customers', customerId, 'imports', 'recent'], importsPath(customerId), {
    max: RECENT_IMPORTS_PAGE,
  });
}
