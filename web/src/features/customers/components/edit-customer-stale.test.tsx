// @vitest-environment jsdom
// ADR 0092: the customer edit dialogs open on the shared customer query, which keeps the customer's
// ETag beside it (no read of their own, no "Loading…" dialog), hold that customer and ETag while open
// (a background refresh of the page moves neither) and save with If-Match; a 412 says that someone
// else changed the customer, keeps the admin's input on screen until they choose Reload, and Reload
// starts the form afresh from the customer as it is now.
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { cleanup, configure, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { acmeCustomer } from '../../../testing/acme-customer.ts';
import { jsonResponse } from '../../../testing/json-response.ts';
import type { Customer } from '../api/customer-types.ts';
import { customerQueryKey, useCustomer } from '../api/get-customer.ts';
import { EditCustomerDialog } from './edit-customer-dialog.tsx';
import { EditPackagesDialog } from './edit-packages-dialog.tsx';

configure({ asyncUtilTimeout: 10_000 });

const acme: Customer = {
  ...acmeCustomer,
  errors: [],
  packages: [
    { id: 'webex_calling', limit: 10, used: 3 },
    { id: 'webex_meetings', limit: null, used: 0 },
  ],
  address: { ...acmeCustomer.address, zipCode: null },
};

/**
 * The customer page as far as these dialogs care: the shared customer query, its name, a button that
 * opens the dialog, and one that refreshes the query in the background (as polling or a refocus does).
 */
function CustomerPage({ dialog }: { dialog: 'edit' | 'packages' }) {
  const customer = useCustomer('c1');
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  if (!customer.data) return null;
  const close = () => setOpen(false);
  return (
    <>
      <h1>{customer.data.name}</h1>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      <button
        type="button"
        onClick={() => void queryClient.invalidateQueries({ queryKey: customerQueryKey('c1'), exact: true })}
      >
        Refresh
      </button>
      {open && dialog === 'edit' ? <EditCustomerDialog customer={customer.data} onClose={close} /> : null}
      {open && dialog === 'packages' ? <EditPackagesDialog customer={customer.data} onClose={close} /> : null}
    </>
  );
}

const requests: { url: string; method: string; ifMatch: string | null; body: unknown }[] = [];
/** The customer the server holds now, and its version. */
let stored: { customer: Customer; etag: string };

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
      if (method === 'GET') return jsonResponse(stored.customer, 200, stored.etag);
      if (ifMatch !== null && ifMatch !== stored.etag) {
        return jsonResponse(
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
      return jsonResponse(stored.customer, 200, stored.etag);
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const patches = () => requests.filter((request) => request.method === 'PATCH');
const reads = () => requests.filter((request) => request.method === 'GET');

/** Renders the page, waits for its customer, opens the dialog: no read of the dialog's own. */
async function openDialog(dialog: 'edit' | 'packages', title: string) {
  await renderPage(<CustomerPage dialog={dialog} />);
  await screen.findByRole('heading', { name: 'Acme BV' });
  expect(reads()).toHaveLength(1);
  fireEvent.click(screen.getByRole('button', { name: 'Open' }));
  // The form at once: no "Loading…" dialog before it.
  expect(screen.queryByRole('dialog', { name: 'Loading…' })).toBeNull();
  const opened = await screen.findByRole('dialog', { name: title });
  expect(reads()).toHaveLength(1);
  return opened;
}

/** Someone else changes the customer, and the page's query picks it up in the background. */
async function changedElsewhereAndRefreshed(customer: Customer, etag: string) {
  stored = { customer, etag };
  fireEvent.click(screen.getByRole('button', { name: 'Refresh', hidden: true }));
  await screen.findByRole('heading', { name: customer.name, hidden: true });
}

describe('edit-customer dialog when someone else changed the customer', () => {
  it('opens on the shared query and its ETag, holds both through a refresh, says so on 412 keeping the input, and Reload starts afresh with the new ETag', async () => {
    const onClose = vi.fn();
    const dialog = await openDialog('edit', 'Edit customer Acme BV');
    const nameBox = () => within(dialog).getByRole('textbox', { name: /Name/ }) as HTMLInputElement;
    // Someone else renames the customer while this admin is typing; the page behind shows it, the
    // form keeps the customer (and the ETag) it opened on.
    await changedElsewhereAndRefreshed(
      { ...acme, name: 'Acme Holding', adminEmail: 'it@acme.example' },
      'W/"8"',
    );
    expect(reads()).toHaveLength(2);
    expect(screen.getByRole('dialog', { name: 'Edit customer Acme BV' })).toBe(dialog);
    expect((within(dialog).getByRole('textbox', { name: /Admin email/i }) as HTMLInputElement).value).toBe(
      'admin@acme.example',
    );
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
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(patches().at(-1)).toEqual({
      url: '/v1/customers/c1',
      method: 'PATCH',
      ifMatch: 'W/"8"',
      body: { name: 'Acme Group' },
    });
    expect(stored.customer.adminEmail).toBe('it@acme.example');
    // The saved answer and its ETag are what the page (and the next dialog) now holds.
    await screen.findByRole('heading', { name: 'Acme Group' });
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    const next = await screen.findByRole('dialog', { name: 'Edit customer Acme Group' });
    fireEvent.change(within(next).getByRole('textbox', { name: /Name/ }), { target: { value: 'Acme' } });
    fireEvent.click(within(next).getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(patches()).toHaveLength(3));
    expect(patches().at(-1)?.ifMatch).toBe('W/"99"');
  });
});

describe('change-packages dialog when someone else changed the customer', () => {
  it('opens without a read, sends the ETag it opened on as If-Match and offers Reload on 412', async () => {
    const dialog = await openDialog('packages', 'Change packages of Acme BV');
    await changedElsewhereAndRefreshed({ ...acme, name: 'Acme BV 2' }, 'W/"8"');
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Webex Meetings' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      await within(dialog).findByText(/Someone else changed this customer while you were editing/),
    ).toBeTruthy();
    expect(patches()[0]?.ifMatch).toBe('W/"7"');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reload' }));
    await screen.findByRole('dialog', { name: 'Change packages of Acme BV 2' });
  });
});
