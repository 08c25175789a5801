// @vitest-environment jsdom
// Saving a user answers the warnings of the change (PATCH, as create and the package change do): the
// admin reads each with the column it is about and the reason (SPEC §6), in the language shown. A
// Caller ID Number typed without its + is read as international: "Warning, Caller ID Number: …".
import { Notifications, notifications } from '@mantine/notifications';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import type { UserDetails } from '../api/update-user.ts';
import { EditUserDialog } from './edit-user-dialog.tsx';

const user: UserDetails = {
  id: 'u1',
  email: 'anna@acme.nl',
  firstName: 'Anna',
  lastName: 'Smit',
  package: 'webex_calling',
  callerIdNumber: null,
  status: 'provisioned',
};

let warnings: unknown[] = [];

beforeEach(() => {
  warnings = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const body =
        init?.method === 'PATCH'
          ? { ...user, callerIdNumber: '+31201234567', warnings }
          : url.includes('/locations')
            ? { items: [] }
            : {};
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
});

afterEach(async () => {
  cleanup();
  // The notifications live in a store of their own: one test's toast would show in the next.
  notifications.clean();
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

async function renderDialog() {
  const onClose = vi.fn();
  await renderPage(
    <>
      <Notifications />
      <EditUserDialog customerId="c1" user={user} directorySync={false} opened onClose={onClose} />
    </>,
  );
  return onClose;
}

function type(field: RegExp, value: string) {
  fireEvent.change(screen.getByRole('textbox', { name: field }), { target: { value } });
}

const restored = {
  code: 'phone_plus_restored',
  description: '"31201234567" was read as +31201234567 (the leading + was missing).',
  field: 'callerIdNumber',
  params: { value: '31201234567', number: '+31201234567' },
};

describe('edit-user dialog: the warnings of a save', () => {
  it('shows each warning with its column, in English', async () => {
    warnings = [restored];
    const onClose = await renderDialog();
    type(/^Caller ID number/, '31201234567');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(
      await screen.findByText(
        /Warning, Caller ID Number: "31201234567" was read as \+31201234567 \(the leading \+ was missing\)\./,
      ),
    ).toBeTruthy();
  });

  it('and in Dutch, by the Dutch column header, whatever language the server answered in', async () => {
    warnings = [restored];
    const onClose = await renderDialog();
    await act(async () => {
      await i18n.changeLanguage('nl');
    });
    type(/^Nummer beller-ID/, '31201234567');
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    await vi.waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(
      await screen.findByText(
        /Waarschuwing, Nummer beller-ID: "31201234567" is gelezen als \+31201234567 \(de \+ aan het begin ontbrak\)\./,
      ),
    ).toBeTruthy();
  });

  it('says only that it is saved when there is no warning', async () => {
    const onClose = await renderDialog();
    type(/^Caller ID number/, '+31201234567');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(await screen.findByText('The changes to Anna Smit are saved.')).toBeTruthy();
    expect(screen.queryByText(/Warning/)).toBeNull();
  });
});
