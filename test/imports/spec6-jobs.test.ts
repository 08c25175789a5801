// SPEC §6, the sentences about jobs, the error report and the export, through the import service
// and the job worker on the real database(s). The row rules are in spec6-rows.test.ts.
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { exportUsersCsv } from '../../src/services/exports/export-users.ts';
import { createImport } from '../../src/services/imports/create-import.ts';
import { applyDryRun, errorReportCsv, getImport } from '../../src/services/imports/import-queries.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { collectOutcome, drainJobs, runImportFile } from './import-helpers.ts';
import { bytesBody, createFixtureCustomer, type FixtureCustomer } from './import-setup.ts';

const HEADER =
  'User ID/Email (Required),First Name,Title,Phone Number,Extension,Location,Webex Calling,Webex Meetings,Jabber with Webex Teams,Jabber Calling,Preferred Webex Site';
const callingRow = (email: string, number: string, extension: string) =>
  `${email},,,${number},${extension},Amsterdam HQ,TRUE,,FALSE,FALSE,s.webex.com`;
const csv = (...rows: string[]) => new TextEncoder().encode(`${[HEADER, ...rows].join('\n')}\n`);

describe('SPEC §6 jobs, error report and export', () => {
  const database = useTestDatabase();
  let customer: FixtureCustomer;

  const upload = (bytes: Uint8Array, dryRun: boolean) =>
    createImport(customer.context, {
      customerRef: customer.customerId,
      behaviour: 'add-only',
      dryRun,
      fileName: 'test.csv',
      body: bytesBody(bytes),
    });
  const status = async (id: string) => (await getImport(customer.context, customer.customerId, id)).status;

  it('a dry run blocks nothing; applying it re-validates against the current data and queues it at the end', async () => {
    customer = await createFixtureCustomer(database());
    const dry = await upload(
      csv(
        callingRow('z1@devries.example', '+31201234510', '1510'),
        callingRow('z2@devries.example', '+31201234511', '1511'),
      ),
      true,
    );
    await drainJobs(database());
    expect((await collectOutcome(customer.context, customer.customerId, dry.id)).byRow).toEqual({
      2: 'add',
      3: 'add',
    });
    expect(await status(dry.id)).toBe('validated');

    // An unapplied dry run blocks nothing: a later upload of the same customer runs.
    const later = await upload(csv(callingRow('y1@devries.example', '+31201234510', '1610')), false);
    await drainJobs(database());
    expect(await status(later.id)).toBe('completed');
    expect(await status(dry.id)).toBe('validated');

    // Uploaded before the dry run is applied: it runs first.
    const queued = await upload(csv(callingRow('y2@devries.example', '+31201234511', '1611')), false);
    await applyDryRun(customer.context, customer.customerId, dry.id);
    await drainJobs(database());
    expect(await status(queued.id)).toBe('completed');
    const applied = await collectOutcome(customer.context, customer.customerId, dry.id);
    expect(applied.view.status).toBe('completed_with_errors');
    expect(applied.byRow).toEqual({ 2: 'error', 3: 'error' });
    expect(applied.rows.map((row) => row.issues.map((issue) => issue.code))).toEqual([
      ['number_taken'],
      ['number_taken'],
    ]);
    const holders = await database()
      .db.selectFrom('users')
      .select(['email', 'phone_number'])
      .where('phone_number', 'in', ['+31201234510', '+31201234511'])
      .orderBy('email')
      .execute();
    expect(holders).toEqual([
      { email: 'y1@devries.example', phone_number: '+31201234510' },
      { email: 'y2@devries.example', phone_number: '+31201234511' },
    ]);
  });

  it('the error report holds the failed rows as uploaded, an Error column and the physical line', async () => {
    const header =
      'Gebruikers-ID/e-mail (verplicht);Functie;Toestel;Locatie;Webex Calling;Jabber met Webex Teams;Jabber Calling;Onbekend';
    const text = [
      header,
      'ok1@devries.example;"twee\r\nregels";1701;Amsterdam HQ;WAAR;ONWAAR;ONWAAR;x',
      '',
      "bad1@devries.example;'=1+1;1702;Utrecht;WAAR;ONWAAR;ONWAAR;y",
      'bad2@devries.example;"drie\r\nregels\r\nhier";17;Amsterdam HQ;waar;ONWAAR;ONWAAR;z',
      '',
    ].join('\r\n');
    const outcome = await runImportFile(
      database(),
      customer.context,
      customer.customerId,
      new TextEncoder().encode(text),
      'add-only',
    );
    expect(outcome.rows.map((row) => [row.row, row.line, row.action])).toEqual([
      [2, 2, 'add'],
      [4, 5, 'error'],
      [5, 6, 'error'],
    ]);
    const report = (
      await buffer(await errorReportCsv(customer.context, customer.customerId, outcome.view.id))
    )
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const expected = [
      `${header};Error;Line`,
      `bad1@devries.example;'=1+1;1702;Utrecht;WAAR;ONWAAR;ONWAAR;y;"Row 4, Location: `,
    ];
    const lines = report.split('\n');
    expect(lines[0]).toBe(expected[0]);
    expect(lines[1]!.startsWith(expected[1]!)).toBe(true);
    expect(lines[1]!.endsWith(';5')).toBe(true);
    expect(report).toContain(
      'bad2@devries.example;"drie\r\nregels\r\nhier";17;Amsterdam HQ;waar;ONWAAR;ONWAAR;z;',
    );
    expect(report.trimEnd().endsWith(';6')).toBe(true);
  });

  it('exports in the SPEC order, suspended users as Suspended, free text neutralized, numbers as they are', async () => {
    await database()
      .db.updateTable('users')
      .set({ suspended: true, title: '@boss' })
      .where('email', '=', 'y1@devries.example')
      .execute();
    const text = (await buffer((await exportUsersCsv(customer.context, customer.customerId)).body))
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const [header, ...rows] = text.trimEnd().split('\n');
    expect(header!.split(',')).toEqual([
      'First Name',
      'Last Name',
      'Display Name',
      'User ID/Email (Required)',
      'User Status*',
      'Last Service Accessed Time*',
      'Days since Last Service Accessed*',
      'Extension',
      'Title',
      'Department',
      'Manager',
      'Phone Number',
      'Caller ID Number',
      'Caller ID First Name',
      'Caller ID Last Name',
      'Location',
      'Preferred Language',
      'Time zone',
      'Jabber with Webex Teams',
      'Jabber Calling',
      'Preferred Webex Site',
      'Basic Messaging',
      'Basic Space Meetings',
      'Calling from Webex',
      'Webex Voice',
      'Webex Calling',
      'Webex Calling Standard',
      'Webex Meetings',
      'Webex Suite',
      'Customer Assist',
      'Attendant Console',
    ]);
    const y1 = rows.find((row) => row.includes('y1@devries.example'))!.split(',');
    expect(y1[4]).toBe('Suspended');
    expect(y1[8]).toBe("'@boss");
    expect(y1[11]).toBe('+31201234510');
    const y2 = rows.find((row) => row.includes('y2@devries.example'))!.split(',');
    expect(y2[4]).toBe('Active');
    // Re-imported: all unchanged, the suspended user included (User Status is read-only).
    const again = await runImportFile(
      database(),
      customer.context,
      customer.customerId,
      new TextEncoder().encode(text),
      'add-only',
    );
    expect(new Set(Object.values(again.byRow))).toEqual(new Set(['unchanged']));
  });
});
