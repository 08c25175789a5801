import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryParams } from '../../../lib/api-client.ts';
import { send } from '../../../lib/api-client.ts';
import { OFF_SCREEN_PAGE_GC_MS } from '../../../lib/use-cursor-pages.ts';
import { outageRefetchInterval } from '../../../lib/query-client.ts';
import type { User } from './user-types.ts';
import { usersPath } from './user-types.ts';

export interface UserFilters {
  search: string;
  package: string | null;
  status: string | null;
}

/** Users a page. */
export const usersPageSize = 50;

/** The largest `offset` the users API takes (src/services/paging.ts MAX_LIST_OFFSET). */
export const USERS_MAX_OFFSET = 100_000;

/** The last page `offset` reaches: pages after it are not asked for (see useUserPage). */
export const lastReachableUsersPage = Math.floor(USERS_MAX_OFFSET / usersPageSize) + 1;

/** How long a count is taken as the list's size before a page asks for it again. */
const COUNT_FRESH_MS = 30_000;

export interface UserPage {
  /** The page these users are (1-based). */
  readonly page: number;
  readonly items: User[];
  /** The server's `Link: rel="next"`: more users follow. */
  readonly hasNext: boolean;
  /** The users the search and filters match on all pages, when this answer counted them. */
  readonly total: number | null;
}

function totalOf(response: Response): number | null {
  const header = response.headers.get('X-Total-Count');
  const total = header === null ? NaN : Number(header);
  return Number.isInteger(total) && total >= 0 ? total : null;
}

/**
 * One page of the users list by its number (`?page=N`): one request, `offset=(N-1)×50` (ADR 0094).
 * The list's size (`count=true`, `X-Total-Count`) is asked along only when it is needed: not yet
 * known for these filters (or older than half a minute), or the page is at or past its known end
 * (to settle on the last page). Paging on within a known size counts nothing, so the server counts
 * a customer's 100k users once, not on every page.
 */
export function useUserPage(customerId: string, filters: UserFilters, page: number) {
  const queryClient = useQueryClient();
  const query: QueryParams = {
    search: filters.search.trim() || undefined,
    package: filters.package ?? undefined,
    status: filters.status ?? undefined,
  };
  const countKey = ['customers', customerId, 'users', 'count', query];
  const offset = (page - 1) * usersPageSize;

  const fetchUserPage = async (signal: AbortSignal): Promise<UserPage> => {
    const known = queryClient.getQueryState<number>(countKey);
    const knownTotal =
      known?.data !== undefined && Date.now() - known.dataUpdatedAt < COUNT_FRESH_MS ? known.data : null;
    const remember = (total: number | null) => {
      if (total === null) return;
      queryClient.getQueryCache().build(queryClient, { queryKey: countKey, gcTime: COUNT_FRESH_MS });
      queryClient.setQueryData(countKey, total);
    };
    const count = async (): Promise<number | null> => {
      const { response } = await send(usersPath(customerId), {
        query: { ...query, max: 1, count: true },
        signal,
      });
      return totalOf(response);
    };
    if (offset > USERS_MAX_OFFSET) {
      // Past what an offset reaches: only the size is asked, and the page settles within it.
      const total = await count();
      remember(total);
      return { page, items: [], hasNext: false, total };
    }
    const counting = knownTotal === null || offset >= knownTotal;
    const { data, response } = await send(usersPath(customerId), {
      query: {
        ...query,
        max: usersPageSize,
        offset: offset > 0 ? offset : undefined,
        count: counting ? true : undefined,
      },
      signal,
    });
    const items = (data as { items?: User[] } | undefined)?.items ?? [];
    let total = counting ? totalOf(response) : knownTotal;
    // Empty where the size known said users were: users left meanwhile, so the size is asked again.
    if (items.length === 0 && page > 1 && !counting) total = await count();
    remember(total);
    return { page, items, hasNext: response.headers.get('Link') !== null, total };
  };

  const result = useQuery<UserPage>({
    queryKey: ['customers', customerId, 'users', 'list', query, page],
    queryFn: ({ signal }) => fetchUserPage(signal),
    placeholderData: keepPreviousData,
    gcTime: OFF_SCREEN_PAGE_GC_MS,
    // An outage's error polls until the server is back (see query-client.ts).
    refetchInterval: (current) => outageRefetchInterval(current),
  });
  const shown = result.data;
  const total = shown?.total ?? null;
  const pageNumber = shown?.page ?? page;
  return {
    ...result,
    items: shown?.items ?? [],
    pageNumber,
    /** The list's pages, when its size is known (at least 1: an empty list is one empty page). */
    pageCount: total === null ? null : Math.max(1, Math.ceil(total / usersPageSize)),
    hasNext: shown?.hasNext ?? false,
    hasPrevious: pageNumber > 1,
  };
}
