import { useCallback, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Page, QueryParams } from './api-client.ts';
import { fetchPage } from './api-client.ts';

/**
 * Server-side cursor paging: the first page comes from `path` + `query`, later pages from the
 * server's `Link: rel="next"` URLs; a stack of visited URLs gives "previous" without offsets.
 * The previous page stays on screen while the next one loads, so the table does not jump.
 */
export function useCursorPages<T>(
  baseKey: readonly unknown[],
  path: string,
  query: QueryParams,
  options: { enabled?: boolean; pollWhile?: (items: T[]) => boolean } = {},
) {
  const { enabled = true, pollWhile } = options;
  const [stack, setStack] = useState<string[]>([]);
  const [filterKey, setFilterKey] = useState(JSON.stringify(query));
  const currentKey = JSON.stringify(query);
  if (filterKey !== currentKey) {
    // New search or filter: start again at the first page.
    setFilterKey(currentKey);
    setStack([]);
  }
  const cursor = filterKey === currentKey ? stack[stack.length - 1] : undefined;
  const result = useQuery<Page<T>>({
    queryKey: [...baseKey, currentKey, cursor ?? 'first'],
    queryFn: ({ signal }) =>
      cursor ? fetchPage<T>(cursor, undefined, signal) : fetchPage<T>(path, query, signal),
    placeholderData: keepPreviousData,
    enabled,
    // Keep a page live while something on it is still changing (e.g. a customer being provisioned).
    refetchInterval: (current) =>
      pollWhile && current.state.data && pollWhile(current.state.data.items) ? 2000 : false,
  });
  const next = result.data?.next ?? null;
  const goNext = useCallback(() => {
    if (next) setStack((previous) => [...previous, next]);
  }, [next]);
  const goPrevious = useCallback(() => setStack((previous) => previous.slice(0, -1)), []);
  return {
    ...result,
    items: result.data?.items ?? [],
    pageNumber: stack.length + 1,
    hasNext: Boolean(next),
    hasPrevious: stack.length > 0,
    goNext,
    goPrevious,
  };
}
