// @vitest-environment jsdom
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Notifications } from '@mantine/notifications';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CanWriteProvider } from '../../../lib/permissions.tsx';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { invitedAdmin } from '../../../testing/admin-fixtures.ts';
import { AdminsPage } from './admins-page.tsx';

// Mantine's first render in jsdom is slow on a busy machine: wait for screens longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

const calls: { method: string; url: string; body: string | null }[] = [];
let signedInRole = 'partner_full_admin';
let deleteAnswer: () => Response;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const admins = [
  {
    id: 'a1',
    email: 'owner@example.com',
    displayName: 'Olga Owner',
    role: 'partner_full_admin',
    partnerId: 'p1',
    customerId: null,
    customerName: null,
    status: 'active',
    lastLoginAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  },
  invitedAdmin('a2', 'new@example.com'),
];

const customerAdmin = (id: string, email: string, customerId: string, customerName: string) => ({
  ...admins[1],
  id,
  email,
  role: 'customer_full_admin',
  customerId,
  customerName,
  status: 'active',
});

let listed: unknown[] = admins;

beforeEach(() => {
  calls.length = 0;
  listed = admins;
  signedInRole = 'partner_full_admin';
  deleteAnswer = () => new Response(null, { status: 204 });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      calls.push({ method, url, body: typeof init?.body === 'string' ? init.body : null });
      if (method === 'DELETE') return deleteAnswer();
      if (method === 'PATCH') return json({ ...admins[1], ...(JSON.parse(String(init?.body)) as object) });
      const body = url.includes('/v1/auth/me')
        ? { id: 'a1', email: 'owner@example.com', role: signedInRole, partnerId: 'p1' }
        : method === 'POST'
          ? admins[1]
          : { items: listed };
      return new Response(JSON.stringify(body), {
        status: method === 'POST' && !url.endsWith('/invite') ? 201 : 200,
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const writes = () => calls.filter((call) => call.method !== 'GET');

describe('admins page', () => {
  it("lists the partner's admins with name, role and status", async () => {
    await renderPage(<AdminsPage />);
    const table = await screen.findByRole('table', { name: 'Admins' });
    expect(within(table).getByText('Olga Owner')).toBeTruthy();
    expect(within(table).getByText('Partner read-only admin')).toBeTruthy();
    expect(within(table).getByText('Invited')).toBeTruthy();
    expect(within(table).getByText('Active')).toBeTruthy();
  });

  it("names each customer admin's customer, linked to it, as the admins list gives it", async () => {
    listed = [
      ...admins,
      customerAdmin('a3', 'it@acme.example', 'c1', 'Acme Dental'),
      customerAdmin('a4', 'boss@acme.example', 'c1', 'Acme Dental'),
      customerAdmin('a5', 'piet@jansen.example', 'c2', 'Bakkerij Jansen'),
    ];
    await renderPage(<AdminsPage />);
    const table = await screen.findByRole('table', { name: 'Admins' });
    expect(within(table).getByRole('columnheader', { name: 'Customer' })).toBeTruthy();
    const rowOf = (email: string) => within(table).getByText(email).closest('tr') as HTMLElement;
    const acme = await within(rowOf('it@acme.example')).findByRole('link', { name: 'Acme Dental' });
    expect(acme.getAttribute('href')).toBe('/partner/customers/c1');
    expect(within(rowOf('boss@acme.example')).getByRole('link', { name: 'Acme Dental' })).toBeTruthy();
    const jansen = within(rowOf('piet@jansen.example')).getByRole('link', { name: 'Bakkerij Jansen' });
    expect(jansen.getAttribute('href')).toBe('/partner/customers/c2');
    // A partner admin belongs to no customer.
    expect(within(rowOf('owner@example.com')).queryByRole('link')).toBeNull();
    // No second request for the names.
    expect(calls.filter((call) => call.url.includes('/v1/customers'))).toEqual([]);
  });

  it('invites an admin with a role the signed-in admin may grant', async () => {
    await renderPage(
      <>
        <Notifications />
        <AdminsPage />
      </>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Invite admin' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invite admin' });
    fireEvent.change(within(dialog).getByLabelText(/Email address/), {
      target: { value: 'eve@example.com' },
    });
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'Eve' } });
    fireEvent.click(within(dialog).getByRole('combobox', { name: /Role/ }));
    // The options exist at once; they count as visible only after the opening transition.
    await waitFor(() => expect(document.querySelector('[role=option]')).toBeTruthy());
    const options = [...document.querySelectorAll<HTMLElement>('[role=option]')];
    expect(options.map((option) => option.textContent)).toEqual([
      'Partner full admin',
      'Partner read-only admin',
    ]);
    fireEvent.click(options[1]!);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send invite' }));
    await waitFor(() => expect(writes()).toHaveLength(1));
    expect(writes()[0]?.url).toContain('/v1/admins');
    expect(JSON.parse(writes()[0]?.body ?? '{}')).toEqual({
      email: 'eve@example.com',
      role: 'partner_readonly_admin',
      displayName: 'Eve',
    });
    // The dialog closes with word that the invite went out, not silently.
    expect(
      await screen.findByText('eve@example.com gets an email with a link to set a password.'),
    ).toBeTruthy();
  });

  it('keeps the chosen role when it is picked again', async () => {
    await renderPage(<AdminsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Invite admin' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invite admin' });
    fireEvent.change(within(dialog).getByLabelText(/Email address/), {
      target: { value: 'eve@example.com' },
    });
    const role = within(dialog).getByRole('combobox', { name: /Role/ }) as HTMLInputElement;
    for (let pick = 0; pick < 2; pick += 1) {
      fireEvent.click(role);
      await waitFor(() => expect(document.querySelector('[role=option]')).toBeTruthy());
      fireEvent.click(document.querySelectorAll<HTMLElement>('[role=option]')[1]!);
    }
    await waitFor(() => expect(role.value).toBe('Partner read-only admin'));
    expect(within(dialog).getByRole('button', { name: 'Send invite' }).hasAttribute('disabled')).toBe(false);
  });

  it('resends the invite of a pending admin only', async () => {
    await renderPage(<AdminsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Resend invite to new@example.com' }));
    expect(screen.queryByRole('button', { name: 'Resend invite to owner@example.com' })).toBeNull();
    await waitFor(() => expect(writes()).toHaveLength(1));
    expect(writes()[0]).toMatchObject({ method: 'POST' });
    expect(writes()[0]?.url).toMatch(/\/v1\/admins\/a2\/invite$/);
  });

  it('shows read-only admins the list only', async () => {
    signedInRole = 'partner_readonly_admin';
    await renderPage(
      <CanWriteProvider canWrite={false}>
        <AdminsPage />
      </CanWriteProvider>,
    );
    await screen.findByRole('table', { name: 'Admins' });
    expect(screen.queryByRole('button', { name: 'Invite admin' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Resend invite/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Change role/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Remove admin/ })).toBeNull();
  });

  it("changes an admin's role, offering only roles the signed-in admin may grant", async () => {
    await renderPage(<AdminsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Change role of new@example.com' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change role of new@example.com' });
    const select = within(dialog).getByRole('combobox', { name: /New role/ }) as HTMLInputElement;
    expect(select.value).toBe('Partner read-only admin');
    fireEvent.click(select);
    await waitFor(() => expect(document.querySelector('[role=option]')).toBeTruthy());
    const options = [...document.querySelectorAll<HTMLElement>('[role=option]')];
    expect(options.map((option) => option.textContent)).toEqual([
      'Partner full admin',
      'Partner read-only admin',
    ]);
    fireEvent.click(options[0]!);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(writes()).toHaveLength(1);
    expect(writes()[0]).toMatchObject({ method: 'PATCH' });
    expect(writes()[0]?.url).toMatch(/\/v1\/admins\/a2$/);
    expect(JSON.parse(writes()[0]?.body ?? '{}')).toEqual({ role: 'partner_full_admin' });
  });

  it('offers no change or removal of one’s own account', async () => {
    await renderPage(<AdminsPage />);
    await screen.findByRole('button', { name: 'Remove admin new@example.com' });
    expect(screen.getByText('(you)')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Change role of owner@example.com' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove admin owner@example.com' })).toBeNull();
  });

  it('removes an admin only after confirming', async () => {
    await renderPage(<AdminsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Remove admin new@example.com' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove admin' });
    expect(within(dialog).getByText('Remove the admin account new@example.com?')).toBeTruthy();
    expect(writes()).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(writes()).toHaveLength(1);
    expect(writes()[0]).toMatchObject({ method: 'DELETE' });
    expect(writes()[0]?.url).toMatch(/\/v1\/admins\/a2$/);
  });

  it("shows the server's refusal in the dialog", async () => {
    deleteAnswer = () =>
      json(
        {
          message: 'You cannot change the role or status of your own account, or delete it.',
          errors: [],
          trackingId: 'WH_9',
        },
        409,
      );
    await renderPage(<AdminsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Remove admin new@example.com' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove admin' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('You cannot change the role or status of your own account');
    expect(screen.getByRole('dialog')).toBeTruthy();
  });
});
