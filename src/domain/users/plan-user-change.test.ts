import { describe, expect, it } from 'vitest';
import type { PackageId } from '../packages/catalog.ts';
import type { DesiredUserChange, ImportBehaviour, Channel } from './desired-change.ts';
import { InMemoryCustomerState, type CustomerSnapshot } from './in-memory-customer-state.ts';
import { planUserChange, type PlanAction } from './plan-user-change.ts';
import { emptyUser, type UserState } from './user-state.ts';

const ALL_BASIC = { basic_messaging: true, basic_space_meetings: true, calling_from_webex: true };

function user(email: string, fields: Partial<UserState>): UserState {
  return { ...emptyUser(email), basicLicences: ALL_BASIC, preferredWebexSite: 'x.webex.com', ...fields };
}

const ANNA = user('anna@x.nl', {
  packageId: 'webex_calling',
  extension: '1001',
  phoneNumber: '+31201234501',
  locationId: 'ams',
});
const BRAM = user('bram@x.nl', {
  packageId: 'webex_suite',
  extension: '1002',
  locationId: 'ams',
  addOns: { attendant_console: true },
});
const CARLA = user('carla@x.nl', { packageId: 'webex_meetings' });
const DIRK = user('dirk@x.nl', {
  packageId: 'webex_voice',
  extension: '1003',
  locationId: 'ams',
  preferredWebexSite: null,
});
const BOSS = user('boss@x.nl', { packageId: 'webex_suite', extension: '1004', locationId: 'ams' });
/** Stored before time zones and languages were checked. */
const OLD = user('old@x.nl', {
  packageId: 'webex_meetings',
  timeZone: 'Mars/Olympus',
  preferredLanguage: 'Dutch',
});

function customer(overrides: Partial<CustomerSnapshot> = {}): InMemoryCustomerState {
  return new InMemoryCustomerState({
    soldPackages: [
      { packageId: 'webex_calling', limit: null },
      { packageId: 'webex_calling_standard', limit: null },
      { packageId: 'webex_suite', limit: null },
      { packageId: 'webex_meetings', limit: 4 },
      { packageId: 'webex_voice', limit: null },
      { packageId: 'attendant_console', limit: 1 },
    ],
    locations: [
      { id: 'ams', name: 'Amsterdam HQ', country: 'NL' },
      { id: 'rtm', name: 'Rotterdam', country: 'NL' },
    ],
    numbers: [
      { e164: '+31201234501', locationId: 'ams' },
      { e164: '+31201234502', locationId: 'ams' },
      { e164: '+31107654301', locationId: 'rtm' },
    ],
    users: [ANNA, BRAM, CARLA, DIRK, BOSS, OLD],
    extensionLength: 4,
    defaultPackageTemplate: null,
    autoAssignBasicLicences: true,
    directorySync: false,
    customerFullAdmins: ['boss@x.nl'],
    emailTakenElsewhere: (email) => email === 'other@elsewhere.nl',
    ...overrides,
  });
}

const NEW_CALLING: DesiredUserChange = {
  email: 'New@X.nl',
  text: { firstName: 'New', preferredWebexSite: 'x.webex.com' },
  extension: '2000',
  location: 'amsterdam hq ',
  jabberWithTeams: false,
  jabberCalling: true,
  packages: { webex_calling: true },
  addOns: {},
  basicLicences: {},
};

const change = (fields: Partial<DesiredUserChange>): DesiredUserChange => ({
  email: 'anna@x.nl',
  text: {},
  packages: {},
  addOns: {},
  basicLicences: {},
  ...fields,
});

interface Case {
  name: string;
  change: DesiredUserChange;
  behaviour?: ImportBehaviour;
  channel?: Channel;
  context?: Partial<CustomerSnapshot>;
  action: PlanAction;
  errors?: string[];
  warnings?: string[];
  after?: Partial<UserState>;
}

const packages = (id: PackageId, others: PackageId[] = []) =>
  Object.fromEntries([[id, true], ...others.map((other) => [other, false])]) as Partial<
    Record<PackageId, boolean>
  >;

const cases: Case[] = [
  {
    name: 'adds a calling user, normalizing email and location',
    change: NEW_CALLING,
    action: 'add',
    after: { email: 'new@x.nl', locationId: 'ams', basicLicences: ALL_BASIC },
  },
  {
    name: 'email of another customer',
    change: { ...NEW_CALLING, email: 'other@elsewhere.nl' },
    action: 'error',
    errors: ['email_taken_elsewhere'],
  },
  {
    name: 'invalid email',
    change: { ...NEW_CALLING, email: 'not-an-email' },
    action: 'error',
    errors: ['invalid_email'],
  },
  {
    name: 'local part over 64',
    change: { ...NEW_CALLING, email: `${'a'.repeat(65)}@x.nl` },
    action: 'error',
    errors: ['invalid_email'],
  },
  {
    name: 'two packages',
    change: { ...NEW_CALLING, packages: { webex_calling: true, webex_suite: true } },
    action: 'error',
    errors: ['multiple_packages'],
  },
  {
    name: 'unknown location',
    change: { ...NEW_CALLING, location: 'Utrecht' },
    action: 'error',
    errors: ['unknown_location'],
  },
  {
    name: 'location required',
    change: { ...NEW_CALLING, location: undefined },
    action: 'error',
    errors: ['location_required'],
  },
  {
    name: 'extension or number required',
    change: { ...NEW_CALLING, extension: undefined },
    action: 'error',
    errors: ['number_or_extension_required'],
  },
  {
    name: 'extension with letters',
    change: { ...NEW_CALLING, extension: '20a0' },
    action: 'error',
    errors: ['invalid_extension'],
  },
  {
    name: 'extension of the wrong length',
    change: { ...NEW_CALLING, extension: '200' },
    action: 'error',
    errors: ['extension_wrong_length'],
  },
  ...(
    [
      ['20', 2, 'add'],
      ['2', 2, 'error'],
      ['200', 2, 'error'],
      ['2000000000', 10, 'add'],
      ['200000000', 10, 'error'],
      ['20000000000', 10, 'error'],
    ] as const
  ).map(([extension, length, action]): Case => ({
    name: `extension of ${extension.length} digits with the customer's length ${length}`,
    change: { ...NEW_CALLING, extension },
    context: { extensionLength: length },
    action,
    ...(action === 'add' ? { after: { extension } } : { errors: ['extension_wrong_length'] }),
  })),
  {
    name: 'extension of another user',
    change: { ...NEW_CALLING, extension: '1001' },
    action: 'error',
    errors: ['extension_taken'],
  },
  {
    name: 'number of another user',
    change: { ...NEW_CALLING, phoneNumber: '+31201234501' },
    action: 'error',
    errors: ['number_taken'],
  },
  {
    name: 'number of another location',
    change: { ...NEW_CALLING, phoneNumber: '+31107654301' },
    action: 'error',
    errors: ['number_not_in_location'],
  },
  {
    name: 'Voice with a phone number but no location',
    change: {
      email: 'vp@x.nl',
      text: {},
      phoneNumber: '+31201234502',
      packages: { webex_voice: true },
      addOns: {},
      basicLicences: {},
    },
    channel: 'api',
    action: 'error',
    errors: ['phone_number_needs_location'],
  },
  {
    name: 'a national number without a location (no country to read it with)',
    change: { ...NEW_CALLING, location: undefined, phoneNumber: '020-123 4502' },
    action: 'error',
    errors: ['phone_number_needs_location'],
  },
  {
    name: 'a number with an unknown location reports the location only',
    change: { ...NEW_CALLING, location: 'Utrecht', phoneNumber: '+31201234502' },
    action: 'error',
    errors: ['unknown_location'],
  },
  {
    name: 'a number for a user whose location is stored needs no location again',
    change: change({ email: 'dirk@x.nl', phoneNumber: '+31201234502' }),
    action: 'modify',
    after: { phoneNumber: '+31201234502', locationId: 'ams' },
  },
  {
    name: 'national number normalized',
    change: { ...NEW_CALLING, phoneNumber: '020-123 4502' },
    action: 'add',
    after: { phoneNumber: '+31201234502' },
  },
  {
    name: 'number whose + a spreadsheet stripped',
    change: { ...NEW_CALLING, phoneNumber: '31201234502' },
    action: 'add',
    warnings: ['phone_plus_restored'],
    after: { phoneNumber: '+31201234502' },
  },
  // The Caller ID Number is read like the Phone Number (SPEC §4, issue 3): a `+` a spreadsheet
  // stripped is restored with the same warning, on the Caller ID Number column.
  {
    name: 'Caller ID Number whose + a spreadsheet stripped (location country)',
    change: { ...NEW_CALLING, callerIdNumber: '31201234567' },
    action: 'add',
    warnings: ['phone_plus_restored'],
    after: { callerIdNumber: '+31201234567' },
  },
  {
    name: 'Caller ID Number whose + a spreadsheet stripped (customer country, no location)',
    change: change({ email: 'carla@x.nl', callerIdNumber: '4930123456' }),
    context: { customerCountry: 'DE' },
    action: 'modify',
    warnings: ['phone_plus_restored'],
    after: { callerIdNumber: '+4930123456' },
  },
  {
    name: 'Caller ID Number in E.164 gives no warning',
    change: { ...NEW_CALLING, callerIdNumber: '+31201234567' },
    action: 'add',
    warnings: [],
    after: { callerIdNumber: '+31201234567' },
  },
  {
    name: 'national Caller ID Number gives no warning',
    change: change({ email: 'carla@x.nl', callerIdNumber: '030 123456' }),
    context: { customerCountry: 'DE' },
    action: 'modify',
    warnings: [],
    after: { callerIdNumber: '+4930123456' },
  },
  {
    name: 'Caller ID Number and Phone Number that both lost their + warn once each',
    change: { ...NEW_CALLING, phoneNumber: '31201234502', callerIdNumber: '31201234567' },
    action: 'add',
    warnings: ['phone_plus_restored', 'phone_plus_restored'],
    after: { phoneNumber: '+31201234502', callerIdNumber: '+31201234567' },
  },
  {
    name: 'invalid number',
    change: { ...NEW_CALLING, phoneNumber: 'call me' },
    action: 'error',
    errors: ['invalid_phone_number'],
  },
  {
    name: 'Jabber columns missing for a new CSV user',
    change: { ...NEW_CALLING, jabberCalling: undefined, jabberWithTeams: undefined },
    action: 'error',
    errors: ['jabber_required', 'jabber_required'],
  },
  {
    name: 'Jabber defaults to FALSE outside CSV',
    change: { ...NEW_CALLING, jabberCalling: undefined },
    channel: 'api',
    action: 'add',
    after: { jabberCalling: false },
  },
  {
    name: 'missing preferred site is a warning',
    change: { ...NEW_CALLING, text: {} },
    action: 'add',
    warnings: ['preferred_site_missing'],
  },
  {
    name: 'Voice needs no site, number or location',
    change: {
      email: 'v@x.nl',
      text: {},
      jabberCalling: false,
      jabberWithTeams: false,
      packages: { webex_voice: true },
      addOns: {},
      basicLicences: {},
    },
    action: 'add',
    warnings: [],
  },
  {
    name: 'package not sold',
    change: { ...NEW_CALLING, packages: { cx_essentials: true } },
    action: 'error',
    errors: ['package_not_sold'],
  },
  {
    name: 'package limit used up',
    change: { ...NEW_CALLING, packages: { webex_meetings: true } },
    context: { soldPackages: [{ packageId: 'webex_meetings', limit: 1 }] },
    action: 'error',
    errors: ['package_limit_reached'],
  },
  {
    name: 'new user assigning nothing is unchanged with a warning',
    change: change({ email: 'ghost@x.nl', packages: { webex_calling: false } }),
    action: 'unchanged',
    warnings: ['unknown_user_nothing_assigned'],
  },
  {
    name: 'new user without package but with a licence',
    change: change({ email: 'ghost@x.nl', basicLicences: { basic_messaging: true } }),
    action: 'error',
    errors: ['package_required'],
  },
  {
    name: 'new user takes the default package template',
    change: change({
      email: 'tpl@x.nl',
      jabberCalling: false,
      jabberWithTeams: false,
      text: { preferredWebexSite: 's' },
    }),
    context: { defaultPackageTemplate: 'webex_meetings' },
    action: 'add',
    after: { packageId: 'webex_meetings' },
  },
  {
    name: 'a new user without a site gets the default preferred Webex site, and no warning',
    change: { ...NEW_CALLING, text: { firstName: 'New' } },
    context: { defaultPreferredWebexSite: 'att.webex.com' },
    action: 'add',
    warnings: [],
    after: { preferredWebexSite: 'att.webex.com' },
  },
  {
    name: 'a new user with a site keeps it over the default',
    change: NEW_CALLING,
    context: { defaultPreferredWebexSite: 'att.webex.com' },
    action: 'add',
    warnings: [],
    after: { preferredWebexSite: 'x.webex.com' },
  },
  {
    name: 'without a default site a new user without a site is warned about',
    change: { ...NEW_CALLING, text: { firstName: 'New' } },
    action: 'add',
    warnings: ['preferred_site_missing'],
    after: { preferredWebexSite: null },
  },
  {
    name: 'the default site does not touch an existing user without a site',
    change: change({ email: 'dirk@x.nl', text: { title: 'Chef' } }),
    context: { defaultPreferredWebexSite: 'att.webex.com' },
    action: 'modify',
    after: { preferredWebexSite: null, title: 'Chef' },
  },
  {
    name: 'an unknown location is the only error, not also the number outside it',
    change: { ...NEW_CALLING, location: 'Atlantis', phoneNumber: '+31201234502' },
    action: 'error',
    errors: ['unknown_location'],
  },
  {
    name: 'an unknown time zone is an error on its column',
    change: change({ text: { timeZone: 'Mars/Olympus' } }),
    action: 'error',
    errors: ['invalid_time_zone'],
  },
  {
    name: 'an IANA time zone is stored in its IANA spelling',
    change: change({ text: { timeZone: 'europe/amsterdam' } }),
    action: 'modify',
    after: { timeZone: 'Europe/Amsterdam' },
  },
  {
    name: 'an invalid preferred language is an error on its column',
    change: change({ text: { preferredLanguage: 'xx-yy-zz' } }),
    action: 'error',
    errors: ['invalid_preferred_language'],
  },
  {
    name: 'a preferred language with - is accepted and stored as given',
    change: change({ text: { preferredLanguage: 'nl-NL' } }),
    action: 'modify',
    after: { preferredLanguage: 'nl-NL' },
  },
  {
    name: 'a stored time zone and language given back unchanged stay readable',
    change: change({ email: 'old@x.nl', text: { timeZone: 'Mars/Olympus', preferredLanguage: 'Dutch' } }),
    action: 'unchanged',
  },
  {
    name: 'add-only ignores FALSE on the held package',
    change: change({ packages: { webex_calling: false } }),
    action: 'unchanged',
  },
  {
    name: 'add-remove: FALSE on the held package removes the user',
    change: change({ packages: { webex_calling: false, webex_suite: false } }),
    behaviour: 'add-remove',
    action: 'remove',
  },
  {
    name: 'add-remove: FALSE elsewhere changes nothing',
    change: change({ packages: { webex_suite: false } }),
    behaviour: 'add-remove',
    action: 'unchanged',
  },
  {
    name: 'TRUE on another package is a package change',
    change: change({ packages: packages('webex_suite', ['webex_calling']) }),
    action: 'modify',
    after: { packageId: 'webex_suite', extension: '1001' },
  },
  {
    name: 'professional -> Calling Standard is forbidden',
    change: change({ packages: { webex_calling_standard: true } }),
    action: 'error',
    errors: ['forbidden_change'],
  },
  {
    name: 'package without calling releases number, extension and location',
    change: change({ packages: { webex_meetings: true } }),
    action: 'modify',
    after: { extension: null, phoneNumber: null, locationId: null },
  },
  {
    name: 'Voice keeps number and extension',
    change: change({ packages: { webex_voice: true } }),
    action: 'modify',
    after: { extension: '1001', phoneNumber: '+31201234501', locationId: 'ams' },
  },
  {
    name: 'change to a number package needs calling info',
    change: change({ email: 'carla@x.nl', packages: { webex_suite: true } }),
    action: 'error',
    errors: ['number_or_extension_required', 'location_required'],
  },
  {
    name: "REMOVE| of the user's own number",
    change: change({ removePhoneNumber: '020 123 4501' }),
    action: 'modify',
    after: { phoneNumber: null, extension: '1001' },
  },
  {
    name: 'REMOVE| of a number the user does not hold',
    change: change({ removePhoneNumber: '+31201234502' }),
    action: 'error',
    errors: ['remove_number_not_held'],
  },
  {
    name: 'REMOVE| then the package rules: no extension left',
    change: change({ email: 'anna@x.nl', removePhoneNumber: '+31201234501', extension: undefined }),
    context: {
      users: [
        user('anna@x.nl', { packageId: 'webex_calling', phoneNumber: '+31201234501', locationId: 'ams' }),
      ],
    },
    action: 'error',
    errors: ['number_or_extension_required'],
  },
  {
    name: 'full admin cannot move down',
    change: change({ email: 'boss@x.nl', packages: { webex_calling: true } }),
    action: 'error',
    errors: ['admin_downgrade'],
  },
  {
    name: 'only full admin cannot be removed',
    change: change({ email: 'boss@x.nl', packages: { webex_suite: false } }),
    behaviour: 'add-remove',
    action: 'error',
    errors: ['only_full_admin_removal'],
  },
  {
    name: 'one of two full admins can be removed',
    change: change({ email: 'boss@x.nl', packages: { webex_suite: false } }),
    behaviour: 'add-remove',
    context: { customerFullAdmins: ['boss@x.nl', 'anna@x.nl'] },
    action: 'remove',
  },
  {
    name: 'add-on only with allowed packages',
    change: change({ email: 'carla@x.nl', addOns: { attendant_console: true } }),
    action: 'error',
    errors: ['add_on_not_allowed'],
  },
  {
    name: 'add-on limit',
    change: change({ addOns: { attendant_console: true } }),
    action: 'error',
    errors: ['package_limit_reached'],
  },
  {
    name: 'add-on dropped with a warning when the package no longer allows it',
    change: change({ email: 'bram@x.nl', packages: { webex_voice: true } }),
    action: 'modify',
    warnings: ['add_on_dropped'],
    after: { addOns: { attendant_console: false } },
  },
  {
    name: 'add-remove: FALSE unassigns the add-on',
    change: change({ email: 'bram@x.nl', addOns: { attendant_console: false } }),
    behaviour: 'add-remove',
    action: 'modify',
    after: { addOns: { attendant_console: false } },
  },
  {
    name: 'add-only: FALSE on the add-on is ignored',
    change: change({ email: 'bram@x.nl', addOns: { attendant_console: false } }),
    action: 'unchanged',
  },
  {
    name: 'add-remove: basic licences only as the file says',
    change: change({ basicLicences: { basic_messaging: false } }),
    behaviour: 'add-remove',
    action: 'modify',
    after: { basicLicences: { ...ALL_BASIC, basic_messaging: false } },
  },
  {
    name: 'add-only: basic licences assigned automatically',
    change: change({ email: 'dirk@x.nl' }),
    context: {
      users: [
        user('dirk@x.nl', {
          packageId: 'webex_voice',
          basicLicences: { basic_messaging: false, basic_space_meetings: false, calling_from_webex: false },
        }),
      ],
    },
    action: 'modify',
    after: { basicLicences: ALL_BASIC },
  },
  {
    name: 'same values are unchanged (email case, E.164, location case)',
    change: change({
      email: 'ANNA@x.nl',
      phoneNumber: '020 123 4501',
      extension: '1001',
      location: 'AMSTERDAM HQ',
      packages: { webex_calling: true },
    }),
    action: 'unchanged',
  },
  {
    name: 'a changed text field is a modify',
    change: change({ text: { title: 'Baker' } }),
    action: 'modify',
    after: { title: 'Baker' },
  },
  {
    name: 'directory sync owns names',
    change: change({ text: { firstName: 'Other' } }),
    context: { directorySync: true },
    action: 'error',
    errors: ['directory_sync_read_only'],
  },
  {
    name: 'calling fields on Meetings are ignored with a warning',
    change: change({ email: 'carla@x.nl', extension: '3000' }),
    action: 'unchanged',
    warnings: ['calling_fields_ignored'],
  },
];

describe('planUserChange', () => {
  it.each(cases)('$name', (testCase) => {
    const context = customer(testCase.context);
    const current = context.user(testCase.change.email);
    const plan = planUserChange({
      current,
      change: testCase.change,
      behaviour: testCase.behaviour ?? 'add-only',
      channel: testCase.channel ?? 'csv',
      context,
    });
    expect(plan.action).toBe(testCase.action);
    expect(plan.errors.map((e) => e.code)).toEqual(testCase.errors ?? []);
    if (testCase.warnings) expect(plan.warnings.map((w) => w.code)).toEqual(testCase.warnings);
    if (testCase.after) expect(plan.after).toMatchObject(testCase.after);
  });

  it.each([
    { email: `${'a'.repeat(65)}@x.nl`, localPartLength: 65 },
    // Another shape problem as well: the length is still the reason worth naming.
    { email: `${'a'.repeat(70)}@x`, localPartLength: 70 },
    { email: `${'a'.repeat(64)}@x`, localPartLength: undefined },
    { email: 'no-at-sign', localPartLength: undefined },
  ])('names the length of a local part over 64 characters ($email)', ({ email, localPartLength }) => {
    const context = customer();
    const plan = planUserChange({
      current: null,
      change: { ...NEW_CALLING, email },
      behaviour: 'add-only',
      channel: 'csv',
      context,
    });
    expect(plan.errors.map((error) => error.code)).toEqual(['invalid_email']);
    expect(plan.errors[0]?.params?.['localPartLength']).toBe(localPartLength);
  });

  it.each([
    { field: 'phoneNumber' as const, value: '31201234502', number: '+31201234502' },
    { field: 'callerIdNumber' as const, value: ' 31201234567 ', number: '+31201234567' },
  ])('names the column of a restored + ($field)', ({ field, value, number }) => {
    const plan = planUserChange({
      current: null,
      change: { ...NEW_CALLING, [field]: value },
      behaviour: 'add-only',
      channel: 'csv',
      context: customer(),
    });
    expect(plan.warnings).toEqual([
      { code: 'phone_plus_restored', column: field, params: { value: value.trim(), number } },
    ]);
  });

  it('reports field-level before -> after for a modify', () => {
    const context = customer();
    const plan = planUserChange({
      current: context.user('anna@x.nl'),
      change: change({ extension: '1009', text: { title: 'Baker' } }),
      behaviour: 'add-only',
      channel: 'csv',
      context,
    });
    expect(plan.changes).toEqual([
      { field: 'title', before: null, after: 'Baker' },
      { field: 'extension', before: '1001', after: '1009' },
    ]);
  });

  it('shows a location change by name, as the Location column does', () => {
    const context = customer();
    const plan = planUserChange({
      current: context.user('bram@x.nl'),
      change: change({ email: 'bram@x.nl', location: 'rotterdam' }),
      behaviour: 'add-only',
      channel: 'csv',
      context,
    });
    expect(plan.action).toBe('modify');
    expect(plan.changes).toEqual([{ field: 'location', before: 'Amsterdam HQ', after: 'Rotterdam' }]);
    expect(plan.after?.locationId).toBe('rtm');
  });

  it('later rows see numbers, extensions and limits taken by earlier rows', () => {
    const context = customer({ soldPackages: [{ packageId: 'webex_calling', limit: 2 }] });
    const first = planUserChange({
      current: null,
      change: { ...NEW_CALLING, phoneNumber: '+31201234502' },
      behaviour: 'add-only',
      channel: 'csv',
      context,
    });
    context.apply(first);
    const second = planUserChange({
      current: null,
      change: { ...NEW_CALLING, email: 'two@x.nl', extension: '2000' },
      behaviour: 'add-only',
      channel: 'csv',
      context,
    });
    expect(second.errors.map((e) => e.code)).toEqual(['package_limit_reached', 'extension_taken']);
    expect(context.numberEntry('+31201234502')?.holder).toBe('new@x.nl');
  });
});
