// @vitest-environment jsdom
// An unknown user id shows the same "not found" state as an unknown customer, not a failure to load.
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { UserDetailPage } from './user-detail-page.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('user detail: an unknown user', () => {
  it('says the page is not there, without an error alert', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) =>
        url.includes('/users/nobody')
          ? json(
              { message: 'User not found.', errors: [{ code: 'not_found', description: 'User not found.' }] },
              404,
            )
          : json({ items: [] }),
      ),
    );
    await renderPage(<UserDetailPage />, {
      path: '/control/c1/users/nobody',
      pattern: '/control/:customerId/users/:userId',
    });
    expect(await screen.findByText('Page not found')).toBeTruthy();
    expect(screen.getByText('This page does not exist or you have no access to it.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('link', { name: /Users/ })).toBeTruthy();
  });
});
