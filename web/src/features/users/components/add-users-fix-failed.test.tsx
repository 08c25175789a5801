// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { AddUsersPage } from './add-users-page.tsx';

const batches: unknown[] = [];
let customerLoaded = false;

beforeEach(() => {
  batches.length = 0;
  customerLoaded = false;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      let body: unknown = { items: [] };
      if (url === '/v1/customers/c1') {
        body = {
          id: 'c1',
          packages: [
            { id: 'webex_meetings', limit: null },
            { id: 'webex_voice', limit: 5 },
          ],
        };
      } else if (url.endsWith('/users/batch')) {
        batches.push(JSON.parse(String(init?.body)));
        body = {
          results: [
            {
              email: 'anna@acme.nl',
              result: 'created',
              user: { id: 'u1', email: 'anna@acme.nl' },
              errors: [],
            },
            {
              email: 'bram@other.nl',
              result: 'failed',
              errors: [
                {
                  code: 'email_taken',
                  description: 'The email is already associated with an existing user.',
                },
              ],
            },
          ],
        };
      }
      const response = new Response(JSON.stringify(body), {
        headers: { 'Content-Type': 'application/json' },
      });
      // Answered and read by the next turn: the page has the customer's packages from then on.
      if (url === '/v1/customers/c1') setTimeout(() => (customerLoaded = true), 0);
      return response;
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function fillRow(number: number, first: string, last: string, email: string) {
  const row = within(screen.getByTestId(`manual-row-${number}`));
  fireEvent.change(row.getByRole('textbox', { name: /first name/i }), { target: { value: first } });
  fireEvent.change(row.getByRole('textbox', { name: /last name/i }), { target: { value: last } });
  fireEvent.change(row.getByRole('textbox', { name: /email address/i }), { target: { value: email } });
  fireEvent.click(row.getByRole('combobox', { name: /package/i }));
  fireEvent.click(await screen.findByRole('option', { name: 'Webex Meetings' }));
}

describe('Add users manually: packages and failed rows', () => {
  it('offers only the packages the customer was sold', async () => {
    await renderPage(<AddUsersPage />, {
      path: '/control/c1/users/add',
      pattern: '/control/:customerId/users/add',
    });
    await vi.waitFor(() => expect(customerLoaded).toBe(true));
    fireEvent.click(screen.getByRole('combobox', { name: /package/i }));
    // The options exist at once; they count as visible only after the opening transition.
    await vi.waitFor(() => expect(document.querySelectorAll('[role=option]').length).toBeGreaterThan(0));
    expect([...document.querySelectorAll('[role=option]')].map((option) => option.textContent)).toEqual([
      'Webex Voice',
      'Webex Meetings',
    ]);
  });

  it('brings back only the failed rows, as typed, with the reason beside each', async () => {
    await renderPage(<AddUsersPage />, {
      path: '/control/c1/users/add',
      pattern: '/control/:customerId/users/add',
    });
    await fillRow(1, 'Anna', 'Smit', 'anna@acme.nl');
    fireEvent.click(screen.getByTestId('add-row'));
    await fillRow(2, 'Bram', 'Jansen', 'bram@other.nl');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Next' }));
    expect((await screen.findByTestId('add-users-result')).textContent).toContain(
      '1 user added, 1 not added',
    );
    // Some users were not added: "Done" is not shown as a success, only the steps before it are complete.
    const step = (label: string) => screen.getByText(label).closest('button');
    for (const label of ['Enter users', 'Review']) {
      expect(step(label)?.hasAttribute('data-completed'), label).toBe(true);
    }
    expect(step('Done')?.hasAttribute('data-completed')).toBe(false);
    expect(screen.getByTestId('done-step-not-all-added').textContent).toContain('Some users not added');

    fireEvent.click(screen.getByRole('button', { name: 'Fix the failed rows' }));
    expect(screen.getByTestId('manual-row-1')).toBeTruthy();
    // Back to the first step: nothing is complete any more.
    expect(step('Done')?.hasAttribute('data-completed')).toBe(false);
    expect(step('Enter users')?.hasAttribute('data-progress')).toBe(true);
    expect(screen.queryByTestId('manual-row-2')).toBeNull();
    const row = within(screen.getByTestId('manual-row-1'));
    expect((row.getByRole('textbox', { name: /first name/i }) as HTMLInputElement).value).toBe('Bram');
    expect((row.getByRole('textbox', { name: /email address/i }) as HTMLInputElement).value).toBe(
      'bram@other.nl',
    );
    expect(screen.getByTestId('row-error-1').textContent).toBe(
      'Not added: The email is already associated with an existing user.',
    );

    // Corrected and sent again: only that row goes to the server.
    fireEvent.change(row.getByRole('textbox', { name: /email address/i }), {
      target: { value: 'bram@acme.nl' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Next' }));
    await vi.waitFor(() => expect(batches).toHaveLength(2));
    expect(batches[1]).toEqual({
      users: [{ firstName: 'Bram', lastName: 'Jansen', email: 'bram@acme.nl', package: 'webex_meetings' }],
    });
  }, 60_000);
});
