// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { AddUsersPage } from './add-users-page.tsx';

const siteWarning = {
  en: 'No Preferred Webex Site for Webex Meetings: meetings may not work as expected until one is set.',
  nl: 'Geen voorkeurssite voor Webex bij Webex Meetings: vergaderingen werken mogelijk pas goed als die is ingesteld.',
};

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      let body: unknown = { items: [] };
      if (url === '/v1/customers/c1') body = { id: 'c1', packages: [{ id: 'webex_meetings', limit: null }] };
      if (url.endsWith('/users/batch')) {
        // The server words the warning in the request's language (Accept-Language).
        const language = new Headers(init?.headers).get('Accept-Language') === 'nl' ? 'nl' : 'en';
        body = {
          counts: { created: 1, pendingUserMigration: 0, failed: 0 },
          results: [
            {
              email: 'anna@acme.nl',
              result: 'created',
              status: 201,
              user: { id: 'u1', email: 'anna@acme.nl' },
              errors: [],
              warnings: [
                {
                  code: 'preferred_site_missing',
                  description: siteWarning[language],
                  field: 'preferredWebexSite',
                },
              ],
            },
          ],
        };
      }
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
});

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

describe('Add users manually: warnings', () => {
  it('shows the warning the server gave for an added user on the Done step', async () => {
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

    // SPEC §6: the message names the column it is about, as the API's `field` does.
    expect((await screen.findByTestId('result-warning-1')).textContent).toBe(
      `Warning, Preferred Webex Site: ${siteWarning.en}`,
    );
    expect(screen.getByTestId('add-users-result').textContent).toBe(
      '1 user added. 1 user has a warning: see below.',
    );
    await act(async () => {
      await i18n.changeLanguage('nl');
    });
    expect(screen.getByTestId('add-users-result').textContent).toBe(
      '1 gebruiker toegevoegd. 1 gebruiker heeft een waarschuwing: zie hieronder.',
    );
    // Worded by its code in the language now shown, not left in the English the server answered in.
    expect(screen.getByTestId('result-warning-1').textContent).toBe(
      `Waarschuwing, Voorkeurssite voor Webex: ${siteWarning.nl}`,
    );
    await act(async () => {
      await i18n.changeLanguage('en');
    });
    expect(screen.getByTestId('result-warning-1').textContent).toBe(
      `Warning, Preferred Webex Site: ${siteWarning.en}`,
    );
  }, 60_000);
});
