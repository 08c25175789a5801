// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { theme } from '../../app/theme.ts';
import i18n from '../../i18n/i18n.ts';
import { polyfillBrowser } from '../../testing/render-with-providers.tsx';
import { PageHeader } from './page-header.tsx';
import { documentTitleOf } from './use-document-title.ts';

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const body = url === '/v1/customers/c1' ? { id: 'c1', name: 'Bakkerij De Vries' } : {};
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
});

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

function Screen({ titleKey, to }: { titleKey: string; to: string }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t(titleKey)} />
      <Link to={to}>next screen</Link>
    </>
  );
}

async function renderScreens(path: string) {
  polyfillBrowser();
  await i18n.changeLanguage('en');
  return render(
    <MantineProvider theme={theme}>
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route
              path="/control/:customerId/users"
              element={<Screen titleKey="users.title" to="/control/c1/locations" />}
            />
            <Route
              path="/control/:customerId/locations"
              element={<Screen titleKey="locations.title" to="/partner/customers" />}
            />
            <Route path="/partner/customers" element={<Screen titleKey="customers.title" to="/" />} />
            <Route path="/" element={<p>no header</p>} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('document title', () => {
  it.each([
    [['Users', 'Bakkerij De Vries'], 'Users · Bakkerij De Vries · Wholesale Hub'],
    [['Bakkerij De Vries', 'Bakkerij De Vries'], 'Bakkerij De Vries · Wholesale Hub'],
    [['Customers', null], 'Customers · Wholesale Hub'],
    [[undefined, ' '], 'Wholesale Hub'],
  ])('%j → %s', (parts, expected) => {
    expect(documentTitleOf(parts)).toBe(expected);
  });

  it('names the screen and the customer, in the reader language, and follows navigation', async () => {
    document.title = 'Wholesale Hub';
    await renderScreens('/control/c1/users');
    await vi.waitFor(() => expect(document.title).toBe('Users · Bakkerij De Vries · Wholesale Hub'));
    await act(async () => {
      await i18n.changeLanguage('nl');
    });
    expect(document.title).toBe('Gebruikers · Bakkerij De Vries · Wholesale Hub');

    fireEvent.click(screen.getByRole('link', { name: 'next screen' }));
    await vi.waitFor(() => expect(document.title).toBe('Locaties · Bakkerij De Vries · Wholesale Hub'));
    fireEvent.click(screen.getByRole('link', { name: 'next screen' }));
    // A Partner Hub screen has no customer in its address.
    expect(document.title).toBe('Klanten · Wholesale Hub');
    fireEvent.click(screen.getByRole('link', { name: 'next screen' }));
    // A screen without a header gives the product's name back, not the previous screen's.
    expect(document.title).toBe('Wholesale Hub');
  });
});
