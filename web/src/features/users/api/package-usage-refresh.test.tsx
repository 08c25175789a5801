// @vitest-environment jsdom
import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAddUsers } from './add-users.ts';
import { useChangePackage } from './change-package.ts';

// The customer record carries each sold package's use; Overview and the Partner Hub detail show it.
const customerRecord = ['customers', 'c1'];

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () =>
        new Response(JSON.stringify({ results: [] }), { headers: { 'Content-Type': 'application/json' } }),
    ),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function withClient() {
  const queryClient = new QueryClient();
  queryClient.setQueryData(customerRecord, {
    id: 'c1',
    packages: [{ id: 'webex_meetings', limit: null, used: 1 }],
  });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  return { queryClient, wrapper };
}

describe('package use after a change in Control Hub', () => {
  it('is asked again after a package change', async () => {
    const { queryClient, wrapper } = withClient();
    const { result } = renderHook(() => useChangePackage('c1', 'u1'), { wrapper });
    await act(() => result.current.mutateAsync({ package: 'webex_voice' }));
    expect(queryClient.getQueryState(customerRecord)?.isInvalidated).toBe(true);
  });

  it('is asked again after users were added', async () => {
    const { queryClient, wrapper } = withClient();
    const { result } = renderHook(() => useAddUsers('c1'), { wrapper });
    await act(() => result.current.mutateAsync([]));
    expect(queryClient.getQueryState(customerRecord)?.isInvalidated).toBe(true);
  });
});
