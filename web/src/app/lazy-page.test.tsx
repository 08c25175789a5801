// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { act, cleanup, configure, render, screen, within } from '@testing-library/react';
import { createMemoryRouter, Route, RouterProvider, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../i18n/i18n.ts';
import { polyfillBrowser, renderPage } from '../testing/render-with-providers.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { RouteError } from './layout/route-error.tsx';
import { lazyPage } from './lazy-page.ts';
import { theme } from './theme.ts';

// Mantine's first render in jsdom is slow on a busy machine: wait for screens longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const body = url.startsWith('/v1/auth/me')
        ? { id: 'a1', email: 'admin@partner.example', role: 'partner_full_admin', partnerId: 'p1' }
        : { items: [] };
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** A screen module whose download the test finishes (or fails) when it wants. */
function deferredScreen() {
  let finish: (module: { CustomersScreen: () => React.JSX.Element }) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const module = new Promise<{ CustomersScreen: () => React.JSX.Element }>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { load: () => module, finish, fail };
}

describe('a screen loaded on first use', () => {
  it('keeps the shell and says, politely, that the page is loading until its code arrives', async () => {
    const screenModule = deferredScreen();
    const CustomersScreen = lazyPage(screenModule.load, 'CustomersScreen');
    await renderPage(
      <Routes>
        <Route path="/partner/*" element={<AppLayout />}>
          <Route path="*" element={<CustomersScreen />} />
        </Route>
      </Routes>,
      { path: '/partner/customers' },
    );
    const main = screen.getByRole('main');
    const status = await within(main).findByRole('status');
    expect(status.textContent).toBe('Loading page…');
    expect(screen.getByRole('navigation', { name: 'Main navigation' })).toBeTruthy();

    await act(async () => screenModule.finish({ CustomersScreen: () => <h1>Customers screen</h1> }));
    expect(await within(main).findByRole('heading', { name: 'Customers screen' })).toBeTruthy();
    expect(within(main).queryByRole('status')).toBeNull();
  });

  it("offers a reload, in the reader's language, when the code cannot be fetched", async () => {
    polyfillBrowser();
    await i18n.changeLanguage('nl');
    const screenModule = deferredScreen();
    const CustomersScreen = lazyPage(screenModule.load, 'CustomersScreen');
    const router = createMemoryRouter(
      [{ path: '/', element: <CustomersScreen />, errorElement: <RouteError standalone /> }],
      { initialEntries: ['/'] },
    );
    // React reports the caught error on the console; it is the point of this test, not noise.
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <MantineProvider theme={theme}>
        <RouterProvider router={router} />
      </MantineProvider>,
    );
    await act(async () => screenModule.fail(new TypeError('Failed to fetch dynamically imported module')));
    expect(await screen.findByRole('heading', { name: 'Dit scherm kon niet worden geladen' })).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Pagina opnieuw laden' })).toBeTruthy();
    consoleError.mockRestore();
    await i18n.changeLanguage('en');
  });
});
