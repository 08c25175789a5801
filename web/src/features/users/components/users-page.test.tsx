// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { UsersPage } from './users-page.tsx';

const requested: string[] = [];

function user(id: string, firstName: string) {
  return {
    id,
    email: `${id}@acme.nl`,
    firstName,
    lastName: 'Smit',
    package: null,
    status: 'error',
    errors: [],
  };
}

beforeEach(() => {
  requested.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      requested.push(url);
      const json = { 'Content-Type': 'application/json' };
      if (url.includes('cursor=p2'))
        return new Response(JSON.stringify({ items: [user('u2', 'Bea')] }), { headers: json });
      if (url.startsWith('/v1/customers/c1/users?')) {
        return new Response(JSON.stringify({ items: [user('u1', 'Anna')] }), {
          headers: { ...json, Link: '</v1/customers/c1/users?cursor=p2&max=50>; rel="next"' },
        });
      }
      return new Response(JSON.stringify({ items: [] }), { headers: json });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** Shows the router's current URL, as the address bar would. */
function CurrentUrl() {
  const location = useLocation();
  return <output data-testid="url">{`${location.pathname}${location.search}`}</output>;
}

const renderUsers = (path: string) =>
  renderPage(
    <>
      <UsersPage />
      <CurrentUrl />
    </>,
    { path, pattern: '/control/:customerId/users' },
  );

const url = () => screen.getByTestId('url').textContent ?? '';
// Mantine's first render in jsdom is slow, and cursor paging walks page by page: wait longer than 1 s.
const findText = (text: string) => screen.findByText(text, {}, { timeout: 10_000 });
const waitLong = { timeout: 10_000 };

describe('users list state in the URL', () => {
  it('restores search, filter and page from the query string (a reload)', async () => {
    await renderUsers('/control/c1/users?q=anna&status=error&page=2');
    expect(await findText('Bea Smit')).toBeTruthy();
    expect(screen.getByText('Page 2')).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Search users' }) as HTMLInputElement).value).toBe('anna');
    const first = requested.find((entry) => entry.startsWith('/v1/customers/c1/users?'));
    expect(first).toMatch(/search=anna/);
    expect(first).toMatch(/status=error/);
  });

  it('writes the page and the search into the URL', async () => {
    await renderUsers('/control/c1/users');
    expect(await findText('Anna Smit')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await findText('Bea Smit')).toBeTruthy();
    expect(url()).toBe('/control/c1/users?page=2');
    fireEvent.change(screen.getByRole('textbox', { name: 'Search users' }), { target: { value: 'bea' } });
    // A new search starts again at the first page.
    await vi.waitFor(() => expect(url()).toBe('/control/c1/users?q=bea'), waitLong);
  });

  it('settles on the last page when the URL names a page past the end', async () => {
    await renderUsers('/control/c1/users?page=7');
    expect(await findText('Bea Smit')).toBeTruthy();
    await vi.waitFor(() => expect(url()).toBe('/control/c1/users?page=2'), waitLong);
  });
});
