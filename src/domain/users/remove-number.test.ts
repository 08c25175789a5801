// SPEC §4/§6: `REMOVE|<number>` in national format is read with the country of the location the
// held number belongs to, also when the row moves the user to a location in another country; a
// number stored without a location (older data) is read with the row's location. Pure planner.
import { describe, expect, it } from 'vitest';
import type { DesiredUserChange } from './desired-change.ts';
import { InMemoryCustomerState } from './in-memory-customer-state.ts';
import { planUserChange, type PlanAction } from './plan-user-change.ts';
import { emptyUser, type UserState } from './user-state.ts';

const calling = (email: string, fields: Partial<UserState>): UserState => ({
  ...emptyUser(email),
  packageId: 'webex_voice',
  preferredWebexSite: 's.webex.com',
  ...fields,
});

const USERS = [
  calling('anna@x.nl', { phoneNumber: '+31201234501', locationId: 'ams', extension: '1001' }),
  calling('old@x.nl', { phoneNumber: '+31201234502', locationId: null }),
];

const state = new InMemoryCustomerState({
  soldPackages: [{ packageId: 'webex_voice', limit: null }],
  locations: [
    { id: 'ams', name: 'Amsterdam HQ', country: 'NL' },
    { id: 'bru', name: 'Brussel', country: 'BE' },
  ],
  numbers: [
    { e164: '+31201234501', locationId: 'ams' },
    { e164: '+31201234502', locationId: 'ams' },
  ],
  users: USERS,
  extensionLength: 4,
  defaultPackageTemplate: null,
  autoAssignBasicLicences: false,
  directorySync: false,
  customerFullAdmins: [],
  emailTakenElsewhere: () => false,
});

const change = (email: string, fields: Partial<DesiredUserChange>): DesiredUserChange => ({
  email,
  text: {},
  packages: {},
  addOns: {},
  basicLicences: {},
  ...fields,
});

describe('REMOVE| of a national number', () => {
  it.each<[string, DesiredUserChange, PlanAction, Partial<UserState>]>([
    [
      'moving the user to a location in another country',
      change('anna@x.nl', { removePhoneNumber: '020 123 4501', location: 'Brussel' }),
      'modify',
      { phoneNumber: null, locationId: 'bru', extension: '1001' },
    ],
    [
      'staying where the user is',
      change('anna@x.nl', { removePhoneNumber: '020-1234501' }),
      'modify',
      { phoneNumber: null, locationId: 'ams' },
    ],
    [
      'of a number stored without a location, in a row that gives one',
      change('old@x.nl', { removePhoneNumber: '020 123 4502', location: 'Amsterdam HQ' }),
      'modify',
      { phoneNumber: null, locationId: 'ams' },
    ],
  ])('%s', (_name, desired, action, after) => {
    const plan = planUserChange({
      current: USERS.find((user) => user.email === desired.email) ?? null,
      change: desired,
      behaviour: 'add-only',
      channel: 'csv',
      context: state,
    });
    expect({ action: plan.action, errors: plan.errors.map((error) => error.code) }).toEqual({
      action,
      errors: [],
    });
    expect(plan.after).toMatchObject(after);
  });

  it("of a number that is not the user's is a row error, read with any country", () => {
    const plan = planUserChange({
      current: USERS[0]!,
      change: change('anna@x.nl', { removePhoneNumber: '020 123 4502', location: 'Brussel' }),
      behaviour: 'add-only',
      channel: 'csv',
      context: state,
    });
    // The held number stays, so it is not one of Brussel's numbers either.
    expect(plan.errors.map((error) => error.code)).toEqual([
      'remove_number_not_held',
      'number_not_in_location',
    ]);
  });
});
