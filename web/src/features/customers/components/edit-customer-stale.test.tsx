// @vitest-environment jsdom
// ADR 0092: the customer edit dialogs read the customer with its ETag when they open and save with
// If-Match; a 412 says that someone else changed the customer, keeps the admin's input on screen
// until they choose Reload, and Reload starts the form afresh from the customer as it is now.
import { cleanup, configure, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import type { Customer } from '../api/customer-types.ts';
import { EditCustomerDialog } from './edit-customer-dialog.tsx';
import { EditPackagesDialog } from './edit-packages-dialog.tsx';

configure({ asyncUtilTimeout: 10_000 });

const acme: Customer = {
  id: 'c1',
  name: 'Acme BV',
  externalId: 'ACME-1',
  adminEmail: 'admin@acme.example',
  country: 'NL',
  language: 'nl_NL',
  status: 'provisioned',
  errors: [],
  packages: [
    { id: 'webex_calling', limit: 10, used: 3 },
    { id: 'webex_meetings', limit: null, used: 0 },
  ],
  address: {
    addressLine1: 'Damrak 1',
    addressLine2: null,
    city: 'Amsterdam',
    stateOrProvince: null,
    zipCode: null,
  },
};

const requests: { url: string; method: string; ifMatch: string | null; body: unknown }[] = [];
/** The customer the server holds now, and its version. */
let stored: { customer: Customer; etag: string };

const json = (body: unknown, status = 200, etag?: string) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...(etag ? { ETag: etag } : {}) },
  });

beforeEach(() => {
  requests.length = 0;
  stored = { customer: acme, etag: 'W/"7"' };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const ifMatch = new Headers(init?.headers).get('If-Match');
      const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : null;
      requests.push({ url, method, ifMatch, body });
      if (method === 'GET') return json(stored.customer, 200, stored.etag);
      if (ifMatch !== null && ifMatch !== stored.etag) {
        return json(
          {
            message: 'The customer was changed by someone else since you loaded it.',
            errors: [
              { code: 'precondition_failed', description: 'If-Match does not name the current version.' },
            ],
            trackingId: 'WH_412',
          },
          412,
        );
      }
      stored = { customer: { ...stored.customer, ...body }, etag: 'W/"99"' };
      return json(stored.customer, 200, stored.etag);
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const patches = () => requests.filter((request) => request.method === 'PATCH');

describe('edit-customer dialog when someone else changed the customer', () => {
  it('sends If-Match, says so on 412 keeping the input, and Reload starts afresh with the new ETag', async () => {
    const onClose = vi.fn();
    await renderPage(<EditCustomerDialog customer={acme} onClose={onClose} />);
    const dialog = await screen.findByRole('dialog', { name: 'Edit customer Acme BV' });
    const nameBox = () => within(dialog).getByRole('textbox', { name: /Name/ }) as HTMLInputElement;
    // Someone else renames the customer while this admin is typing.
    stored = { customer: { ...acme, name: 'Acme Holding', adminEmail: 'it@acme.example' }, etag: 'W/"8"' };
    fireEvent.change(nameBox(), { target: { value: 'Acme Group' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(
      await within(dialog).findByText(/Someone else changed this customer while you were editing/),
    ).toBeTruthy();
    expect(patches()).toEqual([
      { url: '/v1/customers/c1', method: 'PATCH', ifMatch: 'W/"7"', body: { name: 'Acme Group' } },
    ]);
    expect(nameBox().value).toBe('Acme Group');
    expect(onClose).not.toHaveBeenCalled();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Reload' }));
    const reloaded = await screen.findByRole('dialog', { name: 'Edit customer Acme Holding' });
    const reloadedName = within(reloaded).getByRole('textbox', { name: /Name/ }) as HTMLInputElement;
    expect(reloadedName.value).toBe('Acme Holding');
    expect(within(reloaded).queryByText(/Someone else changed this customer/)).toBeNull();

    fireEvent.change(reloadedName, { target: { value: 'Acme Group' } });
    fireEvent.click(within(reloaded).getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(patches().at(-1)).toEqual({
      url: '/v1/customers/c1',
      method: 'PATCH',
      ifMatch: 'W/"8"',
      body: { name: 'Acme Group' },
    });
    expect(stored.customer.adminEmail).toBe('it@acme.example');
  });
});

describe('change-packages dialog when someone else changed the customer', () => {
  it('sends If-Match and offers Reload on 412', async () => {
    await renderPage(<EditPackagesDialog customer={acme} onClose={() => undefined} />);
    const dialog = await screen.findByRole('dialog', { name: 'Change packages of Acme BV' });
    stored = { customer: { ...acme, name: 'Acme BV' }, etag: 'W/"8"' };
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Webex Meetings' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      await within(dialog).findByText(/Someone else changed this customer while you were editing/),
    ).toBeTruthy();
    expect(patches()[0]?.ifMatch).toBe('W/"7"');
    expect(within(dialog).getByRole('button', { name: 'Reload' })).toBeTruthy();
  });
});
