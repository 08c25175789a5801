import { useCursorPages } from '../../../lib/use-cursor-pages.ts';
import type { User } from './user-types.ts';
import { usersPath } from './user-types.ts';

export interface UserFilters {
  search: string;
  package: string | null;
  status: string | null;
}

/** Server-side search, filters and cursor paging: the browser never holds more than one page. */
export function useUserPages(customerId: string, filters: UserFilters) {
  return useCursorPages<User>(['customers', customerId, 'users', 'list'], usersPath(customerId), {
    search: filters.search.trim() || undefined,
    package: filters.package ?? undefined,
    status: filters.status ?? undefined,
    max: 50,
  });
}
