// @vitest-environment jsdom
import { Notifications } from '@mantine/notifications';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import type { User } from '../api/user-types.ts';
import { ChangePackageDialog } from './change-package-dialog.tsx';

const user: User = {
  id: 'u1',
  email: 'anna@acme.nl',
  firstName: 'Anna',
  lastName: 'Smit',
  package: 'webex_meetings',
  status: 'provisioned',
};

const requests: { url: string; method: string; body: unknown }[] = [];
/** Customer Assist is not sold to this customer. */
const soldPackages = [
  'webex_voice',
  'webex_calling',
  'webex_calling_standard',
  'webex_meetings',
  'webex_suite',
];
/** Sold next to soldPackages, per test (the Attendant Console add-on). */
let soldExtras: string[] = [];
let refusal: unknown = null;
/** Limit and usage per sold package; absent: no limit. */
let limits: Record<string, { limit: number; used: number }> = {};
/** GET /v1/admins?customerId=c1: the admins, or the status of a refusal. */
let admins: { email: string; role: string; status: string }[] | number = [];
/** The warnings the package change answers with. */
let packageWarnings: unknown[] = [];

beforeEach(() => {
  requests.length = 0;
  refusal = null;
  soldExtras = [];
  limits = {};
  admins = [];
  packageWarnings = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      requests.push({
        url,
        method: init?.method ?? 'GET',
        body: init?.body ? JSON.parse(String(init.body)) : null,
      });
      if (url.startsWith('/v1/admins') && typeof admins === 'number') {
        return new Response(JSON.stringify({ message: 'Forbidden', errors: [] }), {
          status: admins,
          headers: { 'Content-Type': 'application/json' },
        });
      }
      const items = url.includes('/locations')
        ? [{ id: 'loc1', name: 'Amsterdam HQ' }]
        : url.startsWith('/v1/admins?customerId=c1')
          ? admins
          : [];
      const body = url.includes('/package')
        ? { user, warnings: packageWarnings }
        : url === '/v1/customers/c1'
          ? {
              id: 'c1',
              packages: [...soldPackages, ...soldExtras].map((id) => ({
                id,
                limit: null,
                used: 0,
                ...limits[id],
              })),
            }
          : { items };
      if (url.includes('/package') && refusal) {
        return new Response(JSON.stringify(refusal), {
          status: 400,
          headers: { 'Content-Type': 'application/json' },
        });
      }
      return new Response(JSON.stringify(body), {
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

async function renderDialog(shown: User = user) {
  await renderPage(
    <>
      <Notifications />
      <ChangePackageDialog customerId="c1" user={shown} opened onClose={() => undefined} />
    </>,
  );
  // The customer's packages are in once the unsold Customer Assist has left the list.
  await vi.waitFor(() => expect(screen.queryByRole('radio', { name: 'Customer Assist' })).toBeNull());
}

describe('change-package dialog', () => {
  it('asks for the calling number information only for a package that needs it', async () => {
    await renderDialog();
    expect(screen.queryByTestId('calling-fields')).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: 'Webex Calling' }));
    expect(screen.getByTestId('calling-fields')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: 'Webex Voice' }));
    expect(screen.queryByTestId('calling-fields')).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: 'Webex Suite' }));
    expect(screen.getByTestId('calling-fields')).toBeTruthy();
  });

  it('refuses to send a calling package without location and number', async () => {
    await renderDialog();
    fireEvent.click(screen.getByRole('radio', { name: 'Webex Calling' }));
    fireEvent.click(screen.getByRole('button', { name: 'Change' }));
    expect(await screen.findByText('Choose a location')).toBeTruthy();
    expect(screen.getByText('Enter an extension or a phone number')).toBeTruthy();
    expect(requests.some((request) => request.url.endsWith('/package'))).toBe(false);
  });

  it('sends a package without calling as the package alone', async () => {
    await renderDialog();
    fireEvent.click(screen.getByRole('radio', { name: 'Webex Voice' }));
    fireEvent.click(screen.getByRole('button', { name: 'Change' }));
    await vi.waitFor(() => expect(requests.some((request) => request.url.endsWith('/package'))).toBe(true));
    const sent = requests.find((request) => request.url.endsWith('/package'));
    expect(sent).toMatchObject({ method: 'PUT', body: { package: 'webex_voice' } });
  });

  it('lists only the packages the customer was sold', async () => {
    await renderDialog();
    expect(screen.getAllByRole('radio').map((radio) => radio.getAttribute('value'))).toEqual(soldPackages);
  });

  it('shows the move from Suite to Calling Standard as disabled, with the reason', async () => {
    await renderDialog({ ...user, package: 'webex_suite' });
    const standard = screen.getByRole('radio', { name: 'Webex Calling Standard' }) as HTMLInputElement;
    expect(standard.disabled).toBe(true);
    expect(screen.getByText(/cannot be moved to Webex Calling Standard/)).toBeTruthy();
    expect((screen.getByRole('radio', { name: 'Webex Calling' }) as HTMLInputElement).disabled).toBe(false);
  });

  it("shows the server's refusal when it still says no", async () => {
    refusal = { message: 'The limit of Webex Voice is reached.', errors: [] };
    await renderDialog();
    fireEvent.click(screen.getByRole('radio', { name: 'Webex Voice' }));
    fireEvent.click(screen.getByRole('button', { name: 'Change' }));
    expect(await screen.findByText(/The limit of Webex Voice is reached/)).toBeTruthy();
  });

  const radio = (name: string) => screen.getByRole('radio', { name }) as HTMLInputElement;

  it('shows a package whose limit is used up as disabled, with the numbers', async () => {
    limits = { webex_voice: { limit: 3, used: 3 }, webex_suite: { limit: 5, used: 4 } };
    await renderDialog();
    await vi.waitFor(() => expect(radio('Webex Voice').disabled).toBe(true));
    expect(screen.getByText('Not possible: the limit is reached (3 of 3 in use).')).toBeTruthy();
    expect(radio('Webex Suite').disabled).toBe(false);
  });

  it("keeps the user's own package choosable when its limit is reached", async () => {
    limits = { webex_meetings: { limit: 2, used: 2 } };
    await renderDialog();
    expect(radio('Webex Meetings').disabled).toBe(false);
    expect(screen.queryByText(/limit is reached/)).toBeNull();
  });

  it('shows the lower packages as disabled for a customer full admin, with the reason', async () => {
    admins = [
      { email: 'other@acme.nl', role: 'customer_full_admin', status: 'active' },
      { email: 'Anna@Acme.nl', role: 'customer_full_admin', status: 'invited' },
    ];
    await renderDialog({ ...user, package: 'webex_calling' });
    await vi.waitFor(() => expect(radio('Webex Voice').disabled).toBe(true));
    expect(radio('Webex Meetings').disabled).toBe(true);
    expect(radio('Webex Calling Standard').disabled).toBe(true);
    expect(radio('Webex Suite').disabled).toBe(false);
    expect(
      screen.getAllByText(
        'Not possible: this user is a customer full admin and cannot be moved to a lower package.',
      ),
    ).toHaveLength(2);
    expect(requests.some((request) => request.url === '/v1/admins?customerId=c1&max=200')).toBe(true);
  });

  it.each([
    [
      'a read-only customer admin',
      [{ email: 'anna@acme.nl', role: 'customer_readonly_admin', status: 'active' }],
    ],
    ['a disabled full admin', [{ email: 'anna@acme.nl', role: 'customer_full_admin', status: 'disabled' }]],
    ['another full admin only', [{ email: 'piet@acme.nl', role: 'customer_full_admin', status: 'active' }]],
    ['admins the role may not list', 403],
  ])('disables no lower package for %s', async (_case, answer) => {
    admins = answer;
    await renderDialog({ ...user, package: 'webex_calling' });
    await vi.waitFor(() =>
      expect(requests.some((request) => request.url.startsWith('/v1/admins'))).toBe(true),
    );
    // Let the admins' answer (or refusal) reach the dialog before judging.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(radio('Webex Voice').disabled).toBe(false);
    expect(radio('Webex Meetings').disabled).toBe(false);
    expect(screen.queryByText(/customer full admin/)).toBeNull();
  });

  it('reads the usage again after a change', async () => {
    await renderDialog();
    const before = requests.filter((request) => request.url === '/v1/customers/c1').length;
    fireEvent.click(screen.getByRole('radio', { name: 'Webex Voice' }));
    fireEvent.click(screen.getByRole('button', { name: 'Change' }));
    await vi.waitFor(() =>
      expect(requests.filter((request) => request.url === '/v1/customers/c1').length).toBeGreaterThan(before),
    );
  });

  it('keeps Change disabled while the calling user keeps the same package and number', async () => {
    const calling: User = {
      ...user,
      package: 'webex_calling',
      locationId: 'loc1',
      extension: '1234',
      phoneNumber: null,
    };
    await renderDialog(calling);
    const change = screen.getByRole('button', { name: 'Change' }) as HTMLButtonElement;
    expect(change.disabled).toBe(true);
    expect(screen.getByTestId('same-package').textContent).toMatch(/already has this package/);
    fireEvent.click(change);
    // Only a new number makes it a change.
    fireEvent.change(screen.getByRole('textbox', { name: 'Extension' }), { target: { value: '1235' } });
    expect(change.disabled).toBe(false);
    expect(screen.getByTestId('same-package').textContent).toMatch(
      /“Change” saves the new calling number information/,
    );
    fireEvent.change(screen.getByRole('textbox', { name: 'Extension' }), { target: { value: '1234' } });
    expect(change.disabled).toBe(true);
    expect(requests.some((request) => request.url.endsWith('/package'))).toBe(false);
  });

  it('marks the extension when the server says it is taken, without a tracking id', async () => {
    refusal = {
      message: 'The extension or phone number is already used by another user.',
      errors: [
        { code: 'extension_taken', field: 'extension', description: 'Extension 1235 is already used.' },
      ],
      trackingId: 'trk-5',
    };
    await renderDialog({ ...user, package: 'webex_calling', locationId: 'loc1', extension: '1234' });
    const extension = screen.getByRole('textbox', { name: 'Extension' });
    fireEvent.change(extension, { target: { value: '1235' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change' }));
    const alert = (await screen.findByText('This could not be saved')).closest('[role="alert"]');
    expect(alert?.textContent).not.toContain('trk-5');
    await vi.waitFor(() => expect(extension.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getAllByText('Extension 1235 is already used.')).toHaveLength(1);
  });

  it('words a warning of the change by its code and values, not in the server’s words', async () => {
    packageWarnings = [
      {
        code: 'preferred_site_missing',
        description: 'Server words',
        field: 'preferredWebexSite',
        params: { package: 'webex_meetings' },
      },
    ];
    await renderDialog({ ...user, package: 'webex_voice' });
    fireEvent.click(screen.getByRole('radio', { name: 'Webex Meetings' }));
    fireEvent.click(screen.getByRole('button', { name: 'Change' }));
    // SPEC §6: the message names the column it is about (the API's `field`) and the reason.
    expect(
      await screen.findByText(
        'Warning, Preferred Webex Site: No Preferred Webex Site for Webex Meetings: meetings may not work as expected until one is set.',
      ),
    ).toBeTruthy();
    expect(screen.queryByText(/Server words/)).toBeNull();
  });

  it('names the column of each warning in Dutch, e.g. the Attendant Console that was dropped', async () => {
    packageWarnings = [
      {
        code: 'add_on_dropped',
        description: 'Attendant Console was removed: it is not available with Webex Meetings.',
        field: 'attendantConsole',
        params: { addOn: 'attendant_console', package: 'webex_meetings' },
      },
    ];
    await renderDialog({ ...user, package: 'webex_voice' });
    await act(async () => {
      await i18n.changeLanguage('nl');
    });
    fireEvent.click(screen.getByRole('radio', { name: 'Webex Meetings' }));
    fireEvent.click(screen.getByRole('button', { name: 'Wijzigen' }));
    expect(
      await screen.findByText(
        'Waarschuwing, Attendant Console: Attendant Console is verwijderd: het is niet beschikbaar bij Webex Meetings.',
      ),
    ).toBeTruthy();
  });

  it('names the column of each refusal not shown under its input, in English and Dutch', async () => {
    refusal = {
      message: 'The change was refused.',
      errors: [
        { code: 'extension_taken', field: 'extension', description: 'Extension 1235 is already used.' },
        { code: 'number_taken', field: 'phoneNumber', description: 'The number is taken.' },
        { code: 'limit_reached', field: 'package', description: 'The limit is reached.' },
        { code: 'not_allowed', field: 'attendantConsole', description: 'Not with this package.' },
      ],
    };
    await renderDialog({ ...user, package: 'webex_calling', locationId: 'loc1', extension: '1234' });
    fireEvent.change(screen.getByRole('textbox', { name: 'Extension' }), { target: { value: '1235' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change' }));
    const alert = (await screen.findByText('This could not be saved')).closest('[role="alert"]');
    const lines = () => [...(alert?.querySelectorAll('li') ?? [])].map((item) => item.textContent);
    // The extension's refusal is under its input only.
    expect(lines()).toEqual([
      'Phone Number: The number is taken.',
      'Package: The limit is reached.',
      'Attendant Console: Not with this package.',
    ]);
    expect(screen.getAllByText('Extension 1235 is already used.')).toHaveLength(1);
    await act(async () => {
      await i18n.changeLanguage('nl');
    });
    expect(lines()).toEqual([
      'Telefoonnummer: The number is taken.',
      'Pakket: The limit is reached.',
      'Attendant Console: Not with this package.',
    ]);
  });

  describe('the Attendant Console add-on (SPEC §3)', () => {
    const calling: User = {
      ...user,
      package: 'webex_calling',
      locationId: 'loc1',
      extension: '1234',
      phoneNumber: null,
    };
    const addOn = () =>
      screen.queryByRole('checkbox', { name: /Attendant Console/ }) as HTMLInputElement | null;

    it('is offered next to a base that allows it, when sold, and sent as attendantConsole', async () => {
      soldExtras = ['attendant_console'];
      await renderDialog(calling);
      await vi.waitFor(() => expect(addOn()).not.toBeNull());
      fireEvent.click(screen.getByRole('radio', { name: 'Webex Voice' }));
      expect(addOn()).toBeNull();
      fireEvent.click(screen.getByRole('radio', { name: 'Webex Calling' }));
      const change = screen.getByRole('button', { name: 'Change' }) as HTMLButtonElement;
      expect(change.disabled).toBe(true);
      fireEvent.click(addOn() as HTMLInputElement);
      // Adding the add-on alone is a change.
      expect(change.disabled).toBe(false);
      expect(screen.getByTestId('same-package').textContent).toMatch(/“Change” adds Attendant Console/);
      fireEvent.click(change);
      await vi.waitFor(() =>
        expect(requests.find((request) => request.url.endsWith('/package'))?.body).toEqual({
          package: 'webex_calling',
          attendantConsole: true,
          location: 'loc1',
          extension: '1234',
        }),
      );
    });

    it('is not offered when the customer was not sold it', async () => {
      await renderDialog(calling);
      expect(addOn()).toBeNull();
    });

    it('is disabled with the numbers when its limit is used up', async () => {
      soldExtras = ['attendant_console'];
      limits = { attendant_console: { limit: 2, used: 2 } };
      await renderDialog(calling);
      await vi.waitFor(() => expect(addOn()?.disabled).toBe(true));
      expect(screen.getByText(/limit is reached \(2 of 2 in use\)/)).toBeTruthy();
    });

    it('can be unticked by a holder, even at a full limit, and is sent as attendantConsole: false', async () => {
      soldExtras = ['attendant_console'];
      limits = { attendant_console: { limit: 2, used: 2 } };
      await renderDialog({ ...calling, attendantConsole: true });
      await vi.waitFor(() => expect(addOn()?.checked).toBe(true));
      expect(addOn()?.disabled).toBe(false);
      const change = screen.getByRole('button', { name: 'Change' }) as HTMLButtonElement;
      expect(change.disabled).toBe(true);
      fireEvent.click(addOn() as HTMLInputElement);
      expect(change.disabled).toBe(false);
      expect(screen.getByTestId('same-package').textContent).toMatch(/“Change” removes Attendant Console/);
      fireEvent.click(change);
      await vi.waitFor(() =>
        expect(requests.find((request) => request.url.endsWith('/package'))?.body).toEqual({
          package: 'webex_calling',
          attendantConsole: false,
          location: 'loc1',
          extension: '1234',
        }),
      );
    });

    it('says the add-on goes when the new package does not allow it', async () => {
      soldExtras = ['attendant_console'];
      await renderDialog({ ...calling, package: 'webex_suite', attendantConsole: true });
      expect(addOn()?.checked).toBe(true);
      fireEvent.click(screen.getByRole('radio', { name: 'Webex Voice' }));
      expect(screen.getByTestId('add-on-dropped').textContent).toMatch(
        /Attendant Console will be removed: it is not available with Webex Voice/,
      );
    });

    it("shows the server's refusal of the add-on", async () => {
      soldExtras = ['attendant_console'];
      refusal = {
        message: 'Attendant Console needs Webex Calling, Webex Suite or Customer Assist.',
        errors: [],
      };
      await renderDialog(calling);
      await vi.waitFor(() => expect(addOn()).not.toBeNull());
      fireEvent.click(addOn() as HTMLInputElement);
      fireEvent.click(screen.getByRole('button', { name: 'Change' }));
      expect(await screen.findByText(/Attendant Console needs Webex Calling/)).toBeTruthy();
    });
  });
});
