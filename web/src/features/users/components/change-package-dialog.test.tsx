// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import type { User } from '../api/user-types.ts';
import { ChangePackageDialog } from './change-package-dialog.tsx';

const user: User = {
  id: 'u1',
  email: 'anna@acme.nl',
  firstName: 'Anna',
  lastName: 'Smit',
  package: 'webex_meetings',
  status: 'provisioned',
};

const requests: { url: string; method: string; body: unknown }[] = [];

beforeEach(() => {
  requests.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      requests.push({
        url,
        method: init?.method ?? 'GET',
        body: init?.body ? JSON.parse(String(init.body)) : null,
      });
      const items = url.includes('/locations') ? [{ id: 'loc1', name: 'Amsterdam HQ' }] : [];
      return new Response(JSON.stringify(url.includes('/package') ? { user, warnings: [] } : { items }), {
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function renderDialog() {
  await renderPage(<ChangePackageDialog customerId="c1" user={user} opened onClose={() => undefined} />);
}

describe('change-package dialog', () => {
  it('asks for the calling number information only for a package that needs it', async () => {
    await renderDialog();
    expect(screen.queryByTestId('calling-fields')).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: 'Webex Calling' }));
    expect(screen.getByTestId('calling-fields')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: 'Webex Voice' }));
    expect(screen.queryByTestId('calling-fields')).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: 'Webex Suite' }));
    expect(screen.getByTestId('calling-fields')).toBeTruthy();
  });

  it('refuses to send a calling package without location and number', async () => {
    await renderDialog();
    fireEvent.click(screen.getByRole('radio', { name: 'Webex Calling' }));
    fireEvent.click(screen.getByRole('button', { name: 'Change' }));
    expect(await screen.findByText('Choose a location')).toBeTruthy();
    expect(screen.getByText('Enter an extension or a phone number')).toBeTruthy();
    expect(requests.some((request) => request.url.endsWith('/package'))).toBe(false);
  });

  it('sends a package without calling as the package alone', async () => {
    await renderDialog();
    fireEvent.click(screen.getByRole('radio', { name: 'Webex Voice' }));
    fireEvent.click(screen.getByRole('button', { name: 'Change' }));
    await vi.waitFor(() => expect(requests.some((request) => request.url.endsWith('/package'))).toBe(true));
    const sent = requests.find((request) => request.url.endsWith('/package'));
    expect(sent).toMatchObject({ method: 'PUT', body: { package: 'webex_voice' } });
  });
});
