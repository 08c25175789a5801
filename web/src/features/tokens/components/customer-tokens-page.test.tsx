// @vitest-environment jsdom
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CanWriteProvider } from '../../../lib/permissions.tsx';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { CustomerTokensPage } from './customer-tokens-page.tsx';
import { TokensPage } from './tokens-page.tsx';

// Mantine's first render in jsdom is slow on a busy machine: wait for screens longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

const calls: { method: string; url: string; body: string | null }[] = [];
let signedIn: { id: string; role: string; customerId: string | null } = {
  id: 'p9',
  role: 'partner_full_admin',
  customerId: null,
};

const token = (id: string, name: string, role: string, revokedAt: string | null = null) => ({
  id,
  name,
  role,
  customerId: 'c1',
  prefix: `whk_${id}`,
  expiresAt: null,
  revokedAt,
  lastUsedAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
});

const tokens = [
  token('t1', 'Payroll sync', 'customer_readonly_admin'),
  token('t2', 'Old export', 'customer_full_admin', '2026-02-01T00:00:00.000Z'),
  { ...token('t5', 'Trial import', 'customer_readonly_admin'), expiresAt: '2020-01-01T00:00:00.000Z' },
];

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

beforeEach(() => {
  calls.length = 0;
  signedIn = { id: 'p9', role: 'partner_full_admin', customerId: null };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      calls.push({ method, url, body: typeof init?.body === 'string' ? init.body : null });
      if (method === 'DELETE') return new Response(null, { status: 204 });
      if (method === 'POST') return json({ ...tokens[0], id: 't3', name: 'CI', token: 'whk_secret_c1' }, 201);
      if (url.includes('/v1/auth/me')) return json({ ...signedIn, email: 'me@example.com', partnerId: 'p1' });
      if (url.includes('/v1/customers/c1')) return json({ id: 'c1', name: 'Acme Dental' });
      return json({ items: tokens });
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
      <CustomerTokensPage />
    </CanWriteProvider>,
    { path: '/control/c1/tokens', pattern: '/control/:customerId/tokens' },
  );

/** Opens the Select labelled `label` in `dialog` and clicks `option`; answers all option texts. */
async function pick(dialog: HTMLElement, label: RegExp, option?: string) {
  const box = within(dialog).getByRole('combobox', { name: label });
  fireEvent.click(box);
  const list = () => document.getElementById(box.getAttribute('aria-controls') ?? '');
  await waitFor(() => expect(list()?.querySelector('[role=option]')).toBeTruthy());
  const options = [...(list()?.querySelectorAll<HTMLElement>('[role=option]') ?? [])];
  const found = options.find((entry) => entry.textContent === option);
  if (found) fireEvent.click(found);
  return options.map((entry) => entry.textContent);
}

describe("a customer's API tokens page", () => {
  it("asks the server for that customer's tokens only and names the customer", async () => {
    await render();
    const table = await screen.findByRole('table', { name: 'API tokens' });
    expect(within(table).getByText('Payroll sync')).toBeTruthy();
    expect(within(table).getAllByText('Customer read-only admin')).toHaveLength(2);
    await screen.findByText(/The API tokens of Acme Dental/);
    // A token past its expiry says it no longer works.
    const expired = within(table).getByText('Trial import').closest('tr');
    expect(expired && within(expired).getByText('Expired')).toBeTruthy();
    const live = within(table).getByText('Payroll sync').closest('tr');
    expect(live && within(live).queryByText('Expired')).toBeNull();
    // Every row has the same customer: no customer column.
    expect(within(table).queryByRole('columnheader', { name: 'Customer' })).toBeNull();
    const list = calls.find((call) => call.method === 'GET' && call.url.includes('/v1/tokens'));
    expect(new URL(list?.url ?? '', 'http://x').searchParams.get('customerId')).toBe('c1');
  });

  it.each([
    ['a partner full admin in Control Hub', { id: 'p9', role: 'partner_full_admin', customerId: null }],
    ['a customer full admin', { id: 'c-a1', role: 'customer_full_admin', customerId: 'c1' }],
  ])('lets %s create a customer token for this customer, shown once', async (_who, admin) => {
    signedIn = admin;
    await render();
    fireEvent.click(await screen.findByRole('button', { name: 'Create token' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create token' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Name/ }), { target: { value: 'CI' } });
    expect(await pick(dialog, /Role/, 'Customer full admin')).toEqual([
      'Customer full admin',
      'Customer read-only admin',
    ]);
    await pick(dialog, /Expiry/, 'In 90 days');
    const before = Date.now();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create token' }));
    await waitFor(() => expect(writes()).toHaveLength(1));
    expect(writes()[0]?.url).toMatch(/\/v1\/tokens$/);
    const sent = JSON.parse(writes()[0]?.body ?? '{}') as Record<string, string>;
    expect({ ...sent, expiresAt: undefined }).toEqual({
      name: 'CI',
      role: 'customer_full_admin',
      customerId: 'c1',
      expiresAt: undefined,
    });
    expect(Math.round((Date.parse(sent.expiresAt ?? '') - before) / 86_400_000)).toBe(90);
    expect((await screen.findByTestId('new-token-secret')).textContent).toBe('whk_secret_c1');
    expect(screen.getByRole('button', { name: 'Copy' })).toBeTruthy();
  });

  it('revokes a token of the customer after confirming, and offers no revoke of a revoked one', async () => {
    await render();
    expect(await screen.findByRole('button', { name: 'Revoke Payroll sync' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Revoke Old export' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Revoke Payroll sync' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke token?' });
    expect(writes()).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(writes()).toHaveLength(1));
    expect(writes()[0]).toMatchObject({ method: 'DELETE' });
    expect(writes()[0]?.url).toMatch(/\/v1\/tokens\/t1$/);
  });

  it.each([
    ['a customer read-only admin', { id: 'c-a2', role: 'customer_readonly_admin', customerId: 'c1' }],
    ['a partner read-only admin', { id: 'p8', role: 'partner_readonly_admin', customerId: null }],
  ])('shows %s the list without create or revoke', async (_who, admin) => {
    signedIn = admin;
    await render(false);
    await screen.findByRole('table', { name: 'API tokens' });
    await screen.findByText('Payroll sync');
    expect(screen.queryByRole('button', { name: 'Create token' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Revoke/ })).toBeNull();
  });
});

describe("another customer's tokens URL", () => {
  it("shows a customer admin the server's refusal and no way to create a token there", async () => {
    signedIn = { id: 'c-a1', role: 'customer_full_admin', customerId: 'c1' };
    const notFound = { message: 'Customer not found.', errors: [] };
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        if (url.includes('/v1/auth/me'))
          return json({ ...signedIn, email: 'me@example.com', partnerId: 'p1' });
        return json(notFound, 404);
      }),
    );
    await renderPage(
      <CanWriteProvider canWrite>
        <CustomerTokensPage />
      </CanWriteProvider>,
      { path: '/control/c2/tokens', pattern: '/control/:customerId/tokens' },
    );
    await screen.findByRole('alert');
    expect(screen.queryByRole('table', { name: 'API tokens' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Create token' })).toBeNull();
  });
});

describe('the Partner Hub tokens URL', () => {
  const app = (
    <Routes>
      <Route path="/partner/tokens" element={<TokensPage />} />
      <Route path="/control/:customerId/tokens" element={<p>control hub tokens</p>} />
    </Routes>
  );
  it("takes a customer admin to its own customer's Control Hub tokens page", async () => {
    signedIn = { id: 'c-a1', role: 'customer_full_admin', customerId: 'c1' };
    await renderPage(app, { path: '/partner/tokens' });
    expect(await screen.findByText('control hub tokens')).toBeTruthy();
  });

  it('leaves a partner admin on the Partner Hub tokens page', async () => {
    await renderPage(app, { path: '/partner/tokens' });
    await screen.findByRole('table', { name: 'API tokens' });
    expect(screen.queryByText('control hub tokens')).toBeNull();
  });
});
