// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { act, cleanup, configure, fireEvent, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, Route, RouterProvider, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../i18n/i18n.ts';
import { polyfillBrowser, renderPage } from '../testing/render-with-providers.tsx';
import { stubSignedInPartnerAdmin } from '../testing/stub-signed-in-admin.ts';
import { AppLayout } from './layout/app-layout.tsx';
import { RouteError } from './layout/route-error.tsx';
import { lazyPage } from './lazy-page.ts';
import { theme } from './theme.ts';

// Mantine's first render in jsdom is slow on a busy machine: wait for screens longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

beforeEach(() => stubSignedInPartnerAdmin({ items: [] }));

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

/**
 * Renders a lazy screen alone under the router's error boundary, as the app does. React reports
 * the caught load error on the console: the point of these tests, not noise, so it is silenced.
 * Returns what restores the console.
 */
function renderScreenAlone(Screen: React.ComponentType): () => void {
  const router = createMemoryRouter(
    [{ path: '/', element: <Screen />, errorElement: <RouteError standalone /> }],
    { initialEntries: ['/'] },
  );
  const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  render(
    <MantineProvider theme={theme}>
      <RouterProvider router={router} />
    </MantineProvider>,
  );
  return () => consoleError.mockRestore();
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
    const restoreConsole = renderScreenAlone(CustomersScreen);
    await act(async () => screenModule.fail(new TypeError('Failed to fetch dynamically imported module')));
    expect(await screen.findByRole('heading', { name: 'Dit scherm kon niet worden geladen' })).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Pagina opnieuw laden' })).toBeTruthy();
    restoreConsole();
    await i18n.changeLanguage('en');
  });

  it('imports the screen again when it is shown again after a failed load', async () => {
    polyfillBrowser();
    await i18n.changeLanguage('en');
    const load = vi
      .fn<() => Promise<{ CustomersScreen: () => React.JSX.Element }>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValue({ CustomersScreen: () => <h1>Customers screen</h1> });
    const CustomersScreen = lazyPage(load, 'CustomersScreen');
    const restoreConsole = renderScreenAlone(CustomersScreen);
    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Customers screen' })).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(2);
    restoreConsole();
  });

  it.each([
    ['en', 'You are offline', 'The connection is gone', 'Try again', 'Reload page'],
    ['nl', 'U bent offline', 'De verbinding is verbroken', 'Opnieuw proberen', 'Pagina opnieuw laden'],
  ])(
    '(%s) says the connection is gone when the browser is offline',
    async (language, title, text, retry, reload) => {
      polyfillBrowser();
      await i18n.changeLanguage(language);
      vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
      const CustomersScreen = lazyPage(
        () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')),
        'CustomersScreen',
      );
      const restoreConsole = renderScreenAlone(CustomersScreen);
      expect(await screen.findByRole('heading', { name: title })).toBeTruthy();
      expect(screen.getByText(new RegExp(text))).toBeTruthy();
      expect(screen.getByRole('button', { name: retry })).toBeTruthy();
      expect(screen.getByRole('button', { name: reload })).toBeTruthy();
      restoreConsole();
      vi.restoreAllMocks();
      await i18n.changeLanguage('en');
    },
  );

  it('says the next screen is loading as soon as the admin moves to it, keeping the same shell', async () => {
    polyfillBrowser();
    await i18n.changeLanguage('en');
    const adminsModule = deferredScreen();
    const AdminsScreen = lazyPage(
      async () => ({ AdminsScreen: (await adminsModule.load()).CustomersScreen }),
      'AdminsScreen',
    );
    const router = createMemoryRouter(
      [
        {
          path: '/partner',
          element: <AppLayout />,
          children: [
            { path: 'customers', element: <h1>Customers screen</h1> },
            { path: 'admins', element: <AdminsScreen /> },
          ],
        },
      ],
      { initialEntries: ['/partner/customers'] },
    );
    render(
      <MantineProvider theme={theme}>
        <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>,
    );
    const main = screen.getByRole('main');
    expect(await within(main).findByRole('heading', { name: 'Customers screen' })).toBeTruthy();
    const navigation = screen.getByRole('navigation', { name: 'Main navigation' });

    fireEvent.click(within(navigation).getByRole('link', { name: 'Admins' }));
    const status = await within(main).findByRole('status');
    expect(status.textContent).toBe('Loading page…');
    expect(within(main).queryByRole('heading', { name: 'Customers screen' })).toBeNull();
    expect(within(navigation).getByRole('link', { name: 'Admins' }).getAttribute('aria-current')).toBe(
      'page',
    );
    // The shell stayed: the same navigation element, not a new one.
    expect(screen.getByRole('navigation', { name: 'Main navigation' })).toBe(navigation);

    await act(async () => adminsModule.finish({ CustomersScreen: () => <h1>Admins screen</h1> }));
    expect(await within(main).findByRole('heading', { name: 'Admins screen' })).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Main navigation' })).toBe(navigation);
  });
});
