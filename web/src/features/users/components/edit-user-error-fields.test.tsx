// @vitest-environment jsdom
// SPEC §6: a refusal names its column. A detail about a field with no input on screen is listed in
// the alert as "column: reason"; one shown under its input is not listed again.
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import type { UserDetails } from '../api/update-user.ts';
import { EditUserDialog } from './edit-user-dialog.tsx';

const meetings: UserDetails = {
  id: 'u1',
  email: 'anna@acme.nl',
  firstName: 'Anna',
  lastName: 'Smit',
  title: 'Engineer',
  status: 'provisioned',
  package: 'webex_meetings',
  basicLicences: { basicMessaging: false, basicSpaceMeetings: false, callingFromWebex: false },
};

let refusal: unknown;

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () =>
        new Response(JSON.stringify(refusal), {
          status: 400,
          headers: { 'Content-Type': 'application/json' },
        }),
    ),
  );
});

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

const alertLines = () =>
  [...screen.getByRole('alert').querySelectorAll('li')].map((item) => item.textContent);

describe('edit-user dialog: the columns of a refusal', () => {
  it('names the column of details without an input, and does not repeat one shown under its input', async () => {
    refusal = {
      message: 'The request is not valid.',
      errors: [
        { code: 'too_long', field: 'title', description: 'The title is too long.' },
        { code: 'invalid_phone_number', field: 'callerIdNumber', description: 'Not a phone number.' },
        { code: 'not_sold', field: 'basicLicences.basicMessaging', description: 'Not sold.' },
      ],
    };
    await renderPage(
      <EditUserDialog
        customerId="c1"
        user={meetings}
        directorySync={false}
        opened
        onClose={() => undefined}
      />,
    );
    fireEvent.change(screen.getByRole('textbox', { name: 'Title' }), { target: { value: 'Lead' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Basic Messaging' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('alert', {}, { timeout: 10_000 });
    // The title's refusal is under its input, the caller ID number has none with Webex Meetings.
    expect(screen.getByRole('textbox', { name: 'Title' }).getAttribute('aria-invalid')).toBe('true');
    expect(alertLines()).toEqual(['Caller ID Number: Not a phone number.', 'Basic Messaging: Not sold.']);
    await act(async () => {
      await i18n.changeLanguage('nl');
    });
    expect(alertLines()).toEqual(['Nummer beller-ID: Not a phone number.', 'Basisberichten: Not sold.']);
  });

  it('shows the alert for a refusal of a field without an input alone', async () => {
    refusal = {
      message: 'The request is not valid.',
      errors: [{ code: 'invalid_phone_number', field: 'callerIdNumber', description: 'Not a phone number.' }],
    };
    await renderPage(
      <EditUserDialog
        customerId="c1"
        user={meetings}
        directorySync={false}
        opened
        onClose={() => undefined}
      />,
    );
    fireEvent.change(screen.getByRole('textbox', { name: 'Title' }), { target: { value: 'Lead' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(alertLines()).toEqual(['Caller ID Number: Not a phone number.']);
  });

  // A refusal of fields on screen only: each reason under its input, and the alert says the save was
  // refused. Changing a field takes its own reason away (it was about the value sent), never the
  // alert: until the next save answers, the admin still sees that nothing was saved.
  it('keeps saying the save was refused after the refused field is changed, until the next save', async () => {
    refusal = {
      message: 'The request is not valid.',
      errors: [
        { code: 'too_long', field: 'title', description: 'The title is too long.' },
        { code: 'too_long', field: 'department', description: 'The department is too long.' },
      ],
    };
    await renderPage(
      <EditUserDialog
        customerId="c1"
        user={meetings}
        directorySync={false}
        opened
        onClose={() => undefined}
      />,
    );
    const title = () => screen.getByRole('textbox', { name: 'Title' });
    const department = () => screen.getByRole('textbox', { name: 'Department' });
    fireEvent.change(title(), { target: { value: 'Lead' } });
    fireEvent.change(department(), { target: { value: 'Sales' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(alert.textContent).toContain('This could not be saved');
    expect(alert.textContent).toContain('The request is not valid.');
    // Under their inputs, not repeated in the alert.
    expect(title().getAttribute('aria-invalid')).toBe('true');
    expect(department().getAttribute('aria-invalid')).toBe('true');
    expect(alertLines()).toEqual([]);

    fireEvent.change(title(), { target: { value: 'Team lead' } });
    expect(title().getAttribute('aria-invalid')).not.toBe('true');
    // The department was sent as it is now: its reason still applies and stays under it.
    expect(department().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toContain('This could not be saved');

    fireEvent.change(department(), { target: { value: 'Sales team' } });
    expect(department().getAttribute('aria-invalid')).not.toBe('true');
    expect(screen.getByRole('alert').textContent).toContain('This could not be saved');
    await act(async () => {
      await i18n.changeLanguage('nl');
    });
    expect(screen.getByRole('alert').textContent).toContain('Dit kon niet worden opgeslagen');
  });
});
