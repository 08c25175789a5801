// @vitest-environment jsdom
import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OFF_SCREEN_PAGE_GC_MS, useCursorPages } from './use-cursor-pages.ts';

/** A list of `total` numbers, paged as the server pages: `max` from the cursor on, and a next link. */
function stubList(total: number) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const query = new URL(url, 'http://localhost').searchParams;
      const from = Number(query.get('cursor') ?? 0);
      const max = Number(query.get('max') ?? 10);
      const items = Array.from({ length: Math.max(0, Math.min(max, total - from)) }, (_, i) => from + i);
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (from + max < total) {
        query.set('cursor', String(from + max));
        headers.Link = `</v1/things?${query.toString()}>; rel="next"`;
      }
      return new Response(JSON.stringify({ items }), { headers });
    }),
  );
}

let queryClient: QueryClient;

beforeEach(() => {
  stubList(1000);
  queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
});

afterEach(() => {
  cleanup();
  queryClient.clear();
  vi.unstubAllGlobals();
});

const wrapper = ({ children }: { children: ReactNode }) => (
  <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
);

const listQueries = () => queryClient.getQueryCache().findAll({ queryKey: ['things'] });

describe('useCursorPages: pages off screen leave the cache sooner than other queries', () => {
  it('gives every page it caches, visited or skipped, the short gcTime', async () => {
    // Page 3 named in the address bar: pages 1 and 2 come with it, page 4 is visited after.
    const { result } = renderHook(
      () => useCursorPages<number>(['things'], '/v1/things', { max: 50 }, { initialPage: 3 }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.items[0]).toBe(100));
    act(() => result.current.goNext());
    await waitFor(() => expect(result.current.items[0]).toBe(150));
    const queries = listQueries();
    const firstItems = queries.map((query) => (query.state.data as { items: number[] }).items[0] ?? -1);
    expect(firstItems.sort((a, b) => a - b)).toEqual([0, 50, 100, 150]);
    expect(queries.map((query) => query.gcTime)).toEqual(queries.map(() => OFF_SCREEN_PAGE_GC_MS));
    expect(OFF_SCREEN_PAGE_GC_MS).toBeLessThan(5 * 60_000);
  });
});
