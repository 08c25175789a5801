// @vitest-environment jsdom
import { cleanup, configure, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { currentUrl, renderPageWithUrl } from '../../../testing/current-url.tsx';
import { CustomersPage } from './customers-page.tsx';

// Mantine's first render in jsdom is slow on a busy machine: wait for screens longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

const requested: string[] = [];

/** The customers API as the server pages it: `max` rows from the (opaque) cursor on, with a next link while rows follow. */
function stubCustomers(total: number) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      requested.push(url);
      const query = new URL(url, 'http://localhost').searchParams;
      const from = Number(query.get('cursor') ?? 0);
      const max = Number(query.get('max') ?? 25);
      const items = Array.from({ length: Math.max(0, Math.min(max, total - from)) }, (_, i) => ({
        id: `c${from + i + 1}`,
        name: `Customer ${from + i + 1}`,
        externalId: `EXT-${from + i + 1}`,
        status: 'provisioned',
        packages: [],
      }));
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (from + max < total) {
        query.set('cursor', String(from + max));
        headers.Link = `</v1/customers?${query.toString()}>; rel="next"`;
      }
      return new Response(JSON.stringify({ items }), { headers });
    }),
  );
}

beforeEach(() => {
  requested.length = 0;
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const renderCustomers = (path: string) =>
  renderPageWithUrl(<CustomersPage />, { path, pattern: '/partner/customers' });
const url = currentUrl;

describe('customers list paging in the URL', () => {
  it('opens the page that ?page= names, and Next writes the page into the URL', async () => {
    stubCustomers(100);
    await renderCustomers('/partner/customers?page=2');
    expect(await screen.findByText('Customer 26')).toBeTruthy();
    expect(screen.getByText('Page 2')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Customer 51')).toBeTruthy();
    expect(url()).toBe('/partner/customers?page=3');
  });

  it('settles on the last page when ?page= is past the end, says so, and the URL tells the truth', async () => {
    stubCustomers(60);
    await renderCustomers('/partner/customers?page=999');
    expect(await screen.findByText('Customer 51')).toBeTruthy();
    await vi.waitFor(() => expect(url()).toBe('/partner/customers?page=3'));
    const notice = await screen.findByTestId('page-past-end');
    expect(notice.textContent).toContain('Page 999 does not exist');
    expect(notice.textContent).toContain('There are 3 pages: this is the last page.');
    expect(screen.getByText('Page 3')).toBeTruthy();
  });

  it('starts again at the first page when the search changes', async () => {
    stubCustomers(100);
    await renderCustomers('/partner/customers?page=2');
    expect(await screen.findByText('Customer 26')).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: 'Search customers' }), { target: { value: 'x' } });
    // The search waits 300 ms before it asks; on a loaded machine the default 1 s wait is too short.
    await vi.waitFor(() => expect(url()).toBe('/partner/customers'), { timeout: 10_000 });
    await vi.waitFor(() => expect(requested.some((entry) => entry.includes('search=x'))).toBe(true), {
      timeout: 10_000,
    });
    expect(await screen.findByText('Page 1', {}, { timeout: 10_000 })).toBeTruthy();
  });
});
