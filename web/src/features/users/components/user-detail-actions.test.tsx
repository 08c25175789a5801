// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CanWriteProvider } from '../../../lib/permissions.tsx';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import type { UserDetails } from '../api/update-user.ts';
import { UserDetailPage } from './user-detail-page.tsx';

const anna: UserDetails = {
  id: 'u1',
  email: 'anna@acme.nl',
  firstName: 'Anna',
  lastName: 'Smit',
  title: 'Engineer',
  package: 'webex_calling',
  extension: '1001',
  phoneNumber: '+31201234501',
  status: 'provisioned',
};

const calls: string[] = [];
let directorySyncEnabled = false;
let deleteStatus = 204;

beforeEach(() => {
  calls.length = 0;
  directorySyncEnabled = false;
  deleteStatus = 204;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      calls.push(`${method} ${url}`);
      if (method === 'DELETE') {
        return deleteStatus === 204
          ? new Response(null, { status: 204 })
          : new Response(JSON.stringify({ message: 'Not found.', errors: [], trackingId: 'WH_2' }), {
              status: deleteStatus,
              headers: { 'Content-Type': 'application/json' },
            });
      }
      const body = url.includes('/locations')
        ? { items: [] }
        : url === '/v1/customers/c1'
          ? { id: 'c1', directorySyncEnabled }
          : anna;
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function renderDetail(canWrite = true) {
  await renderPage(
    <CanWriteProvider canWrite={canWrite}>
      <Routes>
        <Route path="/control/:customerId/users/:userId" element={<UserDetailPage />} />
        <Route path="/control/:customerId/users" element={<h1>Users list</h1>} />
      </Routes>
    </CanWriteProvider>,
    { path: '/control/c1/users/u1', pattern: '*' },
  );
  await screen.findByRole('heading', { name: 'Anna Smit' }, { timeout: 10_000 });
}

describe('user detail: edit and remove', () => {
  it('shows the profile fields an admin can edit', async () => {
    await renderDetail();
    expect(screen.getByTestId('user-title').textContent).toBe('Engineer');
  });

  it('opens Edit with the current values', async () => {
    await renderDetail();
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog');
    expect((within(dialog).getByRole('textbox', { name: 'Title' }) as HTMLInputElement).value).toBe(
      'Engineer',
    );
    expect(
      within(dialog)
        .getByRole('textbox', { name: /First name/ })
        .hasAttribute('disabled'),
    ).toBe(false);
  });

  it('makes names read-only in Edit while the customer has directory sync on', async () => {
    directorySyncEnabled = true;
    await renderDetail();
    await vi.waitFor(() => expect(calls).toContain('GET /v1/customers/c1'));
    await vi.waitFor(() =>
      expect(screen.getByRole('button', { name: 'Edit' }).hasAttribute('disabled')).toBe(false),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog)
        .getByRole('textbox', { name: /First name/ })
        .hasAttribute('disabled'),
    ).toBe(true);
  });

  it('removes the user after a confirmation that names them and the pool, then shows the list', async () => {
    await renderDetail();
    fireEvent.click(screen.getByRole('button', { name: 'Remove user' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('remove-user-question').textContent).toBe(
      'Remove Anna Smit (anna@acme.nl) from this customer?',
    );
    expect(within(dialog).getByText(/phone number and extension go back to the pool/)).toBeTruthy();
    expect(within(dialog).getByTestId('remove-user-numbers').textContent).toContain('+31201234501');
    expect(calls.some((call) => call.startsWith('DELETE'))).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    // Invalidating the customer's other queries comes first; a slow runner needs more than 1 s.
    expect(await screen.findByRole('heading', { name: 'Users list' }, { timeout: 10_000 })).toBeTruthy();
    expect(calls).toContain('DELETE /v1/customers/c1/users/u1');
  });

  it('stays on the user and explains when the removal fails', async () => {
    deleteStatus = 404;
    await renderDetail();
    fireEvent.click(screen.getByRole('button', { name: 'Remove user' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    expect(await within(dialog).findByText('Not found.', {}, { timeout: 10_000 })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Users list' })).toBeNull();
  });

  it('offers no Edit or Remove to a read-only admin', async () => {
    await renderDetail(false);
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove user' })).toBeNull();
  });
});
