// @vitest-environment jsdom
// A double click on the button that adds the users sends them once: a second request would answer
// "already exists" for every row, and its answer would replace the results of the first.
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { AddUsersPage } from './add-users-page.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const created = { email: 'anna@acme.nl', result: 'created', user: { id: 'u1' }, errors: [] };
const taken = {
  email: 'anna@acme.nl',
  result: 'failed',
  errors: [{ code: 'email_taken', description: 'The email is already associated with an existing user.' }],
};

function stubUsersApi() {
  const batches: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      let body: unknown = { items: [] };
      if (url === '/v1/customers/c1') body = { id: 'c1', packages: [{ id: 'webex_meetings', limit: null }] };
      else if (url.endsWith('/users/batch')) {
        batches.push(url);
        body = { results: [batches.length === 1 ? created : taken] };
      }
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
  return batches;
}

describe('Add users: a double click', () => {
  it('adds the users once and shows what that did', async () => {
    const batches = stubUsersApi();
    await renderPage(<AddUsersPage />, {
      path: '/control/c1/users/add',
      pattern: '/control/:customerId/users/add',
    });
    const row = within(await screen.findByTestId('manual-row-1'));
    fireEvent.change(row.getByRole('textbox', { name: /first name/i }), { target: { value: 'Anna' } });
    fireEvent.change(row.getByRole('textbox', { name: /last name/i }), { target: { value: 'Smit' } });
    fireEvent.change(row.getByRole('textbox', { name: /email address/i }), {
      target: { value: 'anna@acme.nl' },
    });
    fireEvent.click(row.getByRole('combobox', { name: /package/i }));
    const option = await vi.waitFor(() => {
      const found = [...document.querySelectorAll('[role=option]')].find(
        (candidate) => candidate.textContent === 'Webex Meetings',
      );
      if (!found) throw new Error('no Webex Meetings option yet');
      return found;
    });
    fireEvent.click(option);
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    const add = await screen.findByRole('button', { name: 'Next' });
    fireEvent.click(add);
    fireEvent.click(add);
    await screen.findByTestId('add-users-result');
    expect(batches).toHaveLength(1);
    expect(screen.queryByText(/The email is already associated with an existing user\./)).toBeNull();
  });
});
