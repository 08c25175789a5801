// @vitest-environment jsdom
import { act, cleanup, configure, fireEvent, render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppLayout } from '../../../app/layout/app-layout.tsx';
import { theme } from '../../../app/theme.ts';
import i18n from '../../../i18n/i18n.ts';
import { knownSignedOut } from '../../../lib/signed-out-hint.ts';
import { polyfillBrowser } from '../../../testing/render-with-providers.tsx';

// Mantine's first render in jsdom is slow on a busy machine: wait for screens longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

type LogoutAnswer = 'ok' | 'forbidden' | 'network' | 'unauthorized';
let logoutAnswer: LogoutAnswer = 'ok';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

beforeEach(() => {
  window.localStorage.clear();
  logoutAnswer = 'ok';
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (url === '/v1/auth/logout') {
        if (logoutAnswer === 'network') throw new TypeError('Failed to fetch');
        if (logoutAnswer === 'forbidden') return json({ message: 'Forbidden', errors: [] }, 403);
        if (logoutAnswer === 'unauthorized') return json({ message: 'Sign in first', errors: [] }, 401);
        return new Response(null, { status: 204 });
      }
      const admin = { id: 'a1', email: 'anna@acme.nl', role: 'partner_full_admin', partnerId: 'p1' };
      return json(url.startsWith('/v1/auth/me') ? { admin, csrfToken: 'csrf' } : { items: [] });
    }),
  );
});

afterEach(async () => {
  act(() => notifications.clean());
  cleanup();
  vi.unstubAllGlobals();
  window.localStorage.clear();
  await i18n.changeLanguage('en');
});

async function signOutFrom(language: 'en' | 'nl') {
  polyfillBrowser();
  await i18n.changeLanguage(language);
  render(
    <MantineProvider theme={theme}>
      <Notifications />
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={['/partner/customers']}>
          <Routes>
            <Route path="/login" element={<p>Sign-in page</p>} />
            <Route path="*" element={<AppLayout />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
  const name = language === 'nl' ? 'Afmelden' : 'Sign out';
  const [button] = await screen.findAllByRole('button', { name });
  fireEvent.click(button!);
}

describe('sign out', () => {
  it('marks the browser signed out and goes to the sign-in page once the server ended the session', async () => {
    await signOutFrom('en');
    expect(await screen.findByText('Sign-in page')).toBeTruthy();
    expect(knownSignedOut()).toBe(true);
  });

  it('treats a 401 (no session left on the server) as signed out', async () => {
    logoutAnswer = 'unauthorized';
    await signOutFrom('en');
    expect(await screen.findByText('Sign-in page')).toBeTruthy();
    expect(knownSignedOut()).toBe(true);
  });

  it.each([
    {
      answer: 'network' as const,
      language: 'en' as const,
      text: 'Signing out failed: you are still signed in. Try again, or close the browser if this computer is shared.',
    },
    {
      answer: 'forbidden' as const,
      language: 'nl' as const,
      text: 'Afmelden is mislukt: u bent nog aangemeld. Probeer het opnieuw, of sluit de browser als deze computer gedeeld wordt.',
    },
  ])(
    'says a failed sign-out ($answer, $language) failed and keeps the admin signed in',
    async ({ answer, language, text }) => {
      logoutAnswer = answer;
      await signOutFrom(language);
      expect(await screen.findByText(text)).toBeTruthy();
      // Still in the app, and the next visit still asks the server whether the session lives.
      expect(screen.queryByText('Sign-in page')).toBeNull();
      expect(knownSignedOut()).toBe(false);
    },
  );
});
