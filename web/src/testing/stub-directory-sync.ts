import { vi } from 'vitest';

/**
 * Stubs fetch for a page of customer `c1`: the customer view with directory sync on or off
 * (ADR 0067), and an empty list for every other request the page makes.
 */
export function stubCustomerWithDirectorySync(directorySyncEnabled: boolean): void {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const body = url === '/v1/customers/c1' ? { id: 'c1', directorySyncEnabled } : { items: [] };
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
}
