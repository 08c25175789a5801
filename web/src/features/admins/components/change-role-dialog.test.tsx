// @vitest-environment jsdom
// Demoting an admin revokes the tokens they created that the new role could not create (ADR 0069,
// admin-service revokeTokensBeyond): the dialog says so before Save, in the reader's language.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import type { AdminAccount } from '../../../lib/admin-account.ts';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { ChangeRoleDialog } from './change-role-dialog.tsx';

afterEach(async () => {
  cleanup();
  await i18n.changeLanguage('en');
});

const fullAdmin = {
  id: 'a1',
  email: 'full@example.com',
  role: 'partner_full_admin',
  status: 'active',
} as AdminAccount;

/** The dialog for a partner full admin, offering the two partner roles. */
function renderDialog() {
  return renderPage(
    <ChangeRoleDialog
      admin={fullAdmin}
      roles={['partner_full_admin', 'partner_readonly_admin']}
      onClose={() => undefined}
    />,
  );
}

async function choose(label: string): Promise<void> {
  const dialog = await screen.findByRole('dialog');
  fireEvent.click(within(dialog).getByRole('combobox', { name: /New role|Nieuwe rol/ }));
  await waitFor(() => expect(document.querySelector('[role=option]')).toBeTruthy());
  const option = [...document.querySelectorAll<HTMLElement>('[role=option]')].find(
    (candidate) => candidate.textContent === label,
  );
  if (!option) throw new Error(`no option ${label}`);
  fireEvent.click(option);
}

describe('Change role dialog', () => {
  it('says which tokens a demotion to read-only revokes, and nothing for the current role', async () => {
    await renderDialog();
    await screen.findByRole('dialog');
    expect(screen.queryByTestId('demotion-consequence')).toBeNull();
    await choose('Partner read-only admin');
    expect((await screen.findByTestId('demotion-consequence')).textContent).toBe(
      'The API tokens they created with more than read-only access, and the directory synchronization (SCIM) tokens they created, are revoked.',
    );
    await choose('Partner full admin');
    await waitFor(() => expect(screen.queryByTestId('demotion-consequence')).toBeNull());
  });

  it('says it in Dutch too', async () => {
    await renderDialog();
    const dialog = await screen.findByRole('dialog');
    await act(() => i18n.changeLanguage('nl')); // renderPage starts in English
    const readOnly = i18n.t('admins.roles.partner_readonly_admin');
    await choose(readOnly);
    expect(within(dialog).getByTestId('demotion-consequence').textContent).toMatch(
      /^De API-tokens die deze persoon heeft gemaakt met meer dan alleen-lezen-rechten/,
    );
  });
});
