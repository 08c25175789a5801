// @vitest-environment jsdom
// "Verify" is sent once per domain however fast it is clicked, and one domain's lookup on its way
// leaves the other domains' Verify buttons usable.
import { act, cleanup, configure, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import i18n from '../../../i18n/i18n.ts';
import { ClaimUsersPage } from './claim-users-page.tsx';

configure({ asyncUtilTimeout: 10_000 });

const pendingDomain = (id: string, domain: string) => ({
  id,
  domain,
  status: 'pending',
  verified: false,
  token: `tok-${id}`,
  txtRecord: { type: 'TXT', name: `_wholesale-hub-challenge.${domain}`, value: `tok-${id}` },
  verifiedAt: null,
  lastCheckedAt: null,
});
const domains = [pendingDomain('d1', 'acme.nl'), pendingDomain('d2', 'beta.nl')];

const lookups: string[] = [];
const answers: (() => void)[] = [];

beforeEach(() => {
  lookups.length = 0;
  answers.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const json = { 'Content-Type': 'application/json' };
      if (url.endsWith('/verify')) {
        lookups.push(url);
        // Held until the test answers: the lookup stays on its way.
        await new Promise<void>((resolve) => answers.push(resolve));
        return new Response(JSON.stringify(domains.find((entry) => url.includes(entry.domain))), {
          headers: json,
        });
      }
      return new Response(JSON.stringify({ items: domains }), { headers: json });
    }),
  );
});

afterEach(() => {
  for (const answer of answers) answer();
  cleanup();
  vi.unstubAllGlobals();
});

/** The Verify button in the card of `domain`: its name says which domain it verifies. */
async function verifyButton(domain: string, name = `Verify ${domain}`) {
  const shown = await screen.findByText(domain, { selector: 'p' });
  const card = shown.closest<HTMLElement>('.mantine-Paper-root');
  if (!card) throw new Error(`no card for ${domain}`);
  const button = within(card).getByRole('button', { name });
  // Its visible text stays "Verify" (speech input: say what you see, WCAG 2.5.3).
  expect(button.textContent).toBe(name.startsWith('Verify') ? 'Verify' : 'Verifiëren');
  return button;
}

describe('verify a domain per row', () => {
  it('sends one lookup for a double click, and leaves the other domain free to verify', async () => {
    await renderPage(<ClaimUsersPage />, {
      path: '/control/c1/users/claim',
      pattern: '/control/:customerId/users/claim',
    });
    const acme = await verifyButton('acme.nl');
    fireEvent.click(acme);
    fireEvent.click(acme);
    await vi.waitFor(() => expect(lookups).toHaveLength(1));
    const beta = await verifyButton('beta.nl');
    expect(beta.hasAttribute('disabled')).toBe(false);
    expect(beta.hasAttribute('data-loading')).toBe(false);
    fireEvent.click(beta);
    await vi.waitFor(() => expect(lookups).toHaveLength(2));
    expect(lookups[0]).toContain('acme.nl');
    expect(lookups[1]).toContain('beta.nl');
    // Both on their way: each row shows its own.
    expect((await verifyButton('acme.nl')).hasAttribute('data-loading')).toBe(true);
    // The first answer says acme.nl's record was not found, under acme.nl only.
    answers[0]?.();
    const notFound = await screen.findByTestId('txt-not-found');
    expect(notFound.textContent).toContain('TXT record not found for acme.nl');
  });
});

describe('a Verify button per domain', () => {
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it.each([
    ['en', (domain: string) => `Verify ${domain}`],
    ['nl', (domain: string) => `${domain} verifiëren`],
  ])(
    'is named after its domain (%s), so a screen reader tells the buttons apart',
    async (language, named) => {
      await renderPage(<ClaimUsersPage />, {
        path: '/control/c1/users/claim',
        pattern: '/control/:customerId/users/claim',
      });
      // After the render, which starts in English.
      await act(() => i18n.changeLanguage(language));
      for (const domain of ['acme.nl', 'beta.nl']) {
        expect(await verifyButton(domain, named(domain))).toBeTruthy();
      }
    },
  );
});
