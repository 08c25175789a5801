// @vitest-environment jsdom
// SPEC §6: why a user was not added names the column it is about (the API's `field`), by its header
// in the admin's language, as a warning on the Done step does.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { AddUsersPage } from './add-users-page.tsx';

const taken = 'The extension 1234 is already in use.';

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

function stubBatch(errors: unknown[]) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      let body: unknown = { items: [] };
      if (url === '/v1/customers/c1') body = { id: 'c1', packages: [{ id: 'webex_meetings', limit: null }] };
      if (url.endsWith('/users/batch'))
        body = {
          counts: { created: 0, pendingUserMigration: 0, failed: 1 },
          results: [{ email: 'anna@acme.nl', result: 'failed', status: 409, errors, warnings: [] }],
        };
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
}

async function addOneUser() {
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
  fireEvent.click(await screen.findByRole('option', { name: 'Webex Meetings' }));
  fireEvent.click(screen.getByRole('button', { name: 'Next' }));
  fireEvent.click(await screen.findByRole('button', { name: 'Next' }));
  await screen.findByTestId('add-users-result');
}

const errorLines = () => screen.getAllByTestId('result-error-1').map((line) => line.textContent);

describe('Add users manually: why a user was not added', () => {
  it('names the column of each refusal, in English and then Dutch', async () => {
    stubBatch([
      { code: 'extension_taken', description: taken, field: 'extension' },
      { code: 'unknown_location', description: 'No location Utrecht.', field: 'location' },
    ]);
    await addOneUser();
    expect(errorLines()).toEqual([
      `Not added, Extension: ${taken}`,
      'Not added, Location: No location Utrecht.',
    ]);
    await act(async () => {
      await i18n.changeLanguage('nl');
    });
    expect(errorLines()).toEqual([
      `Niet toegevoegd, Toestel: ${taken}`,
      'Niet toegevoegd, Locatie: No location Utrecht.',
    ]);
  }, 60_000);

  it('gives a refusal without a column as the reason alone', async () => {
    stubBatch([{ code: 'email_taken', description: 'The email is already in use.' }]);
    await addOneUser();
    expect(errorLines()).toEqual(['Not added: The email is already in use.']);
  }, 60_000);
});
