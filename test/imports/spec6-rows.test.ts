// SPEC §6 (and the §3–§5 rules it applies to a CSV row), sentence by sentence: whole CSV files
// through openCsv + CsvRowPlanner against an in-memory customer, table-driven. The service-level
// sentences (jobs, error report, export) are in spec6-jobs.test.ts.
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { EXPORT_HEADERS, userToExportRow } from '../../src/domain/csv/export-row.ts';
import { CsvRowPlanner, type CsvRowPlan, type PlanningState } from '../../src/domain/csv/plan-csv-rows.ts';
import { BatchedCustomerState } from '../../src/domain/users/batched-customer-state.ts';
import { bytesSource, openCsv } from '../../src/domain/csv/read-csv.ts';
import type { ImportBehaviour } from '../../src/domain/users/desired-change.ts';
import {
  InMemoryCustomerState,
  type CustomerSnapshot,
} from '../../src/domain/users/in-memory-customer-state.ts';
import type { PlanAction } from '../../src/domain/users/plan-user-change.ts';
import { emptyUser, type UserState } from '../../src/domain/users/user-state.ts';

const ALL_BASIC = { basic_messaging: true, basic_space_meetings: true, calling_from_webex: true };
const NO_BASIC = { basic_messaging: false, basic_space_meetings: false, calling_from_webex: false };

function user(email: string, fields: Partial<UserState>): UserState {
  return { ...emptyUser(email), basicLicences: ALL_BASIC, preferredWebexSite: 's.webex.com', ...fields };
}

const USERS: readonly UserState[] = [
  user('anna@x.nl', {
    packageId: 'webex_calling',
    extension: '1001',
    phoneNumber: '+31201234501',
    locationId: 'ams',
  }),
  user('bram@x.nl', {
    packageId: 'webex_suite',
    extension: '1002',
    locationId: 'ams',
    addOns: { attendant_console: true },
  }),
  user('carla@x.nl', { packageId: 'webex_meetings' }),
  user('dirk@x.nl', {
    packageId: 'webex_voice',
    extension: '1003',
    locationId: 'ams',
    preferredWebexSite: null,
  }),
  user('boss@x.nl', { packageId: 'webex_suite', extension: '1004', locationId: 'ams' }),
  user('cx@x.nl', { packageId: 'cx_essentials', extension: '1005', locationId: 'ams' }),
  user('vera@x.nl', { packageId: 'webex_voice', phoneNumber: '+31201234503', locationId: 'ams' }),
  user('noba@x.nl', {
    packageId: 'webex_calling',
    extension: '1006',
    locationId: 'ams',
    basicLicences: NO_BASIC,
  }),
  user('nopk@x.nl', { packageId: null, basicLicences: NO_BASIC }),
];

function customer(overrides: Partial<CustomerSnapshot> = {}): InMemoryCustomerState {
  return new InMemoryCustomerState({
    soldPackages: [
      'webex_voice',
      'webex_calling',
      'webex_calling_standard',
      'webex_meetings',
      'webex_suite',
      'cx_essentials',
      'attendant_console',
    ].map((id) => ({ packageId: id as 'webex_voice', limit: null })),
    locations: [
      { id: 'ams', name: 'Amsterdam HQ', country: 'NL' },
      { id: 'rtm', name: 'Rotterdam', country: 'NL' },
    ],
    numbers: [
      { e164: '+31201234501', locationId: 'ams' },
      { e164: '+31201234502', locationId: 'ams' },
      { e164: '+31201234503', locationId: 'ams' },
      { e164: '+31107654301', locationId: 'rtm' },
    ],
    users: USERS,
    extensionLength: 4,
    defaultPackageTemplate: null,
    autoAssignBasicLicences: true,
    directorySync: false,
    customerFullAdmins: ['boss@x.nl'],
    emailTakenElsewhere: (email) => email === 'other@elsewhere.nl',
    ...overrides,
  });
}

/**
 * The same customer as the import job plans it: facts once, then what the database answers for
 * a batch (here the whole customer, a superset of any batch's lookups).
 */
function batchedCustomer(overrides: Partial<CustomerSnapshot> = {}): BatchedCustomerState {
  const memory = customer(overrides);
  const snapshot = { users: USERS, ...overrides };
  const usage = new Map<string, number>();
  for (const stored of snapshot.users) {
    if (stored.packageId) usage.set(stored.packageId, (usage.get(stored.packageId) ?? 0) + 1);
    if (stored.addOns.attendant_console)
      usage.set('attendant_console', (usage.get('attendant_console') ?? 0) + 1);
  }
  const state = new BatchedCustomerState({
    soldPackages: memory.soldPackages,
    locations: [
      { id: 'ams', name: 'Amsterdam HQ', country: 'NL' },
      { id: 'rtm', name: 'Rotterdam', country: 'NL' },
    ],
    extensionLength: memory.extensionLength,
    defaultPackageTemplate: memory.defaultPackageTemplate,
    autoAssignBasicLicences: memory.autoAssignBasicLicences,
    directorySync: memory.directorySync,
    customerFullAdmins: overrides.customerFullAdmins ?? ['boss@x.nl'],
    usage,
  });
  const numbers = new Map(
    ['+31201234501', '+31201234502', '+31201234503', '+31107654301'].map((e164) => [
      e164,
      memory.numberEntry(e164)!,
    ]),
  );
  state.loadBatch({
    users: new Map(snapshot.users.map((stored) => [stored.email, stored])),
    foreignEmails: new Set(['other@elsewhere.nl']),
    numbers,
    extensionHolders: new Map(
      snapshot.users.flatMap((stored) =>
        stored.extension ? [[stored.extension, stored.email] as const] : [],
      ),
    ),
  });
  return state;
}

const STATES = [
  ['in memory', customer],
  ['batched, as the import job plans', batchedCustomer],
] as const;

async function planFile(state: PlanningState, csv: string, behaviour: ImportBehaviour) {
  const opened = await openCsv(bytesSource(new TextEncoder().encode(csv), 5));
  if (!opened.ok) return { fileError: opened.error.code, rows: [] as CsvRowPlan[], fileWarnings: [] };
  const planner = new CsvRowPlanner(opened.columns, behaviour, state);
  const rows: CsvRowPlan[] = [];
  for await (const record of opened.records) rows.push(planner.planRecord(record));
  return { fileError: null, rows, fileWarnings: opened.fileWarnings.map((issue) => issue.code) };
}

const EMAIL = 'User ID/Email (Required)';
const JABBER = 'Jabber with Webex Teams,Jabber Calling';

interface RowCase {
  /** The SPEC sentence (or rule) the case checks. */
  name: string;
  csv: string;
  behaviour?: ImportBehaviour;
  context?: Partial<CustomerSnapshot>;
  action: PlanAction;
  errors?: string[];
  warnings?: string[];
  /** Fields of the user after the row (its plan's `after`). */
  after?: Partial<UserState>;
}

const cases: RowCase[] = [
  // §6 REMOVE|<number>: in either behaviour; the package rules are checked after it.
  {
    name: 'REMOVE| of the own number (national format), add-only',
    csv: `${EMAIL},Phone Number\nanna@x.nl,REMOVE|020 123 4501\n`,
    action: 'modify',
    after: { phoneNumber: null, extension: '1001' },
  },
  {
    name: 'REMOVE| of the own number, add-remove',
    csv: `${EMAIL},Phone Number\nanna@x.nl,remove|+31201234501\n`,
    behaviour: 'add-remove',
    action: 'modify',
    after: { phoneNumber: null },
  },
  {
    name: "REMOVE| of a number that is not the user's is a row error",
    csv: `${EMAIL},Phone Number\nanna@x.nl,REMOVE|+31201234502\n`,
    action: 'error',
    errors: ['remove_number_not_held'],
  },
  {
    name: "REMOVE| of a number that is not the user's is a row error, also for a user without calling",
    csv: `${EMAIL},Phone Number\ncarla@x.nl,REMOVE|+31201234502\n`,
    action: 'error',
    errors: ['remove_number_not_held'],
  },
  {
    name: "REMOVE| of a number that is not the user's is a row error, also when the row moves them off calling",
    csv: `${EMAIL},Webex Meetings,Phone Number\nanna@x.nl,TRUE,REMOVE|+31201234502\n`,
    action: 'error',
    errors: ['remove_number_not_held'],
  },
  {
    name: 'REMOVE| on a row of an email nobody holds is a row error, not an unchanged row',
    csv: `${EMAIL},Phone Number\nnobody@x.nl,REMOVE|+31201234501\n`,
    action: 'error',
    errors: ['remove_number_not_held'],
  },
  {
    name: 'REMOVE| of the own number with a move to Meetings: released, no error',
    csv: `${EMAIL},Webex Meetings,Phone Number\nanna@x.nl,TRUE,REMOVE|+31201234501\n`,
    action: 'modify',
    after: { packageId: 'webex_meetings', phoneNumber: null, extension: null, locationId: null },
  },
  {
    name: 'REMOVE| then the package rules: a Voice user may be left without a number',
    csv: `${EMAIL},Phone Number\nvera@x.nl,REMOVE|+31201234503\n`,
    action: 'modify',
    after: { phoneNumber: null, locationId: 'ams' },
  },
  {
    name: 'REMOVE| then the package rules: Calling with no extension left is an error',
    csv: `${EMAIL},Webex Calling,Phone Number\nvera@x.nl,TRUE,REMOVE|+31201234503\n`,
    action: 'error',
    errors: ['number_or_extension_required'],
  },
  // §6 cells: booleans, the reverse of export's neutralizing.
  {
    name: 'TRUE/FALSE in any case, T/F, WAAR/ONWAAR',
    csv: `${EMAIL},Webex Calling,Webex Suite,Webex Meetings,Webex Voice,Jabber Calling\nanna@x.nl,t,onwaar,F,false,Onwaar\n`,
    action: 'unchanged',
  },
  {
    name: "a free-text cell starting with ' and = + - @ loses that '",
    csv: `${EMAIL},Title,Department,Manager,Display Name\ncarla@x.nl,'=SUM(A1),'+31,'-x,'@home\n`,
    action: 'modify',
    after: { title: '=SUM(A1)', department: '+31', manager: '-x', displayName: '@home' },
  },
  {
    name: "a ' before anything else stays",
    csv: `${EMAIL},Title\ncarla@x.nl,'quoted\n`,
    action: 'modify',
    after: { title: "'quoted" },
  },
  // §6 import-semantics table.
  {
    name: 'add-only: one package TRUE is a package change',
    csv: `${EMAIL},Webex Suite\nanna@x.nl,TRUE\n`,
    action: 'modify',
    after: { packageId: 'webex_suite', phoneNumber: '+31201234501', extension: '1001' },
  },
  {
    name: "add-only: FALSE on the user's package is ignored",
    csv: `${EMAIL},Webex Calling,Attendant Console,Basic Messaging\nanna@x.nl,FALSE,FALSE,FALSE\n`,
    action: 'unchanged',
  },
  {
    name: 'add-remove: FALSE on the package and TRUE on none removes the user',
    csv: `${EMAIL},Webex Calling,Webex Suite\nanna@x.nl,FALSE,FALSE\n`,
    behaviour: 'add-remove',
    action: 'remove',
  },
  {
    name: 'add-remove: the add-on is not counted by the all-removed rule',
    csv: `${EMAIL},Webex Suite,Attendant Console\nbram@x.nl,FALSE,TRUE\n`,
    behaviour: 'add-remove',
    action: 'remove',
  },
  {
    name: 'the add-on is not counted by the one-package rule',
    csv: `${EMAIL},Webex Calling,Attendant Console\nanna@x.nl,TRUE,TRUE\n`,
    action: 'modify',
    after: { addOns: { attendant_console: true } },
  },
  {
    name: 'add-remove: FALSE on the add-on unassigns it; blank changes nothing',
    csv: `${EMAIL},Attendant Console,Basic Messaging\nbram@x.nl,FALSE,\n`,
    behaviour: 'add-remove',
    action: 'modify',
    after: { addOns: { attendant_console: false }, basicLicences: ALL_BASIC },
  },
  {
    name: 'add-remove: basic licences only as the file says',
    csv: `${EMAIL},Basic Messaging,Calling from Webex\nnoba@x.nl,TRUE,\n`,
    behaviour: 'add-remove',
    action: 'modify',
    after: { basicLicences: { ...NO_BASIC, basic_messaging: true } },
  },
  {
    name: 'add-only: basic licences of a user who ends with a package are assigned automatically',
    csv: `${EMAIL},Title\nnoba@x.nl,Baker\n`,
    action: 'modify',
    after: { title: 'Baker', basicLicences: ALL_BASIC },
  },
  {
    name: 'add-only: FALSE cells equal to the stored licences are unchanged (an export re-imports unchanged)',
    csv: `${EMAIL},Webex Calling,Basic Messaging,Basic Space Meetings,Calling from Webex\nnoba@x.nl,TRUE,FALSE,FALSE,FALSE\n`,
    action: 'unchanged',
  },
  {
    name: 'other columns: a value sets it, blank changes nothing',
    csv: `${EMAIL},Title,Department,Preferred Webex Site\nanna@x.nl,Baker,,\n`,
    action: 'modify',
    after: { title: 'Baker', department: null, preferredWebexSite: 's.webex.com' },
  },
  // §6: a row removes the user when they end with no package; unknown email assigning nothing.
  {
    name: 'a row for an unknown email that assigns nothing is unchanged, with a warning',
    csv: `${EMAIL},First Name,Webex Calling\nnew@x.nl,New,FALSE\n`,
    behaviour: 'add-remove',
    action: 'unchanged',
    warnings: ['unknown_user_nothing_assigned'],
  },
  {
    name: 'a row that creates a user without package or template is an error',
    csv: `${EMAIL},Attendant Console,${JABBER}\nnew@x.nl,TRUE,FALSE,FALSE\n`,
    action: 'error',
    errors: ['package_required'],
  },
  {
    name: "a row that creates a user without package takes the customer's default package template",
    csv: `${EMAIL},${JABBER},Preferred Webex Site\nnew@x.nl,FALSE,FALSE,s.webex.com\n`,
    context: { defaultPackageTemplate: 'webex_meetings' },
    action: 'add',
    after: { packageId: 'webex_meetings', basicLicences: ALL_BASIC },
  },
  {
    name: "add-only ignores FALSE on the template's column: the template is used",
    csv: `${EMAIL},Webex Meetings,Webex Calling,${JABBER}\nnew@x.nl,FALSE,FALSE,FALSE,FALSE\n`,
    context: { defaultPackageTemplate: 'webex_meetings' },
    action: 'add',
    after: { packageId: 'webex_meetings' },
  },
  {
    name: "add-remove: FALSE on the template's column declines it (nothing assigned)",
    csv: `${EMAIL},Webex Meetings,${JABBER}\nnew@x.nl,FALSE,FALSE,FALSE\n`,
    behaviour: 'add-remove',
    context: { defaultPackageTemplate: 'webex_meetings' },
    action: 'unchanged',
    warnings: ['unknown_user_nothing_assigned'],
  },
  {
    name: 'the default package template still needs the Jabber columns of a new CSV user',
    csv: `${EMAIL},Preferred Webex Site\nnew@x.nl,s.webex.com\n`,
    context: { defaultPackageTemplate: 'webex_meetings' },
    action: 'error',
    errors: ['jabber_required', 'jabber_required'],
  },
  {
    name: 'the default package template still needs number and location',
    csv: `${EMAIL},${JABBER},Preferred Webex Site\nnew@x.nl,FALSE,FALSE,s.webex.com\n`,
    context: { defaultPackageTemplate: 'webex_calling' },
    action: 'error',
    errors: ['number_or_extension_required', 'location_required'],
  },
  // §6 row rules, §3 and §4.
  {
    name: 'at most one package TRUE',
    csv: `${EMAIL},Webex Calling,Webex Voice\nanna@x.nl,TRUE,TRUE\n`,
    action: 'error',
    errors: ['multiple_packages'],
  },
  {
    name: 'email of another customer',
    csv: `${EMAIL},Webex Meetings,${JABBER}\nOTHER@elsewhere.nl,TRUE,FALSE,FALSE\n`,
    action: 'error',
    errors: ['email_taken_elsewhere'],
  },
  {
    name: 'unknown location',
    csv: `${EMAIL},Location\nanna@x.nl,Utrecht\n`,
    action: 'error',
    errors: ['unknown_location'],
  },
  {
    name: 'missing preferred site is a warning, not an error',
    csv: `${EMAIL},Webex Meetings,${JABBER}\nnew@x.nl,TRUE,FALSE,FALSE\n`,
    action: 'add',
    warnings: ['preferred_site_missing'],
  },
  {
    name: 'Voice needs no preferred site, number or location',
    csv: `${EMAIL},Webex Voice,${JABBER}\nnew@x.nl,TRUE,FALSE,FALSE\n`,
    action: 'add',
    warnings: [],
  },
  // §3 forbidden changes and full-admin protections.
  ...(['anna@x.nl', 'bram@x.nl', 'cx@x.nl'] as const).map((email): RowCase => ({
    name: `professional calling -> Calling Standard is forbidden (${email})`,
    csv: `${EMAIL},Webex Calling Standard\n${email},TRUE\n`,
    action: 'error',
    errors: ['forbidden_change'],
  })),
  {
    name: 'Voice -> Calling Standard is allowed (with its number, kept from Voice)',
    csv: `${EMAIL},Webex Calling Standard\nvera@x.nl,TRUE\n`,
    action: 'modify',
    after: { packageId: 'webex_calling_standard', phoneNumber: '+31201234503', locationId: 'ams' },
  },
  {
    name: 'a customer full admin cannot be moved to a lower package',
    csv: `${EMAIL},Webex Calling\nboss@x.nl,TRUE\n`,
    action: 'error',
    errors: ['admin_downgrade'],
  },
  {
    name: 'the only customer full admin cannot be removed by CSV',
    csv: `${EMAIL},Webex Suite\nboss@x.nl,FALSE\n`,
    behaviour: 'add-remove',
    action: 'error',
    errors: ['only_full_admin_removal'],
  },
  {
    name: 'one of two customer full admins can be removed',
    csv: `${EMAIL},Webex Suite\nboss@x.nl,FALSE\n`,
    behaviour: 'add-remove',
    context: { customerFullAdmins: ['boss@x.nl', 'bram@x.nl'] },
    action: 'remove',
  },
  // §3 number + location, release, Voice keeps.
  {
    name: 'a change to a number package without the information is an error',
    csv: `${EMAIL},Webex Calling\ncarla@x.nl,TRUE\n`,
    action: 'error',
    errors: ['number_or_extension_required', 'location_required'],
  },
  {
    name: 'a change to a number package needs no information the user already has',
    csv: `${EMAIL},Webex Calling\ndirk@x.nl,TRUE\n`,
    action: 'modify',
    after: { packageId: 'webex_calling', extension: '1003', locationId: 'ams' },
  },
  {
    name: 'a change to Voice keeps number, extension and location',
    csv: `${EMAIL},Webex Voice\nanna@x.nl,TRUE\n`,
    action: 'modify',
    after: { packageId: 'webex_voice', phoneNumber: '+31201234501', extension: '1001', locationId: 'ams' },
  },
  {
    name: 'a change to a package without calling releases number, extension and location',
    csv: `${EMAIL},Webex Meetings\nanna@x.nl,TRUE\n`,
    action: 'modify',
    after: { packageId: 'webex_meetings', phoneNumber: null, extension: null, locationId: null },
  },
  // §3 add-on.
  {
    name: 'the add-on is dropped with a warning when a package change no longer allows it',
    csv: `${EMAIL},Webex Voice\nbram@x.nl,TRUE\n`,
    action: 'modify',
    warnings: ['add_on_dropped'],
    after: { packageId: 'webex_voice', addOns: { attendant_console: false } },
  },
  {
    name: 'the add-on is kept when the new package allows it',
    csv: `${EMAIL},Webex Calling\nbram@x.nl,TRUE\n`,
    action: 'modify',
    warnings: [],
    after: { packageId: 'webex_calling', addOns: { attendant_console: true } },
  },
  {
    name: 'the add-on only with Calling, Suite or Customer Assist',
    csv: `${EMAIL},Attendant Console\ndirk@x.nl,TRUE\n`,
    action: 'error',
    errors: ['add_on_not_allowed'],
  },
  // §5 directory sync.
  {
    name: 'directory sync: names are read-only',
    csv: `${EMAIL},First Name\ncarla@x.nl,Karla\n`,
    context: { directorySync: true },
    action: 'error',
    errors: ['directory_sync_read_only'],
  },
  {
    name: 'directory sync: other fields can still be set',
    csv: `${EMAIL},Title\ncarla@x.nl,Baker\n`,
    context: { directorySync: true },
    action: 'modify',
  },
  // ADR 0067: while sync is on the directory creates the users; existing users still change.
  {
    name: 'directory sync: a row for an email that is not a user is an error (users come from the directory)',
    csv: `${EMAIL},Webex Meetings,${JABBER}\nnew@x.nl,TRUE,FALSE,FALSE\n`,
    context: { directorySync: true },
    action: 'error',
    errors: ['directory_users_only'],
  },
  {
    name: 'directory sync: also with the default package template and also when the row assigns nothing',
    csv: `${EMAIL},Title\nnew@x.nl,Baker\n`,
    behaviour: 'add-remove',
    context: { directorySync: true, defaultPackageTemplate: 'webex_meetings' },
    action: 'error',
    errors: ['directory_users_only'],
    warnings: [],
  },
  {
    name: "directory sync: another customer's email gets the directory error, not the probe answer",
    csv: `${EMAIL},Webex Meetings\nother@elsewhere.nl,TRUE\n`,
    context: { directorySync: true },
    action: 'error',
    errors: ['directory_users_only'],
  },
  {
    name: 'directory sync: an invalid email is still reported as invalid',
    csv: `${EMAIL},Webex Meetings\nnot-an-email,TRUE\n`,
    context: { directorySync: true },
    action: 'error',
    errors: ['invalid_email'],
  },
  {
    name: 'directory sync: an existing user still changes package and number',
    csv: `${EMAIL},Webex Calling,Phone Number,Extension,Location\ncarla@x.nl,TRUE,+31201234502,1009,Amsterdam HQ\n`,
    context: { directorySync: true },
    action: 'modify',
    after: { packageId: 'webex_calling', phoneNumber: '+31201234502', extension: '1009', locationId: 'ams' },
  },
  {
    name: 'directory sync off: the same new-user row adds the user',
    csv: `${EMAIL},Webex Meetings,${JABBER},Preferred Webex Site\nnew@x.nl,TRUE,FALSE,FALSE,s.webex.com\n`,
    action: 'add',
    after: { packageId: 'webex_meetings' },
  },
  // §6 `unchanged`: normalized E.164, email case, booleans, location case; warnings again.
  {
    name: 'unchanged: national number, upper-case email, location case, T',
    csv: `${EMAIL},Phone Number,Extension,Location,Webex Calling\nANNA@X.NL,020-1234501,1001,amsterdam hq,t\n`,
    action: 'unchanged',
  },
  {
    name: 'unchanged rows carry their warnings again',
    csv: `${EMAIL},Webex Meetings\ncarla@x.nl,TRUE\n`,
    context: { users: [user('carla@x.nl', { packageId: 'webex_meetings', preferredWebexSite: null })] },
    action: 'unchanged',
    warnings: ['preferred_site_missing'],
  },
];

describe.each(STATES)('SPEC §6 rows, to the letter (%s)', (_name, makeState) => {
  it.each(cases)('$name', async (testCase) => {
    const { rows, fileError } = await planFile(
      makeState(testCase.context),
      testCase.csv,
      testCase.behaviour ?? 'add-only',
    );
    expect(fileError).toBeNull();
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect({ action: row!.action, errors: row!.errors.map((issue) => issue.code) }).toEqual({
      action: testCase.action,
      errors: testCase.errors ?? [],
    });
    if (testCase.warnings) expect(row!.warnings.map((issue) => issue.code)).toEqual(testCase.warnings);
    if (testCase.after) expect(row!.plan.after).toMatchObject(testCase.after);
  });
});

describe.each(STATES)('SPEC §6 rows see the rows before them (%s)', (_name, makeState) => {
  it('a number freed by REMOVE| and an extension freed by a removal can be taken by later rows', async () => {
    const header = `${EMAIL},Phone Number,Extension,Location,Webex Calling,Webex Suite,${JABBER},Preferred Webex Site`;
    const csv = [
      header,
      'anna@x.nl,REMOVE|+31201234501,,,,,,,',
      'new1@x.nl,+31201234501,,Amsterdam HQ,TRUE,,FALSE,FALSE,s',
      'bram@x.nl,,,,,FALSE,,,',
      'new2@x.nl,,1002,Amsterdam HQ,TRUE,,FALSE,FALSE,s',
      'new3@x.nl,+31201234501,1002,Amsterdam HQ,TRUE,,FALSE,FALSE,s',
      '',
    ].join('\n');
    const { rows } = await planFile(makeState(), csv, 'add-remove');
    expect(rows.map((row) => [row.rowNumber, row.action, row.errors.map((e) => e.code)])).toEqual([
      [2, 'modify', []],
      [3, 'add', []],
      [4, 'remove', []],
      [5, 'add', []],
      [6, 'error', ['extension_taken', 'number_taken']],
    ]);
  });
});

describe('SPEC §6 files', () => {
  it.each([
    ['English and Dutch for the same field', `${EMAIL},First Name,Voornaam\n`],
    ['two subscriptions of one package', `${EMAIL},Webex Calling [Sub1],webex calling [Sub2]\n`],
    ['the email twice', `${EMAIL},Gebruikers-ID/e-mail (verplicht)\n`],
  ])('two headers for the same field reject the file: %s', async (_name, csv) => {
    expect((await planFile(customer(), `${csv}anna@x.nl,a,b\n`, 'add-only')).fileError).toBe(
      'duplicate_column',
    );
  });

  it('reports unknown columns once, as a file warning, and ignores them', async () => {
    const csv = `${EMAIL},Shoe Size,Title,Hat\nanna@x.nl,44,Baker,L\ncarla@x.nl,38,,M\n`;
    const { rows, fileWarnings } = await planFile(customer(), csv, 'add-only');
    expect(fileWarnings).toEqual(['unknown_columns']);
    expect(rows.map((row) => [row.action, row.warnings.length])).toEqual([
      ['modify', 0],
      ['unchanged', 0],
    ]);
  });

  it('ignores the read-only columns on import', async () => {
    const csv = `${EMAIL},User Status*,Last Service Accessed Time*,Days since Last Service Accessed*\nanna@x.nl,Suspended,yesterday,3\n`;
    expect((await planFile(customer(), csv, 'add-only')).rows.map((row) => row.action)).toEqual([
      'unchanged',
    ]);
  });

  it('a duplicate email in the file is an error on the later row, whatever its case', async () => {
    const csv = `${EMAIL},Title\nanna@x.nl,A\ncarla@x.nl,C\nAnna@X.nl,B\n`;
    const { rows } = await planFile(customer(), csv, 'add-only');
    expect(rows.map((row) => [row.rowNumber, row.action, row.errors.map((e) => e.code)])).toEqual([
      [2, 'modify', []],
      [3, 'modify', []],
      [4, 'error', ['duplicate_email_in_file']],
    ]);
  });

  it.each([
    [
      'a ; row in a comma file, email first',
      `${EMAIL},Title\nanna@x.nl;Baker\ncarla@x.nl,Cook\n`,
      ';',
      'anna@x.nl',
    ],
    [
      'a ; row in a comma file, email second',
      `Title,${EMAIL}\nBaker;Anna@X.nl\nCook,carla@x.nl\n`,
      ';',
      'anna@x.nl',
    ],
    ['a , row in a semicolon file', `${EMAIL};Title\n"anna@x.nl,Baker"\ncarla@x.nl;Cook\n`, ',', 'anna@x.nl'],
  ])(
    'a row saved with the other separator says so, not "email required": %s',
    async (_name, csv, separator, email) => {
      const { rows } = await planFile(customer(), csv, 'add-only');
      expect(rows.map((row) => [row.action, row.email, row.errors])).toEqual([
        ['error', email, [{ code: 'other_separator', params: { separator } }]],
        ['modify', 'carla@x.nl', []],
      ]);
    },
  );

  it('a one-cell row without an email in it keeps its own errors', async () => {
    const csv = `Title,${EMAIL}\nBaker;Cook\n`;
    const { rows } = await planFile(customer(), csv, 'add-only');
    expect(rows[0]?.errors.map((error) => error.code)).toEqual(['email_required']);
  });

  it('a bad row never blocks the others and changes nothing', async () => {
    const csv = `${EMAIL},Extension,Title\nanna@x.nl,1002,Taken\ncarla@x.nl,,Baker\n`;
    const state = customer();
    const { rows } = await planFile(state, csv, 'add-only');
    expect(rows.map((row) => row.action)).toEqual(['error', 'modify']);
    expect(state.user('anna@x.nl')).toEqual(USERS[0]);
  });

  it('numbers rows as a spreadsheet: header 1, a multi-line record one row, an empty line a skipped row', async () => {
    const csv = `${EMAIL},Title\r\nanna@x.nl,"two\r\nlines"\r\n\r\ncarla@x.nl,C\r\n,\r\ndirk@x.nl,D\r\n`;
    const { rows } = await planFile(customer(), csv, 'add-only');
    expect(rows.map((row) => [row.rowNumber, row.line, row.email])).toEqual([
      [2, 2, 'anna@x.nl'],
      [4, 5, 'carla@x.nl'],
      [6, 7, 'dirk@x.nl'],
    ]);
  });

  it('an export re-imported is all unchanged, in either behaviour, with its warnings again', async () => {
    const state = customer({
      users: [
        ...USERS,
        user('weird@x.nl', {
          packageId: 'webex_meetings',
          title: '=HYPERLINK("x")',
          department: "'@quoted",
          manager: '-1',
          preferredWebexSite: null,
          callerIdNumber: '+31201234599',
          jabberCalling: true,
        }),
      ],
    });
    const lines = [...state.users()].map((stored) =>
      userToExportRow(stored, {
        locationName: stored.locationId === 'ams' ? 'Amsterdam HQ' : null,
        userStatus: 'Active',
      }),
    );
    const csv = stringify([[...EXPORT_HEADERS], ...lines]);
    for (const behaviour of ['add-only', 'add-remove'] as const) {
      const { rows } = await planFile(customer({ users: [...state.users()] }), csv, behaviour);
      expect(rows.map((row) => [row.email, row.action, row.errors])).toEqual(
        [...state.users()].map((stored) => [stored.email, 'unchanged', []]),
      );
      // Meetings without a site warns again; Voice (dirk) needs no site.
      expect(rows.filter((row) => row.warnings.length > 0).map((row) => row.email)).toEqual(['weird@x.nl']);
    }
  });
});
