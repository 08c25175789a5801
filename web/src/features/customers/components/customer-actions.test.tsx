// @vitest-environment jsdom
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CanWriteProvider } from '../../../lib/permissions.tsx';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { acmeCustomer } from '../../../testing/acme-customer.ts';
import { jsonResponse } from '../../../testing/json-response.ts';
import type { Customer } from '../api/customer-types.ts';
import { CustomerDetailPage } from './customer-detail-page.tsx';
import { CustomerOverviewPage } from './customer-overview-page.tsx';

// Mantine's first render in jsdom is slow on a busy machine: wait for screens longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

const acme: Customer = {
  ...acmeCustomer,
  errors: [],
  packages: [{ id: 'webex_calling', limit: 10, used: 3 }],
};

const requests: { url: string; method: string; body: unknown }[] = [];
let signedInRole = 'partner_full_admin';
let patchAnswer: (body: Record<string, unknown>) => Response;
let customerAnswer: Customer = acme;

beforeEach(() => {
  requests.length = 0;
  signedInRole = 'partner_full_admin';
  customerAnswer = acme;
  patchAnswer = (body) => jsonResponse({ ...acme, ...body });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : null;
      requests.push({ url, method, body });
      if (url.includes('/v1/auth/me')) return jsonResponse({ id: 'me', role: signedInRole, partnerId: 'p1' });
      if (method === 'PATCH') return patchAnswer(body ?? {});
      if (method === 'DELETE') return jsonResponse({ ...acme, status: 'deleting' }, 202);
      return jsonResponse(customerAnswer);
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const writes = () => requests.filter((request) => request.method !== 'GET');

async function renderDetail({ canWrite = true } = {}) {
  await renderPage(
    <CanWriteProvider canWrite={canWrite}>
      <Routes>
        <Route path="/partner/customers/:customerId" element={<CustomerDetailPage />} />
        <Route path="/partner/customers" element={<p>The customers list</p>} />
      </Routes>
    </CanWriteProvider>,
    { path: '/partner/customers/c1' },
  );
  await screen.findByRole('heading', { name: 'Acme BV' });
}

async function openEdit() {
  await renderDetail();
  fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
  return screen.findByRole('dialog', { name: 'Edit customer Acme BV' });
}

const field = (dialog: HTMLElement, name: RegExp | string) =>
  within(dialog).getByRole('textbox', { name }) as HTMLInputElement;

describe('edit customer', () => {
  it("prefills the customer's fields and sends only the changed ones", async () => {
    const dialog = await openEdit();
    expect(field(dialog, /^Name/).value).toBe('Acme BV');
    expect(field(dialog, /Admin email/).value).toBe('admin@acme.example');
    expect(field(dialog, 'Address line 1').value).toBe('Damrak 1');
    expect(field(dialog, 'Postal code').value).toBe('1012 LG');
    expect(field(dialog, 'External ID').value).toBe('ACME-1');
    fireEvent.change(field(dialog, /^Name/), { target: { value: 'Acme Holding' } });
    fireEvent.change(field(dialog, 'City'), { target: { value: 'Utrecht' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(writes()).toEqual([
      {
        url: '/v1/customers/c1',
        method: 'PATCH',
        body: {
          name: 'Acme Holding',
          address: {
            addressLine1: 'Damrak 1',
            addressLine2: null,
            city: 'Utrecht',
            stateOrProvince: null,
            zipCode: '1012 LG',
          },
        },
      },
    ]);
    // The page shows what the server stored.
    expect(await screen.findByRole('heading', { name: 'Acme Holding' })).toBeTruthy();
  });

  it("shows the server's objections under their fields and keeps the dialog open", async () => {
    patchAnswer = () =>
      jsonResponse(
        {
          message: 'The request is not valid.',
          errors: [
            { code: 'invalid_name', description: 'Name may not contain "<".', field: 'name' },
            {
              code: 'email_taken',
              description: 'The email is already associated with an existing user.',
              field: 'adminEmail',
            },
          ],
          trackingId: 'WH_1',
        },
        400,
      );
    const dialog = await openEdit();
    // Values the dialog itself accepts: only the server knows what is wrong with them.
    fireEvent.change(field(dialog, /^Name/), { target: { value: '<Acme>' } });
    fireEvent.change(field(dialog, /Admin email/), { target: { value: 'x@acme.example' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Name may not contain "<".')).toBeTruthy();
    expect(within(dialog).getByText('The email is already associated with an existing user.')).toBeTruthy();
    expect(field(dialog, /^Name/).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('refuses a % in the name and a malformed admin email before asking the server', async () => {
    const dialog = await openEdit();
    fireEvent.change(field(dialog, /^Name/), { target: { value: '100% Acme' } });
    fireEvent.change(field(dialog, /Admin email/), { target: { value: 'x@' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('The name may not contain %')).toBeTruthy();
    expect(within(dialog).getByText('Enter a valid email address')).toBeTruthy();
    expect(writes()).toEqual([]);
  });

  it('checks an emptied name before asking the server', async () => {
    const dialog = await openEdit();
    fireEvent.change(field(dialog, /^Name/), { target: { value: ' ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('This field is required')).toBeTruthy();
    expect(writes()).toEqual([]);
  });

  it('waits while provisioning or another change runs', async () => {
    customerAnswer = { ...acme, status: 'updating' };
    await renderDetail();
    expect((screen.getByRole('button', { name: 'Edit' }) as HTMLButtonElement).disabled).toBe(true);
    expect((await screen.findByRole('button', { name: 'Change packages' })).hasAttribute('disabled')).toBe(
      true,
    );
  });

  it('is offered in Control Hub too, but not Delete', async () => {
    await renderPage(<CustomerOverviewPage />, { path: '/control/c1', pattern: '/control/:customerId' });
    await screen.findByRole('button', { name: 'Edit' });
    await screen.findByText('Acme BV');
    expect(screen.queryByRole('button', { name: 'Delete customer' })).toBeNull();
  });
});

describe('change packages', () => {
  async function openPackages() {
    await renderDetail();
    fireEvent.click(await screen.findByRole('button', { name: 'Change packages' }));
    return screen.findByRole('dialog', { name: 'Change packages of Acme BV' });
  }

  it('prefills what is sold and sends the whole new list', async () => {
    const dialog = await openPackages();
    expect(
      (within(dialog).getByRole('checkbox', { name: 'Webex Calling' }) as HTMLInputElement).checked,
    ).toBe(true);
    const limit = within(dialog).getByRole('textbox', {
      name: 'Limit for Webex Calling',
    }) as HTMLInputElement;
    expect(limit.value).toBe('10');
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Webex Meetings' }));
    fireEvent.change(limit, { target: { value: '20' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(writes()).toEqual([
      {
        url: '/v1/customers/c1',
        method: 'PATCH',
        body: { packages: [{ id: 'webex_calling', limit: 20 }, { id: 'webex_meetings' }] },
      },
    ]);
  });

  it('offers no way to untick a package in use, and says why', async () => {
    const dialog = await openPackages();
    const calling = within(dialog).getByRole('checkbox', { name: 'Webex Calling' }) as HTMLInputElement;
    expect(calling.disabled).toBe(true);
    expect(calling.checked).toBe(true);
    expect(within(dialog).getByText('3 in use: cannot be removed.')).toBeTruthy();
    // A package nobody holds yet stays free to tick and untick.
    expect(
      (within(dialog).getByRole('checkbox', { name: 'Webex Meetings' }) as HTMLInputElement).disabled,
    ).toBe(false);
  });

  it('flags a limit below the users who hold the package and sends nothing', async () => {
    const dialog = await openPackages();
    const limit = within(dialog).getByRole('textbox', { name: 'Limit for Webex Calling' });
    fireEvent.change(limit, { target: { value: '2' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('At least 3: that many users hold this package.')).toBeTruthy();
    expect(writes()).toEqual([]);
    // The limit of the use itself is fine.
    fireEvent.change(limit, { target: { value: '3' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(writes()).toEqual([
      { url: '/v1/customers/c1', method: 'PATCH', body: { packages: [{ id: 'webex_calling', limit: 3 }] } },
    ]);
  });

  it("shows the server's refusal to drop a package in use", async () => {
    // The page's counts are stale: nobody held it when it loaded; someone does now.
    customerAnswer = { ...acme, packages: [{ id: 'webex_calling', limit: 10, used: 0 }] };
    patchAnswer = () =>
      jsonResponse(
        {
          message: 'A package in use cannot be removed.',
          errors: [
            {
              code: 'package_in_use',
              field: 'packages',
              description: 'Package "webex_calling" is held by 3 user(s) and cannot be removed.',
            },
          ],
          trackingId: 'WH_2',
        },
        409,
      );
    const dialog = await openPackages();
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Webex Calling' }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Webex Meetings' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('A package in use cannot be removed.');
    expect(alert.textContent).toContain('held by 3 user(s)');
  });
});

describe('delete customer', () => {
  it('asks first, naming the customer and what goes with it, then returns to the list', async () => {
    await renderDetail();
    fireEvent.click(await screen.findByRole('button', { name: 'Delete customer' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete customer' });
    expect(within(dialog).getByText('Delete the customer Acme BV (ACME-1)?')).toBeTruthy();
    expect(within(dialog).getByText(/users are removed/)).toBeTruthy();
    expect(within(dialog).getByText(/phone numbers and extensions are released/)).toBeTruthy();
    expect(writes()).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('The customers list')).toBeTruthy();
    expect(writes()).toEqual([{ url: '/v1/customers/c1', method: 'DELETE', body: null }]);
  });

  it('sends nothing when the admin cancels', async () => {
    await renderDetail();
    fireEvent.click(await screen.findByRole('button', { name: 'Delete customer' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete customer' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(writes()).toEqual([]);
  });

  it('is not offered to a customer full admin, who may still edit', async () => {
    signedInRole = 'customer_full_admin';
    await renderDetail();
    await screen.findByRole('button', { name: 'Edit' });
    await waitFor(() => expect(requests.some((request) => request.url.includes('/v1/auth/me'))).toBe(true));
    expect(screen.queryByRole('button', { name: 'Delete customer' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Change packages' })).toBeNull();
  });

  it('offers nothing, not even Control Hub, while the customer is being deleted', async () => {
    customerAnswer = { ...acme, status: 'deleting' };
    await renderDetail();
    expect(await screen.findByText('Deleting')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete customer' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Open Control Hub' })).toBeNull();
  });

  it('offers neither Edit nor Delete to a read-only admin', async () => {
    signedInRole = 'partner_readonly_admin';
    await renderDetail({ canWrite: false });
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete customer' })).toBeNull();
  });
});
