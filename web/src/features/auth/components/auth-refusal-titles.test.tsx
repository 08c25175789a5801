// @vitest-environment jsdom
// A refused request on a sign-in page is titled by what failed there ("The password could not be
// reset"), in both languages, never by the admin screens' "This could not be saved".
import type { ReactElement } from 'react';
import { act, cleanup, configure, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { AcceptInvitePage } from './accept-invite-page.tsx';
import { ForgotPasswordPage } from './forgot-password-page.tsx';
import { LoginPage } from './login-page.tsx';
import { ResetPasswordPage } from './reset-password-page.tsx';
import { SignUpPage } from './sign-up-page.tsx';
import { VerifySignUpPage } from './verify-sign-up-page.tsx';

configure({ asyncUtilTimeout: 10_000 });

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () =>
        new Response(
          JSON.stringify({
            message: 'Refused.',
            errors: [{ code: 'invalid_token', description: 'This link has expired.' }],
          }),
          { status: 400, headers: { 'Content-Type': 'application/json' } },
        ),
    ),
  );
});

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

const password = 'a long enough password 1';

/** Fills in and sends the page's form; `nl` says whether the page is in Dutch. */
type Submit = (nl: boolean) => void;

function fillPasswords(nl: boolean): void {
  fireEvent.change(screen.getByLabelText(nl ? /Nieuw wachtwoord/ : /New password/), {
    target: { value: password },
  });
  fireEvent.change(screen.getByLabelText(nl ? /Wachtwoord bevestigen/ : /Confirm password/), {
    target: { value: password },
  });
  fireEvent.click(screen.getByRole('button', { name: nl ? 'Wachtwoord instellen' : 'Set password' }));
}

function fillEmail(nl: boolean): void {
  fireEvent.change(screen.getByRole('textbox', { name: nl ? /E-mail/ : /Email/ }), {
    target: { value: 'anna@example.org' },
  });
}

const pages: {
  name: string;
  page: ReactElement;
  path: string;
  pattern: string;
  submit: Submit;
  en: string;
  nl: string;
}[] = [
  {
    name: 'sign-in',
    page: <LoginPage />,
    path: '/login',
    pattern: '/login',
    submit: (nl) => {
      fillEmail(nl);
      fireEvent.change(screen.getByLabelText(nl ? /^Wachtwoord/ : /^Password/), { target: { value: 'x' } });
      fireEvent.click(screen.getByRole('button', { name: nl ? 'Aanmelden' : 'Sign in' }));
    },
    en: 'Sign-in failed',
    nl: 'Aanmelden mislukt',
  },
  {
    name: 'password reset',
    page: <ResetPasswordPage />,
    path: '/reset-password/abc',
    pattern: '/reset-password/:token',
    submit: fillPasswords,
    en: 'The password could not be reset',
    nl: 'Het wachtwoord kon niet opnieuw worden ingesteld',
  },
  {
    name: 'invite acceptance',
    page: <AcceptInvitePage />,
    path: '/invite/abc',
    pattern: '/invite/:token',
    submit: fillPasswords,
    en: 'The invitation could not be accepted',
    nl: 'De uitnodiging kon niet worden geaccepteerd',
  },
  {
    name: 'reset link request',
    page: <ForgotPasswordPage />,
    path: '/forgot-password',
    pattern: '/forgot-password',
    submit: (nl) => {
      fillEmail(nl);
      fireEvent.click(screen.getByRole('button', { name: nl ? 'Herstellink versturen' : 'Send reset link' }));
    },
    en: 'The reset link could not be sent',
    nl: 'De herstellink kon niet worden verstuurd',
  },
  {
    name: 'free-account sign-up',
    page: <SignUpPage />,
    path: '/signup',
    pattern: '/signup',
    submit: (nl) => {
      fireEvent.change(screen.getByRole('textbox', { name: nl ? /Voornaam/ : /First name/ }), {
        target: { value: 'Anna' },
      });
      fireEvent.change(screen.getByRole('textbox', { name: nl ? /Achternaam/ : /Last name/ }), {
        target: { value: 'Smit' },
      });
      fillEmail(nl);
      fireEvent.click(screen.getByRole('button', { name: nl ? 'Account maken' : 'Create account' }));
    },
    en: 'The account could not be created',
    nl: 'Het account kon niet worden aangemaakt',
  },
  {
    name: 'sign-up confirmation',
    page: <VerifySignUpPage />,
    path: '/signup/verify?token=abc',
    pattern: '/signup/verify',
    submit: () => undefined,
    en: 'The email address could not be confirmed',
    nl: 'Het e-mailadres kon niet worden bevestigd',
  },
];

describe('auth pages: a refused request', () => {
  it.each(pages)('on the $name page is titled "$en"', async ({ page, path, pattern, submit, en }) => {
    await renderPage(page, { path, pattern });
    submit(false);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(en);
    expect(alert.textContent).toContain('This link has expired.');
    expect(alert.textContent).not.toContain('could not be saved');
  });

  it.each(pages)(
    'on the $name page is titled "$nl" in Dutch',
    async ({ page, path, pattern, submit, nl }) => {
      await renderPage(page, { path, pattern });
      await act(() => i18n.changeLanguage('nl'));
      submit(true);
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toContain(nl);
      expect(alert.textContent).not.toContain('kon niet worden opgeslagen');
    },
  );
});
