import { useCursorPages } from '../../../lib/use-cursor-pages.ts';
import type { User } from './user-types.ts';
import { usersPath } from './user-types.ts';

export interface UserFilters {
  search: string;
  package: string | null;
  status: string | null;
}

/** Users a page. */
export const usersPageSize = 50;

/**
 * Server-side search, filters and cursor paging: the browser holds the pages it has shown, and a
 * page named in the address bar (`initialPage`) is fetched with the pages before it in one request.
 */
export function useUserPages(customerId: string, filters: UserFilters, initialPage = 1) {
  return useCursorPages<User>(
    ['customers', customerId, 'users', 'list'],
    usersPath(customerId),
    {
      search: filters.search.trim() || undefined,
      package: filters.package ?? undefined,
      status: filters.status ?? undefined,
      max: usersPageSize,
    },
    { initialPage },
  );
}
