// @vitest-environment jsdom
import { cleanup, configure, screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../testing/render-with-providers.tsx';
import { AppLayout } from './app-layout.tsx';

// Mantine's first render in jsdom is slow on a busy machine: wait for screens longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

const partnerAdmin = {
  id: 'a1',
  email: 'admin@partner.example',
  displayName: 'Demo Admin',
  role: 'partner_full_admin',
  partnerId: 'p1',
};

const customerAdmin = {
  id: 'a2',
  email: 'beheer@devries.example',
  displayName: null,
  role: 'customer_full_admin',
  partnerId: 'p1',
  customerId: 'c1',
};
let signedIn: Record<string, unknown> = partnerAdmin;

beforeEach(() => {
  signedIn = partnerAdmin;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const body = url.startsWith('/v1/auth/me') ? signedIn : { id: 'c1', name: 'Bakkerij De Vries' };
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('app layout on a narrow screen', () => {
  it('holds every header action in the burger menu: back to Partner Hub, language and sign-out', async () => {
    await renderPage(<AppLayout />, { path: '/control/c1/users', pattern: '/control/:customerId/*' });
    const menu = screen.getByTestId('mobile-header-actions');
    expect(menu.closest('nav')?.id).toBe('main-navigation');
    expect(await within(menu).findByRole('link', { name: 'Back to Partner Hub' })).toBeTruthy();
    expect(within(menu).getByRole('radio', { name: 'Nederlands' })).toBeTruthy();
    expect(within(menu).getByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect(within(menu).getByText('admin@partner.example')).toBeTruthy();
    // The burger says which panel it opens.
    const burger = screen.getByRole('button', { name: 'Toggle navigation' });
    expect(burger.getAttribute('aria-controls')).toBe('main-navigation');
  });

  it('offers no way back to Partner Hub in Partner Hub itself', async () => {
    await renderPage(<AppLayout />, { path: '/partner/customers', pattern: '/partner/*' });
    const menu = screen.getByTestId('mobile-header-actions');
    expect(await within(menu).findByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect(within(menu).queryByRole('link', { name: 'Back to Partner Hub' })).toBeNull();
  });

  it('never lets the hub badge shrink to an empty pill', async () => {
    await renderPage(<AppLayout />, { path: '/partner/customers', pattern: '/partner/*' });
    const badge = screen.getByTestId('hub-name');
    expect(badge.textContent).toBe('Partner Hub');
    expect(badge.style.flexShrink).toBe('0');
  });
});

describe('Partner Hub customers for a customer admin', () => {
  const app = (
    <Routes>
      <Route path="/partner/*" element={<AppLayout />}>
        <Route path="*" element={<p>partner page</p>} />
      </Route>
      <Route path="/control/:customerId" element={<p>control hub home</p>} />
      <Route path="/control/:customerId/admins" element={<p>control hub admins</p>} />
    </Routes>
  );

  it.each(['/partner/customers', '/partner/customers/new', '/partner/customers/c1'])(
    'sends %s to their own Control Hub',
    async (path) => {
      signedIn = customerAdmin;
      await renderPage(app, { path });
      expect(await screen.findByText('control hub home')).toBeTruthy();
      expect(screen.queryByText('partner page')).toBeNull();
    },
  );

  it('sends the Partner Hub admins page to their own Control Hub admins page', async () => {
    signedIn = customerAdmin;
    await renderPage(app, { path: '/partner/admins' });
    expect(await screen.findByText('control hub admins')).toBeTruthy();
  });

  it('leaves a partner admin on the customers list', async () => {
    await renderPage(app, { path: '/partner/customers' });
    expect(await screen.findByText('partner page')).toBeTruthy();
  });
});

describe('the Control Hub header for a customer that is not there', () => {
  it('stops saying "…" once the customer is known to be missing', async () => {
    vi.mocked(fetch).mockImplementation(async (input) => {
      const url = String(input);
      if (url.startsWith('/v1/auth/me'))
        return new Response(JSON.stringify(partnerAdmin), {
          headers: { 'Content-Type': 'application/json' },
        });
      return new Response(JSON.stringify({ message: 'Customer not found', errors: [] }), {
        status: 404,
        headers: { 'Content-Type': 'application/json' },
      });
    });
    await renderPage(<AppLayout />, { path: '/control/nope/users', pattern: '/control/:customerId/*' });
    const name = await screen.findByTestId('control-hub-customer');
    await vi.waitFor(() => {
      expect(vi.mocked(fetch).mock.calls.some(([url]) => String(url).startsWith('/v1/customers/nope'))).toBe(
        true,
      );
    });
    await vi.waitFor(() => expect(name.textContent).toBe(''));
  });
});
