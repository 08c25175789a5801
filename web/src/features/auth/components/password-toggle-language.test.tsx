// @vitest-environment jsdom
// The button beside a password field that shows the password is named in the app's language: a
// Dutch screen reader user heard Mantine's own "Toggle password visibility" on the sign-in page and
// on the invite's set-password form.
import type { ReactElement } from 'react';
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { AcceptInvitePage } from './accept-invite-page.tsx';
import { LoginPage } from './login-page.tsx';

afterEach(async () => {
  cleanup();
  await i18n.changeLanguage('en');
});

const pages: [string, ReactElement, string, string, number][] = [
  ['sign-in', <LoginPage key="login" />, '/login', '/login', 1],
  ['set password (invite)', <AcceptInvitePage key="invite" />, '/invite/abc', '/invite/:token', 2],
];

describe.each(pages)('the %s page', (_name, page, path, pattern, fields) => {
  it.each([
    ['en', 'Show password'],
    ['nl', 'Toon wachtwoord'],
  ])('in %s names the show-password button %s', async (language, name) => {
    await renderPage(page, { path, pattern });
    await act(() => i18n.changeLanguage(language));
    expect(screen.queryAllByRole('button', { name: 'Toggle password visibility' })).toHaveLength(0);
    expect(screen.getAllByRole('button', { name })).toHaveLength(fields);
  });
});
