// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CanWriteProvider } from '../../../lib/permissions.tsx';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import type { LocationDetails } from '../api/update-location.ts';
import { LocationsPage } from './locations-page.tsx';

const hq: LocationDetails = {
  id: 'l1',
  name: 'Amsterdam HQ',
  country: 'NL',
  address: { addressLine1: 'Damrak 1', addressLine2: null, city: 'Amsterdam', zipCode: '1012 LG' },
  timeZone: 'Europe/Amsterdam',
  language: null,
};

const requests: { url: string; method: string; body: unknown }[] = [];
let patchAnswer: () => Response;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

beforeEach(() => {
  requests.length = 0;
  patchAnswer = () => json({ ...hq, name: 'Amsterdam Zuid' });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      requests.push({ url, method, body: init?.body ? JSON.parse(String(init.body)) : null });
      return method === 'PATCH' ? patchAnswer() : json({ items: [hq] });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function openEdit() {
  await renderPage(<LocationsPage />, {
    path: '/control/c1/locations',
    pattern: '/control/:customerId/locations',
  });
  fireEvent.click(
    await screen.findByRole('button', { name: 'Edit location Amsterdam HQ' }, { timeout: 10_000 }),
  );
  return screen.findByRole('dialog');
}

const patches = () => requests.filter((request) => request.method === 'PATCH');

describe('edit location', () => {
  it('sends the changed name and an emptied address line as null', async () => {
    const dialog = await openEdit();
    expect((within(dialog).getByRole('textbox', { name: /Location name/ }) as HTMLInputElement).value).toBe(
      'Amsterdam HQ',
    );
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Location name/ }), {
      target: { value: 'Amsterdam Zuid' },
    });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Postal code' }), { target: { value: '' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), { timeout: 10_000 });
    expect(patches()).toEqual([
      {
        url: '/v1/customers/c1/locations/l1',
        method: 'PATCH',
        body: { name: 'Amsterdam Zuid', zipCode: null },
      },
    ]);
  });

  it("shows the server's validation messages under their fields", async () => {
    patchAnswer = () =>
      json(
        {
          message: 'A location named "Utrecht" already exists.',
          errors: [
            { code: 'location_name_taken', description: 'Location names are unique.', field: 'name' },
            { code: 'invalid_language', description: 'language: "qq" is not a language', field: 'language' },
          ],
          trackingId: 'WH_3',
        },
        409,
      );
    const dialog = await openEdit();
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Location name/ }), {
      target: { value: 'Utrecht' },
    });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Language/ }), { target: { value: 'qq' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      await within(dialog).findByText('A location with this name already exists', {}, { timeout: 10_000 }),
    ).toBeTruthy();
    expect(within(dialog).getByText('"qq" is not a language such as nl, nl_NL or en_US')).toBeTruthy();
    expect(
      within(dialog)
        .getByRole('textbox', { name: /Location name/ })
        .getAttribute('aria-invalid'),
    ).toBe('true');
  });

  it('checks a required name before asking the server', async () => {
    const dialog = await openEdit();
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Location name/ }), {
      target: { value: ' ' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('This field is required')).toBeTruthy();
    expect(patches()).toEqual([]);
  });

  it('offers no Edit to a read-only admin', async () => {
    await renderPage(
      <CanWriteProvider canWrite={false}>
        <LocationsPage />
      </CanWriteProvider>,
      { path: '/control/c1/locations', pattern: '/control/:customerId/locations' },
    );
    await screen.findByRole('cell', { name: 'Amsterdam HQ' }, { timeout: 10_000 });
    expect(screen.queryByRole('button', { name: 'Edit location Amsterdam HQ' })).toBeNull();
  });
});
