// @vitest-environment jsdom
// A customer's sold packages and settings on the audit page: in words (package names with their
// limits, settings as the settings page names them), in English and Dutch; the stored JSON stays in
// the raw details.
import { cleanup, configure, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { AuditPage } from './audit-page.tsx';

// Mantine's first render in jsdom is slow on a busy machine: wait for screens longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

const base = {
  occurredAt: '2026-03-01T10:00:00.000Z',
  actor: { type: 'admin', id: 'a1', label: 'owner@example.com' },
  target: { type: 'customer', id: 'c1' },
  requestId: null,
  jobId: null,
};

const settings = {
  defaultPackage: null,
  autoAssignBasicLicences: true,
  defaultPreferredWebexSite: null,
  extensionLength: 4,
  defaultImportBehaviour: 'add-only',
};

/** A customer's change as customer-service.ts stores it: the whole view, before and after. */
const customerUpdate = {
  ...base,
  id: 1,
  action: 'customer.update',
  before: {
    id: 'c1',
    name: 'De Vries BV',
    packages: [
      { id: 'webex_calling', limit: 10, used: 3 },
      { id: 'webex_meetings', limit: null, used: 0 },
    ],
    settings,
  },
  after: {
    id: 'c1',
    name: 'De Vries BV',
    packages: [
      { id: 'webex_calling', limit: 20, used: 3 },
      { id: 'webex_meetings', limit: null, used: 0 },
      { id: 'cx_essentials', limit: 0, used: 0 },
    ],
    settings: { ...settings, defaultPackage: 'webex_calling', extensionLength: 5 },
  },
};

/** The settings page's change: the settings at the top level. */
const settingsUpdate = {
  ...base,
  id: 2,
  action: 'customer.settings.update',
  before: settings,
  after: { ...settings, autoAssignBasicLicences: false, defaultImportBehaviour: 'add-remove' },
};

/** The Wholesale API's change: package ids alone. */
const wholesaleUpdate = {
  ...base,
  id: 3,
  action: 'customer.update',
  before: { status: 'provisioned', externalId: 'DV-1', packages: ['webex_calling'] },
  after: { status: 'provisioned', externalId: 'DV-1', packages: ['webex_calling', 'attendant_console'] },
};

/** Only the usage moved: no change to show. */
const usageOnly = {
  ...base,
  id: 4,
  action: 'customer.update',
  before: { id: 'c1', name: 'A', packages: [{ id: 'webex_voice', limit: null, used: 1 }] },
  after: { id: 'c1', name: 'B', packages: [{ id: 'webex_voice', limit: null, used: 2 }] },
};

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const items = url.includes('/locations')
        ? []
        : [customerUpdate, settingsUpdate, wholesaleUpdate, usageOnly];
      return new Response(JSON.stringify({ items }), { headers: { 'Content-Type': 'application/json' } });
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

/** The changes cell of the row whose text matches, line by line. */
function changeLines(table: HTMLElement, match: RegExp): string[] {
  return within(table).getByText(match).textContent?.split('\n') ?? [];
}

describe('audit log: customer packages and settings', () => {
  it('names packages with their limits and each changed setting, in English', async () => {
    await show();
    const table = await screen.findByRole('table', { name: 'Audit log' });
    expect(changeLines(table, /^Packages: Webex Calling \(limit 10\)/)).toEqual([
      'Packages: Webex Calling (limit 10), Webex Meetings → Webex Calling (limit 20), Webex Meetings, Customer Assist (limit 0)',
      'Default package template for new users: — → Webex Calling',
      'Extension length: 4 → 5',
    ]);
    expect(changeLines(table, /^Automatically assign basic licences/)).toEqual([
      'Automatically assign basic licences: Yes → No',
      'Default CSV import behaviour: Add services only → Add and remove services',
    ]);
    expect(
      within(table).getByText('Packages: Webex Calling → Webex Calling, Attendant Console'),
    ).toBeTruthy();
    expect(changeLines(table, /^Name: A → B/)).toEqual(['Name: A → B']);
  });

  it('names them in Dutch on the Dutch page', async () => {
    await show();
    await i18n.changeLanguage('nl');
    const table = await screen.findByRole('table', { name: 'Auditlogboek' });
    expect(changeLines(table, /^Pakketten: Webex Calling \(limiet 10\)/)).toEqual([
      'Pakketten: Webex Calling (limiet 10), Webex Meetings → Webex Calling (limiet 20), Webex Meetings, Klantassistentie (limiet 0)',
      'Standaardpakketsjabloon voor nieuwe gebruikers: — → Webex Calling',
      'Lengte van toestelnummers: 4 → 5',
    ]);
    expect(changeLines(table, /^Basislicenties automatisch toewijzen/)).toHaveLength(2);
    // No JSON outside the raw details.
    const words = [...table.querySelectorAll('td')].filter((cell) => !cell.querySelector('details'));
    expect(words.map((cell) => cell.textContent).filter((text) => /[{}]/.test(text ?? ''))).toEqual([]);
  });

  it('keeps the stored packages and settings in the raw details', async () => {
    await show();
    const table = await screen.findByRole('table', { name: 'Audit log' });
    const raw = within(table).getAllByText('Raw data (for support)')[0]?.closest('details');
    expect(raw?.textContent).toContain('"id": "cx_essentials"');
    expect(raw?.textContent).toContain('"extensionLength": 5');
  });
});
