// @vitest-environment jsdom
// The Done step shows success only when every user was added.
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { AddUsersPage } from './add-users-page.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const created = { email: 'anna@acme.nl', result: 'created', user: { id: 'u1' }, errors: [] };
const failed = {
  email: 'anna@acme.nl',
  result: 'failed',
  errors: [{ code: 'email_taken', description: 'The email is already associated with an existing user.' }],
};

function stubBatch(result: unknown) {
  let customerLoaded = false;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const body =
        url === '/v1/customers/c1'
          ? {
              id: 'c1',
              packages: [
                { id: 'webex_meetings', limit: null },
                { id: 'webex_voice', limit: 5 },
              ],
            }
          : url.endsWith('/users/batch')
            ? { results: [result] }
            : { items: [] };
      if (url === '/v1/customers/c1') setTimeout(() => (customerLoaded = true), 0);
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
  return () => customerLoaded;
}

async function addOneUser(loaded: () => boolean) {
  await renderPage(<AddUsersPage />, {
    path: '/control/c1/users/add',
    pattern: '/control/:customerId/users/add',
  });
  await vi.waitFor(() => expect(loaded()).toBe(true));
  const row = within(screen.getByTestId('manual-row-1'));
  fireEvent.change(row.getByRole('textbox', { name: /first name/i }), { target: { value: 'Anna' } });
  fireEvent.change(row.getByRole('textbox', { name: /last name/i }), { target: { value: 'Smit' } });
  fireEvent.change(row.getByRole('textbox', { name: /email address/i }), {
    target: { value: 'anna@acme.nl' },
  });
  fireEvent.click(row.getByRole('combobox', { name: /package/i }));
  // The options exist at once; they count as visible only after the opening transition.
  const option = await vi.waitFor(() => {
    const found = [...document.querySelectorAll('[role=option]')].find(
      (candidate) => candidate.textContent === 'Webex Meetings',
    );
    if (!found) throw new Error('no Webex Meetings option yet');
    return found;
  });
  fireEvent.click(option);
  fireEvent.click(screen.getByRole('button', { name: 'Next' }));
  fireEvent.click(await screen.findByRole('button', { name: 'Next' }));
  await screen.findByTestId('add-users-result');
}

const doneStep = () => screen.getByText('Done').closest('button');

describe('Add users manually: the Done step', () => {
  it('is not a success when no user was added', async () => {
    await addOneUser(stubBatch(failed));
    expect(doneStep()?.hasAttribute('data-completed')).toBe(false);
    expect(screen.getByTestId('done-step-not-all-added').textContent).toContain('No users added');
  }, 60_000);

  it('is complete when every user was added', async () => {
    await addOneUser(stubBatch(created));
    expect(doneStep()?.hasAttribute('data-completed')).toBe(true);
    expect(screen.queryByTestId('done-step-not-all-added')).toBeNull();
  }, 60_000);
});
