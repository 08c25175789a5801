// @vitest-environment jsdom
// ADR 0002 (2026-11-27): a confirmed reset also revokes the API and SCIM tokens the account
// created; the "password changed" screen tells the person so, in both languages.
import { act, cleanup, configure, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { ResetPasswordPage } from './reset-password-page.tsx';

// Mantine's first render in jsdom is slow on a busy machine: wait for screens longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(null, { status: 204 })),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

interface FormLabels {
  password: string;
  confirm: string;
  submit: string;
}

function openResetPage() {
  return renderPage(<ResetPasswordPage />, {
    path: '/reset-password/abc',
    pattern: '/reset-password/:token',
  });
}

function submit(labels: FormLabels): void {
  const password = 'a long enough password 1';
  fireEvent.change(screen.getByLabelText(new RegExp(labels.password)), { target: { value: password } });
  fireEvent.change(screen.getByLabelText(new RegExp(labels.confirm)), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: labels.submit }));
}

describe('reset password: the done screen', () => {
  it("says the account's API and SCIM tokens were revoked", async () => {
    await openResetPage();
    submit({ password: 'New password', confirm: 'Confirm password', submit: 'Set password' });
    expect(
      await screen.findByText(/API and SCIM tokens this account created have been revoked/),
    ).toBeTruthy();
  });

  it('says the same in Dutch', async () => {
    await openResetPage();
    await act(() => i18n.changeLanguage('nl'));
    submit({
      password: 'Nieuw wachtwoord',
      confirm: 'Wachtwoord bevestigen',
      submit: 'Wachtwoord instellen',
    });
    expect(
      await screen.findByText(/API- en SCIM-tokens die dit account heeft gemaakt, zijn ingetrokken/),
    ).toBeTruthy();
  });
});
