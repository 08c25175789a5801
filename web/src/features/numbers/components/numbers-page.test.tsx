// @vitest-environment jsdom
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { NumbersPage } from './numbers-page.tsx';

// Mantine's first render in jsdom is slow on a busy machine: wait for screens longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

const calls: { method: string; url: string; body: string | null }[] = [];

beforeEach(() => {
  calls.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      calls.push({ method, url, body: typeof init?.body === 'string' ? init.body : null });
      const body = url.includes('/numbers/remove')
        ? { removed: 1 }
        : url.includes('/numbers')
          ? {
              items: [
                {
                  phoneNumber: '+31201234509',
                  locationId: 'l1',
                  locationName: 'Amsterdam',
                  state: 'free',
                  userId: null,
                  userEmail: null,
                },
              ],
            }
          : { items: [{ id: 'l1', name: 'Amsterdam' }] };
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const removals = () => calls.filter((call) => call.url.endsWith('/numbers/remove'));

describe('numbers: delete', () => {
  it('asks in a dialog that names the number and its location before removing it', async () => {
    await renderPage(<NumbersPage />, {
      path: '/control/c1/numbers',
      pattern: '/control/:customerId/numbers',
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Delete +31201234509' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete number?' });
    expect(within(dialog).getByText(/Delete \+31201234509 from location Amsterdam\?/)).toBeTruthy();
    expect(removals()).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(removals()).toHaveLength(1));
    expect(JSON.parse(removals()[0]?.body ?? '{}')).toEqual({ numbers: ['+31201234509'] });
  });

  it('removes nothing when the admin cancels', async () => {
    await renderPage(<NumbersPage />, {
      path: '/control/c1/numbers',
      pattern: '/control/:customerId/numbers',
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Delete +31201234509' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(removals()).toEqual([]);
  });
});
