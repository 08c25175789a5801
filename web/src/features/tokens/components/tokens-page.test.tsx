// @vitest-environment jsdom
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CanWriteProvider } from '../../../lib/permissions.tsx';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { TokensPage } from './tokens-page.tsx';

// Mantine's first render in jsdom is slow on a busy machine: wait for screens longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

const calls: { method: string; url: string; body: string | null }[] = [];
let signedInRole = 'partner_full_admin';

const tokens = [
  {
    id: 't1',
    name: 'Billing sync',
    role: 'partner_readonly_admin',
    customerId: null,
    prefix: 'whk_ab12',
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  },
  {
    id: 't2',
    name: 'Old script',
    role: 'partner_full_admin',
    customerId: null,
    prefix: 'whk_cd34',
    expiresAt: null,
    revokedAt: '2026-02-01T00:00:00.000Z',
    lastUsedAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  },
  {
    id: 't4',
    name: 'Acme payroll',
    role: 'customer_readonly_admin',
    customerId: 'c1',
    customerName: 'Acme Dental',
    prefix: 'whk_ef56',
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: null,
    createdAt: '2026-01-03T00:00:00.000Z',
  },
];

beforeEach(() => {
  calls.length = 0;
  signedInRole = 'partner_full_admin';
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      calls.push({ method, url, body: typeof init?.body === 'string' ? init.body : null });
      if (method === 'DELETE') return new Response(null, { status: 204 });
      const body = url.includes('/v1/auth/me')
        ? { id: 'a1', email: 'owner@example.com', role: signedInRole, partnerId: 'p1' }
        : method === 'POST'
          ? { ...tokens[0], id: 't3', name: 'CI', token: 'whk_secret_value_123' }
          : { items: tokens };
      return new Response(JSON.stringify(body), {
        status: method === 'POST' ? 201 : 200,
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

describe('API tokens page', () => {
  it('lists tokens with role, prefix and revoked state', async () => {
    await renderPage(<TokensPage />);
    const table = await screen.findByRole('table', { name: 'API tokens' });
    expect(within(table).getByText('Billing sync')).toBeTruthy();
    expect(within(table).getByText('whk_ab12…')).toBeTruthy();
    expect(within(table).getByText('Partner read-only admin')).toBeTruthy();
    // A revoked token cannot be revoked again.
    expect(screen.getByRole('button', { name: 'Revoke Billing sync' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Revoke Old script' })).toBeNull();
  });

  it("names a customer token's customer, linking to that customer's Control Hub tokens", async () => {
    await renderPage(<TokensPage />);
    const table = await screen.findByRole('table', { name: 'API tokens' });
    expect(within(table).getByRole('columnheader', { name: 'Customer' })).toBeTruthy();
    const link = within(table).getByRole('link', { name: 'Acme Dental' });
    expect(link.getAttribute('href')).toBe('/control/c1/tokens');
    // A partner token belongs to no customer.
    const partnerRow = within(table).getByText('Billing sync').closest('tr');
    expect(partnerRow && within(partnerRow).getAllByText('—').length).toBeGreaterThan(0);
    expect(within(table).getAllByRole('link')).toHaveLength(1);
  });

  it('creates a token and shows its secret once, with a copy button', async () => {
    await renderPage(<TokensPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Create token' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create token' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Name/ }), { target: { value: 'CI' } });
    const roleBox = within(dialog).getByRole('combobox', { name: /Role/ });
    fireEvent.click(roleBox);
    // The options exist at once; they count as visible only after the opening transition.
    const roleList = () => document.getElementById(roleBox.getAttribute('aria-controls') ?? '');
    await waitFor(() => expect(roleList()?.querySelector('[role=option]')).toBeTruthy());
    const options = [...(roleList()?.querySelectorAll<HTMLElement>('[role=option]') ?? [])];
    expect(options.map((option) => option.textContent)).toEqual([
      'Partner full admin',
      'Partner read-only admin',
    ]);
    fireEvent.click(options[1]!);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create token' }));
    await waitFor(() => expect(writes()).toHaveLength(1));
    expect(JSON.parse(writes()[0]?.body ?? '{}')).toEqual({ name: 'CI', role: 'partner_readonly_admin' });
    expect((await screen.findByTestId('new-token-secret')).textContent).toBe('whk_secret_value_123');
    // The token exists now: the dialog is named for what happened, not for what is still to do.
    expect(screen.getByRole('dialog', { name: 'Token created' })).toBe(dialog);
    expect(screen.queryByRole('dialog', { name: 'Create token' })).toBeNull();
    expect(screen.getByText(/You won't see this token again/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy' })).toBeTruthy();
    // Not copied: Done first warns that the token is lost, and only closes when asked again.
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect((await screen.findByTestId('token-not-copied')).textContent).toContain(
      'You have not copied the token',
    );
    expect(screen.getByTestId('new-token-secret')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Close without copying' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // Opening the dialog again starts empty: the secret is gone.
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    await screen.findByRole('dialog', { name: 'Create token' });
    expect(screen.queryByText('whk_secret_value_123')).toBeNull();
  });

  it('closes the secret at once after Copy, and warns first on Escape when it was not copied', async () => {
    const createToken = async () => {
      fireEvent.click(await screen.findByRole('button', { name: 'Create token' }));
      const dialog = await screen.findByRole('dialog', { name: 'Create token' });
      fireEvent.change(within(dialog).getByRole('textbox', { name: /Name/ }), { target: { value: 'CI' } });
      const roleBox = within(dialog).getByRole('combobox', { name: /Role/ });
      fireEvent.click(roleBox);
      const roleList = () => document.getElementById(roleBox.getAttribute('aria-controls') ?? '');
      await waitFor(() => expect(roleList()?.querySelector('[role=option]')).toBeTruthy());
      fireEvent.click(roleList()!.querySelector<HTMLElement>('[role=option]')!);
      fireEvent.click(within(dialog).getByRole('button', { name: 'Create token' }));
      return within(dialog).findByTestId('new-token-secret');
    };
    await renderPage(<TokensPage />);
    await createToken();
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.queryByTestId('token-not-copied')).toBeNull();

    const secret = await createToken();
    fireEvent.keyDown(secret, { key: 'Escape' });
    expect(await screen.findByTestId('token-not-copied')).toBeTruthy();
    expect(screen.getByTestId('new-token-secret')).toBeTruthy();
    fireEvent.keyDown(screen.getByTestId('new-token-secret'), { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('sends the chosen expiry as a date that many days ahead', async () => {
    await renderPage(<TokensPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Create token' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create token' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Name/ }), { target: { value: 'CI' } });
    const pick = async (label: RegExp, option: string) => {
      const box = within(dialog).getByRole('combobox', { name: label });
      fireEvent.click(box);
      const list = () => document.getElementById(box.getAttribute('aria-controls') ?? '');
      await waitFor(() => expect(list()?.querySelector('[role=option]')).toBeTruthy());
      const found = [...(list()?.querySelectorAll<HTMLElement>('[role=option]') ?? [])].find(
        (entry) => entry.textContent === option,
      );
      fireEvent.click(found!);
    };
    await pick(/Role/, 'Partner full admin');
    await pick(/Expiry/, 'In 30 days');
    const before = Date.now();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create token' }));
    await waitFor(() => expect(writes()).toHaveLength(1));
    const sent = JSON.parse(writes()[0]?.body ?? '{}') as { role: string; expiresAt: string };
    expect(sent.role).toBe('partner_full_admin');
    const days = (Date.parse(sent.expiresAt) - before) / 86_400_000;
    expect(Math.round(days)).toBe(30);
  });

  it('revokes a token only after the admin confirms', async () => {
    await renderPage(<TokensPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke Billing sync' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke token?' });
    expect(within(dialog).getByText(/Revoke the token Billing sync \(whk_ab12…\)\?/)).toBeTruthy();
    expect(writes()).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(writes()).toHaveLength(1));
    expect(writes()[0]?.method).toBe('DELETE');
    expect(writes()[0]?.url).toMatch(/\/v1\/tokens\/t1$/);
  });

  it('revokes nothing when the admin cancels', async () => {
    await renderPage(<TokensPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke Billing sync' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(writes()).toEqual([]);
  });

  it('shows read-only admins the list without create or revoke', async () => {
    signedInRole = 'partner_readonly_admin';
    await renderPage(
      <CanWriteProvider canWrite={false}>
        <TokensPage />
      </CanWriteProvider>,
    );
    await screen.findByRole('table', { name: 'API tokens' });
    expect(screen.queryByRole('button', { name: 'Create token' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Revoke/ })).toBeNull();
  });
});
