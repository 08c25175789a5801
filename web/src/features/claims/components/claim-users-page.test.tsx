// @vitest-environment jsdom
import { cleanup, configure, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { ClaimUsersPage } from './claim-users-page.tsx';

// Mantine's first render in jsdom is slow on a busy machine: wait for screens longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

const pending = {
  id: 'd1',
  domain: 'acme.nl',
  status: 'pending',
  verified: false,
  token: 'tok123',
  txtRecord: {
    type: 'TXT',
    name: '_wholesale-hub-challenge.acme.nl',
    value: 'wholesale-hub-verification=tok123',
  },
  verifiedAt: null,
  lastCheckedAt: null,
};

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      // The lookup did not find the record: 200 with verified:false, as the API answers.
      const body = url.endsWith('/verify') ? pending : { items: [pending] };
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('claim users: verify a domain', () => {
  it('says the TXT record was not found, with the name and value to create', async () => {
    await renderPage(<ClaimUsersPage />, {
      path: '/control/c1/users/claim',
      pattern: '/control/:customerId/users/claim',
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Verify' }));
    const alert = await screen.findByTestId('txt-not-found');
    expect(within(alert).getByText('TXT record not found for acme.nl')).toBeTruthy();
    expect(within(alert).getByText('_wholesale-hub-challenge.acme.nl')).toBeTruthy();
    expect(within(alert).getByText('wholesale-hub-verification=tok123')).toBeTruthy();
  });

  it('shows no "not found" message before the admin asks for a lookup', async () => {
    await renderPage(<ClaimUsersPage />, {
      path: '/control/c1/users/claim',
      pattern: '/control/:customerId/users/claim',
    });
    expect(await screen.findByRole('button', { name: 'Verify' })).toBeTruthy();
    expect(screen.queryByTestId('txt-not-found')).toBeNull();
  });
});
