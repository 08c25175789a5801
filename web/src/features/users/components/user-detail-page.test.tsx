// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import type { User } from '../api/user-types.ts';
import { UserDetailPage } from './user-detail-page.tsx';

const broken: User = {
  id: 'u1',
  email: 'anna@acme.nl',
  firstName: 'Anna',
  lastName: 'Smit',
  package: 'webex_calling',
  status: 'error',
  errors: [{ code: 'license_update_failed', description: 'Cannot update user license.' }],
};

const calls: string[] = [];

beforeEach(() => {
  calls.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push(`${init?.method ?? 'GET'} ${url}`);
      const body = url.endsWith('/repair')
        ? { user: { ...broken, status: 'provisioned', errors: [] } }
        : url.includes('/locations')
          ? { items: [] }
          : broken;
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('user detail', () => {
  it('shows a provisioning error with the remedy and repairs in one click', async () => {
    await renderPage(<UserDetailPage />, {
      path: '/control/c1/users/u1',
      pattern: '/control/:customerId/users/:userId',
    });
    expect(await screen.findByText('Cannot update user license.')).toBeTruthy();
    expect(screen.getByText(/unassign the package from the user and then assign it again/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Repair' }));
    await vi.waitFor(() => expect(calls).toContain('POST /v1/customers/c1/users/u1/repair'));
  });

  it('opens the change-package dialog from the Package arrow', async () => {
    await renderPage(<UserDetailPage />, {
      path: '/control/c1/users/u1',
      pattern: '/control/:customerId/users/:userId',
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Change package' }));
    expect(await screen.findByRole('dialog')).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Webex Calling' })).toBeTruthy();
  });

  it('names the Attendant Console add-on next to the package, and shows the caller ID number', async () => {
    Object.assign(broken, { attendantConsole: true, callerIdNumber: '+31201234500' });
    try {
      await renderPage(<UserDetailPage />, {
        path: '/control/c1/users/u1',
        pattern: '/control/:customerId/users/:userId',
      });
      expect((await screen.findByTestId('user-package')).textContent).toBe(
        'Webex Calling + Attendant Console',
      );
      expect(screen.getByTestId('user-caller-id-number').textContent).toBe('+31201234500');
    } finally {
      Object.assign(broken, { attendantConsole: false, callerIdNumber: null });
    }
  });
});
