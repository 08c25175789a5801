// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { AddUsersPage } from './add-users-page.tsx';

let extensionLength = 4;

beforeEach(() => {
  extensionLength = 4;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      // The customer view, as the settings screen reads it: packages and settings.
      const body =
        url === '/v1/customers/c1'
          ? {
              id: 'c1',
              packages: [{ id: 'webex_calling', limit: null, used: 0 }],
              settings: { extensionLength },
            }
          : { items: [] };
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function typeExtension(extension: string) {
  await renderPage(<AddUsersPage />, {
    path: '/control/c1/users/add',
    pattern: '/control/:customerId/users/add',
  });
  const row = within(screen.getByTestId('manual-row-1'));
  fireEvent.click(row.getByRole('combobox', { name: /package/i }));
  fireEvent.click(await screen.findByRole('option', { name: 'Webex Calling' }));
  fireEvent.change(row.getByRole('textbox', { name: 'Extension' }), { target: { value: extension } });
  fireEvent.click(screen.getByRole('button', { name: 'Next' }));
  return row;
}

describe("Add users manually: the customer's extension length", () => {
  it('refuses a 2-digit extension when the customer uses 4 digits, as the server would', async () => {
    const row = await typeExtension('12');
    expect(await row.findByText("Use exactly 4 digits (this customer's extension length)")).toBeTruthy();
  });

  it('follows the setting: 3 digits are refused when the customer uses 2', async () => {
    extensionLength = 2;
    const row = await typeExtension('123');
    expect(await row.findByText("Use exactly 2 digits (this customer's extension length)")).toBeTruthy();
  });

  it.each([
    { length: 4, tooShort: '12', exact: '1234' },
    { length: 2, tooShort: '1', exact: '12' },
  ])('accepts exactly $length digits when the customer uses $length', async ({ length, tooShort, exact }) => {
    extensionLength = length;
    const message = `Use exactly ${length} digits (this customer's extension length)`;
    // First a refusal: proves the customer's length is loaded and the row's errors are shown.
    const row = await typeExtension(tooShort);
    expect(await row.findByText(message)).toBeTruthy();
    const field = row.getByRole('textbox', { name: 'Extension' });
    fireEvent.change(field, { target: { value: exact } });
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(row.queryByText(message)).toBeNull();
    expect(field.getAttribute('aria-invalid')).not.toBe('true');
    // The row is still refused for what is missing (a name, an email): the extension is not.
    expect(row.getAllByText('This field is required').length).toBeGreaterThan(0);
  });
});
