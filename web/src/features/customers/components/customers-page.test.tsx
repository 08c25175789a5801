// @vitest-environment jsdom
import { cleanup, configure, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import type { Customer } from '../api/customer-types.ts';
import { CustomersPage } from './customers-page.tsx';

// Mantine's first render in jsdom is slow on a busy machine: wait for screens longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

const bakery: Customer = {
  id: 'c1',
  name: 'Bakkerij De Vries',
  externalId: 'DEVRIES-001',
  status: 'provisioned',
  packages: [
    { id: 'attendant_console', limit: 5, used: 0 },
    { id: 'webex_calling', limit: null, used: 1 },
    { id: 'webex_calling_standard', limit: null, used: 0 },
    { id: 'webex_meetings', limit: null, used: 1 },
    { id: 'webex_suite', limit: 50, used: 1 },
    { id: 'webex_voice', limit: null, used: 1 },
  ],
};

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () =>
        new Response(JSON.stringify({ items: [bakery] }), {
          headers: { 'Content-Type': 'application/json' },
        }),
    ),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('customers list', () => {
  it('keeps every sold package readable where the cell cuts the list short', async () => {
    await renderPage(<CustomersPage />, { path: '/partner/customers' });
    const all =
      'Attendant Console, Webex Calling, Webex Calling Standard, Webex Meetings, Webex Suite, Webex Voice';
    const cell = await screen.findByText(all);
    expect(cell.getAttribute('title')).toBe(all);
  });
});
