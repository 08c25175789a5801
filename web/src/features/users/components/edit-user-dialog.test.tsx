// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import type { UserDetails } from '../api/update-user.ts';
import { EditUserDialog } from './edit-user-dialog.tsx';

const user: UserDetails = {
  id: 'u1',
  email: 'anna@acme.nl',
  firstName: 'Anna',
  lastName: 'Smit',
  title: 'Engineer',
  status: 'provisioned',
};

const requests: { url: string; method: string; body: unknown }[] = [];
let answer: () => Response;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

beforeEach(() => {
  requests.length = 0;
  answer = () => json({ ...user, title: 'Lead' });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      requests.push({
        url,
        method: init?.method ?? 'GET',
        body: init?.body ? JSON.parse(String(init.body)) : null,
      });
      return answer();
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function renderDialog(directorySync = false, onClose = () => undefined) {
  await renderPage(
    <EditUserDialog customerId="c1" user={user} directorySync={directorySync} opened onClose={onClose} />,
  );
}

const patches = () => requests.filter((request) => request.method === 'PATCH');

describe('edit-user dialog', () => {
  it('sends only the changed fields and closes', async () => {
    const onClose = vi.fn();
    await renderDialog(false, onClose);
    fireEvent.change(screen.getByRole('textbox', { name: 'Title' }), { target: { value: 'Lead' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Department' }), { target: { value: 'Sales' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(patches()).toEqual([
      { url: '/v1/customers/c1/users/u1', method: 'PATCH', body: { title: 'Lead', department: 'Sales' } },
    ]);
  });

  it("shows the server's validation messages under their fields", async () => {
    answer = () =>
      json(
        {
          message: 'The request is not valid.',
          errors: [
            { code: 'invalid_time_zone', description: 'not a zone', field: 'timeZone' },
            { code: 'invalid_preferred_language', description: 'not a language', field: 'preferredLanguage' },
          ],
          trackingId: 'WH_1',
        },
        400,
      );
    await renderDialog();
    fireEvent.change(screen.getByLabelText('Time zone', { selector: 'input' }), {
      target: { value: 'Mars/Base' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: /Preferred language/ }), {
      target: { value: 'qq' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText(
        '"Mars/Base" is not a time zone such as Europe/Amsterdam',
        {},
        { timeout: 10_000 },
      ),
    ).toBeTruthy();
    expect(screen.getByText('"qq" is not a language such as nl, nl_NL or en_US')).toBeTruthy();
    expect(screen.getByLabelText('Time zone', { selector: 'input' }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    // Changing the field takes its message away; the other stays until that one changes too.
    fireEvent.change(screen.getByLabelText('Time zone', { selector: 'input' }), { target: { value: 'UTC' } });
    expect(screen.queryByText('"Mars/Base" is not a time zone such as Europe/Amsterdam')).toBeNull();
    expect(screen.getByText('"qq" is not a language such as nl, nl_NL or en_US')).toBeTruthy();
  });

  it('refuses text over the limit and an emptied name without asking the server', async () => {
    await renderDialog();
    fireEvent.change(screen.getByRole('textbox', { name: /Last name/ }), { target: { value: '' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Manager' }), {
      target: { value: 'x'.repeat(201) },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('At most 200 characters')).toBeTruthy();
    expect(screen.getByText(/This field cannot be emptied here/)).toBeTruthy();
    expect(patches()).toEqual([]);
  });

  it('keeps names and email read-only while directory sync is on', async () => {
    await renderDialog(true);
    expect(screen.getByTestId('sync-read-only')).toBeTruthy();
    for (const name of ['First name', 'Last name', 'Display name', 'Email address']) {
      expect(screen.getByRole('textbox', { name: new RegExp(name) }).hasAttribute('disabled')).toBe(true);
    }
    expect(screen.getByRole('textbox', { name: 'Title' }).hasAttribute('disabled')).toBe(false);
  });

  it('shows the form in Dutch', async () => {
    await renderDialog(true);
    const { default: i18n } = await import('../../../i18n/i18n.ts');
    await i18n.changeLanguage('nl');
    expect(await screen.findByRole('textbox', { name: 'Functie' })).toBeTruthy();
    expect(screen.getByText(/Directorysynchronisatie staat aan/)).toBeTruthy();
  });

  describe('calling fields (SPEC §3, §6)', () => {
    const calling: UserDetails = {
      ...user,
      package: 'webex_calling',
      callerIdNumber: '+31201234500',
      jabberCalling: null,
      jabberWithWebexTeams: true,
      basicLicences: { basicMessaging: true, basicSpaceMeetings: false, callingFromWebex: true },
    };
    const open = (shown: UserDetails, onClose = () => undefined) =>
      renderPage(
        <EditUserDialog customerId="c1" user={shown} directorySync={false} opened onClose={onClose} />,
      );

    it('changes the caller ID number and the Jabber settings by the API names', async () => {
      const onClose = vi.fn();
      answer = () => json(calling);
      await open(calling, onClose);
      fireEvent.change(screen.getByRole('textbox', { name: 'Caller ID number' }), {
        target: { value: '+31201234599' },
      });
      fireEvent.click(screen.getByRole('checkbox', { name: 'Jabber Calling' }));
      fireEvent.click(screen.getByRole('checkbox', { name: 'Jabber with Webex Teams' }));
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
      await vi.waitFor(() => expect(onClose).toHaveBeenCalled());
      expect(patches().map((request) => request.body)).toEqual([
        { callerIdNumber: '+31201234599', jabberCalling: true, jabberWithWebexTeams: false },
      ]);
    });

    it('changes the basic licences, sending only those that changed', async () => {
      const onClose = vi.fn();
      answer = () => json(calling);
      await open(calling, onClose);
      const messaging = screen.getByRole('checkbox', { name: 'Basic Messaging' }) as HTMLInputElement;
      expect(messaging.checked).toBe(true);
      expect(messaging.disabled).toBe(false);
      fireEvent.click(messaging);
      fireEvent.click(screen.getByRole('checkbox', { name: 'Basic Space Meetings' }));
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
      await vi.waitFor(() => expect(onClose).toHaveBeenCalled());
      expect(patches().map((request) => request.body)).toEqual([
        { basicLicences: { basicMessaging: false, basicSpaceMeetings: true } },
      ]);
    });

    it('clears the caller ID number when it is emptied (sent as null)', async () => {
      const onClose = vi.fn();
      answer = () => json({ ...calling, callerIdNumber: null });
      await open(calling, onClose);
      fireEvent.change(screen.getByRole('textbox', { name: 'Caller ID number' }), { target: { value: ' ' } });
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
      await vi.waitFor(() => expect(onClose).toHaveBeenCalled());
      expect(patches().map((request) => request.body)).toEqual([{ callerIdNumber: null }]);
    });

    it("shows the server's refusal of the caller ID number under it", async () => {
      answer = () =>
        json(
          {
            message: 'The request is not valid.',
            errors: [{ code: 'invalid_phone_number', description: 'not a number', field: 'callerIdNumber' }],
          },
          400,
        );
      await open(calling);
      fireEvent.change(screen.getByRole('textbox', { name: 'Caller ID number' }), {
        target: { value: 'abc' },
      });
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
      const field = screen.getByRole('textbox', { name: 'Caller ID number' });
      await vi.waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    });

    it('offers Jabber but no caller ID number with Webex Meetings', async () => {
      await open({ ...calling, package: 'webex_meetings' });
      expect(screen.getByRole('checkbox', { name: 'Jabber Calling' })).toBeTruthy();
      expect(screen.queryByRole('textbox', { name: 'Caller ID number' })).toBeNull();
    });

    it('offers neither to a user without a package', async () => {
      await open({ ...user, package: null });
      expect(screen.queryByRole('checkbox', { name: 'Jabber Calling' })).toBeNull();
      expect(screen.queryByRole('textbox', { name: 'Caller ID number' })).toBeNull();
      expect(screen.queryByTestId('basic-licences')).toBeNull();
    });
  });
});
