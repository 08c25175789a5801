// @vitest-environment jsdom
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { NumbersPage } from './numbers-page.tsx';

// Mantine's first render in jsdom is slow on a busy machine: wait for screens longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

const calls: { method: string; url: string; body: string | null }[] = [];
/** The answer of POST /numbers/remove: a refusal (status and body), or null for success. */
let removeRefusal: { status: number; body: unknown } | null = null;

beforeEach(() => {
  calls.length = 0;
  removeRefusal = null;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      calls.push({ method, url, body: typeof init?.body === 'string' ? init.body : null });
      if (url.includes('/numbers/remove') && removeRefusal) {
        return new Response(JSON.stringify(removeRefusal.body), {
          status: removeRefusal.status,
          headers: { 'Content-Type': 'application/json' },
        });
      }
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

describe('numbers: remove', () => {
  it('asks in a dialog that names the number and its location before removing it', async () => {
    await renderPage(<NumbersPage />, {
      path: '/control/c1/numbers',
      pattern: '/control/:customerId/numbers',
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Remove +31201234509' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove number?' });
    expect(within(dialog).getByText(/Remove \+31201234509 from location Amsterdam\?/)).toBeTruthy();
    expect(removals()).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(removals()).toHaveLength(1));
    expect(JSON.parse(removals()[0]?.body ?? '{}')).toEqual({ numbers: ['+31201234509'] });
  });

  it('removes nothing when the admin cancels', async () => {
    await renderPage(<NumbersPage />, {
      path: '/control/c1/numbers',
      pattern: '/control/:customerId/numbers',
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Remove +31201234509' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(removals()).toEqual([]);
  });
});

describe('numbers: remove a range (SPEC §4)', () => {
  async function fillRange(first: string, last: string) {
    await renderPage(<NumbersPage />, {
      path: '/control/c1/numbers',
      pattern: '/control/:customerId/numbers',
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Remove a range' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove a range' });
    const location = within(dialog).getByRole('combobox', { name: /Location/ });
    fireEvent.click(location);
    // The page's location filter lists Amsterdam too: choose it in this select's own list.
    const list = await waitFor(() => {
      const found = document.getElementById(location.getAttribute('aria-controls') ?? '');
      if (!found) throw new Error('the location list is not open');
      return found;
    });
    fireEvent.click(await within(list).findByRole('option', { name: 'Amsterdam', hidden: true }));
    fireEvent.change(within(dialog).getByRole('textbox', { name: /First number/ }), {
      target: { value: first },
    });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Last number/ }), {
      target: { value: last },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Next' }));
    return dialog;
  }

  it('asks once, saying how many numbers go, and sends the range with its location', async () => {
    const dialog = await fillRange('+31201234500', '+31201234599');
    expect(within(dialog).getByTestId('remove-range-confirm').textContent).toMatch(
      /Remove 100 numbers, \+31201234500 to \+31201234599, from location Amsterdam\?/,
    );
    expect(removals()).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove 100 numbers' }));
    await waitFor(() => expect(removals()).toHaveLength(1));
    expect(JSON.parse(removals()[0]?.body ?? '{}')).toEqual({
      location: 'l1',
      numbers: ['+31201234500 - +31201234599'],
    });
  });

  it('refuses a range whose last number comes before the first, without asking the server', async () => {
    const dialog = await fillRange('+31201234599', '+31201234500');
    expect(within(dialog).getByText(/The last number comes before the first/)).toBeTruthy();
    expect(screen.queryByTestId('remove-range-confirm')).toBeNull();
    expect(removals()).toEqual([]);
  });

  it("shows the server's all-or-nothing refusal and that nothing was removed", async () => {
    removeRefusal = {
      status: 409,
      body: {
        message: 'Only free numbers of this customer can be removed.',
        errors: [
          {
            code: 'number_not_removable',
            field: 'numbers',
            description: "+31201234509 is held by a user or is not this customer's.",
          },
        ],
      },
    };
    const dialog = await fillRange('+31201234500', '+31201234599');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove 100 numbers' }));
    const refused = await within(dialog).findByTestId('remove-range-refused');
    expect(refused.textContent).toMatch(/Nothing was removed/);
    expect(refused.textContent).toMatch(/\+31201234509 is held by a user/);
  });
});
