// @vitest-environment jsdom
import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CustomerPatch } from './update-customer.ts';
import { useUpdateCustomer } from './update-customer.ts';

const adminsList = ['admins', 'list'];

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async (_url: string, init?: RequestInit) =>
        new Response(JSON.stringify({ id: 'c1', status: 'provisioned', ...JSON.parse(String(init?.body)) }), {
          headers: { 'Content-Type': 'application/json' },
        }),
    ),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function save(patch: CustomerPatch): Promise<QueryClient> {
  const queryClient = new QueryClient();
  // The admins page's cached list, which names each customer admin's customer.
  queryClient.setQueryData(adminsList, [{ id: 'a1', customerId: 'c1', customerName: 'Acme BV' }]);
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  const { result } = renderHook(() => useUpdateCustomer('c1'), { wrapper });
  await act(() => result.current.mutateAsync(patch));
  return queryClient;
}

describe('saving a customer', () => {
  it('makes the admins list ask again after a rename', async () => {
    const queryClient = await save({ name: 'Acme Holding BV' });
    expect(queryClient.getQueryState(adminsList)?.isInvalidated).toBe(true);
  });

  it('leaves the admins list alone when the name stayed', async () => {
    const queryClient = await save({ country: 'BE' });
    expect(queryClient.getQueryState(adminsList)?.isInvalidated).toBe(false);
  });
});
