// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { AddUsersPage } from './add-users-page.tsx';

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () =>
        new Response(JSON.stringify({ items: [] }), { headers: { 'Content-Type': 'application/json' } }),
    ),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function renderAddUsers() {
  await renderPage(<AddUsersPage />, {
    path: '/control/c1/users/add',
    pattern: '/control/:customerId/users/add',
  });
}

describe('Add users manually', () => {
  it('shows inline errors instead of moving on when a row is incomplete', async () => {
    await renderAddUsers();
    fireEvent.change(screen.getByRole('textbox', { name: /email address/i }), {
      target: { value: 'not-an-email' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Enter a valid email address')).toBeTruthy();
    expect(screen.getAllByText('This field is required').length).toBeGreaterThanOrEqual(2);
    expect(screen.getByText('Correct the marked fields first.')).toBeTruthy();
    expect(screen.getByTestId('manual-row-1')).toBeTruthy();
  });

  it('refuses a 26th row with a clear message', async () => {
    await renderAddUsers();
    const addRow = screen.getByTestId('add-row');
    for (let count = 1; count < 30; count += 1) fireEvent.click(addRow);
    expect(screen.getByTestId('manual-row-25')).toBeTruthy();
    expect(screen.queryByTestId('manual-row-26')).toBeNull();
    expect((addRow as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('row-count').textContent).toContain('at most 25 users at a time');
    // Rendering 25 full rows is slow in jsdom on a busy machine: a generous limit, not a timing check.
  }, 90_000);

  it('flags the same email twice in one submission', async () => {
    await renderAddUsers();
    fireEvent.click(screen.getByTestId('add-row'));
    const emails = screen.getAllByRole('textbox', { name: /email address/i });
    for (const input of emails) fireEvent.change(input, { target: { value: 'same@acme.nl' } });
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('This email address is already in the list')).toBeTruthy();
  });
});
