// @vitest-environment jsdom
// Help text "Add users by hand", steps 7–9: Next, Next. Each Next replaces the step with buttons of
// its own, so the button pressed is gone; focus goes to what the new step says (the users to add,
// then the outcome), not back to the start of the page, for a keyboard or screen-reader user.
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { AddUsersPage } from './add-users-page.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

it('moves focus to the review, then to the outcome', async () => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const body =
        url === '/v1/customers/c1'
          ? { id: 'c1', packages: [{ id: 'webex_meetings', limit: null }] }
          : url.endsWith('/users/batch')
            ? { results: [{ email: 'anna@acme.nl', result: 'created', user: { id: 'u1' }, errors: [] }] }
            : { items: [] };
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
  await renderPage(<AddUsersPage />, {
    path: '/control/c1/users/add',
    pattern: '/control/:customerId/users/add',
  });
  const row = within(screen.getByTestId('manual-row-1'));
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
  const next = screen.getByRole('button', { name: 'Next' });
  next.focus();
  fireEvent.click(next);
  const review = await screen.findByText('This user will be added.');
  expect(document.activeElement).toBe(review);
  fireEvent.click(screen.getByRole('button', { name: 'Next' }));
  const outcome = await screen.findByTestId('add-users-result');
  await vi.waitFor(() => expect(outcome.contains(document.activeElement)).toBe(true));
}, 60_000);
