// @vitest-environment jsdom
import { cleanup, configure, screen, within } from '@testing-library/react';
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

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const body = url.startsWith('/v1/auth/me') ? partnerAdmin : { id: 'c1', name: 'Bakkerij De Vries' };
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
    expect(within(menu).getByRole('radio', { name: 'NL' })).toBeTruthy();
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
