// @vitest-environment jsdom
// A double click on "Create customer" creates the customer once and opens it; it does not send a second
// request whose refusal ("externalId is already used") would send the admin back to step 1.
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { CreateCustomerPage } from './create-customer-page.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function type(label: RegExp, value: string) {
  fireEvent.change(screen.getByRole('textbox', { name: label }), { target: { value } });
}

/** The server: the first POST creates the customer, any later one is refused as a taken External ID. */
function stubCustomersApi() {
  const posts: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      if (init?.method !== 'POST' || url.split('?')[0] !== '/v1/customers')
        return new Response('{}', { headers: { 'Content-Type': 'application/json' } });
      posts.push(url);
      if (posts.length === 1)
        return new Response(JSON.stringify({ id: 'k1' }), {
          status: 202,
          headers: { 'Content-Type': 'application/json' },
        });
      const refusal = {
        message: 'A customer with external ID "ACME-1" already exists.',
        errors: [
          {
            code: 'external_id_taken',
            field: 'externalId',
            description: 'externalId is already used by another customer of this partner.',
          },
        ],
      };
      return new Response(JSON.stringify(refusal), {
        status: 409,
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  );
  return posts;
}

describe('create-customer wizard: a double click', () => {
  it('creates the customer once and opens it', async () => {
    const posts = stubCustomersApi();
    // Only the wizard has a route here: once it opens the new customer, the wizard is gone.
    await renderPage(<CreateCustomerPage />, {
      path: '/partner/customers/new',
      pattern: '/partner/customers/new',
    });
    type(/^Name/, 'Acme BV');
    type(/External ID/, 'ACME-1');
    type(/Admin email/, 'admin@acme.nl');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    type(/Address line 1/, 'Damrak 1');
    type(/City/, 'Amsterdam');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Webex Meetings' }));
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Next' }));
    const create = await screen.findByRole('button', { name: 'Create customer' });
    fireEvent.click(create);
    fireEvent.click(create);
    await vi.waitFor(() => expect(screen.queryByRole('button', { name: 'Create customer' })).toBeNull());
    expect(posts).toHaveLength(1);
    expect(screen.queryByText('externalId is already used by another customer of this partner.')).toBeNull();
  });
});
