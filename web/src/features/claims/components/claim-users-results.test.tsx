// @vitest-environment jsdom
// SPEC §5 and §6: after a claim the page says, per user, whether the account was claimed, and each
// warning or refusal the API answered with the column it is about, named in the admin's language.
import { act, cleanup, configure, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { ClaimUsersPage } from './claim-users-page.tsx';

configure({ asyncUtilTimeout: 10_000 });

const siteWarning = {
  en: 'No Preferred Webex Site for Webex Meetings: meetings may not work as expected until one is set.',
  nl: 'Geen voorkeurssite voor Webex bij Webex Meetings: vergaderingen werken mogelijk pas goed als die is ingesteld.',
};
const refusal = 'Another customer already has a user with this email address.';
const claims: unknown[] = [];

beforeEach(() => {
  claims.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      let body: unknown = { items: [] };
      if (url.includes('/domains'))
        body = { items: [{ domain: 'acme.nl', status: 'verified', verified: true }] };
      else if (url.includes('/claims') && init?.method === 'POST') {
        claims.push(JSON.parse(String(init.body)));
        // The server words its texts in the request's language (Accept-Language).
        const language = new Headers(init.headers).get('Accept-Language') === 'nl' ? 'nl' : 'en';
        body = {
          counts: { claimed: 2, failed: 1 },
          results: [
            {
              email: 'anna@acme.nl',
              result: 'claimed',
              userId: 'u1',
              errors: [],
              warnings: [
                {
                  code: 'preferred_site_missing',
                  description: siteWarning[language],
                  field: 'preferredWebexSite',
                  params: { package: 'webex_meetings' },
                },
              ],
            },
            { email: 'bram@acme.nl', result: 'claimed', userId: 'u2', errors: [], warnings: [] },
            {
              email: 'cees@acme.nl',
              result: 'failed',
              errors: [{ code: 'email_taken', description: refusal, field: 'email' }],
              warnings: [],
            },
          ],
        };
      } else if (url.includes('/claims')) {
        body = {
          items: [
            { id: 'a1', email: 'anna@acme.nl' },
            { id: 'a2', email: 'bram@acme.nl' },
            { id: 'a3', email: 'cees@acme.nl' },
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

async function claimAll() {
  await renderPage(<ClaimUsersPage />, {
    path: '/control/c1/users/claim',
    pattern: '/control/:customerId/users/claim',
  });
  for (const email of ['anna@acme.nl', 'bram@acme.nl', 'cees@acme.nl'])
    fireEvent.click(await screen.findByRole('checkbox', { name: email }));
  fireEvent.click(screen.getByRole('button', { name: 'Claim selected (3)' }));
  return screen.findByTestId('claim-results');
}

/** The lines the results table shows for one email. */
function linesOf(results: HTMLElement, email: string): string[] {
  const row = within(results).getByText(email).closest('tr') as HTMLElement;
  return [...row.querySelectorAll('[data-testid^="claim-line-"]')].map((line) => line.textContent ?? '');
}

describe('claim users: the result per user', () => {
  it('names the column of a claimed user’s warning and of a refusal, in English and then Dutch', async () => {
    const results = await claimAll();
    expect(claims).toEqual([{ accountIds: ['a1', 'a2', 'a3'] }]);
    expect(linesOf(results, 'anna@acme.nl')).toEqual([
      'Claimed',
      `Warning, Preferred Webex Site: ${siteWarning.en}`,
    ]);
    expect(linesOf(results, 'bram@acme.nl')).toEqual(['Claimed']);
    expect(linesOf(results, 'cees@acme.nl')).toEqual([`Not claimed, User ID/Email: ${refusal}`]);
    expect(screen.getByTestId('claim-counts').textContent).toBe(
      '2 accounts claimed, 1 not claimed. 1 user has a warning: see below.',
    );

    // The admin switches language after the claim: the column and the known warning follow.
    await act(() => i18n.changeLanguage('nl'));
    expect(linesOf(results, 'anna@acme.nl')).toEqual([
      'Geclaimd',
      `Waarschuwing, Voorkeurssite voor Webex: ${siteWarning.nl}`,
    ]);
    expect(linesOf(results, 'cees@acme.nl')).toEqual([`Niet geclaimd, Gebruikers-ID/e-mail: ${refusal}`]);
  });

  it('says a warning or refusal without a column as the reason alone', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        let body: unknown = { items: [] };
        if (url.includes('/domains')) body = { items: [{ domain: 'acme.nl', verified: true }] };
        else if (url.includes('/claims') && init?.method === 'POST')
          body = {
            counts: { claimed: 1, failed: 1 },
            results: [
              {
                email: 'anna@acme.nl',
                result: 'claimed',
                errors: [],
                warnings: [{ code: 'something_new', description: 'Check this user.' }],
              },
              { email: 'bram@acme.nl', result: 'failed', errors: [{ code: 'x', description: 'Gone.' }] },
            ],
          };
        else if (url.includes('/claims'))
          body = {
            items: [
              { id: 'a1', email: 'anna@acme.nl' },
              { id: 'a2', email: 'bram@acme.nl' },
            ],
          };
        return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
      }),
    );
    await renderPage(<ClaimUsersPage />, {
      path: '/control/c1/users/claim',
      pattern: '/control/:customerId/users/claim',
    });
    fireEvent.click(await screen.findByRole('checkbox', { name: 'anna@acme.nl' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'bram@acme.nl' }));
    fireEvent.click(screen.getByRole('button', { name: 'Claim selected (2)' }));
    const results = await screen.findByTestId('claim-results');
    expect(linesOf(results, 'anna@acme.nl')).toEqual(['Claimed', 'Warning: Check this user.']);
    expect(linesOf(results, 'bram@acme.nl')).toEqual(['Not claimed: Gone.']);
  });
});
