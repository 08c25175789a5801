// @vitest-environment jsdom
// SPEC §5, §8: a user's provisioning error reads in the language shown. The server stores the
// licence failures in English (the public API's texts); the page words them by their code, and
// shows a text it cannot know as given, labelled as the provisioning system's.
import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import type { User } from '../api/user-types.ts';
import { UserDetailPage } from './user-detail-page.tsx';

const broken: User = {
  id: 'u1',
  email: 'anna@acme.nl',
  firstName: 'Anna',
  lastName: 'Smit',
  package: 'webex_calling',
  status: 'error',
  errors: [
    {
      code: 'license_change_not_revertible',
      description: 'Cannot update user attributes. License change cannot be reverted.',
      remedy: 'Unassign the package from the user, then assign it again.',
    },
    { code: 'license_update_failed', description: 'Cannot update user license.' },
    { code: 'downstream_timeout', description: 'Upstream request timed out after 30s' },
  ],
};

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const body = url.includes('/locations') ? { items: [] } : broken;
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
});

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

const errorLines = () =>
  [...screen.getByTestId('provisioning-errors').querySelectorAll('li')].map((item) => item.textContent);

describe('user detail: provisioning errors', () => {
  it('words the licence failures in Dutch, and labels a text the app cannot know', async () => {
    await renderPage(<UserDetailPage />, {
      path: '/control/c1/users/u1',
      pattern: '/control/:customerId/users/:userId',
    });
    const alert = await screen.findByTestId('provisioning-errors', {}, { timeout: 10_000 });
    await act(async () => {
      await i18n.changeLanguage('nl');
    });
    expect(within(alert).getByText('Inrichtingsfout')).toBeTruthy();
    // The public text the help text quotes follows in brackets, so the admin finds it there.
    expect(errorLines()).toEqual([
      'De kenmerken van de gebruiker kunnen niet worden bijgewerkt. De licentiewijziging kan niet worden teruggedraaid. (Cannot update user attributes. License change cannot be reverted.)',
      'De licentie van de gebruiker kan niet worden bijgewerkt. (Cannot update user license.)',
      'Melding van het inrichtingssysteem: Upstream request timed out after 30s',
    ]);
  });

  it('follows a switch of language without a new answer', async () => {
    await renderPage(<UserDetailPage />, {
      path: '/control/c1/users/u1',
      pattern: '/control/:customerId/users/:userId',
    });
    await screen.findByTestId('provisioning-errors', {}, { timeout: 10_000 });
    expect(errorLines()).toEqual([
      'Cannot update user attributes. License change cannot be reverted.',
      'Cannot update user license.',
      'Message from the provisioning system: Upstream request timed out after 30s',
    ]);
    await act(async () => {
      await i18n.changeLanguage('nl');
    });
    expect(errorLines()[1]).toBe(
      'De licentie van de gebruiker kan niet worden bijgewerkt. (Cannot update user license.)',
    );
  });
});
