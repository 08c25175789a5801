import { describe, expect, it } from 'vitest';
import { InMemoryCustomerState } from './in-memory-customer-state.ts';
import { planUserChange } from './plan-user-change.ts';
import type { DesiredUserChange } from './desired-change.ts';

const state = () =>
  new InMemoryCustomerState({
    soldPackages: [{ packageId: 'webex_calling', limit: null }],
    locations: [{ id: 'ams', name: 'Amsterdam HQ', country: 'NL' }],
    numbers: [],
    users: [],
    extensionLength: 4,
    defaultPackageTemplate: null,
    autoAssignBasicLicences: true,
    directorySync: false,
    customerFullAdmins: [],
    emailTakenElsewhere: () => false,
    retainPlannedUsers: false,
  });

const row = (email: string, phoneNumber: string, extension: string): DesiredUserChange => ({
  email,
  text: { preferredWebexSite: 's' },
  phoneNumber,
  extension,
  location: 'Amsterdam HQ',
  jabberCalling: false,
  jabberWithTeams: false,
  packages: { webex_calling: true },
  addOns: {},
  basicLicences: {},
});

describe('InMemoryCustomerState for streaming imports', () => {
  it('keeps the effects of planned users (numbers, extensions, usage) but not the users', () => {
    const context = state();
    context.setBatchNumbers([{ e164: '+31201234501', locationId: 'ams' }]);
    const plan = planUserChange({
      current: null,
      change: row('a@x.nl', '+31201234501', '1001'),
      behaviour: 'add-only',
      channel: 'csv',
      context,
    });
    expect(plan.action).toBe('add');
    context.apply(plan);
    expect(context.user('a@x.nl')).toBeNull();
    expect(context.usage('webex_calling')).toBe(1);
    expect(context.extensionHolder('1001')).toBe('a@x.nl');
    // The next batch loads its own inventory entries; the holder is still known.
    context.setBatchNumbers([{ e164: '+31201234501', locationId: 'ams' }]);
    const second = planUserChange({
      current: null,
      change: row('b@x.nl', '+31201234501', '1002'),
      behaviour: 'add-only',
      channel: 'csv',
      context,
    });
    expect(second.errors.map((error) => error.code)).toEqual(['number_taken']);
  });

  it('treats a number outside the loaded batch inventory as not in the location', () => {
    const context = state();
    context.setBatchNumbers([]);
    const plan = planUserChange({
      current: null,
      change: row('c@x.nl', '+31201234509', '1003'),
      behaviour: 'add-only',
      channel: 'csv',
      context,
    });
    expect(plan.errors.map((error) => error.code)).toEqual(['number_not_in_location']);
  });
});
