// @vitest-environment jsdom
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CanWriteProvider } from '../../../lib/permissions.tsx';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { CustomerAdminsPage } from './customer-admins-page.tsx';

// Mantine's first render in jsdom is slow on a busy machine: wait for screens longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

const calls: { method: string; url: string; body: string | null }[] = [];
let signedIn = { id: 'p9', role: 'partner_full_admin' };

const customerAdmin = (id: string, email: string, role: string, status = 'active') => ({
  id,
  email,
  displayName: null,
  role,
  partnerId: 'p1',
  customerId: 'c1',
  customerName: 'Acme Dental',
  status,
  lastLoginAt: null,
  createdAt: '2026-01-02T00:00:00.000Z',
});

const admins = [
  customerAdmin('c-a1', 'boss@acme.example', 'customer_full_admin'),
  customerAdmin('c-a2', 'reader@acme.example', 'customer_readonly_admin', 'invited'),
];

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

beforeEach(() => {
  calls.length = 0;
  signedIn = { id: 'p9', role: 'partner_full_admin' };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      calls.push({ method, url, body: typeof init?.body === 'string' ? init.body : null });
      if (method === 'DELETE') return new Response(null, { status: 204 });
      if (method === 'PATCH') return json({ ...admins[1], ...(JSON.parse(String(init?.body)) as object) });
      if (method === 'POST') return json(admins[1], 201);
      if (url.includes('/v1/auth/me')) return json({ ...signedIn, email: 'me@example.com', partnerId: 'p1' });
      if (url.includes('/v1/customers/c1')) return json({ id: 'c1', name: 'Acme Dental', status: 'active' });
      return json({ items: admins });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const writes = () => calls.filter((call) => call.method !== 'GET');
const render = (canWrite = true) =>
  renderPage(
    <CanWriteProvider canWrite={canWrite}>
      <CustomerAdminsPage />
    </CanWriteProvider>,
    { path: '/control/c1/admins', pattern: '/control/:customerId/admins' },
  );

describe("a customer's admins page", () => {
  it("lists only that customer's admins, named after the customer", async () => {
    await render();
    const table = await screen.findByRole('table', { name: 'Admins' });
    expect(within(table).getByText('boss@acme.example')).toBeTruthy();
    expect(within(table).getByText('Customer read-only admin')).toBeTruthy();
    // Every row has the same customer: no customer column.
    expect(within(table).queryByRole('columnheader', { name: 'Customer' })).toBeNull();
    await screen.findByText(/The admins of Acme Dental/);
    const list = calls.find((call) => call.method === 'GET' && call.url.includes('/v1/admins'));
    expect(new URL(list?.url ?? '', 'http://x').searchParams.get('customerId')).toBe('c1');
  });

  it('invites with a customer role for this customer, offering customer roles only', async () => {
    await render();
    fireEvent.click(await screen.findByRole('button', { name: 'Invite admin' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invite admin' });
    fireEvent.change(within(dialog).getByLabelText(/Email address/), {
      target: { value: 'eve@acme.example' },
    });
    fireEvent.click(within(dialog).getByRole('combobox', { name: /Role/ }));
    await waitFor(() => expect(document.querySelector('[role=option]')).toBeTruthy());
    const options = [...document.querySelectorAll<HTMLElement>('[role=option]')];
    expect(options.map((option) => option.textContent)).toEqual([
      'Customer full admin',
      'Customer read-only admin',
    ]);
    fireEvent.click(options[1]!);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send invite' }));
    await waitFor(() => expect(writes()).toHaveLength(1));
    expect(writes()[0]?.url).toMatch(/\/v1\/admins$/);
    expect(JSON.parse(writes()[0]?.body ?? '{}')).toEqual({
      email: 'eve@acme.example',
      role: 'customer_readonly_admin',
      customerId: 'c1',
    });
  });

  it('changes a role among customer roles only', async () => {
    await render();
    fireEvent.click(await screen.findByRole('button', { name: 'Change role of reader@acme.example' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change role of reader@acme.example' });
    fireEvent.click(within(dialog).getByRole('combobox', { name: /New role/ }));
    await waitFor(() => expect(document.querySelector('[role=option]')).toBeTruthy());
    const options = [...document.querySelectorAll<HTMLElement>('[role=option]')];
    expect(options.map((option) => option.textContent)).toEqual([
      'Customer full admin',
      'Customer read-only admin',
    ]);
    fireEvent.click(options[0]!);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(writes()).toHaveLength(1));
    expect(writes()[0]).toMatchObject({ method: 'PATCH' });
    expect(JSON.parse(writes()[0]?.body ?? '{}')).toEqual({ role: 'customer_full_admin' });
  });

  it('shows a customer read-only admin the list only', async () => {
    signedIn = { id: 'c-a2', role: 'customer_readonly_admin' };
    await render(false);
    await screen.findByRole('table', { name: 'Admins' });
    await screen.findByText('(you)');
    expect(screen.queryByRole('button', { name: 'Invite admin' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Resend invite/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Change role/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Remove admin/ })).toBeNull();
  });

  it('offers a customer full admin no change or removal of its own account', async () => {
    signedIn = { id: 'c-a1', role: 'customer_full_admin' };
    await render();
    await screen.findByRole('button', { name: 'Remove admin reader@acme.example' });
    expect(screen.getByRole('button', { name: 'Invite admin' })).toBeTruthy();
    expect(screen.getByText('(you)')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Change role of boss@acme.example' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove admin boss@acme.example' })).toBeNull();
  });

  it('removes an admin only after confirming', async () => {
    await render();
    fireEvent.click(await screen.findByRole('button', { name: 'Remove admin reader@acme.example' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove admin' });
    expect(writes()).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(writes()).toHaveLength(1));
    expect(writes()[0]).toMatchObject({ method: 'DELETE' });
    expect(writes()[0]?.url).toMatch(/\/v1\/admins\/c-a2$/);
  });
});
