// An export re-imported is all `unchanged` (SPEC §6), also for stored free text that starts with
// quotes before a formula character: the export row goes through the real CSV reader and planner.
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { InMemoryCustomerState } from '../users/in-memory-customer-state.ts';
import { emptyUser, type UserState } from '../users/user-state.ts';
import { EXPORT_HEADERS, userToExportRow } from './export-row.ts';
import { CsvRowPlanner } from './plan-csv-rows.ts';
import { bytesSource, openCsv } from './read-csv.ts';

function storedUser(email: string, text: Partial<UserState>): UserState {
  return {
    ...emptyUser(email),
    packageId: 'webex_meetings',
    basicLicences: { basic_messaging: true, basic_space_meetings: true, calling_from_webex: true },
    ...text,
  };
}

const USERS: UserState[] = [
  storedUser('quoted@example.com', {
    title: "'=x",
    department: "''+1",
    manager: "'''@boss",
    displayName: "'-minus",
  }),
  storedUser('plain@example.com', {
    title: '=SUM(A1)',
    department: '-5',
    manager: '@boss',
    displayName: "'Anna",
  }),
  storedUser('mixed@example.com', { firstName: "O'Brien", lastName: "'", title: "'' =x" }),
];

function customer(): InMemoryCustomerState {
  return new InMemoryCustomerState({
    soldPackages: [{ packageId: 'webex_meetings', limit: null }],
    locations: [],
    numbers: [],
    users: USERS,
    extensionLength: 4,
    defaultPackageTemplate: null,
    autoAssignBasicLicences: true,
    directorySync: false,
    customerFullAdmins: [],
    emailTakenElsewhere: () => false,
  });
}

describe('userToExportRow', () => {
  it('adds one quote to free text that starts with quotes before a formula character', () => {
    const row = userToExportRow(USERS[0]!, { locationName: null, userStatus: 'Active' });
    const cell = (header: string) => row[EXPORT_HEADERS.indexOf(header)];
    expect(cell('Title')).toBe("''=x");
    expect(cell('Department')).toBe("'''+1");
    expect(cell('Manager')).toBe("''''@boss");
    expect(cell('Display Name')).toBe("''-minus");
  });

  it('re-imports as unchanged, stored quotes included', async () => {
    const state = customer();
    const records = USERS.map((user) => userToExportRow(user, { locationName: null, userStatus: 'Active' }));
    const csv = stringify([EXPORT_HEADERS as string[], ...records]);
    const opened = await openCsv(bytesSource(new TextEncoder().encode(csv), 7));
    if (!opened.ok) throw new Error(`file rejected: ${opened.error.code}`);
    const planner = new CsvRowPlanner(opened.columns, 'add-only', state);
    const plans = [];
    for await (const record of opened.records) plans.push(planner.planRecord(record));
    expect(plans.map((plan) => [plan.email, plan.action, plan.plan.changes])).toEqual(
      USERS.map((user) => [user.email, 'unchanged', []]),
    );
  });
});
