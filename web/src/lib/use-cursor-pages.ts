import { useCallback, useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page, QueryParams } from './api-client.ts';
import { fetchPage } from './api-client.ts';
import { outageRefetchInterval } from './query-client.ts';

/** The most rows the API answers in one page (`max`, SPEC §7). */
export const MAX_ROWS_PER_REQUEST = 200;

/**
 * Where a page is: `skip` pages after the page that `url` answers (`null`: the first page, from the
 * hook's path and query). The server's cursors are opaque, so a page N never reached before is
 * addressed from the last cursor known, and fetched together with the pages it skips in one request
 * (`max` = the pages' rows, at most 200); its own cursor is then the `Link: rel="next"` of that answer.
 */
export interface PageAddress {
  readonly url: string | null;
  readonly skip: number;
}

interface AddressedPage<T> {
  items: T[];
  next: PageAddress | null;
  /** Came with a page further on: as fresh as that page, not asked for again when shown. */
  skipped?: boolean;
}

/** How long a page that came with a later one counts as fresh ("previous" right after a jump). */
const SKIPPED_PAGE_FRESH_MS = 30_000;

/**
 * How long a page off screen stays in the cache (the query client's default is 5 minutes). Paging
 * through a big list would otherwise keep every page visited (about 100 kB each); "previous" within
 * half a minute still shows the page at once, later it is asked for again.
 */
export const OFF_SCREEN_PAGE_GC_MS = 30_000;

const firstPage: PageAddress = { url: null, skip: 0 };

/** `url` with its `max` set to `rows`: a next link repeats the `max` of the request that gave it. */
function withMax(url: string, rows: number): string {
  const parsed = new URL(url, 'http://relative.invalid');
  parsed.searchParams.set('max', String(rows));
  return parsed.origin === 'http://relative.invalid'
    ? `${parsed.pathname}${parsed.search}`
    : parsed.toString();
}

/**
 * Splits one answer of `(skip + 1) × pageSize` rows into its pages. Each page points to the next:
 * a page followed by rows in the same answer to the next page of that answer, the last page with
 * rows to the server's next link.
 */
export function splitPages<T>(
  answer: Page<T>,
  url: string | null,
  skip: number,
  pageSize: number,
): AddressedPage<T>[] {
  const serverNext: PageAddress | null = answer.next
    ? { url: withMax(answer.next, pageSize), skip: 0 }
    : null;
  return Array.from({ length: skip + 1 }, (_, index) => ({
    items: answer.items.slice(index * pageSize, (index + 1) * pageSize),
    next:
      index < skip && answer.items.length > (index + 1) * pageSize ? { url, skip: index + 1 } : serverNext,
  }));
}

/** The addresses of pages 2 to `page`, as far as one request reaches from the first page. */
function initialStack(page: number, pagesPerRequest: number): PageAddress[] {
  const last = Math.min(page, pagesPerRequest) - 1;
  return Array.from({ length: Math.max(0, last) }, (_, index) => ({ url: null, skip: index + 1 }));
}

/**
 * Server-side cursor paging: the first page comes from `path` + `query`, later pages from the
 * server's `Link: rel="next"` URLs; a stack of visited addresses gives "previous" without offsets.
 * The previous page stays on screen while the next one loads, so the table does not jump.
 *
 * `goToPage(n)` (and `initialPage`, for a page named in the address bar) reaches a page several
 * steps ahead with one request per 200 rows instead of one per page: with 50 rows a page, page 3
 * is one request of 150 rows, page 8 two of 200. The pages skipped are kept, so "previous" shows
 * them at once.
 */
export function useCursorPages<T>(
  baseKey: readonly unknown[],
  path: string,
  query: QueryParams,
  options: { enabled?: boolean; pollWhile?: (items: T[]) => boolean; initialPage?: number } = {},
) {
  const { enabled = true, pollWhile, initialPage = 1 } = options;
  const queryClient = useQueryClient();
  const pageSize = typeof query.max === 'number' && query.max > 0 ? query.max : null;
  // Without a known page size, every request is one page (no skipping).
  const pagesPerRequest = pageSize ? Math.max(1, Math.floor(MAX_ROWS_PER_REQUEST / pageSize)) : 1;
  const [stack, setStack] = useState<PageAddress[]>(() => initialStack(initialPage, pagesPerRequest));
  const [filterKey, setFilterKey] = useState(JSON.stringify(query));
  const currentKey = JSON.stringify(query);
  if (filterKey !== currentKey) {
    // New search or filter: start again at the first page.
    setFilterKey(currentKey);
    setStack([]);
  }
  const address = (filterKey === currentKey ? stack[stack.length - 1] : undefined) ?? firstPage;
  const keyOf = useCallback(
    (at: PageAddress) => [...baseKey, currentKey, at.url ?? 'first', at.skip],
    [baseKey, currentKey],
  );

  const fetchAt = async (at: PageAddress, signal: AbortSignal): Promise<AddressedPage<T>> => {
    if (at.skip === 0 || !pageSize) {
      const page = at.url
        ? await fetchPage<T>(at.url, undefined, signal)
        : await fetchPage<T>(path, query, signal);
      return { items: page.items, next: page.next ? { url: page.next, skip: 0 } : null };
    }
    const rows = (at.skip + 1) * pageSize;
    const answer = at.url
      ? await fetchPage<T>(withMax(at.url, rows), undefined, signal)
      : await fetchPage<T>(path, { ...query, max: rows }, signal);
    const pages = splitPages(answer, at.url, at.skip, pageSize);
    // The pages skipped came with it: "previous" shows them without asking again.
    pages.slice(0, -1).forEach((page, index) => {
      const queryKey = keyOf({ url: at.url, skip: index });
      // Made with the list's gcTime first: setQueryData alone would make it with the default (a
      // query keeps the longest gcTime it was ever given).
      queryClient.getQueryCache().build(queryClient, { queryKey, gcTime: OFF_SCREEN_PAGE_GC_MS });
      queryClient.setQueryData(queryKey, { ...page, skipped: true });
    });
    return pages[pages.length - 1] ?? { items: [], next: null };
  };

  const result = useQuery<AddressedPage<T>>({
    queryKey: keyOf(address),
    queryFn: ({ signal }) => fetchAt(address, signal),
    placeholderData: keepPreviousData,
    staleTime: (current) => (current.state.data?.skipped ? SKIPPED_PAGE_FRESH_MS : 0),
    gcTime: OFF_SCREEN_PAGE_GC_MS,
    enabled,
    // Keep a page live while something on it is still changing (e.g. a customer being provisioned).
    // An outage's error polls until the server is back (see query-client.ts).
    refetchInterval: (current) =>
      pollWhile && current.state.data && pollWhile(current.state.data.items)
        ? 2000
        : outageRefetchInterval(current),
  });
  const next = result.data?.next ?? null;
  const goNext = useCallback(() => {
    if (next) setStack((previous) => [...previous, next]);
  }, [next]);
  /** Moves towards page `target` as far as one request reaches; call again once it has loaded. */
  const goToPage = useCallback(
    (target: number) => {
      if (!next) return;
      setStack((previous) => {
        const addresses = [...previous, next];
        let last = next;
        while (addresses.length + 1 < target && last.skip + 1 < pagesPerRequest) {
          last = { url: last.url, skip: last.skip + 1 };
          addresses.push(last);
        }
        return addresses;
      });
    },
    [next, pagesPerRequest],
  );
  const goPrevious = useCallback(() => setStack((previous) => previous.slice(0, -1)), []);
  return {
    ...result,
    items: result.data?.items ?? [],
    pageNumber: stack.length + 1,
    hasNext: Boolean(next),
    hasPrevious: stack.length > 0,
    goNext,
    goToPage,
    goPrevious,
  };
}
