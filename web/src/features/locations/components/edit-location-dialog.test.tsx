// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CanWriteProvider } from '../../../lib/permissions.tsx';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { jsonResponse } from '../../../testing/json-response.ts';
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

const requests: { url: string; method: string; body: unknown; ifMatch?: string | null }[] = [];
let patchAnswer: (ifMatch: string | null) => Response;
/** The location the server holds now, and its version (ADR 0092). */
let stored: { location: LocationDetails; etag: string };

beforeEach(() => {
  requests.length = 0;
  stored = { location: hq, etag: 'W/"3"' };
  patchAnswer = () => jsonResponse({ ...hq, name: 'Amsterdam Zuid' }, 200, 'W/"4"');
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const ifMatch = new Headers(init?.headers).get('If-Match');
      requests.push({
        url,
        method,
        body: init?.body ? JSON.parse(String(init.body)) : null,
        ...(method === 'PATCH' ? { ifMatch } : {}),
      });
      if (method === 'PATCH') return patchAnswer(ifMatch);
      // One location with its ETag (the edit dialog's read), else the list.
      return url.endsWith('/locations/l1')
        ? jsonResponse(stored.location, 200, stored.etag)
        : jsonResponse({ items: [stored.location] });
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
  return screen.findByRole('dialog', { name: 'Edit location Amsterdam HQ' });
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
        ifMatch: 'W/"3"',
      },
    ]);
  });

  it('on 412 says someone else changed the location, keeps the input, and Reload starts afresh with the new ETag', async () => {
    patchAnswer = (ifMatch) => {
      if (ifMatch !== stored.etag) {
        return jsonResponse(
          {
            message: 'The location was changed by someone else since you loaded it.',
            errors: [
              { code: 'precondition_failed', description: 'If-Match does not name the current version.' },
            ],
            trackingId: 'WH_412',
          },
          412,
        );
      }
      stored = { location: { ...stored.location, name: 'Amsterdam Zuid' }, etag: 'W/"9"' };
      return jsonResponse(stored.location, 200, stored.etag);
    };
    const dialog = await openEdit();
    const nameBox = () => within(dialog).getByRole('textbox', { name: /Location name/ }) as HTMLInputElement;
    expect(nameBox().value).toBe('Amsterdam HQ');
    // Someone else changes the city while this admin edits the name.
    stored = { location: { ...hq, address: { ...hq.address, city: 'Diemen' } }, etag: 'W/"4"' };
    fireEvent.change(nameBox(), { target: { value: 'Amsterdam Zuid' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(
      await within(dialog).findByText(/Someone else changed this location while you were editing/),
    ).toBeTruthy();
    expect(patches()).toEqual([
      {
        url: '/v1/customers/c1/locations/l1',
        method: 'PATCH',
        body: { name: 'Amsterdam Zuid' },
        ifMatch: 'W/"3"',
      },
    ]);
    expect(nameBox().value).toBe('Amsterdam Zuid');
    // The refusal is said once, by the notice: not also as a generic error.
    expect(within(dialog).queryByText(/The location was changed by someone else/)).toBeNull();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Reload' }));
    await vi.waitFor(() =>
      expect((screen.getByRole('textbox', { name: 'City' }) as HTMLInputElement).value).toBe('Diemen'),
    );
    const reloaded = screen.getByRole('dialog');
    const reloadedName = within(reloaded).getByRole('textbox', { name: /Location name/ }) as HTMLInputElement;
    expect(reloadedName.value).toBe('Amsterdam HQ');
    expect(within(reloaded).queryByText(/Someone else changed this location/)).toBeNull();

    fireEvent.change(reloadedName, { target: { value: 'Amsterdam Zuid' } });
    fireEvent.click(within(reloaded).getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), { timeout: 10_000 });
    expect(patches().at(-1)).toEqual({
      url: '/v1/customers/c1/locations/l1',
      method: 'PATCH',
      body: { name: 'Amsterdam Zuid' },
      ifMatch: 'W/"4"',
    });
    expect(stored.location.address?.city).toBe('Diemen');
  });

  it("shows the server's validation messages under their fields", async () => {
    patchAnswer = () =>
      jsonResponse(
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

  // Every reason under its input: the alert still says nothing was saved, also once the refused
  // field has changed (its reason leaves the input, as it was about the value sent).
  it('keeps saying the save was refused after the refused field changes, until the next save', async () => {
    patchAnswer = () =>
      jsonResponse(
        {
          message: 'A location named "Utrecht" already exists.',
          errors: [{ code: 'location_name_taken', description: 'Location names are unique.', field: 'name' }],
          trackingId: 'WH_4',
        },
        409,
      );
    const dialog = await openEdit();
    const name = () => within(dialog).getByRole('textbox', { name: /Location name/ });
    fireEvent.change(name(), { target: { value: 'Utrecht' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      await within(dialog).findByText('A location with this name already exists', {}, { timeout: 10_000 }),
    ).toBeTruthy();
    expect(within(dialog).getByRole('alert').textContent).toContain('This could not be saved');
    fireEvent.change(name(), { target: { value: 'Utrecht Centrum' } });
    expect(name().getAttribute('aria-invalid')).not.toBe('true');
    expect(within(dialog).getByRole('alert').textContent).toContain('This could not be saved');
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
