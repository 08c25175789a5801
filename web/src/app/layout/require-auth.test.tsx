// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Link, MemoryRouter, Route, Routes, useNavigate } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useLogout } from '../../features/auth/api/logout.ts';
import i18n from '../../i18n/i18n.ts';
import { polyfillBrowser } from '../../testing/render-with-providers.tsx';
import { theme } from '../theme.ts';
import { RequireAuth } from './require-auth.tsx';

let sessionAlive = true;
const meRequests = () =>
  vi.mocked(fetch).mock.calls.filter(([url]) => String(url).startsWith('/v1/auth/me')).length;

beforeEach(() => {
  sessionAlive = true;
  window.localStorage.clear();
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (url === '/v1/auth/logout') {
        sessionAlive = false;
        return new Response(null, { status: 204 });
      }
      if (url.startsWith('/v1/auth/me') && !sessionAlive) {
        return new Response(JSON.stringify({ message: 'Sign in first', errors: [] }), {
          status: 401,
          headers: { 'Content-Type': 'application/json' },
        });
      }
      const admin = { id: 'a1', email: 'anna@acme.nl', role: 'partner_full_admin', partnerId: 'p1' };
      return new Response(JSON.stringify({ admin, csrfToken: 'csrf' }), {
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.localStorage.clear();
});

function Shell() {
  const logout = useLogout();
  const navigate = useNavigate();
  return (
    <button
      type="button"
      onClick={() => logout.mutate(undefined, { onSettled: () => void navigate('/login') })}
    >
      Sign out
    </button>
  );
}

async function renderApp(path: string) {
  polyfillBrowser();
  await i18n.changeLanguage('en');
  render(
    <MantineProvider theme={theme}>
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route
              path="/login"
              element={
                <>
                  <p>Sign-in page</p>
                  <Link to="/partner">Back to the app</Link>
                </>
              }
            />
            <Route
              path="/partner"
              element={
                <RequireAuth>
                  <Shell />
                </RequireAuth>
              }
            />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('session probe', () => {
  it('asks the server no more after signing out: no 401 on the sign-in page or back in the app', async () => {
    await renderApp('/partner');
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByText('Sign-in page')).toBeTruthy();
    const before = meRequests();
    // Back to a signed-in address: straight to the sign-in page, without a failing /me.
    fireEvent.click(screen.getByRole('link', { name: 'Back to the app' }));
    expect(await screen.findByText('Sign-in page')).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(meRequests()).toBe(before);
    expect(before).toBe(1);
  });

  it('asks once when it cannot know, and remembers a 401', async () => {
    sessionAlive = false;
    await renderApp('/partner');
    expect(await screen.findByText('Sign-in page')).toBeTruthy();
    expect(meRequests()).toBe(1);
    fireEvent.click(screen.getByRole('link', { name: 'Back to the app' }));
    expect(await screen.findByText('Sign-in page')).toBeTruthy();
    expect(meRequests()).toBe(1);
  });
});
