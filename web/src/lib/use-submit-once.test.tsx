// @vitest-environment jsdom
// A double click on the submit of a form that creates or changes something sends one request: the guard
// (useSubmitOnce) is set by the first click, before React has rendered the button as loading.
import type { ReactElement } from 'react';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ForgotPasswordPage } from '../features/auth/components/forgot-password-page.tsx';
import { RemoveAdminDialog } from '../features/admins/components/remove-admin-dialog.tsx';
import type { AdminAccount } from '../features/admins/api/admins.ts';
import type { Customer } from '../features/customers/api/customer-types.ts';
import { DeleteCustomerDialog } from '../features/customers/components/delete-customer-dialog.tsx';
import { LocationsPage } from '../features/locations/components/locations-page.tsx';
import type { User } from '../features/users/api/user-types.ts';
import { RemoveUserDialog } from '../features/users/components/remove-user-dialog.tsx';
import { CanWriteProvider } from './permissions.tsx';
import { renderPage } from '../testing/render-with-providers.tsx';

const hq = {
  id: 'l1',
  name: 'Amsterdam HQ',
  country: 'NL',
  address: { addressLine1: 'Damrak 1', addressLine2: null, city: 'Amsterdam', zipCode: '1012 LG' },
  timeZone: 'Europe/Amsterdam',
  language: null,
};
const admin = {
  id: 'a1',
  email: 'ops@acme.nl',
  displayName: null,
  role: 'customer-full',
  partnerId: 'p1',
  customerId: 'c1',
  customerName: 'Acme BV',
  status: 'active',
  lastLoginAt: null,
  createdAt: '2026-01-01T00:00:00Z',
} as unknown as AdminAccount;
const customer = { id: 'c1', name: 'Acme BV', externalId: 'ACME-1' } as unknown as Customer;
const user = {
  id: 'u1',
  email: 'jan@acme.nl',
  firstName: 'Jan',
  lastName: 'Jansen',
  phoneNumber: null,
  extension: null,
} as unknown as User;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** Every request that is not a read. */
const writes: { method: string; url: string }[] = [];

beforeEach(() => {
  writes.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      if (method === 'GET') return json(url.endsWith('/locations/l1') ? hq : { items: [hq] });
      writes.push({ method, url });
      return method === 'PATCH'
        ? json({ ...hq, name: 'Amsterdam Zuid' })
        : new Response(null, { status: 204 });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

interface DoubleClickCase {
  readonly form: string;
  readonly page: ReactElement;
  readonly path: string;
  readonly pattern: string;
  /** Opens the form and fills it in; returns its submit button. */
  readonly reachSubmit: () => Promise<HTMLElement>;
  /** Enter pressed twice in a field: the form is submitted twice whatever its button's state. */
  readonly byEnter?: boolean;
  readonly expected: { method: string; url: string };
}

const cases: DoubleClickCase[] = [
  {
    form: 'Enter twice in the edit-location dialog (the shared form dialog)',
    byEnter: true,
    page: <LocationsPage />,
    path: '/control/c1/locations',
    pattern: '/control/:customerId/locations',
    reachSubmit: async () => {
      fireEvent.click(
        await screen.findByRole('button', { name: 'Edit location Amsterdam HQ' }, { timeout: 10_000 }),
      );
      // The dialog reads the location (with its ETag, ADR 0092) before it shows the form, in a
      // dialog of its own.
      const name = await screen.findByRole('textbox', { name: /Location name/ }, { timeout: 10_000 });
      fireEvent.change(name, { target: { value: 'Amsterdam Zuid' } });
      return within(screen.getByRole('dialog')).getByRole('button', { name: 'Save' });
    },
    expected: { method: 'PATCH', url: '/v1/customers/c1/locations/l1' },
  },
  {
    form: 'Remove in the remove-admin dialog',
    page: <RemoveAdminDialog admin={admin} onClose={() => undefined} />,
    path: '/',
    pattern: '*',
    reachSubmit: async () =>
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Remove' }),
    expected: { method: 'DELETE', url: '/v1/admins/a1' },
  },
  {
    form: 'Remove in the remove-user dialog',
    page: <RemoveUserDialog customerId="c1" user={user} opened onClose={() => undefined} />,
    path: '/',
    pattern: '*',
    reachSubmit: async () =>
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Remove' }),
    expected: { method: 'DELETE', url: '/v1/customers/c1/users/u1' },
  },
  {
    form: 'Delete in the delete-customer dialog',
    page: <DeleteCustomerDialog customer={customer} onClose={() => undefined} />,
    path: '/',
    pattern: '*',
    reachSubmit: async () =>
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Delete' }),
    expected: { method: 'DELETE', url: '/v1/customers/c1' },
  },
  {
    form: 'Enter twice on the forgot-password page',
    byEnter: true,
    page: <ForgotPasswordPage />,
    path: '/',
    pattern: '*',
    reachSubmit: async () => {
      const email = await screen.findByRole('textbox', { name: /Email/ });
      fireEvent.change(email, { target: { value: 'jan@acme.nl' } });
      return screen.getByRole('button', { name: 'Send reset link' });
    },
    expected: { method: 'POST', url: '/v1/auth/password-reset' },
  },
];

describe('a double click on a submit sends one request', () => {
  it.each(cases)('$form', async ({ page, path, pattern, reachSubmit, byEnter, expected }) => {
    await renderPage(<CanWriteProvider canWrite>{page}</CanWriteProvider>, { path, pattern });
    const submit = await reachSubmit();
    const form = submit.closest('form');
    for (let press = 0; press < 2; press += 1) {
      if (byEnter && form) fireEvent.submit(form);
      else fireEvent.click(submit);
    }
    // Sent, and answered: the button no longer spins (or its dialog closed).
    await vi.waitFor(() => {
      expect(writes.length).toBeGreaterThan(0);
      expect(!submit.isConnected || !submit.hasAttribute('data-loading')).toBe(true);
    });
    expect(writes.map(({ method, url }) => ({ method, url: url.split('?')[0] }))).toEqual([expected]);
  });
});
