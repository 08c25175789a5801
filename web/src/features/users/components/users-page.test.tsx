// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { currentUrl, renderPageWithUrl } from '../../../testing/current-url.tsx';
import type * as userTypes from '../api/user-types.ts';
import { fullName } from '../api/user-types.ts';
import { UsersPage } from './users-page.tsx';

// fullName is called once for each row drawn: counting its calls counts the rows drawn.
vi.mock('../api/user-types.ts', async (importOriginal) => {
  const original = await importOriginal<typeof userTypes>();
  return { ...original, fullName: vi.fn(original.fullName) };
});

const requested: string[] = [];

function user(index: number) {
  const firstName = index === 1 ? 'Anna' : index === 51 ? 'Bea' : `User${index}`;
  return {
    id: `u${index}`,
    email: `u${String(index).padStart(5, '0')}@acme.nl`,
    firstName,
    lastName: 'Smit',
    package: null,
    status: 'error',
    errors: [],
  };
}

/**
 * The users API as the server pages it: `max` rows from the `offset` or the (opaque) cursor on, a
 * `Link: rel="next"` (a cursor) while rows follow, and `X-Total-Count` when asked (`count=true`).
 */
function stubUsers(total: number, { before }: { before?: (url: string) => Promise<void> } = {}) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      requested.push(url);
      await before?.(url);
      const json = { 'Content-Type': 'application/json' };
      if (!url.startsWith('/v1/customers/c1/users?'))
        return new Response(JSON.stringify({ items: [] }), { headers: json });
      const query = new URL(url, 'http://localhost').searchParams;
      const from = Number(query.get('cursor') ?? query.get('offset') ?? 0);
      const max = Number(query.get('max') ?? 50);
      const items = Array.from({ length: Math.max(0, Math.min(max, total - from)) }, (_, i) =>
        user(from + i + 1),
      );
      const headers: Record<string, string> = { ...json };
      if (query.get('count') === 'true') headers['X-Total-Count'] = String(total);
      if (from + max < total) {
        query.delete('offset');
        query.delete('count');
        query.set('cursor', String(from + max));
        headers.Link = `</v1/customers/c1/users?${query.toString()}>; rel="next"`;
      }
      return new Response(JSON.stringify({ items }), { headers });
    }),
  );
}

beforeEach(() => {
  requested.length = 0;
  stubUsers(60);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const renderUsers = (path: string) =>
  renderPageWithUrl(<UsersPage />, { path, pattern: '/control/:customerId/users' });

const url = currentUrl;
const listRequests = () => requested.filter((entry) => entry.startsWith('/v1/customers/c1/users?'));
// Mantine's first render in jsdom is slow, and cursor paging walks page by page: wait longer than 1 s.
const findText = (text: string) => screen.findByText(text, {}, { timeout: 10_000 });
const waitLong = { timeout: 10_000 };
/** The skeleton's name, while a page is loading. */
const LOADING = 'Loading…';

describe('users list state in the URL', () => {
  it('restores search, filter and page from the query string (a reload)', async () => {
    await renderUsers('/control/c1/users?q=anna&status=error&page=2');
    expect(await findText('Bea Smit')).toBeTruthy();
    expect(screen.getByText('Page 2 of 2')).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Search users' }) as HTMLInputElement).value).toBe('anna');
    expect(listRequests()).toEqual([
      '/v1/customers/c1/users?search=anna&status=error&max=50&offset=50&count=true',
    ]);
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

  it('adds a chosen filter to the URL as it is now, starting again at the first page', async () => {
    await renderUsers('/control/c1/users');
    expect(await findText('Anna Smit')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await findText('Bea Smit')).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: 'Search users' }), { target: { value: 'smit' } });
    await vi.waitFor(() => expect(url()).toBe('/control/c1/users?q=smit'), waitLong);
    fireEvent.click(screen.getByRole('combobox', { name: 'Filter by status' }));
    // Mantine's dropdown is still in its opening transition in jsdom: its options count as hidden.
    fireEvent.click(await screen.findByRole('option', { name: 'Error', hidden: true }));
    // The search typed after the first render is kept: the filter does not write an old URL back.
    await vi.waitFor(() => expect(url()).toBe('/control/c1/users?q=smit&status=error'), waitLong);
    await vi.waitFor(() =>
      expect(listRequests().at(-1)).toBe('/v1/customers/c1/users?search=smit&status=error&max=50&count=true'),
    );
  });

  it('settles on the last page when the URL names a page past the end', async () => {
    await renderUsers('/control/c1/users?page=7');
    expect(await findText('Bea Smit')).toBeTruthy();
    await vi.waitFor(() => expect(url()).toBe('/control/c1/users?page=2'), waitLong);
  });

  it('says that a page past the end does not exist and how many pages there are, on the last page', async () => {
    await renderUsers('/control/c1/users?page=999');
    expect(await findText('Bea Smit')).toBeTruthy();
    await vi.waitFor(() => expect(url()).toBe('/control/c1/users?page=2'), waitLong);
    // Page 999 by offset answers no users and the count; the last page is the next request.
    expect(listRequests()).toEqual([
      '/v1/customers/c1/users?max=50&offset=49900&count=true',
      '/v1/customers/c1/users?max=50&offset=50',
    ]);
    expect(screen.getByText('Page 2 of 2')).toBeTruthy();
    const notice = await screen.findByTestId('page-past-end');
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.textContent).toContain('Page 999 does not exist');
    expect(notice.textContent).toContain('There are 2 pages: this is the last page.');
    fireEvent.click(screen.getByRole('button', { name: 'Go to the first page' }));
    expect(await findText('Anna Smit')).toBeTruthy();
    expect(url()).toBe('/control/c1/users');
    expect(screen.queryByTestId('page-past-end')).toBeNull();
  });

  it('says nothing of a page past the end when the page asked for exists', async () => {
    await renderUsers('/control/c1/users?page=2');
    expect(await findText('Bea Smit')).toBeTruthy();
    expect(screen.queryByTestId('page-past-end')).toBeNull();
  });
});

describe('users list: opening a page far into a big customer', () => {
  it('fetches page 3 by offset in one request, counting the list once, and pages back by offset', async () => {
    stubUsers(30_000);
    await renderUsers('/control/c1/users?page=3');
    expect(await findText('User101 Smit')).toBeTruthy();
    expect(screen.getByText('Page 3 of 600')).toBeTruthy();
    expect(listRequests()).toEqual(['/v1/customers/c1/users?max=50&offset=100&count=true']);
    fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
    expect(await findText('Bea Smit')).toBeTruthy();
    expect(url()).toBe('/control/c1/users?page=2');
    // The size is known: the page before is not counted again.
    expect(listRequests()[1]).toBe('/v1/customers/c1/users?max=50&offset=50');
    expect(screen.getByText('Page 2 of 600')).toBeTruthy();
  });

  it('reaches page 8 in one request, then pages on one page at a time', async () => {
    stubUsers(30_000);
    await renderUsers('/control/c1/users?page=8');
    expect(await findText('User351 Smit')).toBeTruthy();
    expect(listRequests()).toEqual(['/v1/customers/c1/users?max=50&offset=350&count=true']);
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await findText('User401 Smit')).toBeTruthy();
    expect(url()).toBe('/control/c1/users?page=9');
    expect(listRequests()[1]).toBe('/v1/customers/c1/users?max=50&offset=400');
  });
});

describe('users list: a page far away', () => {
  it('opens ?page=300 of 100k users in one request, with no walk to show or stop', async () => {
    stubUsers(100_000);
    await renderUsers('/control/c1/users?page=300');
    expect(await findText('User14951 Smit')).toBeTruthy();
    expect(screen.getByText('Page 300 of 2,000')).toBeTruthy();
    expect(listRequests()).toEqual(['/v1/customers/c1/users?max=50&offset=14950&count=true']);
    expect(screen.queryByTestId('page-walk')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Stop here' })).toBeNull();
    expect(url()).toBe('/control/c1/users?page=300');
  });

  it('settles a page past the end of 100k users on page 2000, in two requests', async () => {
    stubUsers(100_000);
    await renderUsers('/control/c1/users?page=2500');
    expect(await findText('User99951 Smit')).toBeTruthy();
    await vi.waitFor(() => expect(url()).toBe('/control/c1/users?page=2000'), waitLong);
    expect(listRequests()).toEqual([
      '/v1/customers/c1/users?max=1&count=true',
      '/v1/customers/c1/users?max=50&offset=99950',
    ]);
    expect((await screen.findByTestId('page-past-end')).textContent).toContain('There are 2,000 pages');
  });
});

describe('users list: drawing only the page asked for', () => {
  it('keeps the skeleton while ?page=8 loads, and draws no other page', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    stubUsers(30_000, { before: (entry) => (entry.includes('offset=350') ? held : Promise.resolve()) });
    // Every user name that ever enters the page, however briefly.
    const drawn = new Set<string>();
    const observer = new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.addedNodes)
          for (const name of node.textContent?.match(/User\d+ Smit/g) ?? []) drawn.add(name);
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    try {
      await renderUsers('/control/c1/users?page=8');
      await vi.waitFor(() => expect(listRequests()).toHaveLength(1), waitLong);
      expect(screen.getByLabelText(LOADING)).toBeTruthy();
      expect(screen.queryByTestId('users-table')).toBeNull();
      release();
      expect(await findText('User351 Smit')).toBeTruthy();
      expect(screen.getByText('Page 8 of 600')).toBeTruthy();
      expect([...drawn].filter((name) => Number(/\d+/.exec(name)?.[0]) <= 350)).toEqual([]);
    } finally {
      release();
      observer.disconnect();
    }
  });

  it('does not draw a row again when the page re-renders with the same users', async () => {
    await renderUsers('/control/c1/users');
    expect(await findText('Anna Smit')).toBeTruthy();
    const rowsDrawn = vi.mocked(fullName);
    expect(rowsDrawn).toHaveBeenCalled();
    rowsDrawn.mockClear();
    // Typing re-renders the page at once; the search itself waits for a pause in typing.
    fireEvent.change(screen.getByRole('textbox', { name: 'Search users' }), { target: { value: 'be' } });
    expect((screen.getByRole('textbox', { name: 'Search users' }) as HTMLInputElement).value).toBe('be');
    expect(screen.getByText('Anna Smit')).toBeTruthy();
    expect(rowsDrawn).not.toHaveBeenCalled();
    // The counter does count: the search's answer (new users, though this stub ignores the search)
    // draws its rows.
    await vi.waitFor(
      () => expect(listRequests().some((entry) => entry.includes('search=be'))).toBe(true),
      waitLong,
    );
    await vi.waitFor(() => expect(rowsDrawn).toHaveBeenCalled(), waitLong);
  });
});

describe('users list: the customer view', () => {
  it('is asked for once, though the header and the Manage users menu both read it', async () => {
    await renderUsers('/control/c1/users');
    expect(await findText('Anna Smit')).toBeTruthy();
    await vi.waitFor(() => expect(requested).toContain('/v1/customers/c1'));
    expect(requested.filter((entry) => entry === '/v1/customers/c1')).toHaveLength(1);
  });
});

describe('users list: a page that could not be loaded', () => {
  it('says so in the admin’s words, offers Try again, hides the pager, and loads on Try again', async () => {
    let serverUp = false;
    stubUsers(60, {
      before: async () => {
        if (!serverUp) throw new TypeError('Failed to fetch');
      },
    });
    await renderUsers('/control/c1/users');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This could not be loaded');
    expect(alert.textContent).toContain('The server could not be reached');
    expect(alert.textContent).not.toContain('Failed to fetch');
    expect(screen.queryByRole('button', { name: 'Next' })).toBeNull();
    serverUp = true;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Anna Smit')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Next' })).toBeTruthy();
  });
});

describe('users list without a match', () => {
  // The list filters by search, package and status: the hint named only search and status (it was
  // the customers list's, which has no package filter).
  it('says which of its three filters to change', async () => {
    stubUsers(0);
    await renderUsers('/control/c1/users?package=webex_calling');
    expect(await findText('No matching users')).toBeTruthy();
    expect(screen.getByText('Try another search, package or status.')).toBeTruthy();
  });
});
