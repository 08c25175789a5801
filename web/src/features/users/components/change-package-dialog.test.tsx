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
/** Customer Assist is not sold to this customer. */
const soldPackages = [
  'webex_voice',
  'webex_calling',
  'webex_calling_standard',
  'webex_meetings',
  'webex_suite',
];
let refusal: unknown = null;

beforeEach(() => {
  requests.length = 0;
  refusal = null;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      requests.push({
        url,
        method: init?.method ?? 'GET',
        body: init?.body ? JSON.parse(String(init.body)) : null,
      });
      const items = url.includes('/locations') ? [{ id: 'loc1', name: 'Amsterdam HQ' }] : [];
      const body = url.includes('/package')
        ? { user, warnings: [] }
        : url === '/v1/customers/c1'
          ? { id: 'c1', packages: soldPackages.map((id) => ({ id, limit: null })) }
          : { items };
      if (url.includes('/package') && refusal) {
        return new Response(JSON.stringify(refusal), {
          status: 400,
          headers: { 'Content-Type': 'application/json' },
        });
      }
      return new Response(JSON.stringify(body), {
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function renderDialog(shown: User = user) {
  await renderPage(<ChangePackageDialog customerId="c1" user={shown} opened onClose={() => undefined} />);
  // The customer's packages are in once the unsold Customer Assist has left the list.
  await vi.waitFor(() => expect(screen.queryByRole('radio', { name: 'Customer Assist' })).toBeNull());
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

  it('lists only the packages the customer was sold', async () => {
    await renderDialog();
    expect(screen.getAllByRole('radio').map((radio) => radio.getAttribute('value'))).toEqual(soldPackages);
  });

  it('shows the move from Suite to Calling Standard as disabled, with the reason', async () => {
    await renderDialog({ ...user, package: 'webex_suite' });
    const standard = screen.getByRole('radio', { name: 'Webex Calling Standard' }) as HTMLInputElement;
    expect(standard.disabled).toBe(true);
    expect(screen.getByText(/cannot be moved to Webex Calling Standard/)).toBeTruthy();
    expect((screen.getByRole('radio', { name: 'Webex Calling' }) as HTMLInputElement).disabled).toBe(false);
  });

  it("shows the server's refusal when it still says no", async () => {
    refusal = { message: 'The limit of Webex Voice is reached.', errors: [] };
    await renderDialog();
    fireEvent.click(screen.getByRole('radio', { name: 'Webex Voice' }));
    fireEvent.click(screen.getByRole('button', { name: 'Change' }));
    expect(await screen.findByText(/The limit of Webex Voice is reached/)).toBeTruthy();
  });
});
