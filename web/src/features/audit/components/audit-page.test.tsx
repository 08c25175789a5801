// @vitest-environment jsdom
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { AuditPage } from './audit-page.tsx';

// Mantine's first render in jsdom is slow on a busy machine: wait for screens longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

const urls: string[] = [];
let events: unknown[] = [];

beforeEach(() => {
  urls.length = 0;
  events = [
    {
      id: 7,
      occurredAt: '2026-03-01T10:00:00.000Z',
      actor: { type: 'admin', id: 'a1', label: 'owner@example.com' },
      action: 'user.update',
      target: { type: 'user', id: 'u1' },
      before: { displayName: 'Ann', locale: 'nl' },
      after: { displayName: 'Anna', locale: 'nl' },
      requestId: null,
      jobId: null,
    },
  ];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      urls.push(url);
      const items = url.includes('/locations') ? [{ id: 'loc-1', name: 'Amsterdam HQ' }] : events;
      return new Response(JSON.stringify({ items }), {
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

const show = () =>
  renderPage(<AuditPage />, { path: '/control/c1/audit', pattern: '/control/:customerId/audit' });

describe('audit log', () => {
  it('lists who did what, in words, with only the fields that changed', async () => {
    await show();
    const table = await screen.findByRole('table', { name: 'Audit log' });
    expect(within(table).getByText('owner@example.com')).toBeTruthy();
    expect(within(table).getByText('User changed')).toBeTruthy();
    expect(within(table).getByText('User')).toBeTruthy();
    expect(within(table).getByText('Display Name: Ann → Anna')).toBeTruthy();
    expect(within(table).queryByText(/Locale/)).toBeNull();
  });

  it('keeps the stored event (action code, before and after) in a details disclosure for support', async () => {
    await show();
    const table = await screen.findByRole('table', { name: 'Audit log' });
    const raw = within(table).getByText('Raw data (for support)').closest('details');
    expect(raw?.open).toBe(false);
    expect(raw?.textContent).toContain('"action": "user.update"');
    expect(raw?.textContent).toContain('"displayName": "Anna"');
  });

  it("reads a CSV import's update field by field, with column and package names", async () => {
    const state = {
      email: 'carla@devries.example',
      extension: null,
      locationId: null,
      jabberCalling: false,
      packageId: 'webex_meetings',
      addOns: { attendant_console: false },
      basicLicences: { basic_messaging: true },
    };
    events = [
      {
        ...(events[0] as object),
        before: state,
        after: {
          ...state,
          extension: '1010',
          locationId: 'loc-1',
          jabberCalling: true,
          packageId: 'webex_suite',
          addOns: { attendant_console: true },
        },
        locationNames: { 'loc-1': 'Amsterdam HQ' },
      },
    ];
    await show();
    const table = await screen.findByRole('table', { name: 'Audit log' });
    const cell = await within(table).findByText(/Location: — → Amsterdam HQ/);
    expect(cell.textContent?.split('\n')).toEqual([
      'Extension: — → 1010',
      'Location: — → Amsterdam HQ',
      'Jabber Calling: No → Yes',
      'Package: Webex Meetings → Webex Suite',
      'Attendant Console: No → Yes',
    ]);
  });

  it("names locations as the server names them, and never fetches the customer's locations", async () => {
    const user = { email: 'ann@devries.example', locationId: null };
    events = [
      {
        ...(events[0] as object),
        before: user,
        after: { ...user, locationId: 'loc-1' },
        locationNames: { 'loc-1': 'Utrecht office' },
      },
      {
        ...(events[0] as object),
        id: 8,
        before: { ...user, locationId: 'loc-1' },
        // A deleted location (or an older server) has no name: its id is shown.
        after: { ...user, locationId: 'loc-gone' },
        locationNames: { 'loc-1': 'Utrecht office' },
      },
    ];
    await show();
    const table = await screen.findByRole('table', { name: 'Audit log' });
    expect(await within(table).findByText('Location: — → Utrecht office')).toBeTruthy();
    expect(within(table).getByText('Location: Utrecht office → loc-gone')).toBeTruthy();
    expect(urls.some((url) => url.includes('/audit'))).toBe(true);
    expect(urls.filter((url) => url.includes('/locations'))).toEqual([]);
  });

  it('reads the change list an import stored as "before" (older rows) as the changes', async () => {
    events = [
      {
        ...(events[0] as object),
        before: {
          changes: [
            { field: 'extension', before: null, after: '1010' },
            { field: 'package', before: 'webex_meetings', after: 'webex_suite' },
          ],
        },
        after: null,
      },
    ];
    await show();
    const table = await screen.findByRole('table', { name: 'Audit log' });
    const cell = within(table).getByText(/Extension: — → 1010/);
    expect(cell.textContent?.split('\n')).toEqual([
      'Extension: — → 1010',
      'Package: Webex Meetings → Webex Suite',
    ]);
    expect(within(table).queryByText(/changes:/)).toBeNull();
  });

  it('shows the fields a created user holds, and names actions and objects in Dutch', async () => {
    events = [
      {
        ...(events[0] as object),
        action: 'domain.add',
        target: { type: 'domain', id: 'd1' },
        before: null,
        after: { name: 'devries.example' },
      },
      {
        ...(events[0] as object),
        id: 8,
        action: 'user.create',
        before: null,
        after: {
          email: 'anna@devries.example',
          title: null,
          jabberCalling: false,
          packageId: 'cx_essentials',
        },
      },
    ];
    await show();
    await i18n.changeLanguage('nl');
    const table = await screen.findByRole('table', { name: 'Auditlogboek' });
    expect(within(table).getByText('Domein toegevoegd')).toBeTruthy();
    expect(within(table).getByText('Domein')).toBeTruthy();
    expect(within(table).getByText('Naam: — → devries.example')).toBeTruthy();
    expect(within(table).getByText('Gebruiker toegevoegd')).toBeTruthy();
    const created = within(table).getByText(/Gebruikers-ID\/e-mail: — → anna@devries.example/);
    expect(created.textContent?.split('\n')).toEqual([
      'Gebruikers-ID/e-mail: — → anna@devries.example',
      'Pakket: — → Klantassistentie',
    ]);
    expect(within(table).queryByText(/user\.create|domain\.add/, { ignore: 'details *' })).toBeNull();
  });

  it('filters by an action chosen by its name and asks the server for its code only', async () => {
    await show();
    await screen.findByRole('table', { name: 'Audit log' });
    const filter = screen.getByRole('combobox', { name: 'Filter by action' });
    expect(filter.getAttribute('placeholder')).toBe('All actions');
    fireEvent.click(filter);
    // Mantine's dropdown is still in its opening transition in jsdom: its options count as hidden.
    fireEvent.click(await screen.findByRole('option', { name: 'User added', hidden: true }));
    await waitFor(() => expect(urls.some((url) => url.includes('action=user.create'))).toBe(true));
    // Other requests (the customer's name) carry no filter.
    const filtered = urls.filter((url) => url.includes('action='));
    expect(filtered.every((url) => url.startsWith('/v1/customers/c1/audit?'))).toBe(true);
  });

  it('names on the Dutch page the fields, roles, statuses and address of a create, without ids or empty lists', async () => {
    events = [
      {
        ...(events[0] as object),
        action: 'customer.create',
        target: { type: 'customer', id: 'c1' },
        before: null,
        after: {
          id: 'c1',
          partnerId: 'p1',
          name: 'De Vries BV',
          address: { addressLine1: 'Dam 1', addressLine2: null, city: 'Amsterdam', zipCode: '1012 JS' },
          status: 'provisioning',
          errors: [],
          settings: {},
          createdAt: '2026-03-01T10:00:00.000Z',
        },
      },
      {
        ...(events[0] as object),
        id: 8,
        action: 'numbers.add',
        target: { type: 'location', id: 'loc-1' },
        before: null,
        after: { ranges: ['+31201234500-+31201234509'], added: 10 },
      },
      {
        ...(events[0] as object),
        id: 9,
        action: 'admin.update',
        target: { type: 'admin', id: 'a2' },
        before: { id: 'a2', role: 'customer_readonly_admin' },
        after: { id: 'a2', role: 'customer_full_admin' },
      },
    ];
    await show();
    await i18n.changeLanguage('nl');
    const table = await screen.findByRole('table', { name: 'Auditlogboek' });
    const created = within(table).getByText(/Naam: — → De Vries BV/);
    expect(created.textContent?.split('\n')).toEqual([
      'Naam: — → De Vries BV',
      'Adres: — → Dam 1, Amsterdam, 1012 JS',
      'Status: — → Wordt ingericht',
    ]);
    const numbers = within(table).getByText(/Nummerreeksen/);
    expect(numbers.textContent?.split('\n')).toEqual([
      'Nummerreeksen: — → +31201234500-+31201234509',
      'Toegevoegd: — → 10',
    ]);
    expect(
      within(table).getByText('Rol: Klantbeheerder (alleen-lezen) → Klantbeheerder (volledig)'),
    ).toBeTruthy();
  });

  it('names in words the actions the server writes outside a request, and probes of email addresses', async () => {
    events = [
      { ...(events[0] as object), action: 'customer.provisioned', before: null, after: null },
      {
        ...(events[0] as object),
        id: 8,
        action: 'user.email_taken_probe',
        target: { type: 'email', id: 'x@example.com' },
        before: null,
        after: { result: 'email_taken' },
      },
      {
        ...(events[0] as object),
        id: 9,
        action: 'user.provisioning.failed',
        before: { status: 'provisioned', errors: [] },
        after: {
          status: 'error',
          errors: [{ code: 'x', description: 'Licence failed', descriptionNl: 'Licentie mislukt' }],
        },
      },
    ];
    await show();
    await i18n.changeLanguage('nl');
    const table = await screen.findByRole('table', { name: 'Auditlogboek' });
    expect(within(table).getByText('Klant ingericht')).toBeTruthy();
    expect(within(table).getByText('E-mailadres geweigerd (al in gebruik)')).toBeTruthy();
    expect(within(table).getByText('E-mailadres')).toBeTruthy();
    expect(within(table).getByText('Resultaat: — → E-mailadres al in gebruik')).toBeTruthy();
    expect(within(table).getByText('Inrichten van gebruiker mislukt')).toBeTruthy();
    expect(within(table).getByText(/Fouten: — → Licentie mislukt/)).toBeTruthy();
  });

  it('says so when there are no events', async () => {
    events = [];
    await show();
    expect(await screen.findByText('No events')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
