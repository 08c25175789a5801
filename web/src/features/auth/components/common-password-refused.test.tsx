// @vitest-environment jsdom
// ADR 0082: the server refuses a commonly used password (`password_too_common`) in the request's
// language; the invite and reset pages show its description, in English and in Dutch.
import { act, cleanup, configure, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { AcceptInvitePage } from './accept-invite-page.tsx';
import { ResetPasswordPage } from './reset-password-page.tsx';

configure({ asyncUtilTimeout: 10_000 });

const DESCRIPTION = {
  en: 'This password is too common or too easy to guess. Choose another one, e.g. a few unrelated words.',
  nl: 'Dit wachtwoord is te gangbaar of te makkelijk te raden. Kies een ander, bijvoorbeeld een paar losse woorden.',
};

beforeEach(() => {
  // The server's answer, in the language the request asked for.
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init?: RequestInit) => {
      const dutch = new Headers(init?.headers).get('Accept-Language') === 'nl';
      const body = {
        message: dutch ? 'Het verzoek is niet geldig.' : 'The request is not valid.',
        errors: [
          {
            code: 'password_too_common',
            field: 'password',
            description: dutch ? DESCRIPTION.nl : DESCRIPTION.en,
          },
        ],
        trackingId: 'req-1',
      };
      return new Response(JSON.stringify(body), {
        status: 400,
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  );
});

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

const pages: [string, () => Promise<unknown>][] = [
  [
    'accept invite',
    () => renderPage(<AcceptInvitePage />, { path: '/invite/abc', pattern: '/invite/:token' }),
  ],
  [
    'reset password',
    () =>
      renderPage(<ResetPasswordPage />, {
        path: '/reset-password/abc',
        pattern: '/reset-password/:token',
      }),
  ],
];

function submit(labels: { password: string; confirm: string; submit: string }): void {
  const password = 'password123';
  fireEvent.change(screen.getByLabelText(new RegExp(labels.password)), { target: { value: password } });
  fireEvent.change(screen.getByLabelText(new RegExp(labels.confirm)), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: labels.submit }));
}

describe.each(pages)('%s: a commonly used password', (_name, open) => {
  it('shows why it was refused', async () => {
    await open();
    submit({ password: 'New password', confirm: 'Confirm password', submit: 'Set password' });
    expect(await screen.findByText(DESCRIPTION.en)).toBeTruthy();
  });

  it('shows why in Dutch', async () => {
    await open();
    await act(() => i18n.changeLanguage('nl'));
    submit({
      password: 'Nieuw wachtwoord',
      confirm: 'Wachtwoord bevestigen',
      submit: 'Wachtwoord instellen',
    });
    expect(await screen.findByText(DESCRIPTION.nl)).toBeTruthy();
  });
});
