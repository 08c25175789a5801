// @vitest-environment jsdom
import { cleanup, configure, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { VerifySignUpPage } from './verify-sign-up-page.tsx';

// Mantine's first render in jsdom is slow on a busy machine: wait for screens longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () =>
        new Response(JSON.stringify({ status: 'active' }), {
          headers: { 'Content-Type': 'application/json' },
        }),
    ),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('free-account sign-up: the verified page', () => {
  it('promises no sign-in: free accounts are not admin accounts (SPEC §5)', async () => {
    await renderPage(<VerifySignUpPage />, { path: '/signup/verify?token=abc', pattern: '/signup/verify' });
    const done = await screen.findByTestId('sign-up-verified');
    expect(done.textContent).toMatch(/do not need to sign in here/);
    expect(done.textContent).toMatch(/asking for your consent/);
    expect(done.textContent).not.toMatch(/is active/);
    expect(screen.queryByRole('link', { name: /sign-in|sign in/i })).toBeNull();
  });

  it('says the same in Dutch', async () => {
    await renderPage(<VerifySignUpPage />, { path: '/signup/verify?token=abc', pattern: '/signup/verify' });
    await i18n.changeLanguage('nl');
    const done = await screen.findByTestId('sign-up-verified');
    expect(done.textContent).toMatch(/U hoeft zich hier niet aan te melden/);
    expect(screen.queryByRole('link', { name: /aanmelden/i })).toBeNull();
  });

  it('offers to sign up again when the link is incomplete', async () => {
    await renderPage(<VerifySignUpPage />, { path: '/signup/verify', pattern: '/signup/verify' });
    expect(screen.getByText('This link is incomplete. Open the link from the email again.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Create a free account again' }).getAttribute('href')).toBe(
      '/signup',
    );
  });
});
