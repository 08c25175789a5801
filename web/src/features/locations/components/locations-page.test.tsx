// @vitest-environment jsdom
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { LocationsPage } from './locations-page.tsx';

// Mantine's first render in jsdom is slow on a busy machine: wait for screens longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

const calls: string[] = [];

beforeEach(() => {
  calls.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      calls.push(`${method} ${url}`);
      if (method === 'DELETE') return new Response(null, { status: 204 });
      const body = {
        items: [{ id: 'l1', name: 'Rotterdam Centrum', country: 'NL', timeZone: 'Europe/Amsterdam' }],
      };
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const deletes = () => calls.filter((call) => call.startsWith('DELETE'));

describe('locations: delete', () => {
  it('asks in a dialog that names the location, and deletes only after Delete is confirmed', async () => {
    await renderPage(<LocationsPage />, {
      path: '/control/c1/locations',
      pattern: '/control/:customerId/locations',
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Delete location Rotterdam Centrum' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete location?' });
    expect(
      within(dialog).getByText('Delete the location Rotterdam Centrum? This cannot be undone.'),
    ).toBeTruthy();
    expect(deletes()).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(deletes()).toEqual(['DELETE /v1/customers/c1/locations/l1']));
  });

  it('deletes nothing when the admin cancels', async () => {
    await renderPage(<LocationsPage />, {
      path: '/control/c1/locations',
      pattern: '/control/:customerId/locations',
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Delete location Rotterdam Centrum' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(deletes()).toEqual([]);
  });

  it('asks in Dutch too', async () => {
    await renderPage(<LocationsPage />, {
      path: '/control/c1/locations',
      pattern: '/control/:customerId/locations',
    });
    await i18n.changeLanguage('nl');
    fireEvent.click(await screen.findByRole('button', { name: 'Locatie Rotterdam Centrum verwijderen' }));
    const dialog = await screen.findByRole('dialog', { name: 'Locatie verwijderen?' });
    expect(within(dialog).getByText(/De locatie Rotterdam Centrum verwijderen\?/)).toBeTruthy();
  });
});

function refuse(status: number, body: unknown): void {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      if (method !== 'GET') {
        return new Response(JSON.stringify(body), {
          status,
          headers: { 'Content-Type': 'application/json' },
        });
      }
      const items = [{ id: 'l1', name: 'Rotterdam Centrum', country: 'NL', timeZone: 'Europe/Amsterdam' }];
      return new Response(JSON.stringify({ items }), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
}

describe('locations: refusals', () => {
  it('marks the name field when the name is taken, and does not read like a crash', async () => {
    refuse(409, {
      message: 'A location named "Rotterdam Centrum" already exists.',
      errors: [
        {
          code: 'location_name_taken',
          field: 'name',
          description: 'Location names are unique per customer (case-insensitive).',
        },
      ],
      trackingId: 'trk-1',
    });
    await renderPage(<LocationsPage />, {
      path: '/control/c1/locations',
      pattern: '/control/:customerId/locations',
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Add location' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add location' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /^Location name/ }), {
      target: { value: 'Rotterdam Centrum' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('This could not be saved');
    expect(alert.textContent).not.toContain('trk-1');
    const name = within(dialog).getByRole('textbox', { name: /^Location name/ });
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(within(dialog).getByText('A location with this name already exists')).toBeTruthy();
  });

  it('says the location could not be deleted, with the server’s reason', async () => {
    refuse(409, {
      message: 'Location "Rotterdam Centrum" is used by 2 users and 0 numbers and cannot be deleted.',
      errors: [
        { code: 'location_in_use', field: 'location', description: 'Remove its users and numbers first.' },
      ],
      trackingId: 'trk-2',
    });
    await renderPage(<LocationsPage />, {
      path: '/control/c1/locations',
      pattern: '/control/:customerId/locations',
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Delete location Rotterdam Centrum' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete location?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('This location could not be deleted');
    expect(alert.textContent).toContain('Remove its users and numbers first.');
    expect(alert.textContent).not.toContain('trk-2');
  });
});
